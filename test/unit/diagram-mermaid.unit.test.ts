/**
 * The generated text through Mermaid's own parser (mermaid 11, in Node: see
 * `loadMermaid` for the DOMPurify stand-in). Mermaid's database then says what it will
 * draw: the node and edge counts must match the model, and every label must show the
 * user's text exactly.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyseText } from '../../src/core/analyse';
import { MAX_DIAGRAM_EDGES, diagramFor, listViews, visibleText, type Diagram, type DiagramView } from '../../src/core/diagram';
import { PAYLOADS, loadMermaid, makeDesign, mermaidDb, mermaidShown, payloadDesign, randomDesign } from './diagram.helpers';

interface FlowDb {
  getVertices(): Map<string, { id: string; text: string; type: string; classes: string[] }>;
  getEdges(): Array<{ start: string; end: string; text: string; stroke: string }>;
  getSubGraphs(): Array<{ id: string; title: string; nodes: string[] }>;
}
interface SequenceDb {
  getActors(): Map<string, { name: string; description: string }>;
  getMessages(): Array<{ from?: string; to?: string; message: string; type: number }>;
}
interface ErDb {
  getEntities(): Map<string, { alias: string; label: string; attributes: Array<{ type: string; name: string; keys: string[]; comment: string }> }>;
  getRelationships(): Array<{ entityA: string; entityB: string; roleA: string }>;
}

const root = path.join(__dirname, '..', '..');
const example = analyseText(readFileSync(path.join(root, 'test', 'fixtures', 'spec-example.sysdesign.yaml'), 'utf8'));

function text(design: ReturnType<typeof makeDesign>, view: DiagramView): string {
  const r = diagramFor(design, view);
  if ('error' in r) assert.fail(r.error);
  return (r as Diagram).text;
}

/** A label as Mermaid will show it: entities decoded, the two lines of a node split. */
const shown = (stored: string) => mermaidShown(stored).split('<br/>');
/** What the user wrote, as a label shows it (Mermaid trims the ends). */
const written = (s: string) => visibleText(s).trim();

