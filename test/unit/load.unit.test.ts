import * as assert from 'node:assert/strict';
import { analyseText } from '../../src/core/analyse';
import { designMarkdown } from '../../src/core/diagram/markdown';
import { erlangC, erlangCWait, EXACT_LIMIT } from '../../src/core/load/erlang';
import type { ComponentLoad, Problem } from '../../src/core/types';
import { approx } from '../support/approx';

const HEAD = 'sysdesign: 1\nname: t\n';

function analysed(yaml: string) {
  const analysis = analyseText(HEAD + yaml);
  const errors = analysis.problems.filter((p) => p.severity === 'error' && !p.code.startsWith('sysdesign/over-capacity'));
  assert.deepEqual(errors, [], 'the design should have no errors besides capacity');
  return analysis;
}

const component = (a: { estimate: { components: ComponentLoad[] } }, id: string): ComponentLoad => {
  const c = a.estimate.components.find((x) => x.id === id);
  assert.ok(c, `component ${id}`);
  return c;
};

const codes = (problems: Problem[], code: string, text: string) => problems.filter((p) => p.code === code).map((p) => [text.slice(p.start, p.end), p.message]);

/** Erlang C from its textbook definition with factorials: only for small c, as an independent check. */
function erlangCByHand(c: number, a: number): number {
  let fact = 1;
  let sum = 0;
  for (let k = 0; k < c; k++) {
    if (k > 0) fact *= k;
    sum += a ** k / fact;
  }
  const top = (a ** c / (fact * c)) * (c / (c - a));
  return top / (sum + top);
}

describe('load: Erlang C queueing', () => {
  it('matches the textbook formula for small c', () => {
    for (const [c, rho] of [
      [1, 0.5],
      [2, 0.5],
      [4, 0.8],
      [10, 0.9],
      [30, 0.95],
    ] as const) {
      approx(erlangC(c, rho), erlangCByHand(c, rho * c), 1e-12, `C(${c}, ${rho})`);
    }
  });

  it('M/M/1: the wait is rho·S/(1 - rho)', () => {
    approx(erlangCWait(1, 0.5, 0.01), (0.5 * 0.01) / 0.5, 1e-12);
  });

  it('stays finite and in bounded time for a million and ten million servers', () => {
    const started = process.hrtime.bigint();
    for (const c of [1e6, 1e7]) {
      const p = erlangC(c, 0.999);
      assert.ok(p >= 0 && p <= 1, `C(${c}) = ${p}`);
      assert.ok(Number.isFinite(erlangCWait(c, 0.999, 0.05)!));
    }
    assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 500, 'two huge Erlang C evaluations take well under 500 ms');
  });

  it('the many-server approximation joins the exact sum at the limit', () => {
    // Just past the limit the approximation runs; compare with the exact sum at the limit itself.
    for (const beta of [0.5, 1, 3]) {
      const rho = 1 - beta / Math.sqrt(EXACT_LIMIT);
      approx(erlangC(EXACT_LIMIT + 1, rho), erlangC(EXACT_LIMIT, rho), 1e-3, `beta ${beta}`);
    }
  });

  it('is exact against the textbook formula up to c = 99 (where its powers still fit a double) at any load', () => {
    for (let c = 1; c <= 99; c += 7) for (const rho of [0.1, 0.5, 0.9, 0.99]) approx(erlangC(c, rho), erlangCByHand(c, rho * c), 1e-9, `C(${c}, ${rho})`);
  });

  it('is null at and past saturation', () => {
    assert.equal(erlangCWait(3, 1, 0.1), null);
    assert.equal(erlangCWait(3, 1.5, 0.1), null);
  });
});

