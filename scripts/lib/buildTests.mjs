// Bundles the integration suite for the extension host: out/test/integration/suite/
// index.js (the `run()` entry) and one file per `*.integration.test.ts`. Packages
// (mocha, and `vscode` which the host provides) stay external and load from node_modules.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './rig.mjs';

export const integrationOutDir = join(root, 'out', 'test', 'integration', 'suite');
export const integrationEntry = join(integrationOutDir, 'index'); // VS Code adds ".js"

export async function buildIntegrationSuite() {
  const srcDir = join(root, 'test', 'integration', 'suite');
  const tests = readdirSync(srcDir).filter((name) => name.endsWith('.integration.test.ts'));
  rmSync(integrationOutDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [join(srcDir, 'index.ts'), ...tests.map((name) => join(srcDir, name))],
    outdir: integrationOutDir,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return tests.length;
}
