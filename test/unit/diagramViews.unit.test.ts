/**
 * The views of issue #17 that make a large design read in a side panel: the overview
 * (groups collapsed, expanded on request), the focus on one component, the story of the
 * architecture stage by stage, and the direction each is drawn in. Every generated text
 * goes through Mermaid's own parser; hostile text as group ids and labels stays text.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyseText } from '../../src/core/analyse';
import { main } from '../../src/cli/main';
import {
  architectureStory,
  diagramFor,
  focusFlows,
  hasOverview,
  listViews,
  parseView,
  viewExists,
  viewKey,
  type Diagram,
  type DiagramResult,
  type DiagramView,
} from '../../src/core/diagram';
import type { Design } from '../../src/core/types';
import {
  FLOWCHART_EDGE,
  FLOWCHART_LINES,
  FLOWCHART_NODE,
  PAYLOADS,
  assertLineShapes,
  countLines,
  loadMermaid,
  makeDesign,
  mermaidDb,
  mermaidShown,
  payloadDesign,
  type DesignSpec,
} from './diagram.helpers';

interface FlowDb {
  getVertices(): Map<string, { id: string; text: string; classes: string[] }>;
  getEdges(): Array<{ start: string; end: string; text: string; stroke: string }>;
  getSubGraphs(): Array<{ id: string; title: string; nodes: string[] }>;
}

const root = path.join(__dirname, '..', '..');
const examplePath = (name: string) => path.join(root, 'examples', `${name}.sysdesign.yaml`);
const twitter = analyseText(readFileSync(examplePath('twitter'), 'utf8'));

/** Three groups (one of a single component), connections inside, across and parallel. */
const GROUPED: DesignSpec = {
  name: 'Grouped',
  components: [
    { id: 'client', kind: 'client' },
    { id: 'lb', kind: 'load-balancer' },
    { id: 'api', kind: 'service', label: 'Photo API', tech: 'Go', replicas: 3 },
    { id: 'worker', kind: 'worker' },
    { id: 'db', kind: 'sql-database' },
    { id: 'cache', kind: 'cache' },
    { id: 'queue', kind: 'queue' },
    { id: 'mail', kind: 'external' },
  ],
  groups: [
    { id: 'front', label: 'Front', members: ['lb', 'api'] },
    { id: 'data', members: ['db', 'cache'] },
    { id: 'jobs', members: ['worker'] },
  ],
  connections: [
    ['client', 'lb', 'HTTPS'],
    ['lb', 'api'],
    ['api', 'db', 'SQL'],
    ['api', 'cache', 'get'],
    ['api', 'queue', 'publish', true],
    ['queue', 'worker', undefined, true],
    ['worker', 'db', 'write', true],
    ['worker', 'db', 'again', true],
    ['db', 'cache'],
    ['client', 'mail'],
  ],
  flows: [
    {
      id: 'upload',
      steps: [
        ['client', 'lb'],
        ['lb', 'api'],
        ['api', 'db'],
      ],
    },
    { id: 'mailing', steps: [['worker', 'mail']] },
    {
      id: 'reading',
      steps: [
        ['client', 'lb'],
        ['lb', 'api'],
        ['api', 'cache'],
      ],
    },
  ],
};
const grouped = makeDesign(GROUPED);

function ok(result: DiagramResult): Diagram {
  if ('error' in result) assert.fail(`expected a diagram, got: ${result.error}`);
  return result;
}

/** The text of `view`, checked against the generated line shapes. */
function drawn(design: Design, view: DiagramView, options: Parameters<typeof diagramFor>[2] = {}): string {
  const { text } = ok(diagramFor(design, view, options));
  assertLineShapes(text, FLOWCHART_LINES);
  return text;
}

const edgesOf = (db: FlowDb) => db.getEdges().map((e) => `${e.start}->${e.end}:${mermaidShown(e.text)}:${e.stroke}`);
const labelOf = (db: FlowDb, id: string) => mermaidShown(db.getVertices().get(id)?.text ?? '').split('<br/>');

