/**
 * The YAML-edit engine's functions that no request reaches yet (`setField`, for the coming
 * quick fixes "set replicas" and "add calls"), on the golden input with a byte-order mark,
 * CRLF, 3-space indentation and comments on and after the edited lines. Golden files in
 * test/golden/edits/expected/set-field-*.sysdesign.yaml (`UPDATE_GOLDEN=1` rewrites them);
 * bytes outside the edit must be the input's.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyseText, type Component } from '../../src/core';
import { editDocument, setField, type OffsetEdit } from '../../src/server/edits/yamlEdits';
import { eolOf } from '../../src/server/positions';
import { golden, goldenFile, goldenInput } from './support/goldenEdits';

function apply(text: string, edit: OffsetEdit): string {
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}

/** `setField` on the component `id` of `text`. */
function setOn(text: string, id: string, key: string, value: string): { edit: OffsetEdit; result: string } {
  const component = analyseText(text).design.components.find((c: Component) => c.id.name === id);
  assert.ok(component, `component ${id}`);
  const edit = setField(editDocument(text, eolOf(text)), component, key, value);
  assert.ok(edit, 'an edit');
  return { edit, result: apply(text, edit) };
}

describe('yamlEdits: setField', () => {
  const chat = goldenInput('chat');
  const cases: Array<{ name: string; id: string; key: string; value: string }> = [
    { name: 'set-field-block-add', id: 'client', key: 'replicas', value: '3' },
    { name: 'set-field-block-replace', id: 'client', key: 'kind', value: 'service' },
    { name: 'set-field-block-last-item', id: 'db', key: 'replicas', value: '2' },
    { name: 'set-field-flow-add', id: 'api', key: 'replicas', value: '3' },
    { name: 'set-field-flow-replace', id: 'api', key: 'kind', value: 'cache' },
  ];
  for (const c of cases) {
    it(`${c.name}: golden, minimal, CRLF, BOM and comments kept`, () => {
      const { edit, result } = setOn(chat, c.id, c.key, c.value);
      assert.equal(golden(c.name, result), result, `expected/${c.name}.sysdesign.yaml`);
      assert.ok(Buffer.from(result, 'utf8').equals(readFileSync(goldenFile(c.name))), 'the same bytes as the golden file');
      assert.equal(result.slice(0, edit.start), chat.slice(0, edit.start), 'the bytes before the edit are unchanged');
      assert.equal(result.slice(edit.start + edit.newText.length), chat.slice(edit.end), 'the bytes after the edit are unchanged');
      assert.ok(result.startsWith('\uFEFF'), 'the byte-order mark stays');
      assert.equal(/(?<!\r)\n/.test(result), false, 'no lone LF');
      assert.equal(result.split('#').length, chat.split('#').length, 'every comment stays');
      const after = analyseText(result);
      assert.deepEqual(
        after.problems.filter((p) => p.severity === 'error').map((p) => p.code),
        [],
        'still a valid design',
      );
      const component = after.design.components.find((x) => x.id.name === c.id);
      if (c.key === 'replicas') assert.equal(component?.replicas?.text, c.value);
      if (c.key === 'kind') assert.equal(component?.kind, c.value);
    });
  }

  const head = 'sysdesign: 1\nname: t\ncomponents:\n';
  it("a block map item in a list: a new key at the item's column, after nested content", () => {
    const text = `${head}  - id: a\n    kind: service\n    label: A   # shown\nconnections: []\n`;
    assert.equal(setOn(text, 'a', 'replicas', '2').result, text.replace('# shown\n', '# shown\n    replicas: 2\n'));
    assert.equal(setOn(text, 'a', 'label', '"B # c"').result, text.replace('label: A', 'label: "B # c"'));
    const quoted = `${head}  - id: a\n    label: "A # not a comment"   # a comment\n`;
    assert.equal(setOn(quoted, 'a', 'label', 'B').result, `${head}  - id: a\n    label: B   # a comment\n`);
    assert.equal(setOn(text, 'a', 'id', 'b').result, text.replace('- id: a', '- id: b'), "a key on the item's first line, after its dash");
    const empty = `${head}  - id: a\n    tech:\n    kind: service\n`;
    assert.equal(setOn(empty, 'a', 'tech', 'Go').result, empty.replace('tech:', 'tech: Go'));
  });

  it('a flow map follows its own spacing', () => {
    assert.equal(setOn(`${head}  - {id: a, kind: cache}\n`, 'a', 'replicas', '3').result, `${head}  - {id: a, kind: cache, replicas: 3}\n`);
    assert.equal(setOn(`${head}  - { id: a, kind: cache }\n`, 'a', 'kind', 'queue').result, `${head}  - { id: a, kind: queue }\n`);
    assert.equal(setOn(`${head}  - { id: a, label: "x, y" }\n`, 'a', 'replicas', '1').result, `${head}  - { id: a, label: "x, y", replicas: 1 }\n`);
  });

  it('a key whose value is a block, a block scalar or a collection is not a field to set', () => {
    for (const value of ['\n      p99: 1ms', ' |\n      text', ' [1ms,\n      2ms]', ' { p99: 1ms }']) {
      const text = `${head}  - id: a\n    kind: service\n    latency:${value}\n`;
      const component = analyseText(text).design.components[0];
      assert.equal(setField(editDocument(text, '\n'), component, 'latency', '2ms'), undefined, JSON.stringify(value));
    }
  });
});
