/**
 * The analyzer reuses work from one text to the next (chunks of the YAML tree, model
 * parts, evaluated quantities). Whatever it reuses, every result must be exactly that of
 * a fresh `analyseText(text)`: these tests apply random sequences of edits (typing, YAML
 * syntax, newlines, indentation, deletions, whole lines, undo) and compare after each one.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyseText, createInstrumentedAnalyzer } from '../../src/core/analyse';
import { createIncrementalParser } from '../../src/core/yaml/incremental';
import { parseYaml } from '../../src/core/yaml/parse';
import { toPlainJson, type JsonStats } from '../../src/core/yaml/toJson';
import { QuantityCache } from '../../src/core/quantities';
import { evaluateQuantity } from '../../src/core/quantity/evaluate';
import type { Expectation } from '../../src/core/quantity/expectation';
import { DEFAULT_CONVENTIONS } from '../../src/core/types';
import { generateDesign } from '../support/generate';
import { rangesOf } from '../support/rangesOf';

const example = readFileSync(path.join(__dirname, '..', 'fixtures', 'spec-example.sysdesign.yaml'), 'utf8');

/** The example with full-line comments at assorted indentations and blank lines: where chunk boundaries get subtle. */
const commented = example
  .split('\n')
  .flatMap((line, i) => (i % 7 === 3 ? [line, `${' '.repeat((i * 3) % 9)}# note ${i}`] : i % 11 === 5 ? [line, ''] : [line]))
  .join('\n');

const BASES: Record<string, string> = {
  'spec example': example,
  'spec example with comments': commented,
  'spec example with CRLF': example.replace(/\n/g, '\r\n'),
  'generated, 40 lines': generateDesign(40),
  'generated, 150 lines': generateDesign(150),
};
const BASE_NAMES = Object.keys(BASES);

// ---------------------------------------------------------------------------
// Edits
// ---------------------------------------------------------------------------

type Edit =
  | { kind: 'type'; at: number; text: string }
  | { kind: 'syntax'; at: number; where: 'anywhere' | 'line-start' | 'line-end'; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'line'; at: number; op: 'duplicate' | 'remove' | 'indent' | 'dedent' | 'swap' }
  | { kind: 'undo' };

/** YAML's syntax characters and the shapes of lines, including what must make the analyzer fall back. */
const SYNTAX = [
  '\n',
  '\n  ',
  '\n    ',
  '\n      ',
  '\n  - ',
  '\n    - ',
  '\n      - ',
  '- ',
  '-',
  ': ',
  ':',
  '#',
  ' # c',
  '\n# c',
  '\n  # c',
  '\n      # c',
  '"',
  "'",
  '&a ',
  '*a',
  '!!str ',
  '!x ',
  '|',
  '>',
  '|2',
  '>-',
  '[',
  ']',
  '{',
  '}',
  ', ',
  '---\n',
  '...\n',
  '? ',
  '%YAML 1.2\n',
  '\t',
  '\r\n',
  '\r',
  '  ',
  'yes',
  '014',
  '0x1F',
  '\n\n',
  'key: v',
  '\nkey:',
  '\n  key:\n    - a',
  '<<: ',
  '\ufeff',
  '\u0007',
];

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const edit: fc.Arbitrary<Edit> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant('type' as const),
      at: position,
      text: fc.string({ unit: fc.constantFrom(...'abcxyz019 _-.%/*'.split('')), minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('syntax' as const),
      at: position,
      where: fc.constantFrom('anywhere' as const, 'line-start' as const, 'line-end' as const),
      text: fc.constantFrom(...SYNTAX),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 12 }) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('line' as const),
      at: position,
      op: fc.constantFrom('duplicate' as const, 'remove' as const, 'indent' as const, 'dedent' as const, 'swap' as const),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'undo' as const }) },
);

