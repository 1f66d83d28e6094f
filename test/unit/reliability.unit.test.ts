/**
 * One fixture per row of /work/shared/RELIABILITY.md ("Bad input, attacks and faults"), one
 * `describe` per section and one `it` per row (or per item of a row that lists several),
 * each title starting with the row's words. `test/RELIABILITY-COVERAGE.md` maps every row
 * to the tests that cover it, here and elsewhere (server, webview, integration).
 *
 * Each analysis goes through `analyseText` *and* through the editor's path (an analyzer
 * that analysed the spec example first, so the incremental parser reuses its chunks), and
 * both must agree, stay under a time budget and report no internal error. Small fixtures
 * are files in `test/fixtures/reliability/`; huge inputs are built here.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { analyseText, createAnalyzer, MAX_PROBLEMS_PER_CODE } from '../../src/core/analyse';
import { designMarkdown, diagramFor, listViews, visibleText, type Diagram, type DiagramView } from '../../src/core/diagram';
import { LineIndex } from '../../src/core/lineIndex';
import { MAX_DEPTH } from '../../src/core/yaml/depth';
import { PARSE_OPTIONS } from '../../src/core/yaml/document';
import { parseYaml } from '../../src/core/yaml/parse';
import { MAX_TEXT_LENGTH } from '../../src/core/yaml/prechecks';
import { MAX_VALUE_DEPTH } from '../../src/core/quantities';
import type { Analysis, Problem } from '../../src/core/types';
import schema from '../../schemas/sysdesign.schema.json';
import { FLOWCHART_LINES, assertLineShapes, loadMermaid, mermaidDb, mermaidShown } from './diagram.helpers';

// The modules themselves (an `import * as` namespace is read-only), so `noNetwork` can trip them.
const http = require('node:http') as typeof import('node:http');
const https = require('node:https') as typeof import('node:https');

const root = path.join(__dirname, '..', '..');
const fixtures = path.join(root, 'test', 'fixtures', 'reliability');
const example = readFileSync(path.join(root, 'test', 'fixtures', 'spec-example.sysdesign.yaml'), 'utf8');
const HEAD = 'sysdesign: 1\nname: x\n';
/**
 * The budget for the generated inputs of up to 2 MB: 1-4 s on an idle test machine, several
 * times that while other test suites share its two cores; a hang or a quadratic path is
 * minutes (20,000 aliases took 130 s before the fix).
 */
const BIG = 20_000;

function fixture(name: string): string {
  return readFileSync(path.join(fixtures, name), 'utf8');
}

/** Problems as `code line:column-line:column "covered text"` (1-based, end exclusive), in order. */
function where(text: string, problems: readonly Problem[], code?: string): string[] {
  const lines = new LineIndex(text);
  return problems
    .filter((p) => code === undefined || p.code === code)
    .map((p) => {
      const s = lines.position(p.start);
      const e = lines.position(p.end);
      return `${p.code} ${s.line}:${s.column}-${e.line}:${e.column} ${JSON.stringify(text.slice(p.start, p.end))}`;
    });
}

function elapsed<T>(work: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = work();
  return { result, ms: performance.now() - started };
}

/**
 * The analysis of `text`, checked the way every row needs it: within `budgetMs` (no hang),
 * no internal error and every span inside the text (no crash in disguise), the text kept
 * as given, and the editor's incremental analyzer agreeing with a fresh analysis.
 */
function analyse(text: string, budgetMs = 2000): Analysis {
  const { result: analysis, ms } = elapsed(() => analyseText(text));
  assert.ok(ms < budgetMs, `analyseText took ${ms.toFixed(0)} ms (budget ${budgetMs} ms)`);
  assert.equal(analysis.text, text);
  for (const p of analysis.problems) {
    assert.notEqual(p.code, 'sysdesign/internal-error', p.message);
    assert.ok(p.start >= 0 && p.start <= p.end && p.end <= text.length, `${p.code}: span ${p.start}-${p.end} outside the text`);
    assert.ok(p.message.length > 0);
  }
  const analyzer = createAnalyzer();
  analyzer.analyse(example);
  const { result: incremental, ms: incrementalMs } = elapsed(() => analyzer.analyse(text));
  assert.ok(incrementalMs < budgetMs, `the editor's analyzer took ${incrementalMs.toFixed(0)} ms (budget ${budgetMs} ms)`);
  const brief = (a: Analysis) => a.problems.map((p) => [p.code, p.start, p.end, p.severity, p.message]);
  assert.deepEqual(brief(incremental), brief(analysis), "the editor's incremental analysis differs from a fresh one");
  return analysis;
}

/** Every value is null, a boolean, a finite number, a string, an array or a plain object: nothing a tag could make. */
function assertPlainJson(value: unknown, at = '$'): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') return assert.ok(Number.isFinite(value), `${at}: ${value}`);
  assert.equal(typeof value, 'object', `${at}: a ${typeof value}`);
  if (Array.isArray(value)) return value.forEach((v, i) => assertPlainJson(v, `${at}[${i}]`));
  assert.equal(Object.getPrototypeOf(value), Object.prototype, `${at}: a ${(value as object).constructor?.name} instead of a plain object`);
  for (const key of Object.keys(value as object)) assertPlainJson((value as Record<string, unknown>)[key], `${at}.${key}`);
}

before(function () {
  this.timeout(30000);
  // Compiles the schema validator once, so no time budget below includes it.
  analyseText(example);
});

// ---------------------------------------------------------------------------
// YAML
// ---------------------------------------------------------------------------

