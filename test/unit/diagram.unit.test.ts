import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyseText } from '../../src/core/analyse';
import { MAX_DIAGRAM_EDGES, designMarkdown, diagramFor, listViews, parseView, viewKey, type Diagram, type DiagramResult } from '../../src/core/diagram';
import { MAX_ATTRIBUTES } from '../../src/core/diagram/er';
import { COMPONENT_KINDS } from '../../src/core/types';
import {
  ER_LINES,
  FLOWCHART_EDGE,
  FLOWCHART_LINES,
  FLOWCHART_NODE,
  SEQUENCE_LINES,
  SEQUENCE_MESSAGE,
  assertLineShapes,
  countLines,
  expectGolden,
  makeDesign,
} from './diagram.helpers';

const root = path.join(__dirname, '..', '..');
const exampleText = readFileSync(path.join(root, 'test', 'fixtures', 'spec-example.sysdesign.yaml'), 'utf8');
const example = analyseText(exampleText);

function ok(result: DiagramResult): Diagram {
  if ('error' in result) assert.fail(`expected a diagram, got: ${result.error}`);
  return result;
}

describe('diagrams: the spec example (golden files)', () => {
  it('architecture flowchart', () => {
    const d = ok(diagramFor(example.design, 'architecture'));
    expectGolden('spec-example/architecture.mmd', d.text);
    assertLineShapes(d.text, FLOWCHART_LINES);
    assert.equal(countLines(d.text, FLOWCHART_NODE), 7);
    assert.equal(countLines(d.text, FLOWCHART_EDGE), 7);
    assert.match(d.text, /^ {2}n5 -\.->\|"origin"\| n1$/m, 'the async connection blobs -> cdn is dashed');
  });

  for (const flow of ['upload-photo-dry-run', 'view-feed-dry-run']) {
    it(`sequence diagram of ${flow}`, () => {
      const d = ok(diagramFor(example.design, { kind: 'flow', id: flow }));
      expectGolden(`spec-example/${flow}.mmd`, d.text);
      assertLineShapes(d.text, SEQUENCE_LINES);
      assert.equal(countLines(d.text, SEQUENCE_MESSAGE), 6);
      // api -> lb and lb -> client go against their connections: replies.
      assert.deepEqual(
        d.text
          .split('\n')
          .filter((l) => SEQUENCE_MESSAGE.test(l))
          .map((l) => /-->>/.test(l)),
        [false, false, false, false, true, true],
      );
    });
  }

  it('ER diagram', () => {
    const d = ok(diagramFor(example.design, 'er'));
    expectGolden('spec-example/er.mmd', d.text);
    assertLineShapes(d.text, ER_LINES);
    assert.match(d.text, /^ {2}e1 \|\|--o\{ e0 : "user_id"$/m, 'users ||--o{ photos : "user_id"');
    assert.match(d.text, /^ {4}varchar\(200\) caption$/m);
  });

  it('Markdown design document', () => {
    const md = designMarkdown(example);
    expectGolden('spec-example/design.md', md);
    for (const heading of ['# Photo sharing', '## 1. Requirements', '## 2. Estimation', '## 3. API', '## 4. Data model', '## 5. Design']) {
      assert.ok(md.split('\n').includes(heading), heading);
    }
    // Every diagram, as a block GitHub renders.
    assert.equal(md.split('\n').filter((l) => l === '```mermaid').length, 4);
    // The overview is the preview's way to read a large architecture; the document has the architecture itself.
    for (const view of listViews(example.design).filter((v) => v.key !== 'overview')) assert.ok(md.includes(ok(diagramFor(example.design, view.view)).text), view.key);
    assert.match(md, /\| `upload-photo` \| write \| 2M \| 23\.1\/s \| 46\.3\/s \| 2 MB \| 46\.3 MB\/s \| 4 TB \|/);
    assert.match(md, /\| Servers \| 6 \|/);
    assert.match(md, /\| Per year \| 52\.6 min \|/);
    assert.match(md, /\| `GET \/v1\/feed\?cursor=\{cursor\}` \| `get-feed` \| `view-feed` \|/);
    assert.match(md, /\| `user_id` \| `uuid` \| foreign key to `users\.user_id` \|/);
  });
});

describe('diagrams: views and the source map', () => {
  it('listViews: architecture, the overview (a group holds two or more components), one per dry run, the data model', () => {
    assert.deepEqual(
      listViews(example.design).map((v) => [v.key, v.title]),
      [
        ['architecture', 'Architecture'],
        ['overview', 'Overview'],
        ['flow:upload-photo-dry-run', 'Dry run: upload-photo-dry-run'],
        ['flow:view-feed-dry-run', 'Dry run: view-feed-dry-run'],
        ['er', 'Data model'],
      ],
    );
    assert.deepEqual(
      listViews(makeDesign({})).map((v) => v.key),
      ['architecture'],
    );
  });

  it('parseView and viewKey are inverses; a bare flow id works when the design has it', () => {
    for (const view of listViews(example.design)) assert.deepEqual(parseView(viewKey(view.view)), view.view);
    assert.deepEqual(parseView('view-feed-dry-run', example.design), { kind: 'flow', id: 'view-feed-dry-run' });
    assert.equal(parseView('nope', example.design), undefined);
    assert.equal(parseView('flow:'), undefined);
    assert.equal(parseView('sequence'), 'sequence');
  });

  it("'sequence' is the first dry run", () => {
    assert.deepEqual(diagramFor(example.design, 'sequence'), diagramFor(example.design, { kind: 'flow', id: 'upload-photo-dry-run' }));
  });

  it('every node maps to its definition: the id span holds the id, the span holds the whole entry', () => {
    for (const view of listViews(example.design)) {
      const d = ok(diagramFor(example.design, view.view));
      assert.ok(d.nodes.length > 0, view.key);
      for (const node of d.nodes) {
        assert.equal(exampleText.slice(node.idStart, node.idEnd), node.id, `${view.key} ${node.nodeId}`);
        assert.ok(node.start <= node.idStart && node.idEnd <= node.end, `${view.key} ${node.nodeId}`);
        assert.ok(new RegExp(`^  (?:participant )?${node.nodeId}\\b`, 'm').test(d.text) || new RegExp(`subgraph ${node.nodeId}\\[`).test(d.text), `${node.nodeId} is drawn`);
      }
    }
    const arch = ok(diagramFor(example.design, 'architecture'));
    assert.deepEqual(
      arch.nodes.map((n) => `${n.nodeId}=${n.kind}:${n.id}`),
      [
        'n0=component:client',
        'n1=component:cdn',
        'n2=component:lb',
        'n3=component:api',
        'n4=component:photo-db',
        'n5=component:blobs',
        'n6=component:feed-cache',
        'g0=group:backend',
      ],
    );
    const api = arch.nodes.find((n) => n.id === 'api');
    assert.ok(api && exampleText.slice(api.start, api.end).includes('label: Photo API'));
  });

  it('nothing to draw: a sentence, not a blank panel', () => {
    const empty = makeDesign({});
    for (const view of ['architecture', 'er', 'sequence'] as const) {
      const r = diagramFor(empty, view);
      assert.ok('error' in r && /^Nothing to draw yet/.test(r.error), view);
    }
    const r = diagramFor(example.design, { kind: 'flow', id: 'nope' });
    assert.deepEqual(r, { error: 'There is no dry run with the id "nope".' });
    const noSteps = makeDesign({ flows: [{ id: 'f', steps: [] }] });
    assert.deepEqual(diagramFor(noSteps, { kind: 'flow', id: 'f' }), { error: 'The dry run "f" has no steps yet.' });
  });
});

describe('diagrams: the architecture', () => {
  it('a distinct shape for each kind, and a plain box without one', () => {
    const design = makeDesign({ components: [...COMPONENT_KINDS.map((kind, i) => ({ id: `c${i}`, kind })), { id: 'nokind' }] });
    const text = ok(diagramFor(design, 'architecture')).text;
    const nodeLines = text.split('\n').filter((l) => FLOWCHART_NODE.test(l));
    assert.equal(nodeLines.length, COMPONENT_KINDS.length + 1);
    const shapeOf = (line: string) => line.replace(/^ {2}n\d+/, '').replace(/"[^"]*"/, '…');
    const byKind = new Map(COMPONENT_KINDS.map((kind, i) => [kind, shapeOf(nodeLines[i])]));
    assert.equal(byKind.get('sql-database'), '[(…)]');
    assert.equal(byKind.get('client'), '([…])');
    assert.equal(byKind.get('queue'), '>…]');
    assert.equal(shapeOf(nodeLines[COMPONENT_KINDS.length]), '[…]');
    // Only the three databases share a shape (cylinders, told apart by label and tech).
    const shared = [...byKind].filter(([, s]) => [...byKind.values()].filter((t) => t === s).length > 1).map(([k]) => k);
    assert.deepEqual(shared, ['sql-database', 'nosql-database', 'object-store']);
    assert.doesNotMatch(text, new RegExp(`class [^\\n]*\\bn${COMPONENT_KINDS.length}\\b`), 'no class for a component without a kind');
  });

  it('label or id, then tech and replicas on a second line', () => {
    const design = makeDesign({
      components: [
        { id: 'api', kind: 'service', label: 'Photo API', tech: 'Go', replicas: 3 },
        { id: 'db', kind: 'sql-database', replicas: 1 },
        { id: 'q', kind: 'queue', tech: 'Kafka' },
      ],
    });
    const text = ok(diagramFor(design, 'architecture')).text;
    assert.match(text, /^ {2}n0\["Photo API<br\/>Go ×3"\]$/m);
    assert.match(text, /^ {2}n1\[\("db"\)\]$/m);
    assert.match(text, /^ {2}n2>"q<br\/>Kafka"\]$/m);
  });

  it('references to undefined components are not drawn; duplicates are drawn once', () => {
    const design = makeDesign({
      components: [{ id: 'a', kind: 'service' }, { id: 'b' }, { id: 'a', kind: 'cache' }],
      groups: [
        { id: 'g', members: ['a', 'ghost'] },
        { id: 'h', members: ['a'] },
        { id: 'empty', members: ['ghost'] },
      ],
      connections: [
        ['a', 'b'],
        ['a', 'ghost'],
        ['ghost', 'b'],
        ['b', 'a', 'back', true],
      ],
    });
    const d = ok(diagramFor(design, 'architecture'));
    assert.equal(countLines(d.text, FLOWCHART_NODE), 2);
    assert.equal(countLines(d.text, FLOWCHART_EDGE), 2);
    assert.equal(countLines(d.text, /^ {2}subgraph /), 1, 'a node sits in the first group that lists it; empty groups are left out');
    assert.match(d.text, /^ {2}n1 -\.->\|"back"\| n0$/m);
    assertLineShapes(d.text, FLOWCHART_LINES);
  });
});