describe('diagram views: the overview', function () {
  this.timeout(60000);

  it('draws each group as one node with its member count; parallel edges merge with a count, edges inside a group go', async () => {
    const text = drawn(grouped, { kind: 'overview' });
    const db = await mermaidDb<FlowDb>(text);
    assert.deepEqual([...db.getVertices().keys()], ['n0', 'n6', 'n7', 'g0', 'g1', 'g2'], 'the ungrouped components keep their architecture ids; each group its g id');
    assert.deepEqual(labelOf(db, 'g0'), ['Front', '2 components']);
    assert.deepEqual(labelOf(db, 'g1'), ['data', '2 components']);
    assert.deepEqual(labelOf(db, 'g2'), ['jobs', '1 component']);
    assert.deepEqual(db.getVertices().get('g0')?.classes, ['sdGroup']);
    assert.deepEqual(edgesOf(db), [
      'n0->g0:HTTPS:normal',
      'g0->g1:2 connections:normal',
      'g0->n6:publish:dotted',
      'n6->g2::dotted',
      'g2->g1:2 connections:dotted',
      'n0->n7::normal',
    ]);
    assert.deepEqual(db.getSubGraphs(), []);
    assert.equal(countLines(text, FLOWCHART_NODE), 6);
    assert.equal(countLines(text, FLOWCHART_EDGE), 6);
    // The node source map: a collapsed group maps to its definition.
    const nodes = ok(diagramFor(grouped, { kind: 'overview' })).nodes;
    assert.deepEqual(
      nodes.map((n) => `${n.nodeId}:${n.kind}:${n.id}`),
      ['n0:component:client', 'n6:component:queue', 'n7:component:mail', 'g0:group:front', 'g1:group:data', 'g2:group:jobs'],
    );
    assert.deepEqual(
      nodes.filter((n) => n.kind === 'group').map((n) => n.idStart),
      grouped.groups.map((g) => g.id.start),
    );
  });

  it('draws an expanded group in place as in the architecture, its own edges with it', async () => {
    const db = await mermaidDb<FlowDb>(drawn(grouped, { kind: 'overview', expanded: ['front', 'no-such-group'] }));
    assert.deepEqual([...db.getVertices().keys()], ['n0', 'n1', 'n2', 'n6', 'n7', 'g1', 'g2']);
    assert.deepEqual(
      db.getSubGraphs().map((s) => [s.id, mermaidShown(s.title), s.nodes]),
      [['g0', 'Front', ['n1', 'n2']]],
    );
    assert.deepEqual(labelOf(db, 'n2'), ['Photo API'], 'components by name only, in an expanded group too');
    assert.deepEqual(edgesOf(db), [
      'n0->n1:HTTPS:normal',
      'n1->n2::normal',
      'n2->g1:2 connections:normal',
      'n2->n6:publish:dotted',
      'n6->g2::dotted',
      'g2->g1:2 connections:dotted',
      'n0->n7::normal',
    ]);
    // Everything expanded is the architecture's graph.
    const all = await mermaidDb<FlowDb>(drawn(grouped, { kind: 'overview', expanded: ['front', 'data', 'jobs'] }));
    const architecture = await mermaidDb<FlowDb>(drawn(grouped, 'architecture'));
    assert.deepEqual(edgesOf(all), edgesOf(architecture));
    assert.deepEqual([...all.getVertices().keys()].sort(), [...architecture.getVertices().keys()].sort());
  });

  it('is listed only when a group holds two or more components, after the architecture', () => {
    assert.deepEqual(
      listViews(grouped).map((v) => v.key),
      ['architecture', 'overview', 'flow:upload', 'flow:mailing', 'flow:reading'],
    );
    assert.equal(hasOverview(grouped), true);
    assert.equal(hasOverview(makeDesign({ ...GROUPED, groups: [{ id: 'one', members: ['api', 'nope'] }] })), false, 'a group of one drawn component');
    assert.equal(hasOverview(makeDesign({ ...GROUPED, groups: [] })), false);
    assert.equal(hasOverview(makeDesign({ components: [{ id: 'a' }], groups: [{ id: 'g', members: ['a', 'a'] }] })), false, 'one component listed twice');
  });

  it('sums the members’ peak load when the estimate has it (the Twitter example)', async () => {
    const db = await mermaidDb<FlowDb>(drawn(twitter.design, { kind: 'overview' }, { estimate: twitter.estimate }));
    assert.deepEqual(labelOf(db, 'g5'), ['Storage', '4 components', 'peak 1.03M/s']);
    assert.deepEqual(labelOf(db, 'g0'), ['Front door', '2 components', 'peak 660k/s']);
    assert.deepEqual(labelOf(db, 'n16'), ['Push and email providers'], 'an ungrouped component by name only');
    assert.equal(db.getVertices().size, 10);
    assert.equal(db.getEdges().length, 12);
    const sum = twitter.estimate.components
      .filter((c) => ['memory-cache', 'sql-primary', 'sql-replicas', 'object-store'].includes(c.id))
      .reduce((s, c) => s + (c.peak_per_second ?? 0), 0);
    assert.ok(Math.abs(sum - 1.03e6) < 0.005e6, `the sum of the four peaks (${sum})`);
  });

  it('keeps Mermaid’s edge cap, saying so', () => {
    assert.match((diagramFor(grouped, { kind: 'overview' }, { maxEdges: 5 }) as { error: string }).error, /^This diagram has 6 connections; the preview draws at most 5\./);
    assert.ok('text' in diagramFor(grouped, { kind: 'overview' }, { maxEdges: 6 }));
  });
});

