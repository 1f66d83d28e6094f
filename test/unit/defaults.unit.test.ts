import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KIND_DEFAULTS, type CostDefaults, type SourcedFigure } from '../../src/core/load/defaults';
import { COMPONENT_KINDS, type ComponentKind } from '../../src/core/types';
import { approx } from '../support/approx';

// The conversions below are written out by hand, independently of defaults.ts: a month is
// 30 days, a GB 1e9 bytes, a GiB 2^30, a TiB 2^40, "1M" a million requests.
const SECONDS_PER_HOUR = 3600;
const SECONDS_PER_MONTH = 30 * 24 * 60 * 60;
const BYTES: Record<string, number> = { GB: 1e9, TB: 1e12, GiB: 1024 ** 3, TiB: 1024 ** 4 };
const SUFFIX: Record<string, number> = { '': 1, k: 1e3, M: 1e6 };

const STATEFUL: readonly ComponentKind[] = ['cache', 'sql-database', 'nosql-database', 'object-store', 'queue', 'stream', 'search'];
const COST_FIELDS = ['instance', 'storage', 'transfer', 'requests', 'fixed'] as const;
type CostField = (typeof COST_FIELDS)[number];
type Field = 'capacity' | 'storage_capacity' | 'max_connections' | CostField;

/** A plain decimal as written in `shown`, thousands separators allowed: "3,500", "0.0816". */
function decimal(text: string): number {
  assert.match(text, /^\d{1,3}(,\d{3})*(\.\d+)?$|^\d+(\.\d+)?$/, `"${text}" is not a plain number`);
  return Number(text.replace(/,/g, ''));
}

/** Converts a `shown` text to base units by hand, per field; fails on a shape it does not know. */
function fromShown(field: Field, shown: string): number {
  let m: RegExpMatchArray | null;
  switch (field) {
    case 'capacity':
      m = shown.match(/^([\d,.]+)(k|M)?\/s$/);
      assert.ok(m, `capacity "${shown}" should read like "3,500/s" or "81k/s"`);
      return decimal(m[1]) * SUFFIX[m[2] ?? ''];
    case 'storage_capacity':
      m = shown.match(/^([\d,.]+) (GB|TB|GiB|TiB)$/);
      assert.ok(m, `storage_capacity "${shown}" should read like "64 TiB"`);
      return decimal(m[1]) * BYTES[m[2]];
    case 'max_connections':
      m = shown.match(/^([\d,.]+)(k)?$/);
      assert.ok(m, `max_connections "${shown}" should read like "10,000" or "50k"`);
      return decimal(m[1]) * SUFFIX[m[2] ?? ''];
    case 'instance':
      m = shown.match(/^\$([\d.]+)\/h$/);
      assert.ok(m, `instance "${shown}" should read like "$0.0816/h"`);
      return decimal(m[1]) / SECONDS_PER_HOUR;
    case 'fixed':
      m = shown.match(/^\$([\d.]+)\/(h|month)$/);
      assert.ok(m, `fixed "${shown}" should read like "$16.20/month"`);
      return decimal(m[1]) / (m[2] === 'h' ? SECONDS_PER_HOUR : SECONDS_PER_MONTH);
    case 'storage':
      m = shown.match(/^\$([\d.]+)\/GB\/month$/);
      assert.ok(m, `storage "${shown}" should read like "$0.023/GB/month"`);
      return decimal(m[1]) / 1e9 / SECONDS_PER_MONTH;
    case 'transfer':
      m = shown.match(/^\$([\d.]+)\/GB$/);
      assert.ok(m, `transfer "${shown}" should read like "$0.09/GB"`);
      return decimal(m[1]) / 1e9;
    case 'requests':
      m = shown.match(/^\$([\d.]+) \/ 1M$/);
      assert.ok(m, `requests "${shown}" should read like "$0.40 / 1M"`);
      return decimal(m[1]) / 1e6;
  }
}

/** Every figure of the table with where it sits. */
function allFigures(): { kind: ComponentKind; field: Field; figure: SourcedFigure }[] {
  const out: { kind: ComponentKind; field: Field; figure: SourcedFigure }[] = [];
  for (const kind of COMPONENT_KINDS) {
    const d = KIND_DEFAULTS[kind];
    for (const field of ['capacity', 'storage_capacity', 'max_connections'] as const) {
      const f = d[field];
      if (f) out.push({ kind, field, figure: f });
    }
    for (const field of COST_FIELDS) {
      const f = d.cost[field];
      if (f) out.push({ kind, field, figure: f });
    }
  }
  return out;
}