describe('diagrams: sequences and ER', () => {
  it('participants in order of first appearance; replies dashed; async uses open arrows', () => {
    const design = makeDesign({
      components: [
        { id: 'w', kind: 'worker', label: 'Worker' },
        { id: 'q', kind: 'queue' },
        { id: 'api', kind: 'service' },
      ],
      connections: [
        ['api', 'q', '', true],
        ['w', 'q'],
      ],
      flows: [
        {
          id: 'f',
          steps: [
            ['api', 'q', 'enqueue'],
            ['w', 'q', 'poll'],
            ['q', 'w', 'job'],
            ['q', 'api'],
            ['w', 'ghost', 'no such component'],
          ],
        },
      ],
    });
    const d = ok(diagramFor(design, { kind: 'flow', id: 'f' }));
    assertLineShapes(d.text, SEQUENCE_LINES);
    assert.deepEqual(
      d.text.split('\n').filter((l) => /^ {2}participant /.test(l)),
      ['  participant p0 as api', '  participant p1 as q', '  participant p2 as Worker', '  participant p3 as ghost'],
    );
    assert.deepEqual(
      d.text.split('\n').filter((l) => SEQUENCE_MESSAGE.test(l)),
      ['  p0-)p1: enqueue', '  p2->>p1: poll', '  p1-->>p2: job', '  p1--)p0:', '  p2->>p3: no such component'],
    );
    assert.deepEqual(
      d.nodes.map((n) => n.id),
      ['api', 'q', 'w', 'ghost'],
    );
  });

  it('ER: keys, unique relationships, sanitised words with the original in the comment', () => {
    const design = makeDesign({
      dataModels: [
        {
          id: 'orders',
          fields: [
            { name: 'id', type: 'bigint', pk: true },
            { name: 'user id', type: 'uuid', fk: { table: 'users', field: 'id' }, index: true },
            { name: 'pk', type: 'decimal(10,2)' },
            { name: 'profile', type: 'uuid', fk: { table: 'profiles', field: 'id' }, unique: true },
            { name: 'end', type: 'text' },
            { name: 'ghost_id', type: 'uuid', fk: { table: 'ghosts', field: 'id' } },
          ],
        },
        { id: 'users', fields: [{ name: 'id', type: 'uuid', pk: true }] },
        { id: 'profiles', fields: [] },
      ],
    });
    const d = ok(diagramFor(design, 'er'));
    assertLineShapes(d.text, ER_LINES);
    const lines = d.text.split('\n');
    assert.ok(lines.includes('    bigint id PK'));
    assert.ok(lines.includes('    uuid user_id FK "user id index"'));
    assert.ok(lines.includes('    decimal(10_2) _pk "pk decimal(10,2)"'));
    assert.ok(lines.includes('    uuid profile FK, UK'));
    assert.ok(lines.includes('    text end'));
    assert.ok(lines.includes('  e2["profiles"]'), 'an entity without fields has no block');
    assert.ok(lines.includes('  e1 ||--o{ e0 : "user id"'));
    assert.ok(lines.includes('  e2 ||--o| e0 : "profile"'));
    assert.equal(countLines(d.text, /\|\|--/), 2, 'no relationship to a data model that does not exist');
  });

  it('cardinality comes from the keys: a foreign key inside a composite primary key is one-to-many (issue #15)', () => {
    const { design } = analyseText(`sysdesign: 1
name: Keys
data_models:
  - id: users
    fields: { user_id: uuid pk }
  - id: follows
    fields: { follower_id: uuid pk fk users.user_id, followee_id: uuid pk fk users.user_id }
  - id: profiles
    fields: { user_id: uuid pk fk users.user_id }
  - id: sessions
    fields: { session_id: uuid pk, user_id: uuid fk users.user_id unique }
`);
    const d = ok(diagramFor(design, 'er'));
    assertLineShapes(d.text, ER_LINES);
    const lines = d.text.split('\n');
    assert.ok(lines.includes('  e0 ||--o{ e1 : "follower_id"'), 'a follower follows many');
    assert.ok(lines.includes('  e0 ||--o{ e1 : "followee_id"'));
    assert.ok(lines.includes('  e0 ||--o| e2 : "user_id"'), 'the whole primary key: one profile per user');
    assert.ok(lines.includes('  e0 ||--o| e3 : "user_id"'), 'unique: one session per user');
  });

  it(`draws at most ${MAX_ATTRIBUTES} fields of an entity, then says how many more`, () => {
    const fields = Array.from({ length: 20_000 }, (_, i) => `      k${i}: int`).join('\n');
    const { design } = analyseText(`sysdesign: 1\nname: Wide\ndata_models:\n  - id: wide\n    fields:\n${fields}\n`);
    const d = ok(diagramFor(design, 'er'));
    assertLineShapes(d.text, ER_LINES);
    assert.equal(countLines(d.text, /^ {4}int k\d+$/), MAX_ATTRIBUTES);
    assert.ok(d.text.split('\n').includes('    more fields "19,900 not drawn"'));
  });
});

