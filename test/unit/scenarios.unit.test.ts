/**
 * Scenarios (SPEC 5.3, issue #16): `set` paths over the design and `fail`ed components,
 * each scenario analysed in full beside the base, its own problems on its own line.
 */
import * as assert from 'node:assert/strict';
import { analyseText } from '../../src/core/analyse';
import { comparisonText, scenarioComparison } from '../../src/core/report';
import { example } from '../support/example';

const withScenarios = (scenarios: string, text = example) => `${text.trimEnd()}\n\nscenarios:\n${scenarios}`;

const LAUNCH = `  - id: launch-day
    label: Launch day, 10x traffic
    set:
      dau: 100M
      components.api.replicas: 80
`;
const CACHE_DOWN = `  - id: cache-down
    fail: [feed-cache]
`;

describe('scenarios (issue #16)', () => {
  it('a scenario is the whole analysis with its settings: ten times the users, ten times the peak and the storage', () => {
    const a = analyseText(withScenarios(LAUNCH));
    const [launch] = a.estimate.scenarios;
    assert.equal(launch.id, 'launch-day');
    assert.equal(launch.label, 'Launch day, 10x traffic');
    assert.equal(launch.dau, 100e6);
    // Independently: 100M DAU x 30/day x 3 (the view-feed peak factor) / 86,400 s.
    assert.ok(Math.abs((launch.totals.peak_read_per_second ?? 0) - (100e6 * 30 * 3) / 86400) < 1e-6);
    assert.ok(Math.abs((launch.totals.storage_bytes_total ?? 0) - 10 * (a.estimate.totals.storage_bytes_total ?? 0)) < 1);
    // The base is untouched, and so is its design.
    assert.equal(a.estimate.dau, 10e6);
    assert.equal(a.design.components.find((c) => c.id.name === 'api')?.replicas?.text, '8');
    const api = launch.components.find((c) => c.id === 'api');
    assert.equal(api?.instances, 80);
    assert.equal(a.scenarios[0].design.components.find((c) => c.id.name === 'api')?.replicas?.text, '80');
  });

  it('problems found only in a scenario are reported on its id, with the id in the message, as warnings', () => {
    const text = withScenarios(LAUNCH);
    const a = analyseText(text);
    const own = a.problems.filter((p) => p.message.startsWith('Scenario "launch-day"'));
    assert.ok(own.length >= 2, 'the load balancer and the photo database give way at ten times the traffic');
    for (const p of own) {
      assert.equal(text.slice(p.start, p.end), 'launch-day');
      assert.equal(p.severity, 'warning');
      assert.equal(p.fixes, undefined, 'a fix would edit the base design');
    }
    assert.ok(own.some((p) => p.code === 'sysdesign/over-capacity' && /"lb" is over capacity/.test(p.message)));
    // The api has its 80 replicas in the scenario: not over capacity there.
    assert.ok(!own.some((p) => /"api" is over capacity/.test(p.message)));
    // Nothing of the base is repeated for the scenario.
    assert.deepEqual(analyseText(example).problems, []);
    assert.equal(a.problems.length, own.length);
    assert.deepEqual(a.estimate.scenarios[0].problems, own);
  });

  it('a failed cache breaks the dry run that crosses it, and lists its requirement as broken', () => {
    const text = withScenarios(CACHE_DOWN);
    const a = analyseText(text);
    const [down] = a.estimate.scenarios;
    assert.deepEqual(down.failed, ['feed-cache']);
    assert.deepEqual(down.broken_flows, ['view-feed-dry-run']);
    assert.deepEqual(down.broken_requirements, ['view-feed']);
    assert.deepEqual(a.problems, [], 'a broken dry run is the scenario’s result, not a problem');
  });

  it('every kind of path sets its figure', () => {
    const scenario = `  - id: all
    set:
      users: 60M
      concurrent: 1M
      retention: 5y
      replication: 2
      cache_hot_ratio: 10%
      server_capacity: 4000/s
      conventions.peak_factor: 4
      values.photos_per_user: 4/day
      defaults.cache.capacity: 200k/s
      traffic.view-feed.size: 10 * 200KB
      components.photo-db.shards: 4
`;
    const a = analyseText(withScenarios(scenario));
    assert.deepEqual(
      a.problems.map((p) => p.message),
      [],
    );
    const [s] = a.scenarios;
    const e = s.estimate;
    assert.equal(e.users, 60e6);
    assert.equal(e.concurrent, 1e6);
    assert.equal(e.conventions.peak_factor, 4);
    assert.equal(e.values.photos_per_user, 4 / 86400);
    assert.equal(e.totals.servers, Math.ceil(((e.totals.peak_read_per_second ?? 0) + (e.totals.peak_write_per_second ?? 0)) / 4000));
    assert.equal(e.traffic.find((t) => t.id === 'view-feed')?.size_bytes, 2e6);
    // 4 photos a day x 10% x 10M DAU x (2 MB + 200 bytes) x 5 years (of 365 days) x 2 copies.
    const perDay = 4 * 0.1 * 10e6 * (2e6 + 200);
    assert.ok(Math.abs((e.totals.storage_bytes_total ?? 0) - perDay * 5 * 365 * 2) < 1e3);
    assert.ok(Math.abs((e.totals.cache_bytes ?? 0) - 0.1 * 10e6 * 30 * 2e6) < 1);
    assert.equal(e.components.find((c) => c.id === 'photo-db')?.instances, 4 * 3);
    assert.equal(e.components.find((c) => c.id === 'feed-cache')?.capacity_per_second, 200e3);
  });

  it('an unknown path or id is an error on the exact segment, with the closest name as a fix that resolves', () => {
    const scenario = `  - id: typos
    set:
      component.api.replicas: 2
      components.apii.replicas: 2
      components.api.replica: 2
      values.photos_per_usr: 3/day
      traffic.view-fed.size: 1KB
      conventions.peak: 3
      defaults.servce.capacity: 1k/s
      dau.x: 3
      __proto__.x: 1
      components.__proto__.replicas: 2
      constructor: 1
`;
    const text = withScenarios(scenario);
    const problems = analyseText(text).problems.filter((p) => p.code === 'sysdesign/scenario-path');
    assert.deepEqual(
      problems.map((p) => [text.slice(p.start, p.end), p.fixes?.[0]?.kind === 'replace' ? p.fixes[0].text : undefined]),
      [
        ['component', 'components'],
        ['apii', 'api'],
        ['replica', 'replicas'],
        ['photos_per_usr', 'photos_per_user'],
        ['view-fed', 'view-feed'],
        ['peak', undefined],
        ['servce', 'service'],
        ['x', undefined],
        ['__proto__', undefined],
        ['__proto__', undefined],
        ['constructor', undefined],
      ],
    );
    assert.match(problems[0].message, /^Scenario "typos": a path starts with one of `dau`, .*not "component"; did you mean "components"\?$/);
    // Each fix, applied, leaves a path that resolves.
    let fixed = text;
    for (const p of [...problems].reverse()) if (p.fixes?.[0]?.kind === 'replace') fixed = fixed.slice(0, p.start) + p.fixes[0].text + fixed.slice(p.end);
    const left = analyseText(fixed).problems.filter((p) => p.code === 'sysdesign/scenario-path');
    assert.deepEqual(
      left.map((p) => fixed.slice(p.start, p.end)),
      ['peak', 'x', '__proto__', '__proto__', 'constructor'],
    );
  });

  it('a value of the wrong dimension is an error on the scenario’s line, in its own words', () => {
    const text = withScenarios(`  - id: wrong
    set:
      components.api.replicas: 2 MB
`);
    const p = analyseText(text).problems.find((x) => text.slice(x.start, x.end) === '2 MB');
    assert.equal(p?.severity, 'error');
    assert.match(p?.message ?? '', /^Scenario "wrong": replicas needs/);
  });

  it('failed ids and ids in paths are references: unknown ones reported, renames reach them', () => {
    const text = withScenarios(`  - id: down
    fail: [feed-cach]
    set:
      components.api.replicas: 9
`);
    const a = analyseText(text);
    const unknown = a.problems.find((p) => p.code === 'sysdesign/unknown-component');
    assert.equal(text.slice(unknown?.start, unknown?.end), 'feed-cach');
    const refs = a.symbols.references.filter((r) => r.ident.name === 'api' && r.role === 'scenario path');
    assert.equal(refs.length, 1);
    assert.equal(text.slice(refs[0].ident.start, refs[0].ident.end), 'api');
    assert.ok(a.symbols.definitions.some((d) => d.kind === 'scenario' && d.ident.name === 'down'));
  });

  it('a repeated scenario id is a duplicate, analysed once', () => {
    const text = withScenarios(CACHE_DOWN + CACHE_DOWN);
    const a = analyseText(text);
    assert.equal(a.scenarios.length, 1);
    assert.ok(a.problems.some((p) => p.code === 'sysdesign/duplicate-id' && /cache-down/.test(p.message)));
  });

  it('the comparison: each figure of the base and of every scenario, and what the scenario changes', () => {
    const a = analyseText(withScenarios(LAUNCH + CACHE_DOWN));
    const c = scenarioComparison(a.estimate);
    assert.deepEqual(
      c.columns.map((x) => x.label),
      ['Base', 'Launch day, 10x traffic', 'cache-down'],
    );
    const row = (key: string) => c.rows.find((r) => r.key === key)!.cells.map((x) => (x.change ? `${x.text} (${x.change})` : x.text));
    assert.deepEqual(row('peak_per_second'), ['10.5k/s', '105k/s (+94.2k/s, ×10)', '10.5k/s']);
    assert.deepEqual(row('broken_requirements'), ['none', 'none', 'view-feed']);
    assert.deepEqual(row('instances'), ['16', '88 (+72, ×5.5)', '16']);
    assert.match(comparisonText(c).join('\n'), /Broken requirements +none +none +view-feed/);
  });

  it('cost paths set one price of a component or of a kind’s defaults, keeping the others; a wrong price is an error with a fix', () => {
    const scenario = `  - id: prices
    set:
      components.blobs.cost.requests: $5 / 1M
      defaults.sql-database.cost.storage: $0.2/GB/month
      components.api.cost.instanse: $0.04/h
      components.api.costs.instance: $0.04/h
      components.feed-cache.cost: $1/h
      defaults.cache.cost.instance.x: $1/h
`;
    const text = withScenarios(scenario);
    const a = analyseText(text);
    const paths = a.problems.filter((p) => p.code === 'sysdesign/scenario-path');
    assert.deepEqual(
      paths.map((p) => [text.slice(p.start, p.end), p.fixes?.[0]?.kind === 'replace' ? p.fixes[0].text : undefined]),
      [
        ['instanse', 'instance'],
        ['costs', 'cost'],
        ['cost', undefined],
        ['x', undefined],
      ],
    );
    assert.match(paths[2].message, /write `components\.feed-cache\.cost\.<price>` with a price of instance, storage, transfer, requests, fixed/);
    const base = new Map(a.estimate.components.map((c) => [c.id, c]));
    const scenarioLoad = new Map(a.estimate.scenarios[0].components.map((c) => [c.id, c]));
    const month = 30 * 86400;
    // Independently: blobs' requests at $5 per million, its storage and transfer still the product's.
    const blobs = scenarioLoad.get('blobs')!;
    const writesPerSecond = (10e6 * 2 * 0.1) / 86400;
    assert.ok(Math.abs((blobs.cost_breakdown.requests ?? 0) - writesPerSecond * month * 5e-6) < 1e-6);
    assert.deepEqual(blobs.cost_origins.requests, { from: 'component', shown: '$5 / 1M' });
    assert.equal(blobs.cost_breakdown.storage, base.get('blobs')!.cost_breakdown.storage);
    assert.equal(blobs.cost_origins.storage?.from, 'built-in');
    // photo-db's storage from the scenario's default, its instances still the product's price.
    const db = scenarioLoad.get('photo-db')!;
    // Each of its 3 replicas keeps a copy.
    assert.ok(Math.abs((db.cost_breakdown.storage ?? 0) - ((db.stored_bytes ?? 0) / 1e9) * 3 * 0.2) < 1e-6);
    assert.deepEqual(db.cost_origins.storage, { from: 'design', shown: '$0.2/GB/month' });
    assert.equal(db.cost_breakdown.instance, base.get('photo-db')!.cost_breakdown.instance);
    // The base keeps its prices and its design.
    assert.equal(base.get('blobs')!.cost_origins.requests?.from, 'built-in');
    assert.equal(a.design.components.find((c) => c.id.name === 'blobs')?.cost, undefined);
  });
});
