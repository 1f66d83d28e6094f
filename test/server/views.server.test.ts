/**
 * The preview's views of issue #17 over a real LSP connection: `sysdesign/diagrams` with
 * view options answers with the overview (groups collapsed but those expanded), the focus
 * view asked for with the dry runs that cross it, the direction asked for or fitted to the
 * panel, and the architecture's story. Options that do not fit are ignored, never errors.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PreviewDiagrams, PreviewView } from '../../src/protocol';
import { example } from '../support/example';
import { serverForSuite } from './support/lspClient';

const TWITTER = readFileSync(join(__dirname, '..', '..', 'examples', 'twitter.sysdesign.yaml'), 'utf8');

describe('the preview views over LSP (sysdesign/diagrams with options)', function () {
  this.timeout(20000);
  const server = serverForSuite();
  let n = 0;

  async function opened(text: string): Promise<string> {
    const uri = `file:///work/views-${++n}.sysdesign.yaml`;
    await server().open(uri, text);
    return uri;
  }
  const diagramsOf = (uri: string, options?: unknown) => server().connection.sendRequest('sysdesign/diagrams', { uri, options }) as Promise<PreviewDiagrams>;
  const view = (d: PreviewDiagrams, key: string): PreviewView => {
    const found = d.views.find((v) => v.key === key);
    assert.ok(found, `${key} in ${d.views.map((v) => v.key).join(', ')}`);
    return found;
  };
  const firstLine = (v: PreviewView) => v.text?.split('\n', 1)[0];

  it('answers with the overview after the architecture, and the focus view asked for after it', async () => {
    const uri = await opened(TWITTER);
    const plain = await diagramsOf(uri);
    assert.deepEqual(plain.views.map((v) => v.key).slice(0, 3), ['architecture', 'overview', 'flow:post-tweet-dry-run']);
    const overview = view(plain, 'overview');
    assert.equal(overview.kind, 'overview');
    assert.equal(overview.title, 'Overview');
    assert.deepEqual(
      overview.nodes.filter((x) => x.kind === 'group').map((x) => x.id),
      ['front-door', 'posting', 'timelines', 'searching', 'notifications', 'storage'],
    );
    // A collapsed group's node reveals its definition.
    const storage = overview.nodes.find((x) => x.id === 'storage');
    assert.equal(storage?.selection.start.line, TWITTER.split('\n').indexOf('  - id: storage'));
    assert.match(overview.text ?? '', /^ {2}g5\["Storage<br\/>4 components<br\/>peak 1\.03M\/s"\]$/m);

    const focused = await diagramsOf(uri, { focus: 'memory-cache', expanded: ['storage'] });
    assert.deepEqual(focused.views.map((v) => v.key).slice(0, 4), ['architecture', 'overview', 'focus:memory-cache', 'flow:post-tweet-dry-run']);
    const focus = view(focused, 'focus:memory-cache');
    assert.equal(focus.kind, 'focus');
    assert.equal(focus.title, 'Focus: Memory cache');
    assert.deepEqual(focus.flows, ['fan-out-dry-run', 'home-timeline-dry-run']);
    assert.deepEqual(focus.nodes.map((x) => x.id).sort(), ['fan-out-svc', 'memory-cache', 'timeline-svc', 'tweet-info-svc', 'user-graph-svc', 'user-info-svc']);
    // The ids are the architecture's.
    const architectureId = (id: string) => view(focused, 'architecture').nodes.find((x) => x.id === id)?.nodeId;
    for (const x of focus.nodes) assert.equal(x.nodeId, architectureId(x.id), x.id);
    assert.match(view(focused, 'overview').text ?? '', /^ {2}subgraph g5\["Storage"\]$/m, 'the expanded group is a box again');
  });

  it('draws in the direction asked for, or the one that fits the panel', async () => {
    const uri = await opened(TWITTER);
    const forced = await diagramsOf(uri, { direction: 'LR', focus: 'fan-out-svc' });
    assert.deepEqual([view(forced, 'architecture'), view(forced, 'overview'), view(forced, 'focus:fan-out-svc')].map(firstLine), ['flowchart LR', 'flowchart LR', 'flowchart LR']);
    const tall = await diagramsOf(uri, { panel: { width: 700, height: 900 }, focus: 'fan-out-svc' });
    assert.deepEqual([view(tall, 'architecture'), view(tall, 'overview'), view(tall, 'focus:fan-out-svc')].map(firstLine), ['flowchart LR', 'flowchart TB', 'flowchart TB']);
    const wide = await diagramsOf(uri, { panel: { width: 4000, height: 400 } });
    assert.equal(firstLine(view(wide, 'overview')), 'flowchart LR');
  });

  it('tells the architecture’s story stage by stage, on the architecture’s node ids', async () => {
    const uri = await opened(example);
    const d = await diagramsOf(uri);
    const architecture = view(d, 'architecture');
    assert.deepEqual(
      d.story?.stages.map((s) => s.title),
      ['Stage 1: Mobile app', 'Stage 2: cdn', 'Stage 3: lb', 'Stage 4: Photo API', 'Stage 5: photo-db', 'Stage 6: blobs', 'Stage 7: feed-cache'],
    );
    const nodeOf = (id: string) => architecture.nodes.find((x) => x.id === id)?.nodeId;
    assert.deepEqual(d.story?.stages[2].nodeIds, [nodeOf('lb'), architecture.nodes.find((x) => x.kind === 'group')?.nodeId], 'the group appears with its first member');
    assert.deepEqual(d.story?.stages.flatMap((s) => s.nodeIds).sort(), architecture.nodes.map((x) => x.nodeId).sort());

    const staged = await opened(example.replace('  - id: api\n', '  - id: api\n    stage: 1\n'));
    assert.deepEqual((await diagramsOf(staged)).story?.stages.map((s) => s.title).slice(0, 2), ['Stage 1: Photo API', 'Stage 2: Mobile app']);
    const one = await opened('sysdesign: 1\nname: One\ncomponents:\n  - id: a\n    kind: service\n');
    assert.equal((await diagramsOf(one)).story, undefined, 'one stage is no story');
  });

  it('ignores options that do not fit, field by field', async () => {
    const uri = await opened(TWITTER);
    const plain = await diagramsOf(uri);
    const keys = plain.views.map((v) => v.key);
    for (const options of [
      null,
      'overview',
      42,
      [],
      { focus: 'no-such-component' },
      { focus: 7 },
      { focus: 'x'.repeat(201) },
      { focus: '' },
      { direction: 'RL' },
      { direction: ['TB'] },
      { expanded: 'storage' },
      { expanded: Array.from({ length: 1001 }, () => 'storage') },
      { expanded: [null, 3, {}, 'x'.repeat(201)] },
      { panel: { width: -1, height: 900 } },
      { panel: { width: 700 } },
      { panel: { width: Number.MAX_VALUE, height: 1 } },
      JSON.parse('{"__proto__": {"focus": "memory-cache"}}'),
    ]) {
      const d = await diagramsOf(uri, options);
      assert.deepEqual(
        d.views.map((v) => v.key),
        keys,
        JSON.stringify(options),
      );
      assert.equal(view(d, 'overview').text, view(plain, 'overview').text, JSON.stringify(options));
    }
    // A good field beside bad ones still counts.
    const mixed = await diagramsOf(uri, { focus: 'lb', direction: 'sideways', expanded: [1, 'storage'] });
    assert.ok(mixed.views.some((v) => v.key === 'focus:lb'));
    assert.match(view(mixed, 'overview').text ?? '', /^ {2}subgraph g5\["Storage"\]$/m);
  });
});
