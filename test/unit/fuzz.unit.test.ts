/**
 * The fuzz harness (`scripts/fuzz.mjs`, `test/fuzz/`): a short campaign with a fixed
 * seed must pass, and the parent must survive a child that aborts or hangs, report
 * exactly that case and go on with the rest. `npm run fuzz` is the long campaign.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyseText } from '../../src/core/analyse';
import { MAX_TREE_DEPTH } from '../../src/core/yaml/depth';
import { MAX_YAML_ERRORS } from '../../src/core/yaml/parse';
import { applyMutations, caseSeed, generateCase, loadBases } from '../fuzz/cases';
import { mermaidProblems, runPipeline, stripCodeSpans } from '../fuzz/checks';
import { FLOWCHART_LINES } from '../support/mermaidShapes';

const root = path.join(__dirname, '..', '..');
const runner = path.join(root, 'scripts', 'fuzz.mjs');

interface Summary {
  seed: number;
  requested: number;
  run: number;
  failures: Array<{ index: number; reason: string; file?: string }>;
  medianMs: number;
  p99Ms: number;
  totalMs: number;
  children: number;
}

/** Runs the fuzz runner to its end (waiting on the process's `close`, never a sleep). */
function fuzz(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string; summary: Summary }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runner, '--json', ...args], {
      cwd: root,
      env: { ...process.env, SYSDESIGN_FUZZ_SELFTEST: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = output.split('\n').find((l) => l.startsWith('FUZZ-SUMMARY '));
      if (!line) {
        reject(new Error(`no summary from the fuzz runner (exit ${code}):\n${output}`));
        return;
      }
      resolve({ code, output, summary: JSON.parse(line.slice('FUZZ-SUMMARY '.length)) as Summary });
    });
  });
}

