/**
 * The analyzer skips the load model and the flow estimates while none of their inputs
 * changed (`LoadCache`, `loadInputs`). These tests change each input in turn, one edit
 * after another on the same analyzer, and check that every change is seen (the estimate
 * changes and equals a fresh analysis) and that an edit the load does not read reuses it.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyseText, createInstrumentedAnalyzer } from '../../src/core/analyse';
import { generateDesign } from '../support/generate';

const example = readFileSync(path.join(__dirname, '..', 'fixtures', 'spec-example.sysdesign.yaml'), 'utf8');

/** One edit: `from` (found exactly once in the text) becomes `to`. */
type Edit = [what: string, from: string, to: string];

/** Edits of everything the load model and the flow estimates read, applied one after another. */
const LOAD_EDITS: Edit[] = [
  ['retention', 'retention: 10y', 'retention: 5y'],
  ['target_utilisation', '    peak_factor: 2 ', '    target_utilisation: 50%\n    peak_factor: 2 '],
  ['peak_factor convention', '    peak_factor: 2 ', '    peak_factor: 3 '],
  ['server_capacity', 'server_capacity: 2000/s', 'server_capacity: 2500/s'],
  ['server_capacity as written (the origin shown)', 'server_capacity: 2500/s', 'server_capacity: 2.5k/s'],
  ['availability target', 'availability: 99.99%', 'availability: 99.95%'],
  ['availability as a map', 'availability: 99.95%', 'availability:\n      view-feed: 99.999%\n      default: 99.95%'],
  ['an availability target by requirement', 'view-feed: 99.999%', 'view-feed: 99.99%'],
  ['a traffic line’s rate', 'per_user: photos_per_user * 10%', 'per_user: photos_per_user * 20%'],
  ['a traffic line’s size', 'size: 20 * 200KB', 'size: 10 * 200KB'],
  ['a traffic line’s kind', '      kind: read\n', '      kind: write\n'],
  ['a kind default', '  server_capacity: 2.5k/s', '  server_capacity: 2.5k/s\n  defaults:\n    cache: { capacity: 50k/s }'],
  ['a kind default as written', 'cache: { capacity: 50k/s }', 'cache: { capacity: 50000/s }'],
  ['a latency target', 'view-feed: 200ms ', 'view-feed: 100ms '],
  ['a connection’s latency', '  - lb -> api\n  - api -> photo-db: SQL', '  - from: lb\n    to: api\n    latency: 2ms\n  - api -> photo-db: SQL'],
  ['a connection’s latency value', 'latency: 2ms', 'latency: 3ms'],
  ['a connection made async', '    latency: 3ms\n', '    latency: 3ms\n    async: true\n'],
  ['a connection’s ends', '  - api -> feed-cache\n', '  - feed-cache -> api\n'],
  ['replicas', 'replicas: 8 ', 'replicas: 10 '],
  ['a component’s own capacity', '    replicas: 10 ', '    capacity: 3000/s\n    replicas: 10 '],
  ['a component’s capacity as written', 'capacity: 3000/s', 'capacity: 3k/s'],
  ['storage_capacity', '    tech: PostgreSQL\n', '    tech: PostgreSQL\n    storage_capacity: 1TB\n'],
  ['storage_capacity as written', 'storage_capacity: 1TB', 'storage_capacity: 1000GB'],
  ['shards', '    storage_capacity: 1000GB\n', '    storage_capacity: 1000GB\n    shards: 4\n'],
  ['connections and max_connections', '    tech: Redis\n', '    tech: Redis\n    connections: 1M\n    max_connections: 10k\n'],
  ['max_connections as written', 'max_connections: 10k', 'max_connections: 10000'],
  ['a component’s latency', 'latency: 20ms', 'latency: 30ms'],
  ['a component’s latency added', '    tech: S3\n', '    tech: S3\n    latency: 40ms\n'],
  ['a component’s availability', '    kind: load-balancer\n', '    kind: load-balancer\n    availability: 99.5%\n'],
  ['a component’s availability value', 'availability: 99.5%\n', 'availability: 99%\n'],
  ['a component’s kind', '    kind: cache\n', '    kind: nosql-database\n'],
  ['a component’s id', '  - id: cdn\n', '  - id: edge\n'],
  ['a flow’s traffic line', '    requirement: upload-photo\n    steps:', '    requirement: upload-photo\n    traffic: view-feed\n    steps:'],
  ['a flow’s requirement', '    requirement: view-feed\n    steps:', '    requirement: edit-caption\n    steps:'],
  ['a flow’s own rate', '    requirement: edit-caption\n    steps:', '    requirement: edit-caption\n    rate: 100/s\n    steps:'],
  ['a flow’s peak_factor', '    rate: 100/s\n', '    rate: 100/s\n    peak_factor: 4\n'],
  ['a flow’s id', '  - id: view-feed-dry-run\n', '  - id: feed-dry-run\n'],
  ['a step’s calls', 'calls: 10%', 'calls: 20%'],
  ['a step’s size', 'label: insert row, size: 1KB', 'label: insert row, size: 2KB'],
  ['a step’s kind', 'label: captions, calls: 20%', 'label: captions, calls: 20%, kind: write'],
  ['a step made async', '      - api -> blobs: put image\n', '      - api -> blobs: { label: put image, async: true }\n'],
  ['a step’s target', '      - api -> feed-cache: newest photo ids\n', '      - api -> photo-db: newest photo ids\n'],
  ['a step added', '      - lb -> client: 200 feed\n', '      - lb -> client: 200 feed\n      - client -> cdn: images\n'],
  ['a component’s cost map', '    tech: PostgreSQL\n', '    tech: PostgreSQL\n    cost: { instance: $0.2/h }\n'],
  ['a price as written (the origin shown)', 'instance: $0.2/h }', 'instance: $0.20/h }'],
  ['days_per_month (the length of a month’s bill)', 'days_per_month: 30', 'days_per_month: 31'],
  ['a price', 'instance: $0.20/h }', 'instance: $0.3/h, storage: $0.1/GB/month }'],
  ['a kind’s default price', 'cache: { capacity: 50000/s }', 'cache: { capacity: 50000/s }\n    service: { cost: { instance: $0.1/h } }'],
  ['a kind’s default price as written', 'instance: $0.1/h }', 'instance: $0.10/h }'],
];