describe("load: published designs from the tool's own fields", () => {
  it('messenger (Alex Xu ch. 12): 500M connections at 50k per chat server need 10,000 servers', () => {
    const yaml = `estimation:
  dau: 500M
  concurrent: 500M
components:
  - id: client
    kind: client
  - id: chat
    kind: service
    connections: concurrent
    max_connections: 50k
connections:
  - client -> chat: WebSocket
`;
    const a = analysed(yaml);
    const chat = component(a, 'chat');
    assert.equal(chat.connections, 500e6);
    assert.equal(chat.instances_needed, 10_000);
    const over = codes(a.problems, 'sysdesign/over-capacity', a.text);
    assert.equal(over.length, 1);
    assert.match(over[0][1] as string, /500M open connections exceed 1 × 50k per instance; it needs 10000 instances/);
  });

  it('nearby friends (Alex Xu vol. 2 ch. 2): ~334k location updates/s, ~14M/s forwarded to friends', () => {
    const yaml = `estimation:
  dau: 100M
  concurrent: 10% * dau
  values:
    friends: 400
    online_share: 10%
  traffic:
    - id: update-location
      kind: write
      rate: concurrent / 30s
      peak_factor: 1
components:
  - { id: client, kind: client }
  - { id: ws, kind: service }
  - { id: pubsub, kind: stream }
connections:
  - client -> ws: WebSocket
  - ws -> pubsub: publish
  - pubsub -> ws: subscribers
flows:
  - id: location-update
    traffic: update-location
    steps:
      - client -> ws: location
      - ws -> pubsub: publish
      - pubsub -> ws: { label: forward to each online friend, calls: friends * online_share, async: true }
`;
    const a = analysed(yaml);
    const flow = a.estimate.flows[0];
    approx(flow.rate_per_second, 10e6 / 30, 1e-12);
    approx(flow.rate_per_second, 334e3, 0.002, 'the book rounds 333,333 up to 334k');
    approx(component(a, 'pubsub').peak_writes_per_second, 10e6 / 30, 1e-12);
    // Forwarded: each update goes to 400 friends x 10% online; ws receives them as well as the updates.
    const forwarded = (10e6 / 30) * 400 * 0.1;
    const ws = component(a, 'ws');
    approx(ws.peak_per_second, 10e6 / 30 + forwarded, 1e-9);
    approx(a.estimate.connections.find((c) => c.from === 'pubsub' && c.to === 'ws')!.peak_per_second, forwarded, 1e-9);
    approx(forwarded, 14e6, 0.05, 'the book: 334K x 400 x 10% = 14M');
  });
});

