import * as assert from 'node:assert/strict';
import { analyseText } from '../../src/core/analyse';
import { parseArrow } from '../../src/core/model/arrows';
import { parseFieldDefinition } from '../../src/core/model/fields';

describe('model: arrows in every written form keep their ranges', () => {
  const text = [
    'sysdesign: 1',
    'name: Arrows',
    'components:',
    '  - { id: a, kind: client }',
    '  - { id: b, kind: service }',
    'connections:',
    '  - a -> b',
    '  - a -> b: plain label',
    '  - "a -> b: quoted label"',
    '  - from: b',
    '    to: a',
    '    label: long form',
    '    async: true',
    '    latency: 5ms',
    '',
  ].join('\n');
  const { design } = analyseText(text);
  const slice = (s: { start: number; end: number }) => text.slice(s.start, s.end);

  it('reads all four connections', () => {
    assert.equal(design.connections.length, 4);
    assert.deepEqual(
      design.connections.map((c) => [c.from.name, c.to.name, c.label?.text, c.async]),
      [
        ['a', 'b', undefined, false],
        ['a', 'b', 'plain label', false],
        ['a', 'b', 'quoted label', false],
        ['b', 'a', 'long form', true],
      ],
    );
  });

  it('every id and label span covers exactly its characters', () => {
    for (const c of design.connections) {
      assert.equal(slice(c.from), c.from.name);
      assert.equal(slice(c.to), c.to.name);
      if (c.label) assert.equal(slice(c.label), c.label.text);
    }
  });

  it('keeps the latency of the long form as an exact quantity source', () => {
    const latency = design.connections[3].latency!;
    assert.equal(slice(latency), '5ms');
    assert.equal(latency.exact, true);
  });

  it('parseArrow refuses what is not an arrow', () => {
    assert.equal(parseArrow('a - b', 0, true), undefined);
    assert.equal(parseArrow('-> b', 0, true), undefined);
    assert.deepEqual(parseArrow(' x ->y', 10, false), { from: { name: 'x', start: 11, end: 12 }, to: { name: 'y', start: 15, end: 16 }, label: undefined });
  });
});

describe('model: field definitions', () => {
  it('reads type, pk, index, unique and fk with spans', () => {
    const f = parseFieldDefinition({ text: 'uuid fk users.user_id index', start: 100, end: 127 });
    assert.equal(f.type?.text, 'uuid');
    assert.equal(f.index, true);
    assert.deepEqual(f.fk, { table: { name: 'users', start: 108, end: 113 }, field: { name: 'user_id', start: 114, end: 121 } });
    const g = parseFieldDefinition({ text: 'decimal(10, 2) pk unique', start: 0, end: 24 });
    assert.equal(g.type?.text, 'decimal(10, 2)');
    assert.equal(g.pk, true);
    assert.equal(g.unique, true);
  });
});

describe('model: sections', () => {
  it('lists the top-level sections in document order with key spans', () => {
    const text = 'sysdesign: 1\nname: x\ncomponents: []\nflows: []\n';
    const { design } = analyseText(text);
    assert.deepEqual(
      design.sections.map((s) => s.name),
      ['sysdesign', 'name', 'components', 'flows'],
    );
    assert.equal(text.slice(design.sections[2].key.start, design.sections[2].key.end), 'components');
  });
});