describe('diagram views: focus on a component', function () {
  this.timeout(60000);

  it('draws the component, its neighbours either way and the connections among them', async () => {
    const db = await mermaidDb<FlowDb>(drawn(grouped, { kind: 'focus', id: 'api' }));
    assert.deepEqual([...db.getVertices().keys()], ['n1', 'n2', 'n4', 'n5', 'n6'], 'lb before it; db, cache and queue after it');
    // The neighbours' connection (db -> cache) is drawn without its label; the component's own keep theirs.
    assert.deepEqual(edgesOf(db), ['n1->n2::normal', 'n2->n4:SQL:normal', 'n2->n5:get:normal', 'n2->n6:publish:dotted', 'n4->n5::normal']);
    assert.deepEqual(labelOf(db, 'n2'), ['Photo API', 'Go ×3'], 'without an estimate, its usual label');
    assert.deepEqual(labelOf(db, 'n4'), ['db'], 'a neighbour by name only');
    assert.ok(db.getVertices().get('n2')?.classes.includes('sdFocus'));
    assert.deepEqual(db.getSubGraphs(), [], 'no groups: the neighbourhood is the point');

    const client = await mermaidDb<FlowDb>(drawn(grouped, { kind: 'focus', id: 'client' }));
    assert.deepEqual([...client.getVertices().keys()], ['n0', 'n1', 'n7']);
    assert.equal(client.getEdges().length, 2);
    const alone = await mermaidDb<FlowDb>(drawn(makeDesign({ components: [{ id: 'a' }, { id: 'b' }] }), { kind: 'focus', id: 'b' }));
    assert.deepEqual([...alone.getVertices().keys()], ['n1']);
  });

  it('puts its figures at peak and its cost on it, as the estimate report words them', async () => {
    const db = await mermaidDb<FlowDb>(drawn(twitter.design, { kind: 'focus', id: 'timeline-svc' }, { estimate: twitter.estimate }));
    const center = twitter.design.components.findIndex((c) => c.id.name === 'timeline-svc');
    assert.deepEqual(labelOf(db, `n${center}`), ['Timeline service', '×350', 'peak 240k/s', '350 × 1k/s', '68.6%', '≈ $19.8k/month']);
    assert.equal(db.getVertices().size, 6);
    assert.equal(db.getEdges().length, 8);
  });

  it('names the dry runs that cross it', () => {
    assert.deepEqual(focusFlows(grouped, 'api'), ['upload', 'reading']);
    assert.deepEqual(focusFlows(grouped, 'mail'), ['mailing']);
    assert.deepEqual(focusFlows(grouped, 'queue'), []);
  });

  it('says so for a component that does not exist, and the CLI refuses it', () => {
    assert.deepEqual(diagramFor(grouped, { kind: 'focus', id: 'nope' }), { error: 'There is no component with the id "nope".' });
    assert.equal(viewExists(grouped, { kind: 'focus', id: 'nope' }), false);
    assert.equal(viewExists(grouped, { kind: 'focus', id: 'api' }), true);
  });
});