describe('fuzz: the whole pipeline under generated inputs', function () {
  let out: string;
  before(() => {
    out = mkdtempSync(path.join(tmpdir(), 'sysdesign-fuzz-'));
  });
  after(() => {
    rmSync(out, { recursive: true, force: true });
  });

  it('a short campaign (200 cases, fixed seed) finds no failure', async function () {
    this.timeout(60_000);
    const { code, output, summary } = await fuzz(['--cases', '200', '--seed', '20261125', '--out', out]);
    assert.deepEqual(summary.failures, [], output);
    assert.equal(summary.run, 200);
    assert.equal(summary.requested, 200);
    assert.equal(code, 0, output);
  });

  it('the parent survives a child that aborts or hangs, reports exactly that case, and goes on', async function () {
    this.timeout(60_000);
    // Case 1 calls process.abort(), case 3 never ends; the watchdog must kill it.
    const { code, output, summary } = await fuzz(['--cases', '5', '--seed', '99', '--watchdog-ms', '4000', '--out', out], { SYSDESIGN_FUZZ_SELFTEST: 'crash@1,hang@3' });
    assert.equal(code, 1, output);
    assert.equal(summary.run, 5, output);
    assert.deepEqual(
      summary.failures.map((f) => f.index),
      [1, 3],
      output,
    );
    assert.match(summary.failures[0].reason, /died \(signal SIGABRT\)/);
    assert.match(summary.failures[1].reason, /^hang: no answer within 4000 ms, child killed$/);
    assert.equal(summary.children, 3, 'one child to start, one after each death');
    for (const f of summary.failures) {
      assert.equal(f.file, path.join(out, 'failures', `99-${f.index}.sysdesign.yaml`));
      assert.ok(existsSync(f.file!), `the input of case ${f.index} was saved`);
    }
    // The saved inputs are the generated cases (regenerated from seed and index), and replay through the same checks.
    const bases = loadBases(root);
    assert.equal(readFileSync(summary.failures[0].file!, 'utf8'), generateCase(bases, 99, 1).text);
    const replay = await fuzz(['--replay', ...summary.failures.map((f) => f.file!), '--out', out]);
    assert.deepEqual(replay.summary.failures, [], replay.output);
    assert.equal(replay.summary.run, 2);
  });

  it('a case is the same whatever ran before it (replay by seed and index)', () => {
    const bases = loadBases(root);
    const a = generateCase(bases, 123, 7);
    generateCase(bases, 123, 6);
    assert.deepEqual(generateCase(bases, 123, 7), a);
    assert.notEqual(caseSeed(123, 7), caseSeed(123, 8));
    assert.notEqual(caseSeed(123, 7), caseSeed(124, 7));
  });

  it('the checks catch what they must: a bad Mermaid line, raw HTML in Markdown prose', () => {
    assert.deepEqual(runPipeline({ text: readFileSync(path.join(root, 'examples', 'photo-sharing.sysdesign.yaml'), 'utf8') }), []);
    assert.deepEqual(mermaidProblems('flowchart LR\n  n0["a"]\n  n0 --> n1\n', FLOWCHART_LINES), []);
    assert.match(mermaidProblems('flowchart LR\n  n0["a"] --> evil["x"]\n', FLOWCHART_LINES).join(), /unexpected Mermaid line/);
    assert.match(mermaidProblems('%%{init: {}}%%\nflowchart LR\n', FLOWCHART_LINES).join(), /%%/);
    assert.match(mermaidProblems('flowchart LR\n  end["x"]\n', FLOWCHART_LINES).join(), /unexpected Mermaid line/);
    assert.equal(stripCodeSpans('a `<b>` c ``x ` y`` d'), 'a  c  d');
    assert.equal(stripCodeSpans('a ` b'), 'a ` b');
    assert.equal(stripCodeSpans('\\`\\`\\`x | `a<b>` | \\<c'), '\\`\\`\\`x |  | \\<c');
    const { text } = applyMutations('components:\n  - id: api\n    label: x\n', [{ op: 'value', line: 2, s: 'a"] --> evil["x', how: 'double' }]);
    assert.equal(text, 'components:\n  - id: api\n    label: "a\\"] --> evil[\\"x"\n');
    assert.equal(analyseText(text).design.components[0].label?.text, 'a"] --> evil["x');
  });

  describe('bugs the campaign found (regressions)', () => {
    it('a quoted scalar broken after its opening quote keeps every span inside the text (seed 3, cases 1737 and 3530)', () => {
      // The YAML parser gives such a scalar a range of one character: the quote.
      const quantity = "requirements:\n  non_functional:\n    availability: '\n\t+ x'\n";
      const a = analyseText(quantity);
      const availability = [...a.quantities.values()].find((q) => q.field === 'availability')!;
      assert.deepEqual([availability.start, availability.end], [quantity.indexOf("'"), quantity.indexOf("'") + 1]);
      assert.deepEqual(runPipeline({ text: quantity }), []);

      const label = "components:\n  - id: api\n    label: '\n\tx'\n";
      const b = analyseText(label);
      const span = b.design.components[0].label!;
      assert.ok(span.start <= span.end, `label span ${span.start}-${span.end}`);
      assert.deepEqual(runPipeline({ text: label }), []);
    });

    it(`a line dense with YAML errors gives at most ${MAX_YAML_ERRORS} of them and one that counts the rest (seed 3, cases 2259 and 2283)`, () => {
      // 10,000 errors, each a diagnostic, and seconds of CPU in the parser before the fix.
      const text = `name: ${'"'.repeat(20_000)}\n`;
      const problems = analyseText(text).problems.filter((p) => p.code === 'sysdesign/yaml-syntax');
      assert.equal(problems.length, MAX_YAML_ERRORS + 1);
      const rest = problems.map((p) => /^([\d,]+) more YAML errors from here on are not shown/.exec(p.message)).find((m) => m !== null);
      assert.ok(rest && Number(rest[1].replace(/,/g, '')) > 9000, 'one problem counts the errors left out');
      assert.deepEqual(runPipeline({ text, base: 'name: x\n' }), []);
    });

    it('a plain line followed by many more-indented keys is too deep, and analyses the same every time (seed 1843609884, cases 563 and 2919)', () => {
      // The parser nests each `k: v` line in the one before: 1,500 levels with flat indentation.
      // Composing that overflowed the stack inside the YAML library, which reported it at
      // places that depended on the stack left: two analyses of one text differed.
      const keys = Array.from({ length: 1500 }, (_, i) => `  k${i}: ${i}`).join('\n');
      const text = `name: x\nfoo\n${keys}\n`;
      const first = analyseText(text).problems;
      assert.deepEqual(
        first.map((p) => p.code),
        ['sysdesign/yaml-too-deep'],
      );
      assert.match(first[0].message, new RegExp(`deeper than ${MAX_TREE_DEPTH} levels`));
      assert.ok(first[0].start > text.indexOf('foo') && first[0].end <= text.length);
      assert.deepEqual(analyseText(text).problems, first);
      assert.deepEqual(runPipeline({ text, base: `name: x\n${keys}\n` }), []);
      // A few such lines are only YAML errors, as before.
      const few = `name: x\nfoo\n${keys.split('\n').slice(0, 20).join('\n')}\n`;
      assert.ok(analyseText(few).problems.every((p) => p.code === 'sysdesign/yaml-syntax'));
    });

    it('150,000 problems from the parser reach the analysis (seed 1843609884, case 2364)', () => {
      // Each use of an alias to an unknown anchor inside an alias bomb is reported: 8^7 uses.
      // `problems.push(...parsed.problems)` overflowed the stack: one internal error instead.
      const bomb = ['bomb1: &b1 [*b0, *b0, *b0, *b0, *b0, *b0, *b0, *b0]'];
      for (let i = 2; i <= 8; i++)
        bomb.push(
          `bomb${i}: &b${i} [${Array(8)
            .fill(`*b${i - 1}`)
            .join(', ')}]`,
        );
      const text = `${bomb.join('\n')}\nname: x\n`;
      const problems = analyseText(text).problems;
      assert.ok(!problems.some((p) => p.code === 'sysdesign/internal-error'), problems.map((p) => p.message).join('\n'));
      assert.ok(problems.some((p) => p.code === 'sysdesign/yaml-alias' && /Unknown anchor "b0"/.test(p.message)));
    });
  });
});
