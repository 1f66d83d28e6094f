import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyseText } from '../../src/core/analyse';
import { briefLine, cellsOf, estimateReport, estimateText, labelledValue, NONE, type EstimateReport, type ReportSection } from '../../src/core/report';
import { DEFAULT_CONVENTIONS, type Estimate } from '../../src/core/types';

const example = readFileSync(path.join(__dirname, '..', 'fixtures', 'spec-example.sysdesign.yaml'), 'utf8');

function section(report: EstimateReport, key: ReportSection['key']): ReportSection {
  const found = report.sections.find((s) => s.key === key);
  assert.ok(found, `section ${key}`);
  return found;
}

/** Each row as `[label, ...figure texts]`, targets included. */
function texts(s: ReportSection): string[][] {
  return s.rows.map((r) => [r.label, ...cellsOf(r).map((f) => f.text)]);
}

/** An estimate where nothing could be computed, with one traffic line and one dry run. */
function emptyEstimate(withTarget: boolean): Estimate {
  return {
    conventions: { ...DEFAULT_CONVENTIONS },
    values: {},
    traffic: [
      { id: 'r', kind: null, per_day: null, per_second: null, peak_per_second: null, size_bytes: null, bytes_per_second: null, storage_bytes_per_day: null, records_total: null },
    ],
    totals: {
      read_per_second: null,
      write_per_second: null,
      peak_read_per_second: null,
      peak_write_per_second: null,
      read_write_ratio: null,
      ingress_bytes_per_second: null,
      egress_bytes_per_second: null,
      storage_bytes_per_day: null,
      storage_bytes_per_month: null,
      storage_bytes_per_year: null,
      storage_bytes_retained: null,
      storage_bytes_total: null,
      cache_bytes: null,
      servers: null,
    },
    availability: {
      target: withTarget ? 0.999 : null,
      downtime_seconds_per_year: null,
      downtime_seconds_per_month: null,
      downtime_seconds_per_week: null,
      downtime_seconds_per_day: null,
    },
    flows: [
      {
        id: 'f',
        hops: 1,
        availability: null,
        availability_target: null,
        latency_seconds: null,
        latency_target_seconds: null,
        rate_per_second: null,
        peak_per_second: null,
        latency_peak_seconds: null,
        single_points_of_failure: [],
        saturated: [],
      },
    ],
    components: [],
    connections: [],
    cost: { per_month: null, per_thousand_requests: null, per_dau_per_month: null },
    dau: null,
    users: null,
    concurrent: null,
    scenarios: [],
  };
}