/** Edits the load model does not read. */
const OTHER_EDITS: Edit[] = [
  ['a step’s label', 'POST /v1/photos', 'POST /v1/photos?draft=false'],
  ['a connection’s label', 'api -> photo-db: SQL', 'api -> photo-db: SQL over TLS'],
  ['a component’s label', 'label: Photo API', 'label: Photo service'],
  ['a requirement’s text', 'A user edits a caption', 'A user edits the caption of a photo'],
  ['a comment', '# drawn dashed', '# drawn dashed on the diagram'],
];

function apply(text: string, [what, from, to]: Edit): string {
  const at = text.indexOf(from);
  assert.ok(at >= 0 && text.indexOf(from, at + 1) < 0, `${what}: ${JSON.stringify(from)} is in the text exactly once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

describe('the load model is reused while its inputs are unchanged', () => {
  it('sees a change of every input it reads: the estimate changes, and equals a fresh analysis', () => {
    const { analyzer, stats } = createInstrumentedAnalyzer();
    let text = example;
    let before = analyzer.analyse(text).estimate;
    for (const edit of LOAD_EDITS) {
      text = apply(text, edit);
      const computed = stats.load.computed;
      const after = analyzer.analyse(text);
      const fresh = analyseText(text);
      assert.deepStrictEqual(after.estimate, fresh.estimate, edit[0]);
      assert.deepStrictEqual(after.problems, fresh.problems, edit[0]);
      assert.equal(stats.load.computed, computed + 1, `${edit[0]}: computed again`);
      const load = (e: typeof before) => ({ components: e.components, connections: e.connections, flows: e.flows });
      assert.notDeepStrictEqual(load(after.estimate), load(before), `${edit[0]} changes the load or a flow (else this edit tests nothing)`);
      before = after.estimate;
    }
  });

  it('reuses the load and the flows when a label, a text or a comment changes', () => {
    const { analyzer, stats } = createInstrumentedAnalyzer();
    let text = example;
    const first = analyzer.analyse(text).estimate;
    for (const edit of OTHER_EDITS) {
      text = apply(text, edit);
      const reused = stats.load.reused;
      const after = analyzer.analyse(text);
      assert.equal(stats.load.reused, reused + 1, `${edit[0]}: reused`);
      assert.deepStrictEqual(after.estimate, analyseText(text).estimate, edit[0]);
      assert.equal(after.estimate.components, first.components, `${edit[0]}: the same component loads`);
      assert.equal(after.estimate.flows, first.flows);
    }
  });

  it('reuses them on every keystroke of a label typed into a generated design of 1,000 lines', () => {
    const { analyzer, stats } = createInstrumentedAnalyzer();
    const lines = generateDesign(1000).split('\n');
    const at = lines.findIndex((l, i) => i > lines.length / 2 && /^\s+- .* -> .*: \w+$/.test(l));
    analyzer.analyse(lines.join('\n'));
    const { reused } = stats.load;
    for (const c of 'cached') {
      lines[at] += c;
      const text = lines.join('\n');
      assert.deepStrictEqual(analyzer.analyse(text).estimate, analyseText(text).estimate);
    }
    assert.equal(stats.load.reused, reused + 6);
  });
});