describe('RELIABILITY.md: YAML', function () {
  this.timeout(120000);

  it('alias bombs ("billion laughs", quadratic aliases): one sysdesign/yaml-alias on the alias that blows the budget, fast', () => {
    assert.ok(PARSE_OPTIONS.maxAliasCount <= 100, 'maxAliasCount stays small');

    const laughs = fixture('billion-laughs.yaml');
    const a = analyse(laughs);
    assert.deepEqual(where(laughs, a.problems), ['sysdesign/yaml-alias 9:11-9:13 "*e"']);
    assert.equal(a.problems[0].severity, 'error');
    assert.equal(parseYaml(laughs).value, undefined, 'no value was built');

    // Quadratic expansion: 1,000 aliases of a 1,000-item list.
    const product = `${HEAD}a: &a [${Array(1000).fill('x').join(', ')}]\nb: [${Array(1000).fill('*a').join(', ')}]\n`;
    const p = analyse(product);
    assert.equal(where(product, p.problems, 'sysdesign/yaml-alias').length, 1);
    assert.deepEqual(codesOf(p), ['sysdesign/yaml-alias']);
    assert.equal(product.slice(p.problems[0].start, p.problems[0].end), '*a');

    // Quadratic resolution: 20,000 aliases of one scalar (60 KB). Resolving each alias with
    // the library's `Alias.resolve` walks the whole document: 8,000 of them took 11 s.
    const many = `${HEAD}a: &a x\nb: [${Array(20000).fill('*a').join(',')}]\n`;
    const m = analyse(many, BIG);
    assert.deepEqual(where(many, m.problems), ['sysdesign/unknown-key 3:1-3:2 "a"', 'sysdesign/unknown-key 4:1-4:2 "b"']);
  });

  it("deep nesting, e.g. '['.repeat(5000) or '- '.repeat(5000): sysdesign/yaml-too-deep where the limit is passed, never parsed, no abort", () => {
    const cases: Array<[string, string]> = [
      ['['.repeat(5000), 'sysdesign/yaml-too-deep 1:64-1:65 "["'],
      [`${'- '.repeat(5000)}x`, 'sysdesign/yaml-too-deep 1:127-1:128 "-"'],
      ['{a: '.repeat(3000), 'sysdesign/yaml-too-deep 1:253-1:254 "{"'],
      [`${HEAD}components: ${'['.repeat(100)}${']'.repeat(100)}\n`, 'sysdesign/yaml-too-deep 3:76-3:77 "["'],
      [Array.from({ length: 70 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n'), 'sysdesign/yaml-too-deep 65:65-65:66 "k"'],
    ];
    for (const [text, expected] of cases) {
      const a = analyse(text);
      assert.deepEqual(where(text, a.problems), [expected]);
      assert.equal(parseYaml(text).doc, null, 'rejected before the parser composed anything');
    }
    assert.equal(MAX_DEPTH, 64);
    // In a child process, many times over: the V8 abort ("RegExpCompiler allocation failed")
    // came on the second parse of such a text and cannot be caught inside the process.
    const script = [
      `const { analyseText } = require(${JSON.stringify(path.join(root, 'src', 'core', 'analyse'))});`,
      `const texts = ['['.repeat(5000), '- '.repeat(5000) + 'x', '{a: '.repeat(3000), '[{'.repeat(4000), '- ['.repeat(3000)];`,
      'for (let i = 0; i < 10; i++) for (const t of texts) { const a = analyseText(t); if (a.problems.length !== 1 || a.problems[0].code !== "sysdesign/yaml-too-deep") { console.log(JSON.stringify(a.problems)); process.exit(3); } }',
      "console.log('survived');",
    ].join('\n');
    const child = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: root, encoding: 'utf8', timeout: 60000 });
    assert.equal(child.signal, null, `killed by ${child.signal}: ${child.stderr}`);
    assert.equal(child.status, 0, child.stdout + child.stderr);
    assert.equal(child.stdout.trim(), 'survived');
  });

  it('self-referencing alias `a: &a [*a, 1]`: sysdesign/yaml-alias on the alias, no cyclic value reaches ajv', () => {
    for (const [text, expected] of [
      ['a: &a [*a, 1]\n', 'sysdesign/yaml-alias 1:8-1:10 "*a"'],
      ['a: &a {b: *a}\n', 'sysdesign/yaml-alias 1:11-1:13 "*a"'],
    ]) {
      assert.deepEqual(where(text, analyse(text).problems, 'sysdesign/yaml-alias'), [expected]);
      assert.equal(parseYaml(text).value, undefined);
    }
    const text = fixture('self-alias.yaml');
    const a = analyse(text);
    assert.deepEqual(where(text, a.problems), ['sysdesign/yaml-alias 3:17-3:19 "*c"']);
    assert.equal(a.design.components.length, 0);
  });

  it('20k keys in one map: analysed in seconds (no quadratic duplicate check), a late duplicate found exactly', () => {
    assert.equal(PARSE_OPTIONS.uniqueKeys, false, "the library's quadratic duplicate-key check is off");
    const lines = [`${HEAD}estimation:`, '  values:'];
    for (let i = 0; i < 20000; i++) lines.push(`    v${i}: ${i}`);
    lines.push('    v19999: 1');
    const text = `${lines.join('\n')}\n`;
    // The library's own check made parsing this text 5.7 s instead of 0.7 s. Compared with a
    // list of as many items (the same size, no map to check), so a busy machine slows both.
    const list = [`${HEAD}estimation:`, '  traffic:', ...Array.from({ length: 20001 }, (_, i) => `    - v${i}: ${i}`)].join('\n') + '\n';
    const fastest = (t: string) => Math.min(elapsed(() => parseYaml(t)).ms, elapsed(() => parseYaml(t)).ms);
    const [mapMs, listMs] = [fastest(text), fastest(list)];
    assert.ok(mapMs < 3 * listMs + 200, `20k keys took ${mapMs.toFixed(0)} ms to parse, 20k list items ${listMs.toFixed(0)} ms`);
    assert.deepEqual(where(text, parseYaml(text).problems), ['sysdesign/yaml-duplicate-key 20005:5-20005:11 "v19999"']);
    const a = analyse(text, BIG);
    assert.deepEqual(where(text, a.problems), ['sysdesign/too-many-items 4:3-4:9 "values"', 'sysdesign/yaml-duplicate-key 20005:5-20005:11 "v19999"']);
  });

  it('20k keys in one map, each value using the next: one problem per 32 levels, the same in the editor (no stack overflow)', () => {
    // Values are evaluated recursively; about 600 levels overflowed the stack and gave
    // "RangeError" messages and false cycles that differed between runs.
    const lines = [`${HEAD}estimation:`, '  values:'];
    for (let i = 0; i < 20000; i++) lines.push(`    v${i}: v${i + 1} + 1`);
    lines.push('    v20000: 1');
    const text = `${lines.join('\n')}\n`;
    const a = analyse(text, BIG);
    const deep = a.problems.filter((p) => p.code === 'sysdesign/quantity-too-deep');
    // v0 ... v31 are being evaluated when v32 is asked for: reported, then v33 ... v64 and v65, and so on.
    // 606 of them: the first 200 are shown, then one note of how many more (MAX_PROBLEMS_PER_CODE).
    const reported = Math.floor((20000 - MAX_VALUE_DEPTH) / (MAX_VALUE_DEPTH + 1)) + 1;
    assert.equal(deep.length, Math.min(reported, MAX_PROBLEMS_PER_CODE + 1));
    assert.match(deep[MAX_PROBLEMS_PER_CODE].message, new RegExp(`^${reported - MAX_PROBLEMS_PER_CODE} more \`sysdesign/quantity-too-deep\` problems`));
    assert.equal(text.slice(deep[0].start, deep[0].end), `v${MAX_VALUE_DEPTH}`);
    assert.deepEqual(
      a.problems.filter((p) => p.code !== 'sysdesign/quantity-too-deep').map((p) => p.code),
      ['sysdesign/too-many-items'],
    );
    // A chain of 32 values evaluates: 31 times `+ 1` on top of 1; one more is reported on the 33rd.
    const chain = (n: number) => [`${HEAD}estimation:`, '  values:', ...Array.from({ length: n - 1 }, (_, i) => `    v${i}: v${i + 1} + 1`), `    v${n - 1}: 1`].join('\n') + '\n';
    const s = analyse(chain(MAX_VALUE_DEPTH));
    assert.deepEqual(s.problems, []);
    assert.equal(s.estimate.values.v0, MAX_VALUE_DEPTH);
    const over = chain(MAX_VALUE_DEPTH + 1);
    assert.deepEqual(where(over, analyse(over).problems), [
      `sysdesign/quantity-too-deep ${MAX_VALUE_DEPTH + 5}:5-${MAX_VALUE_DEPTH + 5}:${MAX_VALUE_DEPTH >= 10 ? 8 : 7} "v${MAX_VALUE_DEPTH}"`,
    ]);
  });

  it('duplicate keys: sysdesign/yaml-duplicate-key (an error) on each later key, in block and flow maps and across top-level entries', () => {
    const text = fixture('duplicate-keys.yaml');
    const a = analyse(text);
    assert.deepEqual(where(text, a.problems), [
      'sysdesign/yaml-duplicate-key 6:5-6:9 "kind"',
      'sysdesign/yaml-duplicate-key 7:27-7:29 "id"',
      'sysdesign/yaml-duplicate-key 8:1-8:5 "name"',
    ]);
    assert.ok(
      a.problems.every((p) => p.severity === 'error'),
      'never silent',
    );
    // A duplicate section added to a design the editor already analysed (another chunk).
    const edited = `${example}name: again\n`;
    const lines = edited.split('\n').length - 1;
    assert.deepEqual(where(edited, analyse(edited).problems), [`sysdesign/yaml-duplicate-key ${lines}:1-${lines}:5 "name"`]);
  });

  it('YAML 1.1 habits: `no`, `yes`, `on`, `014`, `22:22`, `<<` merge: read as YAML 1.2 with merge off, warned, ids and versions stay strings', () => {
    assert.equal(PARSE_OPTIONS.version, '1.2');
    assert.equal(PARSE_OPTIONS.merge, false);
    const text = fixture('yaml11.yaml');
    const a = analyse(text);
    assert.deepEqual(
      where(text, a.problems).filter((p) => !p.startsWith('sysdesign/missing-dry-run')),
      [
        'sysdesign/wrong-type 8:18-8:20 "no"',
        'sysdesign/yaml-1.1-boolean 8:18-8:20 "no"',
        'sysdesign/wrong-type 11:18-11:21 "yes"',
        'sysdesign/yaml-1.1-boolean 11:18-11:21 "yes"',
        'sysdesign/wrong-type 14:18-14:20 "on"',
        'sysdesign/yaml-1.1-boolean 14:18-14:20 "on"',
        'sysdesign/yaml-1.1-number 17:12-17:15 "014"',
        'sysdesign/wrong-type 19:9-19:13 "1.10"',
        'sysdesign/missing-key 21:5-21:7 "<<"',
        'sysdesign/unknown-key 21:5-21:7 "<<"',
        'sysdesign/yaml-merge-key 21:5-21:7 "<<"',
      ],
    );
    const fixes = a.problems.filter((p) => p.code.startsWith('sysdesign/yaml-1.1-')).map((p) => [p.severity, p.fixes]);
    assert.deepEqual(fixes, [
      ['warning', [{ kind: 'replace', text: 'false' }]],
      ['warning', [{ kind: 'replace', text: 'true' }]],
      ['warning', [{ kind: 'replace', text: 'true' }]],
      ['warning', [{ kind: 'replace', text: '14' }]],
    ]);
    assert.equal(
      a.problems.find((p) => p.code === 'sysdesign/wrong-type' && text.slice(p.start, p.end) === '1.10')?.message,
      'Expected a string here, found the number 1.1; put it in quotes to make it text',
    );
    assert.equal(a.design.description?.text, '22:22', 'not the sexagesimal 1342');
    const value = parseYaml(text).value as { components: Array<Record<string, unknown>> };
    assert.deepEqual(value.components[1], { '<<': { kind: 'cache' }, id: 'cache' }, 'the merge key was not applied');
    const version = 'sysdesign: 1.10\nname: x\n';
    assert.deepEqual(where(version, analyse(version).problems), ['sysdesign/invalid-value 1:12-1:16 "1.10"']);
  });

  it('tags `!!set`, `!!omap`, `!!timestamp`, `!!binary`, `!custom`: sysdesign/yaml-tag on each tag, never resolved, the value stays plain JSON', () => {
    assert.equal(PARSE_OPTIONS.resolveKnownTags, false);
    const text = fixture('tags.yaml');
    const a = analyse(text);
    assert.deepEqual(where(text, a.problems, 'sysdesign/yaml-tag'), [
      'sysdesign/yaml-tag 2:7-2:14 "!custom"',
      'sysdesign/yaml-tag 3:14-3:22 "!!binary"',
      'sysdesign/yaml-tag 4:15-4:20 "!!set"',
      'sysdesign/yaml-tag 5:13-5:19 "!!omap"',
      'sysdesign/yaml-tag 9:11-9:22 "!!timestamp"',
    ]);
    const value = parseYaml(text).value as Record<string, unknown>;
    assertPlainJson(value);
    assert.deepEqual(value.requirements, { a: null, b: null }, '!!set is a plain map, not a Set');
    assert.deepEqual(value.estimation, [{ dau: 1 }], '!!omap is a plain list, not a Map');
    assert.equal((value.apis as Array<Record<string, unknown>>)[0].path, '2001-12-14', '!!timestamp is the text, not a Date');
    assert.equal(value.description, 'aGVsbG8=', '!!binary is the text, not bytes');
    // The schema sees the plain values, so `type: object` does not pass a list.
    assert.deepEqual(where(text, a.problems, 'sysdesign/wrong-type'), ['sysdesign/wrong-type 5:20-5:28 "[dau: 1]"']);
  });

  it('`__proto__`, `constructor` as keys or ids: no crash, no pollution, and references resolve correctly', () => {
    const text = fixture('prototype-keys.yaml');
    const a = analyse(text);
    assert.deepEqual(where(text, a.problems), [
      'sysdesign/unknown-key 3:1-3:10 "__proto__"',
      'sysdesign/unknown-component 16:18-16:26 "toString"',
      'sysdesign/unknown-component 17:5-17:19 "hasOwnProperty"',
    ]);
    assert.deepEqual(
      a.design.components.map((c) => c.id.name),
      ['__proto__', 'constructor'],
    );
    // constructor = 2/day, __proto__ = 3: total = 2 × 2/day + 3/day = 7 per day.
    assert.ok(Object.hasOwn(a.estimate.values, '__proto__'));
    assert.equal(a.estimate.values.constructor, 2 / 86400);
    assert.ok(Math.abs(a.estimate.values.total - 7 / 86400) < 1e-15, String(a.estimate.values.total));
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype untouched');
    assert.ok(Object.hasOwn(parseYaml(text).value as object, '__proto__'));
    const arch = diagramFor(a.design, 'architecture') as Diagram;
    assert.deepEqual(
      arch.nodes.map((n) => [n.nodeId, n.id]),
      [
        ['n0', '__proto__'],
        ['n1', 'constructor'],
      ],
    );
  });

  it('multiple documents: sysdesign/yaml-multiple-documents from the `---` on, nothing else', () => {
    const text = fixture('multiple-documents.yaml');
    assert.deepEqual(where(text, analyse(text).problems), ['sysdesign/yaml-multiple-documents 3:1-6:1 "---\\nsysdesign: 1\\nname: second document\\n"']);
  });

  it('tabs for indentation: sysdesign/yaml-syntax on each tab', () => {
    const text = fixture('tabs.yaml');
    const a = analyse(text);
    assert.deepEqual(where(text, a.problems), ['sysdesign/yaml-syntax 4:1-4:2 "\\t"', 'sysdesign/yaml-syntax 5:1-5:4 "\\t  "']);
    assert.ok(a.problems.every((p) => /tab/i.test(p.message)));
  });

  it('BOM: sysdesign/yaml-bom (info) on the first character, and the design still reads', () => {
    const bytes = readFileSync(path.join(fixtures, 'bom.yaml'));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    const a = analyse(text);
    assert.deepEqual(where(text, a.problems), ['sysdesign/yaml-bom 1:1-1:2 "\uFEFF"']);
    assert.equal(a.problems[0].severity, 'info');
    assert.equal(a.design.name?.text, 'starts with a byte-order mark');
  });

  it('control characters: sysdesign/yaml-control-character on each one (U+2028/9 included), at most 20', () => {
    const text = `${HEAD}description: "a\u0001b"\nlabel: \u0007\u001b\u007f\nnote: a\u2028b\u2029\nmore: ${'\u0000'.repeat(30)}\n`;
    const a = analyse(text);
    const found = where(text, a.problems, 'sysdesign/yaml-control-character');
    assert.deepEqual(found.slice(0, 6), [
      'sysdesign/yaml-control-character 3:16-3:17 "\\u0001"',
      'sysdesign/yaml-control-character 4:8-4:9 "\\u0007"',
      'sysdesign/yaml-control-character 4:9-4:10 "\\u001b"',
      'sysdesign/yaml-control-character 4:10-4:11 "\u007f"',
      'sysdesign/yaml-control-character 5:8-5:9 "\u2028"',
      'sysdesign/yaml-control-character 5:10-5:11 "\u2029"',
    ]);
    assert.equal(found.length, 20, 'capped');
    assert.ok(a.problems.filter((p) => p.code === 'sysdesign/yaml-control-character').every((p) => p.severity === 'error' && /U\+[0-9A-F]{4}/.test(p.message)));
  });

  it('1024+ char keys: sysdesign/yaml-syntax on the whole key (and a long key under 1024 is "too long" on the key)', () => {
    const long = `${HEAD}estimation:\n  values:\n    ${'k'.repeat(1025)}: 1\n`;
    const a = analyse(long);
    assert.deepEqual(
      where(long, a.problems).map((w) => w.slice(0, 48)),
      ['sysdesign/yaml-syntax 5:5-5:1030 "kkkkkkkkkkkkkk'],
    );
    assert.match(a.problems[0].message, /1024/);
    const shorter = `${HEAD}estimation:\n  values:\n    ${'k'.repeat(1022)}: 1\n`;
    const b = analyse(shorter);
    assert.deepEqual(
      b.problems.map((p) => [p.code, p.start, p.end, p.message]),
      [['sysdesign/invalid-value', shorter.indexOf('kkk'), shorter.indexOf('kkk') + 1022, 'This key is too long: 1022 characters, at most 64']],
    );
  });

  it('integers past 2^53: sysdesign/yaml-number on the number; 2^53 - 1 is fine', () => {
    const text = fixture('big-integers.yaml');
    const a = analyse(text);
    // Nine quadrillion users are also more than the people on Earth (a warning of its own).
    const problems = a.problems.filter((p) => p.code !== 'sysdesign/implausible-figure');
    assert.deepEqual(where(text, problems), ['sysdesign/yaml-number 4:10-4:26 "9007199254740993"', 'sysdesign/yaml-number 7:11-7:41 "123456789012345678901234567890"']);
    assert.equal(a.problems.length - problems.length, 2);
  });

  it('a 10 MB line: one sysdesign/file-too-large at once; a 1.9 MB line under the cap is analysed within the budget', () => {
    const huge = `name: ${'x'.repeat(10_000_000)}`;
    assert.deepEqual(where(huge, analyse(huge).problems), ['sysdesign/file-too-large 1:1-1:2 "n"']);
    const line = `${HEAD}description: ${'x'.repeat(MAX_TEXT_LENGTH - HEAD.length - 100)}\n`;
    assert.ok(line.length < MAX_TEXT_LENGTH);
    const a = analyse(line, BIG);
    assert.deepEqual(
      a.problems.map((p) => [p.code, line.slice(p.start, p.start + 4), p.end - p.start]),
      [['sysdesign/invalid-value', 'xxxx', line.length - 1 - line.indexOf('xxx')]],
    );
    assert.match(a.problems[0].message, /too long/);
  });

  it('a file over a size cap (e.g. 2 MB): one informative sysdesign/file-too-large on the first line and no further work', () => {
    assert.equal(MAX_TEXT_LENGTH, 2_000_000);
    const text = `${example}${'# padding\n'.repeat(MAX_TEXT_LENGTH / 10)}`;
    const a = analyse(text);
    assert.deepEqual(where(text, a.problems), ['sysdesign/file-too-large 1:1-1:13 "sysdesign: 1"']);
    assert.equal(
      a.problems[0].message,
      `This file has ${text.length.toLocaleString('en-US')} characters; designs are checked up to 2,000,000. Split it, or remove what is not part of the design.`,
    );
    assert.equal(parseYaml(text).doc, null, 'not parsed');
    assert.equal(a.design.components.length, 0, 'no model built');
    // One character less than the cap is analysed as usual.
    const under = `${example}${'#'.repeat(MAX_TEXT_LENGTH - example.length)}`;
    assert.deepEqual(analyse(under, BIG).problems, []);
  });
});

function codesOf(a: Analysis): string[] {
  return a.problems.map((p) => p.code);
}

// ---------------------------------------------------------------------------
// Schema
// ---------------------------------------------------------------------------

type SchemaNode = Record<string, unknown>;

function schemaNodes(node: unknown, at: string, out: Array<[string, SchemaNode]>): Array<[string, SchemaNode]> {
  if (Array.isArray(node)) node.forEach((child, i) => schemaNodes(child, `${at}/${i}`, out));
  else if (node !== null && typeof node === 'object') {
    out.push([at, node as SchemaNode]);
    for (const [key, child] of Object.entries(node)) if (typeof child === 'object') schemaNodes(child, `${at}/${key}`, out);
  }
  return out;
}

describe('RELIABILITY.md: Schema', function () {
  this.timeout(120000);

  it('every `pattern` in the schema paired with a `maxLength`: each pattern is fast on hostile text far past its maxLength', () => {
    const patterns = schemaNodes(schema, '#', []).filter(([, s]) => typeof s.pattern === 'string');
    assert.ok(patterns.length >= 7);
    // Inputs that make a backtracking regular expression explode if one ever does.
    const hostile = (n: number) => [
      'a'.repeat(n) + '!',
      '-'.repeat(n) + '!',
      `a${' '.repeat(n)}!`,
      `${'a-'.repeat(n / 2)}>`,
      `a -${'>'.repeat(n)}`,
      `${' '.repeat(n)}a ->${' '.repeat(n)}`,
      `a->${'a'.repeat(n)}:${'\n'.repeat(n)}`,
      `/${'{'.repeat(n)}`,
      '\u00e9'.repeat(n),
    ];
    for (const [at, s] of patterns) {
      assert.equal(typeof s.maxLength, 'number', `${at}: a pattern without maxLength`);
      const re = new RegExp(s.pattern as string, 'u');
      for (const input of hostile(100_000)) {
        const { ms } = elapsed(() => re.test(input));
        assert.ok(ms < 500, `${at}: ${s.pattern as string} took ${ms.toFixed(0)} ms on ${JSON.stringify(input.slice(0, 20))}…`);
      }
    }
    // And through the whole analysis (ajv tests the pattern even past maxLength).
    const arrow = `${'a-'.repeat(100_000)}>`;
    const text = `${HEAD}components:\n  - id: ${'a-'.repeat(100_000)}!\n    kind: cache\nconnections:\n  - "${arrow}"\napis:\n  - id: a\n    method: GET\n    path: "${'{'.repeat(100_000)}x"\n`;
    const a = analyse(text, BIG);
    assert.deepEqual(
      a.problems.map((p) => [p.code, text.slice(p.start, p.start + 6), p.message.slice(0, 28)]),
      [
        ['sysdesign/invalid-value', 'a-a-a-', '"id" is too long: 200001 cha'],
        ['sysdesign/invalid-value', 'a-a-a-', 'An id uses letters, digits, '],
        ['sysdesign/invalid-value', '"a-a-a', 'A connection is too long: 20'],
        ['sysdesign/invalid-value', '"a-a-a', 'Write an arrow as "a -> b" o'],
        ['sysdesign/invalid-value', '"{{{{{', '"path" is too long: 100001 c'],
        ['sysdesign/invalid-value', '"{{{{{', 'An API path starts with "/",'],
      ],
    );
  });

  it('compile only the bundled schema, never one named by the document: `$schema`/`$id`/`$ref` are unknown keys, nothing compiled or fetched', () => {
    const Ajv = (require('ajv') as { default: { prototype: Record<string, unknown> } }).default;
    const calls: string[] = [];
    const methods = ['compile', 'compileAsync', 'addSchema', 'getSchema', 'validateSchema'];
    const originals = methods.map((m) => Ajv.prototype[m]);
    methods.forEach((m, i) => {
      Ajv.prototype[m] = function (this: unknown, ...args: unknown[]) {
        calls.push(m);
        return (originals[i] as (...a: unknown[]) => unknown).apply(this, args);
      };
    });
    const text = `${HEAD}$schema: https://example.com/evil.schema.json\n$id: https://example.com/id\n$ref: "https://example.com/other.json#/definitions/x"\ncomponents:\n  - {id: a, kind: cache, $ref: "#/x"}\n`;
    let a: Analysis;
    try {
      a = noNetwork(() => analyse(text));
    } finally {
      methods.forEach((m, i) => {
        Ajv.prototype[m] = originals[i];
      });
    }
    assert.deepEqual(calls, [], 'ajv was not asked to compile or load another schema');
    assert.deepEqual(where(text, a.problems, 'sysdesign/unknown-key'), [
      'sysdesign/unknown-key 3:1-3:8 "$schema"',
      'sysdesign/unknown-key 4:1-4:4 "$id"',
      'sysdesign/unknown-key 5:1-5:5 "$ref"',
      'sysdesign/unknown-key 7:26-7:30 "$ref"',
    ]);
  });

  it('cap array sizes: a list over its maxItems is one sysdesign/too-many-items on its key, and every array has a maxItems', () => {
    for (const [at, s] of schemaNodes(schema, '#', [])) {
      if (s.type === 'array' || (Array.isArray(s.type) && s.type.includes('array'))) assert.equal(typeof s.maxItems, 'number', `${at}: no maxItems`);
    }
    const text = `${HEAD}components:\n${Array.from({ length: 1001 }, (_, i) => `  - {id: c${i}, kind: cache}`).join('\n')}\n`;
    const a = analyse(text, BIG);
    assert.deepEqual(where(text, a.problems, 'sysdesign/too-many-items'), ['sysdesign/too-many-items 3:1-3:11 "components"']);
    assert.equal(a.problems.find((p) => p.code === 'sysdesign/too-many-items')?.message, 'Too many items in the components: 1001, at most 1000');
  });
});

/** Runs `work` with every way out of the machine the core could use replaced by a tripwire. */
function noNetwork<T>(work: () => T): T {
  const tripped: string[] = [];
  const g = globalThis as Record<string, unknown>;
  const saved = { fetch: g.fetch, WebSocket: g.WebSocket, httpRequest: http.request, httpGet: http.get, httpsRequest: https.request, httpsGet: https.get };
  const trip = (what: string) => () => {
    tripped.push(what);
    throw new Error(`${what} called`);
  };
  g.fetch = trip('fetch');
  g.WebSocket = trip('WebSocket');
  Object.assign(http, { request: trip('http.request'), get: trip('http.get') });
  Object.assign(https, { request: trip('https.request'), get: trip('https.get') });
  try {
    return work();
  } finally {
    g.fetch = saved.fetch;
    g.WebSocket = saved.WebSocket;
    Object.assign(http, { request: saved.httpRequest, get: saved.httpGet });
    Object.assign(https, { request: saved.httpsRequest, get: saved.httpsGet });
    assert.deepEqual(tripped, [], 'nothing left the machine');
  }
}

// ---------------------------------------------------------------------------
// Mermaid generation
// ---------------------------------------------------------------------------

/** A design from YAML whose components carry `labels`, connected in a chain with the same labels. */
function labelledDesign(labels: string[], ids = labels.map((_, i) => `c${i}`)): string {
  return (
    [
      'sysdesign: 1',
      'name: labels',
      'components:',
      ...labels.flatMap((label, i) => [`  - id: ${ids[i]}`, '    kind: service', `    label: ${JSON.stringify(label)}`]),
      'connections:',
      ...labels.slice(1).map((label, i) => `  - {from: ${ids[i]}, to: ${ids[i + 1]}, label: ${JSON.stringify(label)}}`),
      'flows:',
      '  - id: f',
      '    steps:',
      ...labels.slice(1).map((label, i) => `      - {from: ${ids[i]}, to: ${ids[i + 1]}, label: ${JSON.stringify(label)}}`),
    ].join('\n') + '\n'
  );
}

interface FlowDb {
  getVertices(): Map<string, { id: string; text: string }>;
  getEdges(): Array<{ start: string; end: string; text: string }>;
}
interface SequenceDb {
  getActors(): Map<string, { name: string; description: string }>;
  getMessages(): Array<{ from?: string; to?: string; message: string }>;
}
interface ErDb {
  getEntities(): Map<string, { alias: string }>;
}

function mermaidText(a: Analysis, view: DiagramView): string {
  const d = diagramFor(a.design, view);
  if ('error' in d) assert.fail(d.error);
  return d.text;
}

describe('RELIABILITY.md: Mermaid generation', function () {
  this.timeout(60000);
  before(async () => {
    await loadMermaid();
  });

  it('a label such as `a"] --> evil["x` must stay one label: one node, one edge, the label shown as written', async () => {
    const payload = 'a"] --> evil["x';
    const text = labelledDesign([payload, 'db']);
    const a = analyse(text);
    assert.deepEqual(a.problems, []);
    const flow = await mermaidDb<FlowDb>(mermaidText(a, 'architecture'));
    const vertices = [...flow.getVertices().values()];
    assert.deepEqual(
      vertices.map((v) => [v.id, mermaidShown(v.text)]),
      [
        ['n0', payload],
        ['n1', 'db'],
      ],
    );
    assert.deepEqual(
      flow.getEdges().map((e) => [e.start, e.end, mermaidShown(e.text)]),
      [['n0', 'n1', 'db']],
    );
    const seq = await mermaidDb<SequenceDb>(mermaidText(a, 'sequence'));
    assert.deepEqual(
      [...seq.getActors().values()].map((x) => mermaidShown(x.description)),
      [payload, 'db'],
    );
  });

  it('`%%{init: ...}%%` inside a label must not become configuration, in any view', async () => {
    const init = '%%{init: {"theme": "forest", "securityLevel": "loose", "startOnLoad": true}}%%';
    const text = labelledDesign([init, `x ${init} y`, 'z']);
    const a = analyse(text);
    const mermaid = await loadMermaid();
    for (const view of listViews(a.design)) {
      const generated = mermaidText(a, view.view);
      assert.ok(!generated.includes('%%'), `${view.key}: no %% in the generated text`);
      assert.deepEqual(((await mermaid.parse(generated)) as { config: object }).config, {}, `${view.key}: no configuration`);
    }
    const flow = await mermaidDb<FlowDb>(mermaidText(a, 'architecture'));
    assert.deepEqual(
      [...flow.getVertices().values()].map((v) => mermaidShown(v.text)),
      [init, `x ${init} y`, 'z'],
    );
  });

  it('quotes, backticks, `<img onerror>`, `#`, `;`, `%%`, `{}`, `|`, `end`, emoji render exactly as written', async () => {
    const labels = [
      '"double" \'single\'',
      '`code` and ``more``',
      '<img src=x onerror=alert(1)>',
      '# not a comment',
      'a; b;',
      '%% not a comment',
      '{} {{x}}',
      'a | b |"c"|',
      'end',
      '📷 🏳️‍🌈 👩🏽‍💻 中文',
    ];
    const text = labelledDesign(labels);
    const a = analyse(text);
    assert.deepEqual(a.problems, []);
    const generated = mermaidText(a, 'architecture');
    for (const label of labels) if (/[^A-Za-z0-9 ]/.test(label)) assert.ok(!generated.includes(label), `${JSON.stringify(label)} never appears raw`);
    const flow = await mermaidDb<FlowDb>(generated);
    assert.deepEqual(
      [...flow.getVertices().values()].map((v) => mermaidShown(v.text)),
      labels,
    );
    assert.deepEqual(
      flow.getEdges().map((e) => mermaidShown(e.text)),
      labels.slice(1),
    );
    const seq = await mermaidDb<SequenceDb>(mermaidText(a, 'sequence'));
    assert.deepEqual(
      seq
        .getMessages()
        .filter((m) => m.from !== undefined)
        .map((m) => mermaidShown(m.message)),
      labels.slice(1),
    );
  });

  it('node ids are generated (`n0`, `n1`, ...), never taken from the document: ids `end`, `click`, `style` draw and parse', async () => {
    const ids = ['end', 'click', 'style', 'subgraph', 'graph', 'classDef', 'class', 'call', 'participant', 'erDiagram'];
    const text =
      [
        'sysdesign: 1',
        'name: reserved words',
        'components:',
        // The first three keep the data models' rows.
        ...ids.map((id, i) => `  - {id: ${id}, kind: ${i < 3 ? 'sql-database' : 'service'}}`),
        'connections:',
        ...ids.slice(1).map((id, i) => `  - ${ids[i]} -> ${id}`),
        'flows:',
        '  - id: end',
        '    steps:',
        ...ids.slice(1).map((id, i) => `      - ${ids[i]} -> ${id}: ${id}`),
        'data_models:',
        ...ids.slice(0, 3).map((id) => `  - {id: ${id}, store: ${id}, fields: {end: uuid pk, style: text}}`),
      ].join('\n') + '\n';
    const a = analyse(text);
    assert.deepEqual(a.problems, []);
    const arch = mermaidText(a, 'architecture');
    const flow = await mermaidDb<FlowDb>(arch);
    assert.deepEqual(
      [...flow.getVertices().keys()],
      ids.map((_, i) => `n${i}`),
    );
    assert.deepEqual(
      [...flow.getVertices().values()].map((v) => mermaidShown(v.text)),
      ids,
    );
    assert.equal(flow.getEdges().length, ids.length - 1);
    assertLineShapes(arch, FLOWCHART_LINES);
    const seq = await mermaidDb<SequenceDb>(mermaidText(a, { kind: 'flow', id: 'end' }));
    assert.deepEqual(
      [...seq.getActors().keys()],
      ids.map((_, i) => `p${i}`),
    );
    const er = await mermaidDb<ErDb>(mermaidText(a, 'er'));
    assert.deepEqual(
      [...er.getEntities().values()].map((e) => mermaidShown(e.alias)),
      ids.slice(0, 3),
    );
  });

  it('the encoding: control characters and U+2028/9 dropped, letters, digits and harmless punctuation as written, every other character as `#<code point>;`', () => {
    const text = labelledDesign(['bell\u0007 nul\u0000 del\u007f c1\u0085 line\u2028para\u2029end', 'é 中 📷 "x" 2.1 miles - push: #1; <b>']);
    const a = analyse(text);
    const generated = mermaidText(a, 'architecture');
    const labels = [...generated.matchAll(/"((?:[^"])*)"/g)].map((m) => m[1]);
    assert.deepEqual(labels.slice(0, 2), ['bell nul del c1  line para end', 'é 中 #128247; #34;x#34; 2.1 miles - push#58; #35;1#59; #60;b#62;']);
    for (const label of labels) assert.match(label, /^(?:[\p{L}\p{M}\p{N} .,\-_/()?!'+=*×]|#\d+;)*$/u);
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/.test(generated), 'no control character in the generated text');
    assert.equal(visibleText('a\u2028b'), 'a b');
  });

  it('cap diagram size before generating (50,000 characters, 500 edges): a clear message instead', () => {
    const edges =
      [
        'sysdesign: 1',
        'name: many edges',
        'components:',
        '  - {id: a, kind: service}',
        '  - {id: b, kind: service}',
        'connections:',
        ...Array.from({ length: 501 }, () => '  - a -> b'),
      ].join('\n') + '\n';
    const e = analyse(edges);
    assert.deepEqual(diagramFor(e.design, 'architecture'), {
      error: 'This diagram has 501 connections; the preview draws at most 500. Split the design into smaller files to see it.',
    });
    const long = labelledDesign(Array.from({ length: 60 }, (_, i) => `${'<中>'.repeat(70)}${i}`));
    const l = analyse(long);
    const result = diagramFor(l.design, 'architecture');
    assert.ok('error' in result, 'too long for Mermaid');
    assert.match(
      result.error,
      /^This diagram needs \d{2,3},\d{3} characters of Mermaid; the preview draws at most 50,000\. Shorten labels or split the design into smaller files\.$/,
    );
    // The Markdown export says the same in place of the diagram instead of an unreadable block.
    const md = designMarkdown({ design: l.design, estimate: l.estimate });
    assert.ok(md.includes(result.error.replace(/\.$/, '')), 'the message is in the Markdown');
  });
});

// ---------------------------------------------------------------------------
// Webview (the rest is in test/webview: CSP, messages, Chromium)
// ---------------------------------------------------------------------------

function versionOf(packageDir: string): number[] {
  const version = (JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  return version.split('.').map((n) => Number.parseInt(n, 10));
}

function atLeast(version: number[], floor: number[]): boolean {
  for (let i = 0; i < floor.length; i++) if (version[i] !== floor[i]) return (version[i] ?? 0) > floor[i];
  return true;
}

describe('RELIABILITY.md: Webview', () => {
  it("Mermaid `securityLevel: 'strict'`, `startOnLoad: false`: every initialize in the webview says so, nothing loosens it", () => {
    const dir = path.join(root, 'src', 'webview');
    let initializes = 0;
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const source = readFileSync(path.join(dir, name), 'utf8');
      assert.doesNotMatch(source, /securityLevel\s*:\s*['"](?:loose|antiscript|sandbox)['"]/, name);
      assert.doesNotMatch(source, /mermaid\.(?:init|run|contentLoaded)\s*\(/, `${name}: Mermaid never scans the page`);
      for (const m of source.matchAll(/mermaid\.initialize\(\{([\s\S]*?)\}\);/g)) {
        initializes++;
        assert.match(m[1], /securityLevel:\s*'strict'/, name);
        assert.match(m[1], /startOnLoad:\s*false/, name);
      }
    }
    assert.ok(initializes >= 1, 'Mermaid is initialised somewhere');
  });

  it('latest Mermaid and DOMPurify: at least the versions RELIABILITY.md measured (Mermaid 11.17) and DOMPurify 3.2.4 (CVE-2025-26791)', () => {
    const mermaid = path.join(root, 'node_modules', 'mermaid');
    assert.ok(atLeast(versionOf(mermaid), [11, 17, 0]), `mermaid ${versionOf(mermaid).join('.')}`);
    const nested = path.join(mermaid, 'node_modules', 'dompurify');
    const purify = statSafe(nested) ? nested : path.join(root, 'node_modules', 'dompurify');
    assert.ok(atLeast(versionOf(purify), [3, 2, 4]), `dompurify ${versionOf(purify).join('.')}`);
  });

  it('messages from the webview: a "reveal" carries only a view and a generated node id, never a document, command or path', () => {
    const { parseWebviewMessage } = require('../../src/extension/preview/messages') as { parseWebviewMessage(raw: unknown): unknown };
    assert.deepEqual(
      parseWebviewMessage({ type: 'reveal', view: 'architecture', nodeId: 'n3', uri: 'file:///etc/passwd', command: 'workbench.action.terminal.new', path: '/etc' }),
      {
        type: 'reveal',
        view: 'architecture',
        nodeId: 'n3',
      },
    );
    for (const nodeId of ['api', 'n', 'n1234567', '../n1', 'n1 ', 'constructor', '__proto__']) {
      assert.equal(parseWebviewMessage({ type: 'reveal', view: 'architecture', nodeId }), undefined, nodeId);
    }
    const polluted = JSON.parse('{"type": "reveal", "view": "architecture", "nodeId": "n1", "__proto__": {"type": "command"}}') as unknown;
    assert.deepEqual(parseWebviewMessage(polluted), { type: 'reveal', view: 'architecture', nodeId: 'n1' });
  });

  it('messages from the webview: a "selectScenario" carries a design id or null, nothing else (issue #16)', () => {
    const { parseWebviewMessage } = require('../../src/extension/preview/messages') as { parseWebviewMessage(raw: unknown): unknown };
    assert.deepEqual(parseWebviewMessage({ type: 'selectScenario', scenario: 'launch-day', uri: 'file:///etc/passwd' }), { type: 'selectScenario', scenario: 'launch-day' });
    assert.deepEqual(parseWebviewMessage({ type: 'selectScenario', scenario: null }), { type: 'selectScenario', scenario: null });
    for (const scenario of [undefined, 3, '', '-x', 'a b', 'x'.repeat(65), '../x', { id: 'x' }]) {
      assert.equal(parseWebviewMessage({ type: 'selectScenario', scenario }), undefined, JSON.stringify(scenario));
    }
  });
});

function statSafe(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------
// Editor and workspace (the rest is in test/server and test/integration)
// ---------------------------------------------------------------------------

/** The TypeScript sources under `src/<dirs>`, as [relative path, text]. */
function sources(...dirs: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.ts')) out.push([path.relative(root, p), readFileSync(p, 'utf8')]);
    }
  };
  for (const d of dirs) walk(path.join(root, 'src', d));
  return out;
}

describe('RELIABILITY.md: Editor and workspace', function () {
  this.timeout(60000);

  it('restricted mode (untrusted workspace): nothing from the workspace is executed: no eval, child processes, vm or computed imports in src/', () => {
    for (const [file, text] of sources('core', 'server', 'extension', 'protocol', 'webview', 'cli')) {
      const code = text.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
      // `sysdesign diff git:REV` runs `git show` (execFileSync, no shell, a checked revision) only when a
      // person asks for it on the command line; no editor layer can import the CLI (scripts/checkLayers.mjs).
      const runsGit = file === path.join('src', 'cli', 'diff.ts');
      assert.doesNotMatch(code, runsGit ? /\beval\s*\(|new Function\s*\(|node:vm|['"]vm['"]/ : /\beval\s*\(|new Function\s*\(|node:vm|['"]vm['"]|child_process/, file);
      if (runsGit)
        assert.deepEqual(
          [...code.matchAll(/\b(?:exec\w*|spawn\w*|fork)\(/g)].map((m) => m[0]),
          ['execFileSync('],
          file,
        );
      for (const m of code.matchAll(/\b(?:require|import)\s*\(\s*([^)]*)\)/g)) assert.match(m[1], /^['"][^'"]+['"]$/, `${file}: a computed ${m[0]}`);
      if (!file.endsWith(path.join('extension', 'browserClient.ts'))) assert.doesNotMatch(code, /new Worker\s*\(/, `${file}: only the extension's own server runs in a worker`);
    }
  });

  it('virtual workspaces: read through the document or `workspace.fs`, never `fsPath` (only the desktop client locates its own server with it)', () => {
    for (const [file, text] of sources('extension', 'server', 'core', 'protocol')) {
      assert.doesNotMatch(text, /from ['"](?:node:)?fs(?:\/promises)?['"]|require\(['"](?:node:)?fs['"]\)/, `${file}: no Node file system`);
      const uses = [...text.matchAll(/.*\.fsPath\b.*/g)].map((m) => m[0].trim());
      if (file === path.join('src', 'extension', 'client.ts')) {
        // The desktop client (the web build replaces it) finds the extension's own server module.
        for (const use of uses) assert.match(use, /Uri\.joinPath\(context\.extensionUri, [^)]*\)\.fsPath/, file);
      } else if (file === path.join('src', 'extension', 'compare', 'compareController.ts')) {
        // The Git extension's API names a file by its path; it is asked only for a `file:` design (the line before checks the scheme).
        assert.deepEqual(uses, ["return { name: 'HEAD', text: await repository.show('HEAD', document.fsPath) };"], file);
        assert.match(text, /document\.scheme === 'file' \? \(await this\.git\(\)\)\?\.getRepository\(document\) : undefined/, file);
      } else {
        assert.deepEqual(
          uses.filter((u) => !u.startsWith('//')),
          [],
          file,
        );
      }
    }
  });

  it('quick fixes, rename and formatting are minimal text edits on exact ranges: each fix replaces only its span, bytes elsewhere unchanged (CRLF, BOM, comments)', () => {
    const text = `\uFEFF# a design\r\n${example.replace('      important: false              # default true', '      important: no                 # default true').replace(/\n/g, '\r\n')}`;
    const a = analyse(text);
    const fixable = a.problems.filter((p) => p.fixes?.some((f) => f.kind === 'replace'));
    assert.deepEqual(where(text, fixable), ['sysdesign/yaml-1.1-boolean 20:18-20:20 "no"']);
    const p = fixable[0];
    const replace = p.fixes!.find((f) => f.kind === 'replace') as { text: string };
    const fixed = text.slice(0, p.start) + replace.text + text.slice(p.end);
    assert.equal(fixed.slice(0, p.start), text.slice(0, p.start), 'bytes before the span unchanged');
    assert.equal(fixed.slice(p.start + replace.text.length), text.slice(p.end), 'bytes after the span unchanged');
    assert.equal(fixed.split('\r\n').length, text.split('\r\n').length, 'CRLF kept');
    assert.ok(fixed.startsWith('\uFEFF# a design\r\n'), 'BOM and comment kept');
    assert.deepEqual(
      analyse(fixed).problems.map((x) => x.code),
      ['sysdesign/yaml-bom'],
    );
  });

  it('nothing is written on open or preview: analysing, drawing every view and the Markdown leave the file and the text unchanged', () => {
    const file = path.join(fixtures, 'yaml11.yaml');
    const before = readFileSync(file);
    const { mtimeMs } = statSync(file);
    const text = before.toString('utf8');
    const copy = `${text}`;
    const a = analyse(text);
    for (const view of listViews(a.design)) diagramFor(a.design, view.view);
    designMarkdown({ design: a.design, estimate: a.estimate });
    assert.equal(text, copy);
    assert.equal(a.text, copy);
    assert.ok(readFileSync(file).equals(before), 'the bytes on disk are unchanged');
    assert.equal(statSync(file).mtimeMs, mtimeMs, 'the file was not touched');
  });

  it('no includes, no remote references, no network: `include`, `$ref` and `!include` are reported, nothing is fetched', () => {
    const text = `${HEAD}include: other.sysdesign.yaml\ncomponents: !include https://example.com/components.yaml\ndata_models:\n  - $ref: https://example.com/models.json\n`;
    const a = noNetwork(() => {
      const analysis = analyse(text);
      for (const view of listViews(analysis.design)) diagramFor(analysis.design, view.view);
      return analysis;
    });
    assert.deepEqual(
      where(text, a.problems).filter((w) => /unknown-key|yaml-tag/.test(w)),
      ['sysdesign/unknown-key 3:1-3:8 "include"', 'sysdesign/yaml-tag 4:13-4:21 "!include"', 'sysdesign/unknown-key 6:5-6:9 "$ref"'],
    );
    for (const [file, source] of sources('core', 'server', 'extension', 'protocol', 'webview')) {
      assert.doesNotMatch(source, /\bfetch\s*\(|XMLHttpRequest|new WebSocket|from ['"](?:node:)?(?:https?|net|tls|dgram)['"]/, `${file}: no network`);
    }
  });
});

// ---------------------------------------------------------------------------
// The analysis (SPEC 5): load, capacity
// ---------------------------------------------------------------------------

describe('RELIABILITY.md: The analysis (SPEC 5)', function () {
  this.timeout(60000);
  const HEAD = 'sysdesign: 1\nname: t\n';
  /** A design with one flow through a chain of components: `steps` lines under the flow. */
  const chain = (components: string, steps: string, flowExtra = '    rate: 1k/s\n') =>
    `${HEAD}components:\n${components}connections:\n  - a -> b\n  - b -> c\nflows:\n  - id: f\n${flowExtra}    steps:\n${steps}`;
  const three = '  - { id: a, kind: client }\n  - { id: b, kind: service }\n  - { id: c, kind: sql-database }\n';

  it('`calls`, `capacity`, `replicas`, `shards` that are 0, negative, fractional where a whole number is meant, or huge: a diagnostic on the value', () => {
    const text = chain(
      '  - { id: a, kind: client }\n  - { id: b, kind: service, replicas: 2.5, shards: 1e12, capacity: 0/s }\n  - { id: c, kind: sql-database, replicas: "-3", capacity: -5/s }\n',
      '      - { from: a, to: b, calls: 0.0 }\n      - { from: b, to: c, calls: "1e30" }\n',
    );
    const problems = analyse(text).problems.filter((p) => p.code === 'sysdesign/quantity-range' || p.code === 'sysdesign/invalid-value');
    assert.deepEqual(
      where(text, problems).map((w) => w.replace(/ \d+:\d+-\d+:\d+/, '')),
      [
        'sysdesign/quantity-range "2.5"',
        'sysdesign/quantity-range "1e12"',
        'sysdesign/quantity-range "0/s"',
        'sysdesign/quantity-range "-3"',
        'sysdesign/quantity-range "-5/s"',
        // a plain 0 is the schema's to report (calls must be more than 0), once
        'sysdesign/invalid-value "0.0"',
        'sysdesign/quantity-range "1e30"',
      ],
    );
  });

  it('figures that overflow to Infinity or become NaN are never shown as numbers', () => {
    const text = chain(three, '      - { from: a, to: b, calls: 1e9 }\n      - { from: b, to: c, calls: 1e9 }\n', '    rate: 1e15/s\n');
    const analysis = analyse(text);
    assert.doesNotMatch(JSON.stringify(analysis.estimate), /Infinity|NaN|null[^,}\]]/);
    assertPlainJson(JSON.parse(JSON.stringify(analysis.estimate)));
    // 1e15 runs/s x 1e9 calls = 1e24/s: a huge but finite figure, and an error that says how many are needed
    const over = analysis.problems.filter((p) => p.code === 'sysdesign/over-capacity');
    assert.equal(over.length, 2);
    for (const p of over) assert.doesNotMatch(p.message, /Infinity|NaN/);
  });

  it('`capacity: 0` or utilisation past 100 %: an error on the component, no division by zero downstream', () => {
    const text = chain(
      '  - { id: a, kind: client }\n  - { id: b, kind: service, capacity: 0 }\n  - { id: c, kind: sql-database, capacity: 1/s }\n',
      '      - a -> b\n      - b -> c\n',
    );
    const analysis = analyse(text);
    assert.deepEqual(
      where(text, analysis.problems, 'sysdesign/quantity-range').map((w) => w.split(' ').pop()),
      ['"0"'],
    );
    assert.deepEqual(
      where(text, analysis.problems, 'sysdesign/over-capacity').map((w) => w.split(' ').pop()),
      ['"c"'],
    );
    const b = analysis.estimate.components.find((c) => c.id === 'b')!;
    assert.equal(b.utilisation, b.capacity_per_second === null ? null : b.utilisation);
    assert.doesNotMatch(JSON.stringify(analysis.estimate), /Infinity|NaN/);
    assert.equal(analysis.estimate.flows[0].latency_peak_seconds, null);
  });

  it('Erlang C for c = 1 and c = 10 million in bounded time and without overflow, wait null at or past saturation', () => {
    const one = chain(
      '  - { id: a, kind: client }\n  - { id: b, kind: service, capacity: 10/s, latency: 100ms }\n  - { id: c, kind: sql-database }\n',
      '      - a -> b\n',
      '    rate: 2.5/s\n',
    );
    const b1 = analyse(one).estimate.components.find((c) => c.id === 'b')!;
    assert.equal(b1.workers, 1);
    // M/M/1 at 50 %: rho·S/(1 - rho) = 0.1 s
    assert.ok(Math.abs(b1.queue_wait_seconds! - 0.1) < 1e-12);
    const many = chain(
      '  - { id: a, kind: client }\n  - { id: b, kind: service, replicas: 1000, capacity: 10M/s, latency: 1s }\n  - { id: c, kind: sql-database }\n',
      '      - a -> b\n',
      '    rate: 9999.5M/s\n    peak_factor: 1\n',
    );
    const { result, ms } = elapsed(() => analyse(many));
    const b2 = result.estimate.components.find((c) => c.id === 'b')!;
    assert.equal(b2.workers, 10_000_000);
    assert.ok(b2.queue_wait_seconds !== null && b2.queue_wait_seconds >= 0 && Number.isFinite(b2.queue_wait_seconds));
    assert.ok(ms < 5000, `${ms} ms`);
    const saturated = chain(
      '  - { id: a, kind: client }\n  - { id: b, kind: service, capacity: 10/s, latency: 100ms }\n  - { id: c, kind: sql-database }\n',
      '      - a -> b\n',
      '    rate: 5/s\n',
    );
    assert.equal(analyse(saturated).estimate.components.find((c) => c.id === 'b')!.queue_wait_seconds, null);
  });

  it('fan-out chains whose product explodes (`calls: 1M` on ten steps), a flow of 10,000 steps, 5,000 flows through one component: bounded time, the per-code caps hold', () => {
    const fan = chain(three, Array.from({ length: 10 }, (_, i) => `      - { from: ${i % 2 ? 'b' : 'a'}, to: ${i % 2 ? 'c' : 'b'}, calls: 1M }\n`).join(''));
    assert.doesNotMatch(JSON.stringify(analyse(fan).estimate), /Infinity|NaN/);
    const long = chain(three, '      - a -> b\n      - b -> c\n'.repeat(5000));
    const { ms: longMs } = elapsed(() => analyse(long, 20000));
    assert.ok(longMs < 20000);
    const flows = Array.from({ length: 5000 }, (_, i) => `  - id: f${i}\n    rate: 1/s\n    steps:\n      - a -> b\n`).join('');
    const wide = `${HEAD}components:\n${three}connections:\n  - a -> b\n  - b -> c\nflows:\n${flows}`;
    const analysis = analyse(wide, 20000);
    const b = analysis.estimate.components.find((c) => c.id === 'b')!;
    assert.equal(b.by_flow.length, 5000);
    assert.ok(Math.abs(b.peak_per_second! - 10000) < 1e-6);
    const perCode = new Map<string, number>();
    for (const p of analysis.problems) perCode.set(p.code, (perCode.get(p.code) ?? 0) + 1);
    for (const [code, count] of perCode) assert.ok(count <= 201, `${code}: ${count}`);
  });
});