describe('load: through the dry runs', () => {
  const base = (extra = '') => `requirements:
  functional:
    - { id: read-item, text: read, op: read }
    - { id: write-item, text: write, op: create }
estimation:
  dau: 8640k
  values:
    hit_ratio: 90%
  traffic:
    - id: read-item
      kind: read
      per_user: 10/day
      size: 10KB
    - id: write-item
      kind: write
      per_user: 1/day
      size: 1KB
  retention: 1y
components:
  - { id: client, kind: client }
  - { id: api, kind: service, replicas: 2, capacity: 1000/s, latency: 10ms }
  - { id: cache, kind: cache, capacity: 50k/s }
  - { id: db, kind: sql-database, replicas: 3, shards: 2, capacity: 500/s, storage_capacity: 2TB }
${extra}connections:
  - client -> api
  - api -> cache
  - api -> db
flows:
  - id: read-flow
    requirement: read-item
    steps:
      - client -> api: GET
      - api -> cache: lookup
      - api -> db: { label: on a miss, calls: 1 - hit_ratio }
      - api -> client: 200
  - id: write-flow
    requirement: write-item
    steps:
      - client -> api: POST
      - from: api
        to: db
        label: insert
      - api -> client: 201
`;
  // 8.64M DAU: reads 1,000/s average, 2,000/s peak; writes 100/s, 200/s peak.
  const a = analysed(base());

  it('a flow runs at the rate of the traffic line of its requirement', () => {
    approx(a.estimate.flows[0].rate_per_second, 1000);
    approx(a.estimate.flows[0].peak_per_second, 2000);
    approx(a.estimate.flows[1].peak_per_second, 200);
  });

  it('replies add no load; each request adds rate x calls to its target, reads and writes apart', () => {
    const api = component(a, 'api');
    approx(api.peak_reads_per_second, 2000);
    approx(api.peak_writes_per_second, 200);
    assert.equal(component(a, 'client').peak_per_second, null, 'a client only gets replies');
    const db = component(a, 'db');
    approx(db.peak_reads_per_second, 2000 * 0.1);
    approx(db.peak_writes_per_second, 200);
    assert.deepEqual(
      db.by_flow.map((s) => [s.flow, s.kind]),
      [
        ['read-flow', 'read'],
        ['write-flow', 'write'],
      ],
    );
  });

  it('stateless utilisation spreads every request over every instance', () => {
    const api = component(a, 'api');
    assert.equal(api.instances, 2);
    approx(api.utilisation, 2200 / (2 * 1000));
    // needs ceil(2200 / (1000 x 70%)) = 4
    assert.equal(api.instances_needed, 4);
    assert.equal(api.shards_needed, null);
    assert.equal(api.survives_instance_loss, false);
  });

  it('stateful utilisation: reads over every copy, writes over the shards', () => {
    const db = component(a, 'db');
    assert.equal(db.instances, 6);
    approx(db.utilisation, (200 / 6 + 200 / 2) / 500);
    // shards needed with 3 replicas: requests ceil((200/3 + 200) / (500 x 0.7)) = 1, data ceil(3.15 TB / 2 TB) = 2
    assert.equal(db.shards_needed, 2);
    assert.equal(db.instances_needed, 6);
    // stored: 100 writes/s x 1KB x 365 days, one copy
    approx(db.stored_bytes, 100 * 1000 * 365 * 86400);
    assert.equal(db.survives_instance_loss, true);
    // bytes: writes carry the request in, reads carry the response out
    approx(db.bytes_in_per_second, 100 * 1000);
    approx(db.bytes_out_per_second, 1000 * 0.1 * 10_000);
  });

  it('capacity from the product table, with its source, when nothing else says', () => {
    const cache = component(a, 'cache');
    assert.equal(cache.origins.capacity?.from, 'component');
    const b = analysed(base().replace('{ id: cache, kind: cache, capacity: 50k/s }', '{ id: cache, kind: cache }'));
    const origin = component(b, 'cache').origins.capacity!;
    assert.equal(origin.from, 'built-in');
    assert.ok(origin.source && origin.year, 'a built-in figure names its source and year');
  });

  it('estimation.defaults and server_capacity come before the product table', () => {
    const b = analysed(base().replace('capacity: 1000/s, ', '').replace('  retention: 1y\n', '  retention: 1y\n  server_capacity: 4k/s\n'));
    assert.equal(component(b, 'api').capacity_per_second, 4000);
    assert.equal(component(b, 'api').origins.capacity?.from, 'server_capacity');
    const c = analysed(
      base().replace('capacity: 1000/s, ', '').replace('  retention: 1y\n', '  retention: 1y\n  server_capacity: 4k/s\n  defaults:\n    service: { capacity: 3k/s }\n'),
    );
    assert.equal(component(c, 'api').capacity_per_second, 3000);
    assert.equal(component(c, 'api').origins.capacity?.from, 'design');
  });

  it('over target is a warning naming load, capacity and need, with a quick fix', () => {
    const warnings = a.problems.filter((p) => p.code === 'sysdesign/over-capacity' || p.code === 'sysdesign/high-utilisation');
    const api = warnings.find((p) => a.text.slice(p.start, p.end) === 'api')!;
    assert.equal(api.code, 'sysdesign/over-capacity');
    assert.equal(api.severity, 'error');
    assert.match(api.message, /peak 2\.2k\/s on 2 × 1k\/s is 110% of what it handles; it needs 4 instances/);
    assert.deepEqual(api.fixes, [{ kind: 'set-component-field', id: 'api', field: 'replicas', value: '4' }]);
  });

  it('setting what the quick fix says clears the problem', () => {
    const b = analyseText(HEAD + base().replace('replicas: 2, capacity: 1000/s', 'replicas: 4, capacity: 1000/s'));
    assert.deepEqual(
      b.problems.filter((p) => p.code.startsWith('sysdesign/over-capacity') || p.code === 'sysdesign/high-utilisation'),
      [],
    );
  });

  it('stored data beyond the shards is over capacity, fixed by shards', () => {
    const b = analysed(base().replace('storage_capacity: 2TB', 'storage_capacity: 1GB'));
    const db = component(b, 'db');
    assert.equal(db.shards_needed, Math.ceil((100 * 1000 * 365 * 86400) / 1e9));
    const p = b.problems.find((x) => x.code === 'sysdesign/over-capacity' && b.text.slice(x.start, x.end) === 'db')!;
    assert.match(p.message, /3\.15 TB stored exceed 2 shards × 1 GB/);
    assert.deepEqual(p.fixes, [{ kind: 'set-component-field', id: 'db', field: 'shards', value: String(db.shards_needed) }]);
  });

  it('queueing: api 2 x 10 workers (1000/s x 10ms) as one M/M/c queue at its utilisation', () => {
    const b = analysed(base().replace('replicas: 2, capacity: 1000/s', 'replicas: 4, capacity: 1000/s'));
    const api = component(b, 'api');
    assert.equal(api.workers, 10);
    const rho = 2200 / 4000;
    approx(api.queue_wait_seconds, (erlangCByHand(40, rho * 40) * 0.01) / (40 * (1 - rho)), 1e-9);
    const flow = b.estimate.flows[0];
    approx(flow.latency_peak_seconds, 0.01 + api.queue_wait_seconds!, 1e-9);
  });

  it("a saturated component makes the flow's latency at peak null and is named", () => {
    const flow = a.estimate.flows[0];
    assert.equal(flow.latency_peak_seconds, null);
    assert.deepEqual(flow.saturated, ['api']);
  });

  it('single points of failure: crossed components with one instance (not clients)', () => {
    assert.deepEqual(a.estimate.flows[0].single_points_of_failure, ['cache']);
  });

  it('async steps count for load but not for latency', () => {
    const b = analysed(
      base()
        .replace('      - api -> cache: lookup\n', '      - api -> cache: { label: warm, async: true }\n')
        .replace('{ id: cache, kind: cache, capacity: 50k/s }', '{ id: cache, kind: cache, capacity: 50k/s, latency: 1s }'),
    );
    approx(component(b, 'cache').peak_reads_per_second, 2000);
    assert.equal(b.estimate.flows[0].latency_seconds, 0.01);
  });

  it('a flow with rate: and its own peak factor', () => {
    const b = analysed(base().replace('  - id: write-flow\n    requirement: write-item\n', '  - id: write-flow\n    rate: 50/s\n    peak_factor: 4\n'));
    approx(b.estimate.flows[1].peak_per_second, 200);
    assert.equal(component(b, 'db').peak_writes_per_second, 0, 'a rate: flow has no traffic kind: its steps count as reads');
  });

  it('a flow with no rate carries no load', () => {
    const b = analysed(base().replace('    requirement: write-item\n', ''));
    assert.equal(b.estimate.flows[1].rate_per_second, null);
    assert.equal(component(b, 'db').peak_writes_per_second, 0);
  });
});

