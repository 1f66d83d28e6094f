/**
 * The cost model (SPEC 5.4, issue #16): each component's prices (its `cost` map, the
 * design's `estimation.defaults.<kind>.cost`, the product's table) times what it uses in a
 * month, the totals, and the figures per scenario. Every expected figure is computed here
 * by hand from the design's own numbers, never read back from the estimate.
 */
import * as assert from 'node:assert/strict';
import { analyseText } from '../../src/core/analyse';
import { explainComponentCost, KIND_DEFAULTS } from '../../src/core/load';
import { briefScenario, estimateReport, scenarioComparison } from '../../src/core/report';
import type { Analysis, ComponentLoad } from '../../src/core/types';

const HOURS_PER_MONTH = 30 * 24;
const SECONDS_PER_MONTH = 30 * 86400;

function component(a: Analysis, id: string): ComponentLoad {
  const found = a.estimate.components.find((c) => c.id === id);
  assert.ok(found, id);
  return found;
}

function near(actual: number | null, expected: number, what: string): void {
  assert.ok(actual !== null && Math.abs(actual - expected) <= Math.abs(expected) * 1e-9, `${what}: ${actual} ≠ ${expected}`);
}

function noProblems(a: Analysis): void {
  assert.deepEqual(
    a.problems.map((p) => p.message),
    [],
  );
}

/**
 * Alex Xu, System Design Interview vol. 1, "Design YouTube": 5M daily users watch 5 videos a
 * day of 300 MB each from a CDN at $0.02 per GB.
 */
const YOUTUBE = `sysdesign: 1
name: YouTube's CDN bill
estimation:
  dau: 5M
  traffic:
    - id: watch-video
      kind: read
      per_user: 5/day
      size: 300MB
components:
  - id: viewer
    kind: client
  - id: cdn
    kind: cdn
    cost: { transfer: $0.02/GB }
connections:
  - viewer -> cdn: video
flows:
  - id: watch-video-dry-run
    traffic: watch-video
    steps:
      - viewer -> cdn: GET video
`;

/** One design with every kind of price, on a service, a database behind it and an object store. */
const PRICED = `sysdesign: 1
name: Priced
estimation:
  dau: 1M
  traffic:
    - id: get-item
      kind: read
      per_user: 10/day
      size: 20KB
    - id: put-blob
      kind: write
      rate: 1M/day
      size: 1MB
  retention: 1y
components:
  - id: user
    kind: client
  - id: api
    kind: service
    replicas: 4
    cost: { instance: $0.1/h, requests: $1 / 1M, transfer: $0.05/GB, fixed: $20/month }
  - id: db
    kind: nosql-database
    cost: { instance: $0.5/h, transfer: $1/GB }
  - id: blobs
    kind: object-store
    cost: { storage: $0.023/GB/month }
connections:
  - user -> api
  - api -> db
  - api -> blobs
flows:
  - id: get-item-dry-run
    traffic: get-item
    steps:
      - user -> api: GET /items/42
      - api -> db: GetItem
      - db -> api: item
      - api -> user: 200 item
  - id: put-blob-dry-run
    traffic: put-blob
    steps:
      - user -> api: { label: PUT /blobs, kind: write }
      - api -> blobs: { label: put object, kind: write }
`;