function apply(text: string, e: Exclude<Edit, { kind: 'undo' }>): string {
  const at = Math.floor(e.at * (text.length + 1));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  let lineEnd = text.indexOf('\n', at);
  if (lineEnd < 0) lineEnd = text.length;
  switch (e.kind) {
    case 'type': {
      // As people type: within a line's content, after its indentation.
      const content = lineStart + (/^ */.exec(text.slice(lineStart, lineEnd))?.[0].length ?? 0);
      const where = Math.max(at, content);
      return text.slice(0, where) + e.text + text.slice(where);
    }
    case 'syntax': {
      const where = e.where === 'line-start' ? lineStart : e.where === 'line-end' ? lineEnd : at;
      return text.slice(0, where) + e.text + text.slice(where);
    }
    case 'delete':
      return text.slice(0, at) + text.slice(at + e.length);
    case 'line': {
      const line = text.slice(lineStart, lineEnd);
      const after = text.slice(lineEnd);
      switch (e.op) {
        case 'duplicate':
          return `${text.slice(0, lineEnd)}\n${line}${after}`;
        case 'remove':
          return text.slice(0, lineStart) + after.slice(1);
        case 'indent':
          return `${text.slice(0, lineStart)}  ${line}${after}`;
        case 'dedent':
          return text.slice(0, lineStart) + line.replace(/^ {1,2}/, '') + after;
        case 'swap': {
          const nextEnd = text.indexOf('\n', lineEnd + 1);
          if (lineEnd >= text.length) return text;
          const next = text.slice(lineEnd + 1, nextEnd < 0 ? text.length : nextEnd);
          return `${text.slice(0, lineStart)}${next}\n${line}${nextEnd < 0 ? '' : text.slice(nextEnd)}`;
        }
      }
    }
  }
}

/** The texts a sequence of edits goes through (undo returns to the text before the last edit). */
function versions(base: string, edits: Edit[]): string[] {
  const out: string[] = [];
  const history = [base];
  for (const e of edits) {
    if (e.kind === 'undo') {
      if (history.length > 1) history.pop();
    } else {
      history.push(apply(history[history.length - 1], e));
    }
    out.push(history[history.length - 1]);
  }
  return out;
}

/** Shows the text that failed, since fast-check prints only the generated edits. */
/** Counts for people who want them: INCREMENTAL_STATS=1 npx mocha ... */
function log(message: string): void {
  if (process.env.INCREMENTAL_STATS) console.log(`      ${message}`);
}

function explain<T>(text: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof Error) error.message += `\n--- text ---\n${JSON.stringify(text)}`;
    throw error;
  }
}

/** The converter steps of a full parse's value: what the incremental path adds up for the alias budget. */
function fullSteps(full: ReturnType<typeof parseYaml>): number | undefined {
  if (full.fatal || full.value === undefined) return undefined;
  const stats: JsonStats = { steps: 0, depth: 0 };
  toPlainJson(full.doc, full.root, () => undefined, stats);
  return stats.steps;
}

// ---------------------------------------------------------------------------

describe('incremental analysis: identical to a fresh analysis after any edit', () => {
  it('random edit sequences: problems, design (every span), estimate, quantities and symbols equal analyseText', function () {
    this.timeout(240000);
    let analyses = 0;
    let viaChunks = 0;
    fc.assert(
      fc.property(fc.constantFrom(...BASE_NAMES), fc.array(edit, { minLength: 1, maxLength: 12 }), (baseName, edits) => {
        const { analyzer, stats } = createInstrumentedAnalyzer();
        analyzer.analyse(BASES[baseName]);
        for (const text of versions(BASES[baseName], edits)) {
          const reused = analyzer.analyse(text);
          analyses++;
          if (stats.parse.path === 'chunks') viaChunks++;
          const fresh = analyseText(text);
          explain(text, () => {
            assert.equal(stats.parserCrashes, 0);
            assert.deepStrictEqual(reused.problems, fresh.problems);
            assert.deepStrictEqual(reused.design, fresh.design);
            assert.deepStrictEqual(reused.estimate, fresh.estimate);
            assert.deepStrictEqual(reused.quantities, fresh.quantities);
            assert.deepStrictEqual(reused.symbols, fresh.symbols);
          });
        }
      }),
      { numRuns: 250, seed: 20261125 },
    );
    log(`analyses compared: ${analyses}, through reused chunks: ${viaChunks}`);
    // Otherwise the test would prove little: a good share must take the incremental path.
    assert.ok(viaChunks > analyses * 0.4, `only ${viaChunks} of ${analyses} analyses reused chunks`);
  });

  it('random edit sequences, chunks split as finely as possible: the YAML tree (all ranges), value, problems and budget equal a full parse', function () {
    this.timeout(240000);
    let parses = 0;
    let viaChunks = 0;
    fc.assert(
      fc.property(fc.constantFrom(...BASE_NAMES), fc.array(edit, { minLength: 1, maxLength: 16 }), (baseName, edits) => {
        const parser = createIncrementalParser({ splitMinLines: 1 });
        parser.parse(BASES[baseName]);
        for (const text of versions(BASES[baseName], edits)) {
          const reused = parser.parse(text);
          parses++;
          const full = parseYaml(text);
          explain(text, () => {
            assert.equal(reused.fatal, full.fatal);
            assert.deepStrictEqual(reused.problems, full.problems);
            assert.deepStrictEqual(reused.value, full.value);
            assert.deepStrictEqual(rangesOf(reused.root), rangesOf(full.root));
            if (parser.stats.path === 'chunks') {
              viaChunks++;
              assert.equal(parser.stats.steps, fullSteps(full));
            }
          });
        }
      }),
      { numRuns: 300, seed: 8 },
    );
    log(`parses compared: ${parses}, through reused chunks: ${viaChunks}`);
    assert.ok(viaChunks > parses * 0.4, `only ${viaChunks} of ${parses} parses reused chunks`);
  });

  it('random edits of a larger generated design, typing in one place at a time', function () {
    this.timeout(240000);
    const base = generateDesign(600);
    let analyses = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(position, fc.string({ unit: fc.constantFrom(...'ab1 :-#\n'.split('')), minLength: 1, maxLength: 4 })), { minLength: 1, maxLength: 6 }),
        (typing) => {
          const { analyzer } = createInstrumentedAnalyzer();
          analyzer.analyse(base);
          let text = base;
          for (const [where, chars] of typing) {
            const at = Math.floor(where * text.length);
            for (const c of chars) {
              text = text.slice(0, at) + c + text.slice(at);
              const reused = analyzer.analyse(text);
              const fresh = analyseText(text);
              analyses++;
              explain(text, () => {
                assert.deepStrictEqual(reused.problems, fresh.problems);
                assert.deepStrictEqual(reused.design, fresh.design);
                assert.deepStrictEqual(reused.estimate, fresh.estimate);
                assert.deepStrictEqual(reused.quantities, fresh.quantities);
              });
            }
          }
        },
      ),
      { numRuns: 12, seed: 99 },
    );
    log(`analyses compared: ${analyses}`);
  });
});

