/**
 * How long `analyse` takes on generated designs, cold (a new analyzer, as on open) and
 * warm (the same analyzer after a one-character edit, as when typing). Prints medians.
 * Run: npm run bench:analyse
 */
import { createAnalyzer } from '../src/core/analyse';
import { generateDesign } from '../test/support/generate';

const sizes = (process.argv[2] ?? '100,1000,10000').split(',').map(Number);
const runs = Number(process.argv[3] ?? 30);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

console.log(`node ${process.version}, ${runs} runs per size`);
console.log('lines   chars     problems  cold median  edit median');
for (const lines of sizes) {
  const text = generateDesign(lines);
  const cold: number[] = [];
  const edit: number[] = [];
  let problems = 0;
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    const analyzer = createAnalyzer();
    problems = analyzer.analyse(text).problems.length;
    cold.push(performance.now() - t);
    // An edit inside a description, the shape of typing.
    const edited = text.replace('Users do thing 0', `Users do thing 0${'x'.repeat(i + 1)}`);
    t = performance.now();
    analyzer.analyse(edited);
    edit.push(performance.now() - t);
  }
  const actual = text.split('\n').length - 1;
  console.log(
    `${String(actual).padEnd(8)}${String(text.length).padEnd(10)}${String(problems).padEnd(10)}${median(cold).toFixed(2).padStart(8)} ms ${median(edit).toFixed(2).padStart(9)} ms`,
  );
}