describe('cost (SPEC 5.4, issue #16)', () => {
  it("Alex Xu's YouTube CDN bill from the cost fields: 5M DAU × 5 videos × 300 MB at $0.02/GB is $150k a day, $4.5M a month", () => {
    const a = analyseText(YOUTUBE);
    noProblems(a);
    // Independently: bytes a day × dollars per byte, then 30 days.
    const perDay = ((5e6 * 5 * 300e6) / 1e9) * 0.02;
    assert.ok(Math.abs(perDay - 150_000) < 1e-6);
    const cdn = component(a, 'cdn');
    near(cdn.cost_breakdown.transfer, perDay * 30, 'transfer');
    near(cdn.cost_per_month, 4.5e6, 'per month');
    assert.deepEqual(cdn.cost_breakdown, { instance: null, storage: null, transfer: cdn.cost_breakdown.transfer, requests: null, fixed: null });
    assert.deepEqual(cdn.cost_origins, { transfer: { from: 'component', shown: '$0.02/GB' } });
    near(a.estimate.cost.per_month, 4.5e6, 'total');
    assert.deepEqual(explainComponentCost(cdn, a.estimate.conventions), [
      '**Cost**: ≈ $4.5M/month (30 days)',
      '- transfer: $4.5M = `$0.02/GB` × bytes sent to clients and external systems on reads in a month, as written',
    ]);
    // The client is the viewer's own device.
    assert.equal(component(a, 'viewer').cost_per_month, null);
  });

  it('each price by hand: instances × $/h × 720 h, bytes stored × $/GB/month, requests a month × $/1M, a flat price, transfer to clients only', () => {
    const a = analyseText(PRICED);
    noProblems(a);
    const api = component(a, 'api');
    near(api.cost_breakdown.instance, 4 * 0.1 * HOURS_PER_MONTH, 'api instances');
    // Every request it receives, reads and writes: 10 a day per user and 1M puts a day.
    const apiRequestsPerMonth = (1e6 * 10 + 1e6) * 30;
    near(api.cost_breakdown.requests, (apiRequestsPerMonth / 1e6) * 1, 'api requests');
    // It sends the reads' responses to its client: 10M a day of 20 KB.
    near(api.cost_breakdown.transfer, ((1e6 * 10 * 20e3 * 30) / 1e9) * 0.05, 'api transfer');
    near(api.cost_breakdown.fixed, 20, 'api fixed');
    near(api.cost_per_month, 4 * 0.1 * HOURS_PER_MONTH + apiRequestsPerMonth / 1e6 + ((1e6 * 10 * 20e3 * 30) / 1e9) * 0.05 + 20, 'api total');

    const db = component(a, 'db');
    near(db.cost_breakdown.instance, 0.5 * HOURS_PER_MONTH, 'db instance');
    // Its reads go to the api, not to a client: no transfer billed, though it has a price.
    assert.equal(db.cost_breakdown.transfer, 0);
    // Prices it does not have cost nothing: its own map replaces the kind's defaults.
    assert.equal(db.cost_breakdown.storage, null);
    assert.equal(db.cost_breakdown.requests, null);

    const blobs = component(a, 'blobs');
    // One year of 1M puts a day of 1 MB, one copy.
    const stored = 1e6 * 1e6 * 365;
    near(blobs.stored_bytes, stored, 'stored');
    near(blobs.cost_breakdown.storage, (stored / 1e9) * 0.023, 'blobs storage');
    near(blobs.cost_per_month, (stored / 1e9) * 0.023, 'blobs total');
  });

  it('the kind’s defaults apply with their source; a cost map replaces them; estimation.defaults.<kind>.cost changes one price', () => {
    const design = (extra: { api?: string; defaults?: string }) =>
      PRICED.replace('    cost: { instance: $0.1/h, requests: $1 / 1M, transfer: $0.05/GB, fixed: $20/month }\n', extra.api ?? '')
        .replace('    replicas: 4\n', '    replicas: 8\n')
        .replace('    cost: { storage: $0.023/GB/month }\n', '')
        .replace('  retention: 1y\n', `  retention: 1y\n${extra.defaults ?? ''}`);

    const table = analyseText(design({}));
    noProblems(table);
    const service = KIND_DEFAULTS.service.cost.instance!;
    assert.equal(service.shown, '$0.0816/h');
    near(component(table, 'api').cost_per_month, 8 * 0.0816 * HOURS_PER_MONTH, 'api on the table');
    assert.deepEqual(component(table, 'api').cost_origins.instance, {
      from: 'built-in',
      shown: '$0.0816/h',
      source: service.source,
      year: service.year,
      assumption: false,
    });
    assert.match(
      explainComponentCost(component(table, 'api'), table.estimate.conventions)[1],
      /^- instance: \$470 = `\$0\.0816\/h` × 8 instances × a month, the product's default \(2026\): Amazon EC2 On-Demand pricing/,
    );
    // The object store's table prices: storage, requests and transfer, each from the table.
    const blobs = component(table, 'blobs');
    assert.deepEqual(Object.keys(blobs.cost_origins).sort(), ['requests', 'storage', 'transfer']);
    near(blobs.cost_breakdown.storage, ((1e6 * 1e6 * 365) / 1e9) * 0.023, 'S3 storage');
    near(blobs.cost_breakdown.requests, ((1e6 * 30) / 1e6) * 0.4, 'S3 requests');

    const replaced = analyseText(design({ api: '    cost: { fixed: $100/month }\n' }));
    noProblems(replaced);
    const api = component(replaced, 'api');
    assert.deepEqual(api.cost_breakdown, { instance: null, storage: null, transfer: null, requests: null, fixed: 100 });
    assert.equal(api.cost_per_month, 100);

    const overridden = analyseText(design({ defaults: '  defaults:\n    service: { cost: { instance: $0.05/h } }\n    object-store: { cost: { storage: $0.0125/GB/month } }\n' }));
    noProblems(overridden);
    near(component(overridden, 'api').cost_per_month, 8 * 0.05 * HOURS_PER_MONTH, 'api on the design’s default');
    assert.deepEqual(component(overridden, 'api').cost_origins.instance, { from: 'design', shown: '$0.05/h' });
    const cheaper = component(overridden, 'blobs');
    near(cheaper.cost_breakdown.storage, ((1e6 * 1e6 * 365) / 1e9) * 0.0125, 'the design’s storage price');
    // Field by field: the other prices stay the table's.
    assert.equal(cheaper.cost_breakdown.requests, blobs.cost_breakdown.requests);
    assert.equal(cheaper.cost_origins.requests?.from, 'built-in');
  });

  it('money mixed with bytes in a price is an error on its text with a fix that prices it', () => {
    for (const [written, fixed] of [
      ['transfer: $0.02 GB', '$0.02/GB'],
      ['transfer: $0.02', '$0.02/GB'],
      ['storage: $0.023/GB', '$0.023/GB/month'],
      ['instance: 0.1', '$0.1/h'],
    ]) {
      const text = YOUTUBE.replace('cost: { transfer: $0.02/GB }', `cost: { ${written} }`);
      const a = analyseText(text);
      const errors = a.problems.filter((p) => p.severity === 'error');
      assert.equal(errors.length, 1, written);
      const [p] = errors;
      assert.match(p.code, /^sysdesign\/quantity-(dimension|unit)$/, written);
      assert.equal(text.slice(p.start, p.end), written.slice(written.indexOf(' ') + 1), written);
      assert.deepEqual(p.fixes?.[0], { kind: 'replace', text: fixed }, written);
      // A price with an error prices nothing; the fix applied gives a figure.
      assert.equal(component(a, 'cdn').cost_per_month, null, written);
      const repaired = analyseText(text.slice(0, p.start) + fixed + text.slice(p.end));
      assert.deepEqual(
        repaired.problems.filter((x) => x.severity === 'error'),
        [],
        written,
      );
    }
    const unknown = analyseText(YOUTUBE.replace('cost: { transfer: $0.02/GB }', 'cost: { transfr: $0.02/GB }'));
    const key = unknown.problems.find((p) => p.code === 'sysdesign/unknown-key');
    assert.match(key?.message ?? '', /did you mean "transfer"/);
    assert.deepEqual(key?.fixes, [{ kind: 'replace', text: 'transfer' }]);
    const inDefaults = analyseText(YOUTUBE.replace('  dau: 5M\n', '  dau: 5M\n  defaults:\n    cdn: { cost: { request: $1 / 1M } }\n'));
    assert.deepEqual(
      inDefaults.problems.filter((p) => p.code === 'sysdesign/unknown-key').map((p) => p.fixes),
      [[{ kind: 'replace', text: 'requests' }]],
    );
  });

  it('per thousand requests and per daily active user, by hand', () => {
    const a = analyseText(PRICED);
    const perMonth = a.estimate.components.reduce((n, c) => n + (c.cost_per_month ?? 0), 0);
    near(a.estimate.cost.per_month, perMonth, 'per month');
    // Every traffic line: 10 reads a day per user for 1M users, and 1M puts a day.
    const requestsPerMonth = (1e6 * 10 + 1e6) * 30;
    near(a.estimate.cost.per_thousand_requests, perMonth / (requestsPerMonth / 1000), 'per 1,000 requests');
    near(a.estimate.cost.per_dau_per_month, perMonth / 1e6, 'per DAU');
    const totals = estimateReport(a.estimate).sections.find((s) => s.key === 'cost_totals');
    assert.deepEqual(
      totals?.rows.map((r) => r.figures[0].value),
      [a.estimate.cost.per_month, a.estimate.cost.per_thousand_requests, a.estimate.cost.per_dau_per_month],
    );
    // Without a dau or traffic, those two cannot be computed.
    const flat = analyseText('sysdesign: 1\nname: Flat\ncomponents:\n  - id: api\n    kind: service\n    replicas: 2\n');
    near(flat.estimate.cost.per_month, 2 * 0.0816 * HOURS_PER_MONTH, 'flat');
    assert.equal(flat.estimate.cost.per_thousand_requests, null);
    assert.equal(flat.estimate.cost.per_dau_per_month, null);
    // A month is days_per_month days of seconds_per_day seconds.
    const longer = analyseText(PRICED.replace('  dau: 1M\n', '  conventions: { days_per_month: 31 }\n  dau: 1M\n'));
    near(component(longer, 'api').cost_breakdown.instance, 4 * 0.1 * 31 * 24, 'a 31-day month');
    assert.equal(SECONDS_PER_MONTH, HOURS_PER_MONTH * 3600);
  });

  it('a scenario with ten times the users costs more, and the comparison and its headline show it', () => {
    const text = `${YOUTUBE}scenarios:\n  - id: viral\n    label: Ten times the viewers\n    set:\n      dau: 50M\n`;
    const a = analyseText(text);
    noProblems(a);
    const [viral] = a.estimate.scenarios;
    near(viral.cost.per_month, 45e6, 'ten times the bill');
    near(a.estimate.cost.per_month, 4.5e6, 'the base is unchanged');
    const row = scenarioComparison(a.estimate).rows.find((r) => r.key === 'cost_per_month');
    assert.deepEqual(
      row?.cells.map((c) => (c.change ? `${c.text} (${c.change})` : c.text)),
      ['$4.5M', '$45M (+$40.5M, ×10)'],
    );
    assert.equal(briefScenario(viral, a.estimate.conventions), 'peak 5.79k/s · 1 instance needed · ≈ $45M/month');
  });
});