describe('diagram views: keys, the CLI', () => {
  it('parseView and viewKey know `overview` and `focus:<id>`', () => {
    for (const view of [{ kind: 'overview' }, { kind: 'focus', id: 'api' }, { kind: 'focus', id: 'a:b' }] as DiagramView[]) assert.deepEqual(parseView(viewKey(view)), view);
    assert.equal(viewKey({ kind: 'overview', expanded: ['front'] }), 'overview', 'expanding a group keeps the tab');
    assert.equal(parseView('focus:'), undefined);
  });

  it('sysdesign export --view overview and focus:<id> print the views; an unknown component is a usage error', () => {
    const run = (...argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      return { status: main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }), out: out.join('\n'), err: err.join('\n') };
    };
    const overview = run('export', examplePath('twitter'), '--format', 'mermaid', '--view', 'overview');
    assert.equal(overview.status, 0);
    assert.equal(`${overview.out}\n`, ok(diagramFor(twitter.design, { kind: 'overview' }, { estimate: twitter.estimate })).text);
    const focus = run('export', examplePath('twitter'), '--format', 'mermaid', '--view', 'focus:memory-cache');
    assert.equal(focus.status, 0);
    assert.match(focus.out, /^flowchart LR\n {2}accTitle: Memory cache and its neighbours\n/);
    const unknown = run('export', examplePath('twitter'), '--format', 'mermaid', '--view', 'focus:nope');
    assert.equal(unknown.status, 2);
    assert.match(unknown.err, /^sysdesign: unknown view 'focus:nope' \(this design has: architecture, overview, /);
  });
});

describe('diagram views: the direction', () => {
  const chain = makeDesign({
    components: ['a', 'b', 'c', 'd'].map((id) => ({ id, label: `Service ${id}` })),
    connections: [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
    ],
  });
  const fanIn = makeDesign({
    components: [...[1, 2, 3, 4, 5, 6].map((i) => ({ id: `s${i}`, label: `Producer service ${i}` })), { id: 'sink', kind: 'cache' as const }],
    connections: [1, 2, 3, 4, 5, 6].map((i): [string, string] => [`s${i}`, 'sink']),
  });
  const header = (design: Design, view: DiagramView, options = {}) => ok(diagramFor(design, view, options)).text.split('\n', 1)[0];

  it('runs a chain top down and a wide fan-in left to right, unless told', () => {
    assert.equal(header(chain, { kind: 'focus', id: 'b' }), 'flowchart TB');
    assert.equal(header(fanIn, { kind: 'focus', id: 'sink' }), 'flowchart LR');
    assert.equal(header(fanIn, { kind: 'focus', id: 'sink' }, { direction: 'TB' }), 'flowchart TB');
    assert.equal(header(chain, { kind: 'focus', id: 'b' }, { direction: 'LR' }), 'flowchart LR');
    assert.equal(header(twitter.design, { kind: 'overview' }), 'flowchart TB', 'the Twitter overview: a chain of five ranks, three groups wide');
    assert.equal(header(twitter.design, { kind: 'focus', id: 'memory-cache' }), 'flowchart LR', 'five services call the memory cache');
  });

  it('fits the panel it is given: a very wide one lays even a chain out left to right', () => {
    assert.equal(header(chain, { kind: 'focus', id: 'b' }, { panel: { width: 3000, height: 300 } }), 'flowchart LR');
    assert.equal(header(chain, { kind: 'focus', id: 'b' }, { panel: { width: 300, height: 3000 } }), 'flowchart TB');
  });

  it('leaves the architecture left to right unless told, and survives cycles', () => {
    assert.equal(header(chain, 'architecture'), 'flowchart LR');
    assert.equal(header(chain, 'architecture', { direction: 'TB' }), 'flowchart TB');
    const cycle = makeDesign({
      components: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      connections: [
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'a'],
        ['a', 'a'],
      ],
    });
    assert.match(header(cycle, { kind: 'focus', id: 'a' }), /^flowchart (?:LR|TB)$/);
  });
});