describe('load defaults: the per-kind table of SPEC 5.5', () => {
  it('has exactly one entry per component kind, each naming its technology', () => {
    assert.deepEqual(Object.keys(KIND_DEFAULTS).sort(), [...COMPONENT_KINDS].sort());
    for (const kind of COMPONENT_KINDS) {
      assert.ok(KIND_DEFAULTS[kind], `${kind} has no entry`);
      assert.ok(KIND_DEFAULTS[kind].technology.trim().length > 0, `${kind} names no technology`);
    }
  });

  it('has only the five known cost fields', () => {
    for (const kind of COMPONENT_KINDS) {
      for (const key of Object.keys(KIND_DEFAULTS[kind].cost)) {
        assert.ok((COST_FIELDS as readonly string[]).includes(key), `${kind}.cost.${key} is not a cost field`);
      }
    }
  });

  it('gives a storage_capacity only to stateful kinds', () => {
    for (const kind of COMPONENT_KINDS) {
      if (!STATEFUL.includes(kind)) assert.equal(KIND_DEFAULTS[kind].storage_capacity, null, `${kind} is stateless`);
    }
  });

  it('gives a client and an external system no figures at all', () => {
    for (const kind of ['client', 'external'] as const) {
      const d = KIND_DEFAULTS[kind];
      assert.equal(d.capacity, null);
      assert.equal(d.storage_capacity, null);
      assert.equal(d.max_connections, null);
      assert.deepEqual(d.cost, {} satisfies CostDefaults);
    }
  });

  it('gives every provisioned kind a capacity except DNS, and something to pay for', () => {
    for (const kind of COMPONENT_KINDS) {
      if (kind === 'client' || kind === 'external') continue;
      if (kind !== 'dns') assert.ok(KIND_DEFAULTS[kind].capacity, `${kind} has no capacity`);
      assert.ok(Object.keys(KIND_DEFAULTS[kind].cost).length > 0, `${kind} has no cost`);
    }
  });

  it('has every figure finite and positive, with a year and a source', () => {
    const figures = allFigures();
    assert.ok(figures.length > 30, 'the table should hold the figures');
    for (const { kind, field, figure } of figures) {
      const where = `${kind}.${field}`;
      assert.ok(Number.isFinite(figure.value) && figure.value > 0, `${where}: ${figure.value} is not finite and positive`);
      assert.ok(Number.isInteger(figure.year) && figure.year >= 2000 && figure.year <= 2026, `${where}: year ${figure.year}`);
      assert.equal(typeof figure.assumption, 'boolean', `${where}: assumption must be a boolean`);
      assert.ok(figure.source.trim().length > 20, `${where}: the source should say where the figure comes from`);
      assert.ok(figure.shown.trim() === figure.shown && figure.shown.length > 0, `${where}: shown "${figure.shown}"`);
    }
  });

  it('cites a URL for every figure that is not an assumption, and explains every assumption', () => {
    for (const { kind, field, figure } of allFigures()) {
      if (!figure.assumption) {
        assert.match(figure.source, /https?:\/\/[^\s)]+\.[^\s)]+/, `${kind}.${field}: a sourced figure needs a URL`);
      } else {
        assert.match(figure.source, /^Assumption/, `${kind}.${field}: an assumption should say so and give its reasoning`);
      }
    }
  });

  it('stores each value as its shown text converted by hand (capacity, storage, connections and every cost)', () => {
    for (const { kind, field, figure } of allFigures()) {
      approx(figure.value, fromShown(field, figure.shown), 1e-9, `${kind}.${field} "${figure.shown}"`);
    }
  });

  it('matches the published figures the brief names, worked out by hand', () => {
    const d = KIND_DEFAULTS;
    approx(d['object-store'].capacity?.value, 3500, 0, 'S3 per prefix: the lower (PUT) figure');
    approx(d['nosql-database'].capacity?.value, 1000, 0, 'DynamoDB per partition: the lower (WCU) figure');
    approx(d['nosql-database'].storage_capacity?.value, 10e9, 0, 'DynamoDB partition 10 GB');
    approx(d.stream.capacity?.value, 1000, 0, 'Kinesis shard: 1,000 records/s');
    approx(d['api-gateway'].capacity?.value, 10_000, 0, 'API Gateway account quota');
    approx(d.cdn.capacity?.value, 250_000, 0, 'CloudFront per distribution');
    approx(d['sql-database'].storage_capacity?.value, 64 * 1024 ** 4, 0, 'RDS 64 TiB');
    approx(d['sql-database'].max_connections?.value, 100, 0, 'PostgreSQL max_connections');
    approx(d.cache.max_connections?.value, 10_000, 0, 'Redis maxclients');
    approx(d.function.cost.requests?.value, 0.2 / 1e6, 1e-12, 'Lambda $0.20 per million');
    approx(d.queue.cost.requests?.value, 0.0000004, 1e-12, 'SQS $0.40 per million');
    approx(d['load-balancer'].cost.fixed?.value, 0.0225 / 3600, 1e-12, 'ALB $0.0225/h as $16.20 a 30-day month');
    approx(d['object-store'].cost.storage?.value, 0.023 / (1e9 * 2_592_000), 1e-12, 'S3 Standard $0.023/GB-month');
    approx(d.service.cost.instance?.value, 0.0816 / 3600, 1e-12, 'm7g.large $0.0816/h');
  });

  it('marks the figures that have no authoritative source as assumptions', () => {
    assert.equal(KIND_DEFAULTS.service.capacity?.assumption, true, "an application server's requests per second");
    assert.equal(KIND_DEFAULTS.worker.capacity?.assumption, true);
    assert.equal(KIND_DEFAULTS['sql-database'].capacity?.assumption, true, "PostgreSQL's throughput");
    assert.equal(KIND_DEFAULTS.search.capacity?.assumption, true);
    assert.equal(KIND_DEFAULTS.service.max_connections?.assumption, true, 'the ~50k WebSocket book figure');
    assert.equal(KIND_DEFAULTS['object-store'].capacity?.assumption, false);
    assert.equal(KIND_DEFAULTS['nosql-database'].capacity?.assumption, false);
  });
});

describe('the README shows the table of defaults (SPEC 5.5)', () => {
  it('every row of docs/defaults.md is in README.md, as written', () => {
    const root = join(__dirname, '..', '..');
    const rows = readFileSync(join(root, 'docs', 'defaults.md'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('| `'));
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    assert.equal(rows.length, 16);
    for (const row of rows) assert.ok(readme.includes(row), row.slice(0, 40));
  });
});
