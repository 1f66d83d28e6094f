// One esbuild script, one context per target. `node scripts/build.mjs [--watch] [--production]`.
// Type checking is separate (`npm run typecheck`): esbuild only strips types.
import * as esbuild from 'esbuild';
import { buildOptions } from './lib/buildTargets.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const targets = buildOptions({ production });

const contexts = await Promise.all(targets.map((t) => esbuild.context(t)));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log(`watching ${targets.length} targets`);
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  console.log(`built ${targets.map((t) => t.outfile).join(', ')}`);
}