describe('load: bad sizing fields', () => {
  const text = `${HEAD}components:
  - { id: a, kind: service, replicas: 0 }
  - { id: b, kind: service, replicas: 2.5, shards: -1, capacity: 0/s }
  - { id: c, kind: service, replicas: 1e30 }
connections:
  - a -> b
flows:
  - id: f
    rate: 10/s
    steps:
      - { from: a, to: b, calls: 0 }
`;
  const problems = analyseText(text).problems;
  const ranges = problems.filter((p) => p.code === 'sysdesign/quantity-range' || p.code === 'sysdesign/invalid-value').map((p) => [text.slice(p.start, p.end), p.code]);

  it('0, negative, fractional, huge: a diagnostic each, on the value', () => {
    assert.deepEqual(ranges, [
      ['0', 'sysdesign/invalid-value'],
      ['2.5', 'sysdesign/quantity-range'],
      ['-1', 'sysdesign/invalid-value'],
      ['-1', 'sysdesign/quantity-range'],
      ['0/s', 'sysdesign/quantity-range'],
      ['1e30', 'sysdesign/quantity-range'],
      ['0', 'sysdesign/invalid-value'],
    ]);
  });

  it('no figure becomes Infinity or NaN', () => {
    const json = JSON.stringify(analyseText(text).estimate);
    assert.doesNotMatch(json, /Infinity|NaN/);
  });
});

describe('load: in the Markdown export', () => {
  it('ids in the load figures are escaped like any text of the design (found by the fuzz campaign)', () => {
    const text = `${HEAD}estimation:\n  dau: 1M\ncomponents:\n  - { id: c, kind: client }\n  - { id: "a<b", kind: service }\nconnections:\n  - { from: c, to: "a<b" }\nflows:\n  - id: f\n    rate: 1/s\n    steps:\n      - { from: c, to: "a<b" }\n`;
    const analysis = analyseText(text);
    assert.deepEqual(analysis.estimate.flows[0].single_points_of_failure, ['a<b']);
    const markdown = designMarkdown(analysis);
    const prose = markdown.replace(/^```[\s\S]*?^```$/gm, '').replace(/`[^`]*`/g, '');
    assert.doesNotMatch(prose, /(?<!\\)<b/);
    assert.match(markdown, /a\\<b/);
  });
});

describe('load: writing step fields', () => {
  it('a step `a -> b: label` with a second key says how to write fields, and a misspelt field gets a did-you-mean', () => {
    const text = `${HEAD}components:\n  - { id: a, kind: service }\n  - { id: b, kind: service }\nconnections:\n  - a -> b\nflows:\n  - id: f\n    steps:\n      - a -> b: x\n        calls: 2\n      - a -> b: { label: x, callz: 2 }\n`;
    const problems = analyseText(text).problems.map((p) => [text.slice(p.start, p.end), p.code, p.message]);
    assert.deepEqual(
      problems.find((p) => p[0] === 'calls' && p[1] === 'sysdesign/invalid-value'),
      [
        'calls',
        'sysdesign/invalid-value',
        'An arrow written "a -> b: label" has exactly one key; for more fields write "a -> b: { label: ..., calls: ... }" or use the long form (from, to, label, calls, async, size, kind)',
      ],
    );
    assert.deepEqual(
      problems.find((p) => p[0] === 'callz'),
      ['callz', 'sysdesign/unknown-key', 'Unknown key "callz" in "a -> b"; did you mean "calls"?'],
    );
  });
});