describe('diagrams: caps', () => {
  const many = (connections: number) =>
    makeDesign({
      components: Array.from({ length: 30 }, (_, i) => ({ id: `c${i}`, kind: 'service' as const })),
      connections: Array.from({ length: connections }, (_, i) => [`c${i % 30}`, `c${(i * 7 + 1) % 30}`] as [string, string]),
    });

  it(`at most ${MAX_DIAGRAM_EDGES} edges: a clear message above`, () => {
    assert.ok('text' in diagramFor(many(500), 'architecture'));
    assert.deepEqual(diagramFor(many(612), 'architecture'), {
      error: 'This diagram has 612 connections; the preview draws at most 500. Split the design into smaller files to see it.',
    });
    assert.ok('text' in diagramFor(many(612), 'architecture', { maxEdges: Infinity }));
  });

  it('at most 50,000 characters: a clear message above', () => {
    const long = makeDesign({ components: Array.from({ length: 70 }, (_, i) => ({ id: `c${i}`, label: '🚀'.repeat(100) })) });
    const r = diagramFor(long, 'architecture');
    assert.ok('error' in r);
    assert.match(r.error, /^This diagram needs \d\d,\d{3} characters of Mermaid; the preview draws at most 50,000\./);
    const flow = makeDesign({ flows: [{ id: 'f', steps: Array.from({ length: 2000 }, () => ['a', 'b', 'x'.repeat(30)] as [string, string, string]) }] });
    assert.ok('error' in diagramFor(flow, 'sequence'));
    assert.ok('text' in diagramFor(flow, 'sequence', { maxText: 1e6 }));
  });

  it('the Markdown export shows the message in place of a diagram that is too large', () => {
    const md = designMarkdown({ design: many(612), estimate: example.estimate });
    assert.match(md, /^> This diagram has 612 connections;/m);
  });
});
