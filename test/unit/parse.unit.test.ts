import * as assert from 'node:assert/strict';
import { analyseText } from '../../src/core/analyse';
import { findExcessiveDepth } from '../../src/core/yaml/depth';
import { parseYaml } from '../../src/core/yaml/parse';
import { MAX_TEXT_LENGTH } from '../../src/core/yaml/prechecks';
import { codes, withCode } from '../support/problems';

describe('parse: YAML hazards become problems, never crashes', () => {
  it('reports a syntax error on its range', () => {
    const text = 'sysdesign: 1\nname: [unclosed\n';
    const r = parseYaml(text);
    assert.equal(r.fatal, true);
    assert.ok(codes(r.problems).includes('sysdesign/yaml-syntax'));
    for (const p of r.problems) assert.ok(p.start >= 0 && p.end <= text.length && p.start <= p.end);
  });

  it('finds duplicate keys with its own check, on the second key', () => {
    const text = 'sysdesign: 1\nname: a\nname: b\n';
    const r = parseYaml(text);
    assert.deepEqual(withCode(text, r.problems, 'sysdesign/yaml-duplicate-key'), ['name']);
    assert.equal(r.problems.find((p) => p.code === 'sysdesign/yaml-duplicate-key')!.start, text.lastIndexOf('name'));
  });

  it('handles 20,000 keys in one map quickly (the library check is quadratic)', function () {
    this.timeout(5000);
    const lines = ['sysdesign: 1', 'name: big', 'estimation:', '  values:'];
    for (let i = 0; i < 20000; i++) lines.push(`    v${i}: ${i}`);
    lines.push('    v7: 1');
    const text = lines.join('\n');
    const started = Date.now();
    const r = parseYaml(text);
    assert.ok(Date.now() - started < 2000, 'took too long');
    assert.deepEqual(withCode(text, r.problems, 'sysdesign/yaml-duplicate-key'), ['v7']);
  });

  it('a tag glued to what precedes it is reported on the tag, never past the end of the text (found by the fuzz campaign)', () => {
    for (const [text, tag] of [
      ['[!', '!'],
      ['{a: 1}!!set functional:', '!!set'],
    ]) {
      const tags = parseYaml(text).problems.filter((p) => p.code === 'sysdesign/yaml-tag');
      assert.equal(tags.length, 1, text);
      assert.ok(tags[0].start >= 0 && tags[0].start <= tags[0].end && tags[0].end <= text.length, `${text}: ${tags[0].start}-${tags[0].end}`);
      assert.equal(text.slice(tags[0].start, tags[0].end), tag);
    }
  });

  it('flags explicit tags and does not resolve them', () => {
    const text = 'sysdesign: 1\nname: !!binary aGVsbG8=\ndescription: !custom x\nx: !!set {a}\nwhen: !!timestamp 2001-12-14\nok: !!str 1.10\n';
    const r = parseYaml(text);
    assert.deepEqual(withCode(text, r.problems, 'sysdesign/yaml-tag'), ['!!binary', '!custom', '!!set', '!!timestamp']);
    const value = r.value as Record<string, unknown>;
    assert.equal(typeof value.x, 'object');
    assert.ok(!(value.x instanceof Set));
    assert.equal(value.when, '2001-12-14');
    assert.equal(value.ok, '1.10');
  });

  it('warns on YAML 1.1 booleans and octal-looking numbers, with a fix', () => {
    const text = 'a: no\nb: Yes\nc: "no"\nd: 014\ne: 22:22\nf: true\n';
    const r = parseYaml(text);
    assert.deepEqual(withCode(text, r.problems, 'sysdesign/yaml-1.1-boolean'), ['no', 'Yes']);
    assert.deepEqual(r.problems.find((p) => p.code === 'sysdesign/yaml-1.1-boolean')!.fixes, [{ kind: 'replace', text: 'false' }]);
    assert.deepEqual(withCode(text, r.problems, 'sysdesign/yaml-1.1-number'), ['014']);
    assert.equal((r.value as Record<string, unknown>).e, '22:22');
  });

  it('does not apply merge keys and says why', () => {
    const text = 'base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n';
    const r = parseYaml(text);
    assert.deepEqual(withCode(text, r.problems, 'sysdesign/yaml-merge-key'), ['<<']);
  });

  it('stops an alias bomb with one problem', function () {
    this.timeout(5000);
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(`${cur}: &${cur} [${Array(10).fill(`*${prev}`).join(',')}]`);
    }
    const text = lines.join('\n');
    const r = parseYaml(text);
    assert.equal(r.value, undefined);
    assert.equal(withCode(text, r.problems, 'sysdesign/yaml-alias').length, 1);
  });

  it('reports a self-referencing alias instead of building a cyclic value', () => {
    const text = 'a: &a [*a, 1]\n';
    const r = parseYaml(text);
    assert.deepEqual(withCode(text, r.problems, 'sysdesign/yaml-alias'), ['*a']);
    assert.equal(r.value, undefined);
  });

  it('reports an unknown anchor', () => {
    const text = 'a: *nowhere\n';
    assert.deepEqual(withCode(text, parseYaml(text).problems, 'sysdesign/yaml-alias'), ['*nowhere']);
  });

  it('rejects deep nesting before parsing, for flow and block styles', () => {
    for (const text of ['['.repeat(5000), '- '.repeat(5000) + 'x', '{a: '.repeat(3000), Array.from({ length: 200 }, (_, i) => ' '.repeat(i) + 'k:').join('\n')]) {
      const r = parseYaml(text);
      assert.equal(r.doc, null);
      assert.deepEqual(codes(r.problems), ['sysdesign/yaml-too-deep']);
    }
    // Twice in one process: the V8 regexp abort happened on the second parse.
    assert.deepEqual(codes(parseYaml('['.repeat(5000)).problems), ['sysdesign/yaml-too-deep']);
  });

  it('measures depth without being fooled by quotes, comments or block scalars', () => {
    assert.equal(findExcessiveDepth('a: "[[[[[[[["\nb: # [[[[[[[[[[\n', 4), undefined);
    assert.equal(findExcessiveDepth('a: |\n  x\n    y\n      z\n        w\nb: 1\n', 3), undefined);
    assert.notEqual(findExcessiveDepth('a: [[[[[1]]]]]', 4), undefined);
    // A quote inside a plain scalar is a character, not a quoted scalar that would hide the
    // brackets after it (fuzz seed 20261206, case 64846: 180,000 `[` took a second to parse).
    const plain = 'd: Xu\'s table; a unique index answers "already shortened?".\nc: [[[[[1]]]]]\n';
    // The fourth `[`: the key `c` is one level, so three brackets make four.
    assert.equal(findExcessiveDepth(plain, 4), plain.indexOf('[[[[[') + 3);
    assert.notEqual(findExcessiveDepth('a: b?"\nc: [[[[[1]]]]]\n', 4), undefined);
    // Nor is a bracket inside a plain scalar a flow collection (case 68076: `label: a"] --> evil["x`).
    assert.notEqual(findExcessiveDepth('label: a"] --> evil["x\nc: [[[[[1]]]]]\n', 4), undefined);
    assert.equal(findExcessiveDepth('label: x[[[[[[[[\n', 4), undefined);
    // Still quotes where a value starts: after `: `, `- `, `? `, `[`, `{` and `,`.
    for (const text of ['a: "[[[[["\n', "- '[[[[['\n", '? "[[[[["\n', '[a, "[[[[["]\n', '{a: "[[[[["}\n']) assert.equal(findExcessiveDepth(text, 4), undefined, text);
  });

  it('reports several documents', () => {
    const text = 'sysdesign: 1\nname: a\n---\nname: b\n';
    assert.ok(codes(parseYaml(text).problems).includes('sysdesign/yaml-multiple-documents'));
  });

  it('reports tabs used for indentation', () => {
    const r = parseYaml('a:\n\tb: 1\n');
    assert.ok(r.problems.some((p) => p.code === 'sysdesign/yaml-syntax' && /tab/i.test(p.message)));
  });

  it('notes a BOM and still parses', () => {
    const r = parseYaml('\uFEFFsysdesign: 1\nname: x\n');
    assert.deepEqual(codes(r.problems), ['sysdesign/yaml-bom']);
    assert.equal((r.value as Record<string, unknown>).name, 'x');
  });

  it('reports control characters where they are', () => {
    const text = 'name: a\u0001b\n';
    const r = parseYaml(text);
    const p = r.problems.find((x) => x.code === 'sysdesign/yaml-control-character')!;
    assert.equal(p.start, text.indexOf('\u0001'));
  });

  it('reports integers past 2^53', () => {
    const text = 'a: 12345678901234567890\n';
    assert.deepEqual(withCode(text, parseYaml(text).problems, 'sysdesign/yaml-number'), ['12345678901234567890']);
  });

  it('keys longer than 1024 characters are an error, not a crash', () => {
    const r = parseYaml(`${'k'.repeat(2000)}: 1\n`);
    assert.ok(r.problems.length > 0);
  });

  it('__proto__ and constructor are ordinary keys', () => {
    const r = parseYaml('__proto__: {polluted: true}\nconstructor: 1\n');
    const value = r.value as Record<string, unknown>;
    assert.ok(Object.hasOwn(value, '__proto__'));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(value.constructor, 1);
  });

  it('over the size cap: one problem and no further work', () => {
    const text = `name: x\n${'#'.repeat(MAX_TEXT_LENGTH)}`;
    const r = parseYaml(text);
    assert.deepEqual(codes(r.problems), ['sysdesign/file-too-large']);
    assert.equal(r.doc, null);
    const a = analyseText(text);
    assert.deepEqual(codes(a.problems), ['sysdesign/file-too-large']);
  });

  it('a 10 MB line is refused without hanging', () => {
    const a = analyseText(`name: ${'x'.repeat(10_000_000)}`);
    assert.deepEqual(codes(a.problems), ['sysdesign/file-too-large']);
  });

  it('an empty or comment-only file analyses cleanly to a missing-key problem', () => {
    for (const text of ['', '# nothing yet\n', '\n\n']) {
      const a = analyseText(text);
      assert.ok(a.problems.every((p) => p.code !== 'sysdesign/internal-error'));
    }
  });
});