describe('diagrams: Mermaid 11 parses what we generate', function () {
  this.timeout(60000);
  before(async () => {
    await loadMermaid();
  });

  it('the spec example: every view parses and draws what the model says', async () => {
    for (const view of listViews(example.design)) {
      const mermaid = await loadMermaid();
      const result = (await mermaid.parse(text(example.design, view.view))) as { config: object };
      assert.deepEqual(result.config, {}, `${view.key}: no configuration in the text`);
    }
    const flow = await mermaidDb<FlowDb>(text(example.design, 'architecture'));
    const vertices = [...flow.getVertices().values()];
    assert.deepEqual(
      vertices.map((v) => [v.id, shown(v.text).join(' / '), v.type]),
      [
        ['n0', 'Mobile app', 'stadium'],
        ['n1', 'cdn', 'hexagon'],
        ['n2', 'lb', 'trapezoid'],
        ['n3', 'Photo API / ×8', 'square'],
        ['n4', 'photo-db / PostgreSQL ×3', 'cylinder'],
        ['n5', 'blobs / S3', 'cylinder'],
        ['n6', 'feed-cache / Redis', 'lean_left'],
      ],
    );
    assert.deepEqual(
      flow.getEdges().map((e) => `${e.start}->${e.end}:${e.text}:${e.stroke}`),
      ['n0->n1:images:normal', 'n0->n2:HTTPS:normal', 'n2->n3::normal', 'n3->n4:SQL:normal', 'n3->n5:put object:normal', 'n3->n6::normal', 'n5->n1:origin:dotted'],
    );
    assert.deepEqual(
      flow.getSubGraphs().map((s) => [s.id, mermaidShown(s.title), s.nodes]),
      [['g0', 'us-east-1', ['n2', 'n3', 'n4', 'n5', 'n6']]],
    );

    const seq = await mermaidDb<SequenceDb>(text(example.design, { kind: 'flow', id: 'upload-photo-dry-run' }));
    assert.deepEqual(
      [...seq.getActors().values()].map((a) => mermaidShown(a.description)),
      ['Mobile app', 'lb', 'Photo API', 'blobs', 'photo-db'],
    );
    assert.deepEqual(
      seq
        .getMessages()
        .filter((m) => m.from !== undefined)
        .map((m) => `${m.from}->${m.to}:${mermaidShown(m.message)}`),
      ['p0->p1:POST /v1/photos', 'p1->p2:', 'p2->p3:put image', 'p2->p4:insert row', 'p2->p1:201 photo_id', 'p1->p0:201 photo_id'],
    );

    const er = await mermaidDb<ErDb>(text(example.design, 'er'));
    const entities = [...er.getEntities().values()];
    // A wide entity's last line, counting the fields not drawn, parses as an attribute.
    const wide = analyseText(`sysdesign: 1\nname: Wide\ndata_models:\n  - id: wide\n    fields:\n${Array.from({ length: 150 }, (_, i) => `      k${i}: int`).join('\n')}\n`);
    const wideEntity = [...(await mermaidDb<ErDb>(text(wide.design, 'er'))).getEntities().values()][0];
    assert.equal(wideEntity.attributes.length, 101);
    assert.deepEqual([wideEntity.attributes[100].type, wideEntity.attributes[100].name, mermaidShown(wideEntity.attributes[100].comment)], ['more', 'fields', '50 not drawn']);
    assert.deepEqual(
      entities.map((e) => mermaidShown(e.alias)),
      ['photos', 'users'],
    );
    assert.deepEqual(
      entities[0].attributes.map((a) => `${a.type} ${a.name} ${a.keys.join(',')}`.trim()),
      ['uuid photo_id PK', 'uuid user_id FK', 'varchar(200) caption', 'timestamp created_at'],
    );
    assert.deepEqual(
      er.getRelationships().map((r) => mermaidShown(r.roleA)),
      ['user_id'],
    );
  });

  for (const payload of PAYLOADS) {
    it(`payload ${JSON.stringify(payload).slice(0, 50)}: parses, counts match, labels show exactly`, async () => {
      const design = makeDesign(payloadDesign(payload));
      const mermaid = await loadMermaid();
      for (const view of listViews(design)) {
        const result = (await mermaid.parse(text(design, view.view))) as { config: object };
        assert.deepEqual(result.config, {}, `${view.key}: a label never becomes configuration`);
      }
      const label = written(payload);
      const flow = await mermaidDb<FlowDb>(text(design, 'architecture'));
      const vertices = [...flow.getVertices().values()];
      assert.equal(vertices.length, 4);
      assert.equal(flow.getEdges().length, 3);
      assert.deepEqual(shown(vertices[0].text), [label, `${label} ×2`.trim()]);
      assert.deepEqual(shown(vertices[1].text), [label]);
      assert.deepEqual(
        flow.getEdges().map((e) => mermaidShown(e.text)),
        [label, label, ''],
      );
      assert.deepEqual(
        flow.getSubGraphs().map((s) => [mermaidShown(s.title), s.nodes]),
        [[label, ['n0', 'n1']]],
      );

      const seq = await mermaidDb<SequenceDb>(text(design, 'sequence'));
      assert.equal(seq.getActors().size, 3);
      assert.deepEqual(
        seq
          .getMessages()
          .filter((m) => m.from !== undefined)
          .map((m) => mermaidShown(m.message)),
        [label, label, ''],
      );

      const er = await mermaidDb<ErDb>(text(design, 'er'));
      assert.equal(er.getEntities().size, 2);
      assert.equal([...er.getEntities().values()][0].attributes.length, 2);
      assert.equal(er.getRelationships().length, 1);
    });
  }

  it('property: random labels parse, with one node per component and one edge per connection', async () => {
    await fc.assert(
      fc.asyncProperty(randomDesign, async ({ spec, design }) => {
        const flow = await mermaidDb<FlowDb>(text(design, 'architecture'));
        assert.equal(flow.getVertices().size, spec.components!.length);
        assert.equal(flow.getEdges().length, spec.connections!.length);
        const seq = await mermaidDb<SequenceDb>(text(design, 'sequence'));
        assert.equal(seq.getMessages().filter((m) => m.from !== undefined).length, spec.flows![0].steps.length);
        const er = await mermaidDb<ErDb>(text(design, 'er'));
        assert.equal([...er.getEntities().values()][0].attributes.length, spec.dataModels![0].fields.length);
      }),
      { numRuns: 60 },
    );
  });

  it(`the edge cap is Mermaid's: ${MAX_DIAGRAM_EDGES} edges parse, one more does not`, async () => {
    const design = (edges: number) =>
      makeDesign({
        components: [{ id: 'a' }, { id: 'b' }],
        connections: Array.from({ length: edges }, () => ['a', 'b'] as [string, string]),
      });
    await mermaidDb<FlowDb>(text(design(MAX_DIAGRAM_EDGES), 'architecture'));
    const over = diagramFor(design(MAX_DIAGRAM_EDGES + 1), 'architecture', { maxEdges: Infinity });
    await assert.rejects(mermaidDb<FlowDb>((over as Diagram).text), /Edge limit exceeded/);
    assert.ok('error' in diagramFor(design(MAX_DIAGRAM_EDGES + 1), 'architecture'));
  });
});