describe('estimate report: the estimate as labelled figures', () => {
  const report = estimateReport(analyseText(example).estimate);

  it('has the sections traffic, totals, availability and dry runs, in that order', () => {
    assert.deepEqual(
      report.sections.map((s) => [s.key, s.title, s.layout, s.heading]),
      [
        ['traffic', 'Traffic', 'items', 'Traffic'],
        ['totals', 'Totals', 'figures', 'Total'],
        ['availability', 'Availability 99.99%: downtime budget', 'figures', 'Period'],
        ['flows', 'Dry runs', 'items', 'Dry run'],
        ['components', 'Load at peak (target 70%)', 'items', 'Component'],
        ['cost', 'Cost per month (30 days)', 'items', 'Component'],
        ['cost_totals', 'Cost', 'figures', 'Total'],
      ],
    );
  });

  it('traffic: every figure of each line, formatted with the conventions', () => {
    const traffic = section(report, 'traffic');
    assert.deepEqual(
      cellsOf(traffic.rows[0]).map((f) => f.label),
      ['Kind', 'Per day', 'Average', 'Peak', 'Size', 'Bandwidth', 'Storage per day', 'Records kept'],
    );
    assert.deepEqual(texts(traffic), [
      ['upload-photo', 'write', '2M', '23.1/s', '46.3/s', '2 MB', '46.3 MB/s', '4 TB', '7.3B'],
      ['view-feed', 'read', '300M', '3.47k/s', '10.4k/s', '4 MB', '13.9 GB/s', NONE, NONE],
    ]);
    assert.equal(briefLine(traffic.rows[0]), '23.1/s avg · 46.3/s peak · 2 MB each · 46.3 MB/s in · 4 TB/day stored · 7.3B records kept');
    assert.equal(briefLine(traffic.rows[1], ['per_second', 'peak_per_second', 'bytes_per_second', 'storage_bytes_per_day']), '3.47k/s avg · 10.4k/s peak · 13.9 GB/s out');
    const peak = traffic.rows[0].figures.find((f) => f.key === 'peak_per_second')!;
    assert.equal(peak.unit, 'rate');
    assert.ok(Math.abs((peak.value as number) - (2 * 2e6) / 86400) < 1e-9, 'the value stays in base units');
    assert.equal(peak.explanation, 'average × peak_factor');
  });

  it('a column of rates reads in one period, its largest figure’s; a line’s summary keeps its own (issue #15)', () => {
    const text = example.replace(
      '      peak_factor: 3                # overrides',
      '      peak_factor: 3\n    - id: report-abuse\n      kind: write\n      rate: 100/day\n      size: 1KB\n      # overrides',
    );
    const traffic = section(estimateReport(analyseText(text).estimate), 'traffic');
    const column = (key: string) => traffic.rows.map((r) => r.figures.find((f) => f.key === key)?.text);
    assert.deepEqual(column('per_second'), ['23.1/s', '3.47k/s', '0.00116/s']);
    assert.deepEqual(column('peak_per_second'), ['46.3/s', '10.4k/s', '0.00231/s']);
    assert.deepEqual(column('bytes_per_second'), ['46.3 MB/s', '13.9 GB/s', '1.16 bytes/s']);
    assert.equal(briefLine(traffic.rows[2], ['per_second', 'peak_per_second', 'bytes_per_second']), '100/day avg · 200/day peak · 1.16 bytes/s in');
    // A column of small rates only reads in their period.
    const small = section(
      estimateReport(analyseText(text.replace('per_user: 30/day', 'rate: 10/day').replace('per_user: photos_per_user * 10%', 'rate: 50/day')).estimate),
      'traffic',
    );
    assert.deepEqual(
      small.rows.map((r) => r.figures.find((f) => f.key === 'per_second')?.text),
      ['50/day', '10/day', '100/day'],
    );
  });

  it('totals: every total with its label, as one label and value for lists', () => {
    const totals = section(report, 'totals');
    assert.deepEqual(totals.rows.map(labelledValue), [
      { label: 'Reads (average / peak)', value: '3.47k/s / 10.4k/s' },
      { label: 'Writes (average / peak)', value: '23.1/s / 46.3/s' },
      { label: 'Read:write ratio', value: '150:1' },
      { label: 'Ingress (writes)', value: '46.3 MB/s' },
      { label: 'Egress (reads)', value: '13.9 GB/s' },
      { label: 'New storage per day', value: '4 TB' },
      { label: 'New storage per month', value: '120 TB' },
      { label: 'New storage per year', value: '1.46 PB' },
      { label: 'Storage kept (one copy over the retention)', value: '14.6 PB' },
      { label: 'Storage in total (retention × replication)', value: '43.8 PB' },
      { label: 'Cache memory', value: '240 TB' },
      { label: 'Servers', value: '6' },
    ]);
    assert.deepEqual(
      totals.rows.map((r) => briefLine(r)),
      ['', '', '150:1 read:write', 'In 46.3 MB/s', 'Out 13.9 GB/s', '4 TB/day', '120 TB/month', '1.46 PB/year', '', '43.8 PB total', 'Cache 240 TB', 'Servers 6'],
    );
  });

  it('cost: each priced component by price, then the totals (issue #16)', () => {
    const cost = section(report, 'cost');
    assert.deepEqual(texts(cost), [
      ['lb', '$3.24M', NONE, NONE, '$3.24M', NONE, '$16.2'],
      ['api', '$470', '$470', NONE, NONE, NONE, NONE],
      ['photo-db', '$2.9k', '$384', '$2.52k', NONE, NONE, NONE],
      ['blobs', '$336k', NONE, '$336k', '$0', '$24', NONE],
      ['feed-cache', '$158', '$158', NONE, NONE, NONE, NONE],
    ]);
    assert.equal(briefLine(cost.rows[1]), '≈ $470/month · instances $470');
    assert.deepEqual(section(report, 'cost_totals').rows.map(labelledValue), [
      { label: 'Per month', value: '$3.58M' },
      { label: 'Per 1,000 requests', value: '$0.395' },
      { label: 'Per daily active user per month', value: '$0.358' },
    ]);
    assert.equal(
      estimateReport(emptyEstimate(false)).sections.some((s) => s.key === 'cost' || s.key === 'cost_totals'),
      false,
      'no cost sections without a price',
    );
  });

  it('availability: the downtime budget per period, in calendar time', () => {
    assert.deepEqual(texts(section(report, 'availability')), [
      ['Per year', '52.6 min'],
      ['Per month', '4.32 min'],
      ['Per week', '1.01 min'],
      ['Per day', '8.64 s'],
    ]);
    const shortDays = estimateReport(analyseText(example.replace('seconds_per_day: 86400', 'seconds_per_day: 100000')).estimate);
    assert.equal(section(shortDays, 'availability').rows[0].figures[0].text, '52.6 min');
  });

  it('dry runs: hops, availability and latency, each checked against its target', () => {
    const flows = section(report, 'flows');
    assert.deepEqual(
      cellsOf(flows.rows[0]).map((f) => f.label),
      ['Hops', 'Availability', 'Target', 'Latency', 'Target', 'Runs', 'Peak runs', 'Latency at peak', 'Saturated', 'Single points of failure'],
    );
    // 99.9% with 8 replicas: 1 - 0.001^8 is 1 to double precision
    assert.deepEqual(texts(flows), [
      ['upload-photo-dry-run', '6', '100%', '99.99%', '20 ms', '500 ms', '23.1/s', '46.3/s', '20 ms', NONE, 'lb, blobs'],
      ['view-feed-dry-run', '6', '100%', '99.99%', '20 ms', '200 ms', '3.47k/s', '10.4k/s', '20 ms', NONE, 'lb, feed-cache'],
    ]);
    assert.equal(
      briefLine(flows.rows[1]),
      '6 hops · availability 100% ✓ (target 99.99%) · latency 20 ms ✓ (target 200 ms) · 10.4k/s at peak · single points of failure: lb, feed-cache',
    );
    const slow = estimateReport(analyseText(example.replace('    latency: 20ms\n', '    latency: 250ms\n')).estimate);
    const latency = section(slow, 'flows').rows[1].figures.find((f) => f.key === 'latency_seconds')!;
    assert.equal(latency.meets, false);
    assert.equal(
      briefLine(section(slow, 'flows').rows[1]),
      '6 hops · availability 100% ✓ (target 99.99%) · latency 250 ms ✗ (target 200 ms) · 10.4k/s at peak · single points of failure: lb, feed-cache',
    );
  });

  it('null: every figure reads NONE, has no brief and no check', () => {
    const empty = estimateReport(emptyEstimate(true));
    for (const s of empty.sections) {
      for (const row of s.rows) {
        for (const f of cellsOf(row)) {
          // `no_load` is the one figure whose brief says what is missing: how to give a flow a rate.
          if (f.key === 'hops' || f.key === 'no_load') continue;
          assert.equal(f.value, null, `${s.key}.${row.key}.${f.key}`);
          assert.equal(f.text, NONE, `${s.key}.${row.key}.${f.key}`);
          assert.equal(f.brief, undefined, `${s.key}.${row.key}.${f.key}`);
          assert.equal(f.meets, undefined, `${s.key}.${row.key}.${f.key}`);
        }
      }
    }
    assert.equal(briefLine(section(empty, 'traffic').rows[0]), '');
    assert.equal(briefLine(section(empty, 'flows').rows[0]), '1 hop · no load: set `traffic:` or `rate:`, or name a requirement with a traffic line');
    assert.deepEqual(labelledValue(section(empty, 'totals').rows[0]), { label: 'Reads (average / peak)', value: `${NONE} / ${NONE}` });
  });

  it('null: a value against a target it cannot be checked with has no check', () => {
    const e = emptyEstimate(false);
    e.flows[0] = { ...e.flows[0], availability: 0.999, latency_seconds: 0.1, latency_target_seconds: null };
    const flow = section(estimateReport(e), 'flows').rows[0];
    assert.equal(briefLine(flow), '1 hop · availability 99.9% · latency 100 ms · no load: set `traffic:` or `rate:`, or name a requirement with a traffic line');
    assert.deepEqual(
      flow.figures.map((f) => f.meets),
      flow.figures.map(() => undefined),
    );
  });

  it('leaves out what is not in the estimate: no traffic lines, no availability target, no dry runs', () => {
    const e = { ...emptyEstimate(false), traffic: [], flows: [] };
    assert.deepEqual(
      estimateReport(e).sections.map((s) => s.key),
      ['totals'],
    );
  });

  it('as text for a terminal: a title per section, a header for items, aligned columns', () => {
    const lines = estimateText(report);
    assert.deepEqual(lines.slice(0, 4), [
      'Traffic',
      '  Traffic       Kind   Per day  Average  Peak     Size  Bandwidth  Storage per day  Records kept',
      '  upload-photo  write  2M       23.1/s   46.3/s   2 MB  46.3 MB/s  4 TB             7.3B',
      '  view-feed     read   300M     3.47k/s  10.4k/s  4 MB  13.9 GB/s  —                —',
    ]);
    assert.ok(lines.includes('Totals'));
    assert.ok(lines.includes('  Reads (average / peak)                      3.47k/s / 10.4k/s'));
    assert.ok(lines.includes('  Servers                                     6'));
    assert.ok(lines.includes('  Per year   52.6 min'));
    assert.ok(lines.includes('  Dry run               Hops  Availability  Target  Latency  Target  Runs     Peak runs  Latency at peak  Saturated  Single points of failure'));
    assert.ok(lines.includes('  Component   Kind           Peak     Capacity each  Instances  Utilisation  Connections  Stored   Needs        Queue wait'));
    assert.ok(lines.includes('  photo-db    sql-database   1.09k/s  1k/s           3          39.4%        —            7.3 TB   1 shard × 3  —'));
    assert.ok(lines.includes('  Component   Total   Instances  Storage  Transfer  Requests  Fixed'));
    assert.ok(lines.includes('  Per 1,000 requests               $0.395'));
    assert.equal(lines.filter((l) => l === '').length, 6, 'one blank line between sections');
  });
});
