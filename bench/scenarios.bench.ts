/**
 * Issue #16: a design with 50 scenarios stays interactive. Each scenario gets the whole
 * analysis (figures, estimate with the load, checks), so a keystroke costs more the more
 * scenarios there are. Side by side in one process, alternating on every keystroke: the
 * photo-sharing example as it is (two scenarios) against the same design with 50, each
 * analyzer reused across keystrokes as the language server does, typing into a label.
 *
 * Run: npm run bench:scenarios            (50 scenarios, 60 keystrokes)
 *      npm run bench:scenarios -- 200 100 (scenarios, keystrokes)
 * Prints the medians and their ratio; writes bench/results-scenarios.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAnalyzer } from '../src/core/analyse';

const root = path.join(__dirname, '..');
const count = Number(process.argv[2] ?? 50);
const keystrokes = Number(process.argv[3] ?? 60);
const example = readFileSync(path.join(root, 'examples', 'photo-sharing.sysdesign.yaml'), 'utf8');

/** `n` scenarios that each change the load (and so the whole analysis): more users, more replicas, a component down. */
function withScenarios(text: string, n: number): string {
  const base = text.slice(0, text.indexOf('\nscenarios:'));
  const items: string[] = [];
  for (let i = 0; i < n; i++) {
    items.push(
      `  - id: s${i}`,
      `    label: Scenario ${i}`,
      '    set:',
      `      dau: ${10 + i}M`,
      `      components.api.replicas: ${8 + Math.floor(i / 4)}`,
      `      values.hit_ratio: ${90 - (i % 10)}%`,
      ...(i % 5 === 0 ? ['    fail: [feed-cache]'] : []),
    );
  }
  return `${base}\nscenarios:\n${items.join('\n')}\n`;
}

const designs = { two: example, many: withScenarios(example, count) };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function run(): Record<string, number> {
  const analyzers = { two: createAnalyzer(), many: createAnalyzer() };
  const times: Record<'two' | 'many', number[]> = { two: [], many: [] };
  // Typing into the design's name: a change the load does not read, as most keystrokes are.
  const typed = (key: 'two' | 'many', suffix: string) => designs[key].replace('name: Photo sharing', `name: Photo sharing${suffix}`);
  for (const key of ['two', 'many'] as const) for (let i = 0; i < 10; i++) analyzers[key].analyse(typed(key, 'w'.repeat(i)));
  let suffix = '';
  for (let k = 0; k < keystrokes; k++) {
    suffix += String.fromCharCode(97 + (k % 26));
    for (const key of k % 2 === 0 ? (['two', 'many'] as const) : (['many', 'two'] as const)) {
      const text = typed(key, suffix);
      const start = performance.now();
      const a = analyzers[key].analyse(text);
      times[key].push(performance.now() - start);
      if (a.scenarios.length !== (key === 'two' ? 2 : count)) throw new Error(`${key}: ${a.scenarios.length} scenarios analysed`);
    }
  }
  return { two_ms: median(times.two), many_ms: median(times.many), ratio: median(times.many) / median(times.two) };
}

const result = run();
const lines = [
  `keystroke on photo-sharing (${designs.two.split('\n').length} lines) with 2 scenarios: median ${result.two_ms.toFixed(2)} ms`,
  `the same with ${count} scenarios (${designs.many.split('\n').length} lines): median ${result.many_ms.toFixed(2)} ms`,
  `ratio ${result.ratio.toFixed(1)}x (${keystrokes} keystrokes each, alternating)`,
];
for (const l of lines) console.log(l);
writeFileSync(
  path.join(root, 'bench', 'results-scenarios.json'),
  JSON.stringify({ scenarios: count, keystrokes, ...result, node: process.version, date: new Date().toISOString() }, null, 2) + '\n',
);