describe('diagram views: the story', () => {
  it('without `stage:`, tells the components one at a time in document order; a group appears with its first member', () => {
    const stages = architectureStory(grouped);
    assert.deepEqual(
      stages.map((s) => [s.stage, s.nodeIds]),
      [
        [1, ['n0']],
        [2, ['n1', 'g0']],
        [3, ['n2']],
        [4, ['n3', 'g2']],
        [5, ['n4', 'g1']],
        [6, ['n5']],
        [7, ['n6']],
        [8, ['n7']],
      ],
    );
    assert.equal(stages[2].title, 'Stage 3: Photo API');
    // Every node of the architecture appears exactly once.
    const architecture = ok(diagramFor(grouped, 'architecture')).nodes.map((n) => n.nodeId);
    assert.deepEqual(stages.flatMap((s) => s.nodeIds).sort(), [...architecture].sort());
  });

  it('with `stage:`, puts the written stages first, equal numbers together, then the rest one at a time', () => {
    const design = analyseText(
      [
        'sysdesign: 1',
        'name: Staged',
        'components:',
        '  - { id: a, kind: service, stage: 2 }',
        '  - { id: b, kind: service }',
        '  - { id: c, kind: client, stage: 1 }',
        '  - { id: d, kind: cache, stage: 2 }',
        '  - { id: e, kind: queue, stage: 0 }',
        '  - { id: f, kind: queue }',
        'groups:',
        '  - { id: g, members: [b, d] }',
        'connections: [c -> a, a -> d, a -> b, b -> e, e -> f]',
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      design.problems.filter((p) => p.severity === 'error').map((p) => p.message),
      ['"stage" must be at least 1'],
      'the schema reports a stage of 0; the story takes it as unwritten',
    );
    assert.deepEqual(
      architectureStory(design.design).map((s) => [s.stage, s.title, s.nodeIds]),
      [
        [1, 'Stage 1: c', ['n2']],
        [2, 'Stage 2: a, d', ['n0', 'n3', 'g0']],
        [3, 'Stage 3: b', ['n1']],
        [4, 'Stage 4: e', ['n4']],
        [5, 'Stage 5: f', ['n5']],
      ],
    );
  });

  it('names at most three components a stage', () => {
    const design = makeDesign({ components: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id })) });
    for (const c of design.components) c.stage = 1;
    assert.deepEqual(
      architectureStory(design).map((s) => s.title),
      ['Stage 1: a, b, c and 2 more'],
    );
  });
});

describe('diagram views: Mermaid parses what we generate, and user text stays text', function () {
  this.timeout(120000);
  before(async () => {
    await loadMermaid();
  });

  it('every overview and focus view of every example parses, with the counts of the model', async () => {
    for (const name of ['photo-sharing', 'twitter', 'pastebin', 'url-shortener']) {
      const a = analyseText(readFileSync(examplePath(name), 'utf8'));
      const views: DiagramView[] = [{ kind: 'overview' }, ...a.design.groups.map((g) => ({ kind: 'overview' as const, expanded: [g.id.name] }))];
      for (const c of a.design.components) views.push({ kind: 'focus', id: c.id.name });
      for (const view of views) {
        const diagram = ok(diagramFor(a.design, view, { estimate: a.estimate }));
        assertLineShapes(diagram.text, FLOWCHART_LINES);
        const db = await mermaidDb<FlowDb>(diagram.text);
        const subgraphs = db.getSubGraphs().map((s) => s.id);
        assert.deepEqual(
          [...db.getVertices().keys(), ...subgraphs].sort(),
          diagram.nodes.map((n) => n.nodeId).sort(),
          `${name} ${viewKey(view)}: every drawn node is in the source map`,
        );
        assert.equal(db.getEdges().length, countLines(diagram.text, FLOWCHART_EDGE), `${name} ${viewKey(view)}: edges`);
      }
    }
  });

  for (const payload of PAYLOADS) {
    it(`payload ${JSON.stringify(payload).slice(0, 50)} as group id and label, component labels and ids: only generated syntax`, async () => {
      const spec = payloadDesign(payload);
      const design = makeDesign(spec);
      const group = spec.groups?.[0].id ?? '';
      const views: DiagramView[] = [{ kind: 'overview' }, { kind: 'overview', expanded: [group] }, ...(spec.components ?? []).map((c) => ({ kind: 'focus' as const, id: c.id }))];
      const mermaid = await loadMermaid();
      for (const view of views) {
        const { text } = ok(diagramFor(design, view));
        assertLineShapes(text, FLOWCHART_LINES);
        assert.ok(!text.includes('%%'), `${viewKey(view)}: no %%`);
        assert.deepEqual(((await mermaid.parse(text)) as { config: object }).config, {}, `${viewKey(view)}: a label never becomes configuration`);
      }
      const db = await mermaidDb<FlowDb>(ok(diagramFor(design, { kind: 'overview' })).text);
      const label = mermaidShown(db.getVertices().get('g0')?.text ?? '').split('<br/>');
      assert.deepEqual(label.slice(1), ['2 components']);
      assert.equal(db.getVertices().size, 3);
      assert.equal(db.getEdges().length, 2, 'the edge inside the group is gone');
    });
  }
});