describe('incremental analysis: what is reused, and when it falls back', () => {
  const design = generateDesign(300);
  const label = '  - svc-3 -> db-3: SQL';

  it('typing in a label re-parses one chunk and reuses every other', () => {
    const { analyzer, stats } = createInstrumentedAnalyzer();
    analyzer.analyse(design);
    assert.equal(stats.parse.path, 'chunks');
    let text = design;
    for (const c of 'fast') {
      text = text.replace(/(  - svc-3 -> db-3: SQL\w*)/, `$1${c}`);
      const a = analyzer.analyse(text);
      assert.equal(stats.parse.path, 'chunks');
      assert.equal(stats.parse.parsed, 1);
      assert.ok(stats.parse.reused > 30);
      assert.deepStrictEqual(a.design, analyseText(text).design);
    }
    assert.ok(text.includes(`${label}fast`));
  });

  it('an analysis handed out is never changed by later ones', () => {
    const { analyzer } = createInstrumentedAnalyzer();
    const first = analyzer.analyse(design);
    const snapshot = structuredClone({ design: first.design, problems: first.problems, estimate: first.estimate });
    analyzer.analyse(design.replace('req-0', 'req-0x'));
    analyzer.analyse(`# a comment that shifts everything\n${design}`);
    assert.deepStrictEqual({ design: first.design, problems: first.problems, estimate: first.estimate }, snapshot);
  });

  it('a section key renamed re-reads its items as the new section (model parts are cached per reading)', () => {
    const { analyzer } = createInstrumentedAnalyzer();
    analyzer.analyse(example);
    const text = example.replace('\ncomponents:', '\ngroups:');
    const a = analyzer.analyse(text);
    assert.deepStrictEqual(a.design, analyseText(text).design);
    assert.deepStrictEqual(a.problems, analyseText(text).problems);
  });

  const unusual: Record<string, string> = {
    'an anchor and an alias': design.replace('    kind: service\n', '    kind: &k service\n').replace('    kind: service\n', '    kind: *k\n'),
    'a tag': design.replace('  dau: 10M', '  dau: !!str 10M'),
    'a document marker': `---\n${design}`,
    'a directive': `%YAML 1.2\n---\n${design}`,
    'a second document': `${design}---\nx: 1\n`,
    'a tab in indentation': design.replace('    kind: service', '\tkind: service'),
    'an explicit indentation indicator': design.replace('description', 'x').replace('name: Generated', 'description: |2\n    text\nname: Generated'),
    'content at column 0 that is not a key': design.replace('\nflows:', '\n- stray\nflows:'),
    'a syntax error in one chunk': design.replace('  - lb -> svc-3', '  - [lb -> svc-3'),
    'a byte-order mark': `\ufeff${design}`,
    'a control character': design.replace('Users do thing 2', 'Users do \u0007thing 2'),
    'a carriage return without a line feed (YAML breaks the line there)': design.replace('\nflows:', '\rflows:'),
  };
  for (const [what, text] of Object.entries(unusual)) {
    it(`falls back to a full parse on ${what}, with the same result`, () => {
      const { analyzer, stats } = createInstrumentedAnalyzer();
      analyzer.analyse(design);
      const a = analyzer.analyse(text);
      assert.equal(stats.parse.path, 'full');
      const fresh = analyseText(text);
      assert.deepStrictEqual(a.problems, fresh.problems);
      assert.deepStrictEqual(a.design, fresh.design);
      assert.deepStrictEqual(a.estimate, fresh.estimate);
      // And back: the chunks kept from before the unusual text are reused again.
      const back = analyzer.analyse(design);
      assert.equal(stats.parse.path, 'chunks');
      assert.deepStrictEqual(back.design, analyseText(design).design);
    });
  }

  it('trailing comments after an empty value and after a last item keep their full-parse ranges (found by the fuzzer)', () => {
    const texts = [
      '\nkey:\r\n#sysdesign: 1\nname: x\nrequirements:\n  functional:\n    - id: a\n',
      'a:\n  key:\n  # c\n  name: 1\nb: 2\n',
      'a:\n  b:\n    - z\n    # c\n  d: 1\n',
      'a:\n  b:\n    - z\n      # deep\n  # shallow\n  d: 1\n',
      'b:\n  - z\n  # c\n# d\ne: 1\n',
    ];
    for (const text of texts) {
      const parser = createIncrementalParser({ splitMinLines: 1 });
      const reused = parser.parse(text);
      assert.equal(parser.stats.path, 'chunks', text);
      assert.deepStrictEqual(rangesOf(reused.root), rangesOf(parseYaml(text).root), text);
    }
  });

  it('default conventions from settings apply to reused evaluations as to fresh ones', () => {
    const options = { defaultConventions: { seconds_per_day: 100000, peak_factor: 3 } };
    const { analyzer } = createInstrumentedAnalyzer(options);
    for (const text of [design, design.replace('per_user: 1/day', 'per_user: 12/day'), design.replace('  dau: 10M', '  dau: 20M')]) {
      const a = analyzer.analyse(text);
      const fresh = analyseText(text, options);
      assert.deepStrictEqual(a.estimate, fresh.estimate);
      assert.deepStrictEqual(a.quantities, fresh.quantities);
      assert.notDeepStrictEqual(a.estimate, analyseText(text).estimate);
    }
  });

  it('one analyzer given unrelated texts in turn', () => {
    const { analyzer } = createInstrumentedAnalyzer();
    for (const text of [design, example, '', 'sysdesign: 1\n', design, commented, example]) {
      const a = analyzer.analyse(text);
      const fresh = analyseText(text);
      assert.deepStrictEqual(a.problems, fresh.problems);
      assert.deepStrictEqual(a.design, fresh.design);
      assert.deepStrictEqual(a.estimate, fresh.estimate);
    }
  });

  it('cached tokens and trees evaluate exactly as fresh ones, in every field, errors included', () => {
    const cache = new QuantityCache();
    const texts = ['', '  ', '2MB + caption', '10 *', '(1', '30/dy', '99.9', '5 m', '2KB', 'x5', 'caption * 2', '1e400', '10M / 0'];
    const fields: Array<[Expectation, string]> = [
      ['bytes', 'size'],
      ['rate', 'per_user'],
      ['ratio', 'availability'],
      ['count', 'dau'],
      ['any', 'values.x'],
    ];
    for (let round = 0; round < 2; round++) {
      cache.nextGeneration();
      for (const text of texts) {
        for (const [expect, field] of fields) {
          const options = { expect, field, conventions: DEFAULT_CONVENTIONS, knownNames: ['caption'] };
          assert.deepStrictEqual(evaluateQuantity(text, { ...options, syntax: cache }), evaluateQuantity(text, options), `${text} as ${field}`);
        }
      }
    }
  });

  it('duplicate keys across chunks are found as in a full parse', () => {
    const text = design.replace('  values:\n', '  values:\n    size_7: 1KB\n');
    const { analyzer, stats } = createInstrumentedAnalyzer();
    analyzer.analyse(design);
    const a = analyzer.analyse(text);
    assert.equal(stats.parse.path, 'chunks');
    assert.ok(a.problems.some((p) => p.code === 'sysdesign/yaml-duplicate-key'));
    assert.deepStrictEqual(a.problems, analyseText(text).problems);
  });
});
