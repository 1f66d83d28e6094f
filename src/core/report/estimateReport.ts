/**
 * The estimate as labelled figures, once for every surface (code lenses, the preview's
 * table, the Markdown export, the CLI). Each figure keeps its number, its unit and its
 * formatted text, so a surface only lays figures out and never formats a number or
 * decides how a missing one reads: a value the estimate cannot compute is `null` and
 * its text is always `NONE`.
 *
 * New rows (per-component load, cost, a scenario beside the base) are new sections,
 * rows or figures here; surfaces iterate sections and rows, so they need no change.
 */
import { formatBandwidth, formatBytes, formatCount, formatDistinct, formatDuration, formatMoney, formatPercent, formatRate, readablePeriod } from '../quantity';
import { instancesText, neededText } from '../load/explain';
import type { AvailabilityEstimate, ComponentLoad, Conventions, CostEstimate, Estimate, FlowEstimate, TrafficEstimate } from '../types';

/** How a value the estimate cannot compute (`null`) reads everywhere: never a guess. */
export const NONE = '—';

/** What a figure's number is, so a surface can align or colour it without parsing text. */
export type FigureUnit = 'count' | 'rate' | 'bandwidth' | 'bytes' | 'duration' | 'percent' | 'ratio' | 'integer' | 'money' | 'word';

export interface Figure {
  /** The field of the estimate it shows (`peak_per_second`), stable across versions. */
  key: string;
  /** Its name as a column heading (`Peak`). */
  label: string;
  /** In base units as in the estimate (a `word` figure holds its word); `null` when not computable. */
  value: number | string | null;
  unit: FigureUnit;
  /** Formatted for people (`10.4k/s`), or `NONE`. */
  text: string;
  /** The figure in a few words for one-line summaries (`10.4k/s peak`); absent when the value is `null` or a summary leaves it out. */
  brief?: string;
  /** How the number is computed, for hovers. */
  explanation?: string;
  /** The target this figure is checked against (a dry run's availability, its latency). */
  target?: Figure;
  /** Whether the value meets `target`; absent when either is `null`. */
  meets?: boolean;
}

export interface ReportRow {
  /** Unique in its section: the traffic line's or dry run's id, or the name of a total. */
  key: string;
  /** `Reads`, `Per year`, or the id of a traffic line or dry run. */
  label: string;
  figures: Figure[];
}

export interface ReportSection {
  key: 'traffic' | 'totals' | 'availability' | 'flows' | 'components' | 'cost' | 'cost_totals';
  title: string;
  /**
   * `items`: one row per thing written in the design (traffic lines, dry runs), labelled
   * by its id, one column per figure. `figures`: named figures, one or a few per row.
   */
  layout: 'items' | 'figures';
  /** The heading of the label column in a table (`Traffic`, `Total`). */
  heading: string;
  rows: ReportRow[];
}

export interface EstimateReport {
  sections: ReportSection[];
}

/** Formats a value, with more significant digits than the usual three when asked (`formatDistinct`). */
type Format = (value: number, significant?: number) => string;

interface FigureSpec {
  key: string;
  label: string;
  unit: FigureUnit;
  value: number | null;
  /** The summary wording around the formatted text. */
  brief?: (text: string) => string;
  explanation?: string;
}

export function estimateReport(estimate: Estimate): EstimateReport {
  const conv = estimate.conventions;
  // Downtime budgets and latencies are calendar time, whatever `seconds_per_day` says.
  const formats: Record<Exclude<FigureUnit, 'word'>, Format> = {
    count: (v, s) => formatCount(v, s),
    rate: (v, s) => formatRate(v, conv, s),
    bandwidth: (v, s) => formatBandwidth(v, conv, s),
    bytes: (v, s) => formatBytes(v, s),
    duration: (v, s) => formatDuration(v, undefined, s),
    percent: (v, s) => formatPercent(v, s),
    ratio: (v, s) => `${formatCount(v, s)}:1`,
    integer: (v) => String(v),
    money: (v, s) => formatMoney(v, s),
  };
  const figure = (spec: FigureSpec, shown?: string): Figure => {
    const text = spec.value === null ? NONE : (shown ?? formats[spec.unit as Exclude<FigureUnit, 'word'>](spec.value));
    const out: Figure = { key: spec.key, label: spec.label, value: spec.value, unit: spec.unit, text };
    if (spec.value !== null && spec.brief) out.brief = spec.brief(text);
    if (spec.explanation !== undefined) out.explanation = spec.explanation;
    return out;
  };
  const checked = (spec: FigureSpec, target: FigureSpec, meets: (value: number, target: number) => boolean): Figure => {
    // A value and its target read differently whenever they differ (`99.8999%` against `99.9%`).
    const [shown, targetShown] =
      spec.value !== null && target.value !== null && spec.unit === target.unit && spec.unit !== 'word'
        ? formatDistinct(spec.value, target.value, formats[spec.unit])
        : [undefined, undefined];
    const targetFigure = figure(target, targetShown);
    const ok = spec.value !== null && target.value !== null ? meets(spec.value, target.value) : undefined;
    const out = figure({ ...spec, brief: spec.brief && ((text) => spec.brief!(text) + (ok === undefined ? '' : ` ${ok ? '✓' : '✗'} (target ${targetFigure.text})`)) }, shown);
    out.target = targetFigure;
    if (ok !== undefined) out.meets = ok;
    return out;
  };
  const row = (key: string, label: string, figures: Figure[]): ReportRow => ({ key, label, figures });

  const sections: ReportSection[] = [];
  if (estimate.traffic.length > 0) {
    sections.push({ key: 'traffic', title: 'Traffic', layout: 'items', heading: 'Traffic', rows: estimate.traffic.map((t) => row(t.id, t.id, trafficFigures(t, figure))) });
  }

  const t = estimate.totals;
  const value = 'Value';
  sections.push({
    key: 'totals',
    title: 'Totals',
    layout: 'figures',
    heading: 'Total',
    rows: [
      row('reads', 'Reads', [
        figure({ key: 'read_per_second', label: 'Average', unit: 'rate', value: t.read_per_second }),
        figure({ key: 'peak_read_per_second', label: 'Peak', unit: 'rate', value: t.peak_read_per_second, explanation: 'the sum of the read lines at their peak' }),
      ]),
      row('writes', 'Writes', [
        figure({ key: 'write_per_second', label: 'Average', unit: 'rate', value: t.write_per_second }),
        figure({ key: 'peak_write_per_second', label: 'Peak', unit: 'rate', value: t.peak_write_per_second, explanation: 'the sum of the write lines at their peak' }),
      ]),
      row('read_write_ratio', 'Read:write ratio', [figure({ key: 'read_write_ratio', label: value, unit: 'ratio', value: t.read_write_ratio, brief: (x) => `${x} read:write` })]),
      row('ingress', 'Ingress (writes)', [
        figure({ key: 'ingress_bytes_per_second', label: value, unit: 'bandwidth', value: t.ingress_bytes_per_second, brief: (x) => `In ${x}` }),
      ]),
      row('egress', 'Egress (reads)', [figure({ key: 'egress_bytes_per_second', label: value, unit: 'bandwidth', value: t.egress_bytes_per_second, brief: (x) => `Out ${x}` })]),
      row('storage_per_day', 'New storage per day', [
        figure({ key: 'storage_bytes_per_day', label: value, unit: 'bytes', value: t.storage_bytes_per_day, brief: (x) => `${x}/day` }),
      ]),
      row('storage_per_month', 'New storage per month', [
        figure({ key: 'storage_bytes_per_month', label: value, unit: 'bytes', value: t.storage_bytes_per_month, brief: (x) => `${x}/month` }),
      ]),
      row('storage_per_year', 'New storage per year', [
        figure({ key: 'storage_bytes_per_year', label: value, unit: 'bytes', value: t.storage_bytes_per_year, brief: (x) => `${x}/year` }),
      ]),
      row('storage_retained', 'Storage kept (one copy over the retention)', [
        figure({
          key: 'storage_bytes_retained',
          label: value,
          unit: 'bytes',
          value: t.storage_bytes_retained,
          explanation: 'new storage per day × retention, before replication',
        }),
      ]),
      row('storage_total', 'Storage in total (retention × replication)', [
        figure({
          key: 'storage_bytes_total',
          label: value,
          unit: 'bytes',
          value: t.storage_bytes_total,
          brief: (x) => `${x} total`,
          explanation: 'new storage per day × retention × replication',
        }),
      ]),
      row('cache', 'Cache memory', [
        figure({ key: 'cache_bytes', label: value, unit: 'bytes', value: t.cache_bytes, brief: (x) => `Cache ${x}`, explanation: "cache_hot_ratio × a day's read bytes" }),
      ]),
      row('servers', 'Servers', [
        figure({
          key: 'servers',
          label: value,
          unit: 'integer',
          value: t.servers,
          brief: (x) => `Servers ${x}`,
          explanation: 'peak requests per second ÷ server_capacity, rounded up',
        }),
      ]),
    ],
  });

  const downtime = downtimeSection(estimate.availability);
  if (downtime) sections.push(downtime);

  if (estimate.flows.length > 0) {
    sections.push({ key: 'flows', title: 'Dry runs', layout: 'items', heading: 'Dry run', rows: estimate.flows.map((f) => row(f.id, f.id, flowFigures(f, figure, checked))) });
  }

  // Components that carry load or hold data, busiest first is left to the surface: rows keep the design's order.
  const loaded = estimate.components.filter((c) => c.peak_per_second !== null || c.connections !== null || c.stored_bytes !== null);
  if (loaded.length > 0) {
    sections.push({
      key: 'components',
      title: `Load at peak (target ${formatPercent(conv.target_utilisation)})`,
      layout: 'items',
      heading: 'Component',
      rows: loaded.map((c) => row(c.id, c.id, componentFigures(c, conv, figure))),
    });
  }
  // Components with a price that applies, in the design's order like the load.
  const priced = estimate.components.filter((c) => c.cost_per_month !== null);
  if (priced.length > 0) {
    sections.push({
      key: 'cost',
      title: `Cost per month (${formatCount(conv.days_per_month)} days)`,
      layout: 'items',
      heading: 'Component',
      rows: priced.map((c) => row(c.id, c.id, costFigures(c, figure))),
    });
  }
  if (estimate.cost.per_month !== null) sections.push({ key: 'cost_totals', title: 'Cost', layout: 'figures', heading: 'Total', rows: costTotals(estimate.cost, figure) });
  for (const section of sections) if (section.layout === 'items') alignPeriods(section, conv);
  return { sections };
}

/**
 * A column of rates reads in one period, the one its largest figure reads in, so that a
 * table never mixes `/day` and `/s` (`0.0116/s` under `3.47k/s`, not `1k/day`). One-line
 * summaries (`brief`) keep each figure's own period.
 */
function alignPeriods(section: ReportSection, conv: Conventions): void {
  const columns = section.rows[0]?.figures.length ?? 0;
  for (let i = 0; i < columns; i++) {
    const cells = section.rows.map((r) => r.figures[i]).filter((f): f is Figure & { value: number } => f !== undefined && typeof f.value === 'number');
    const unit = cells[0]?.unit;
    if (unit !== 'rate' && unit !== 'bandwidth') continue;
    const largest = Math.max(...cells.map((f) => Math.abs(f.value)));
    if (!Number.isFinite(largest) || largest === 0) continue;
    const per = readablePeriod(largest, conv);
    const format = unit === 'rate' ? formatRate : formatBandwidth;
    for (const f of cells) if (f.unit === unit && f.value !== 0) f.text = format(f.value, conv, undefined, per);
  }
}

/** The downtime budget of an availability target per year, month, week and day; undefined without a target. */
export function downtimeSection(a: AvailabilityEstimate): ReportSection | undefined {
  if (a.target === null) return undefined;
  const downtime = (key: string, label: string, v: number | null, period: string): ReportRow => ({
    key,
    label,
    figures: [
      v === null
        ? { key, label: 'Downtime', value: v, unit: 'duration', text: NONE }
        : { key, label: 'Downtime', value: v, unit: 'duration', text: formatDuration(v), brief: `${formatDuration(v)}/${period}` },
    ],
  });
  return {
    key: 'availability',
    title: `Availability ${formatPercent(a.target)}: downtime budget`,
    layout: 'figures',
    heading: 'Period',
    rows: [
      downtime('downtime_seconds_per_year', 'Per year', a.downtime_seconds_per_year, 'year'),
      downtime('downtime_seconds_per_month', 'Per month', a.downtime_seconds_per_month, 'month'),
      downtime('downtime_seconds_per_week', 'Per week', a.downtime_seconds_per_week, 'week'),
      downtime('downtime_seconds_per_day', 'Per day', a.downtime_seconds_per_day, 'day'),
    ],
  };
}

function trafficFigures(t: TrafficEstimate, figure: (spec: FigureSpec) => Figure): Figure[] {
  const kind: Figure = { key: 'kind', label: 'Kind', value: t.kind, unit: 'word', text: t.kind ?? NONE };
  return [
    kind,
    figure({ key: 'per_day', label: 'Per day', unit: 'count', value: t.per_day }),
    figure({ key: 'per_second', label: 'Average', unit: 'rate', value: t.per_second, brief: (x) => `${x} avg` }),
    figure({ key: 'peak_per_second', label: 'Peak', unit: 'rate', value: t.peak_per_second, brief: (x) => `${x} peak`, explanation: 'average × peak_factor' }),
    figure({ key: 'size_bytes', label: 'Size', unit: 'bytes', value: t.size_bytes, brief: (x) => `${x} each` }),
    figure({
      key: 'bytes_per_second',
      label: 'Bandwidth',
      unit: 'bandwidth',
      value: t.bytes_per_second,
      brief: (x) => `${x} ${t.kind === 'write' ? 'in' : 'out'}`,
      explanation: 'average × size',
    }),
    figure({
      key: 'storage_bytes_per_day',
      label: 'Storage per day',
      unit: 'bytes',
      value: t.storage_bytes_per_day,
      brief: (x) => `${x}/day stored`,
      explanation: 'writes only: per day × size',
    }),
    figure({
      key: 'records_total',
      label: 'Records kept',
      unit: 'count',
      value: t.records_total,
      brief: (x) => `${x} records kept`,
      explanation: 'writes only: per day × retention in days',
    }),
  ];
}

function flowFigures(
  f: FlowEstimate,
  figure: (spec: FigureSpec) => Figure,
  checked: (spec: FigureSpec, target: FigureSpec, meets: (value: number, target: number) => boolean) => Figure,
): Figure[] {
  return [
    figure({ key: 'hops', label: 'Hops', unit: 'integer', value: f.hops, brief: (x) => `${x} hop${f.hops === 1 ? '' : 's'}` }),
    checked(
      {
        key: 'availability',
        label: 'Availability',
        unit: 'percent',
        value: f.availability,
        brief: (x) => `availability ${x}`,
        explanation: 'the product of the availability of each component crossed',
      },
      { key: 'availability_target', label: 'Target', unit: 'percent', value: f.availability_target },
      (value, target) => value >= target,
    ),
    checked(
      {
        key: 'latency_seconds',
        label: 'Latency',
        unit: 'duration',
        value: f.latency_seconds,
        brief: (x) => `latency ${x}`,
        explanation: 'the sum of the latency of each component and connection crossed',
      },
      { key: 'latency_target_seconds', label: 'Target', unit: 'duration', value: f.latency_target_seconds },
      (value, target) => value <= target,
    ),
    figure({ key: 'rate_per_second', label: 'Runs', unit: 'rate', value: f.rate_per_second, explanation: "the flow's traffic line (or rate:) per second" }),
    figure({ key: 'peak_per_second', label: 'Peak runs', unit: 'rate', value: f.peak_per_second, brief: (x) => `${x} at peak`, explanation: 'runs × peak_factor' }),
    figure({
      key: 'latency_peak_seconds',
      label: 'Latency at peak',
      unit: 'duration',
      // Only worth a word where queueing adds something.
      value: f.latency_peak_seconds,
      brief: f.latency_peak_seconds !== null && f.latency_seconds !== null && f.latency_peak_seconds - f.latency_seconds >= 0.0005 ? (x) => `at peak ${x}` : undefined,
      explanation: 'latency plus the queueing wait (Erlang C) of each component crossed',
    }),
    words('saturated', 'Saturated', f.saturated, (x) => `saturated: ${x}`),
    words(
      'single_points_of_failure',
      'Single points of failure',
      f.single_points_of_failure,
      (x) => `single point${f.single_points_of_failure.length === 1 ? '' : 's'} of failure: ${x}`,
    ),
    ...(f.rate_per_second === null
      ? [{ key: 'no_load', label: 'Load', value: null, unit: 'word' as const, text: NONE, brief: 'no load: set `traffic:` or `rate:`, or name a requirement with a traffic line' }]
      : []),
  ];
}

/** A list of ids as a `word` figure: `—` when empty. */
function words(key: string, label: string, ids: readonly string[], brief: (text: string) => string): Figure {
  const text = ids.length > 0 ? ids.join(', ') : NONE;
  return { key, label, value: ids.length > 0 ? text : null, unit: 'word', text, ...(ids.length > 0 ? { brief: brief(text) } : {}) };
}

function componentFigures(c: ComponentLoad, conv: Conventions, figure: (spec: FigureSpec) => Figure): Figure[] {
  const utilisationMark = c.utilisation === null ? '' : c.utilisation >= 1 ? ' ✗' : c.utilisation > conv.target_utilisation ? ' ⚠' : '';
  const need = neededText(c);
  return [
    { key: 'kind', label: 'Kind', value: c.kind, unit: 'word', text: c.kind ?? NONE },
    figure({
      key: 'peak_per_second',
      label: 'Peak',
      unit: 'rate',
      value: c.peak_per_second,
      brief: (x) => `peak ${x}`,
      explanation: 'the sum over the dry runs of rate × calls of each request it receives',
    }),
    figure({
      key: 'capacity_per_second',
      label: 'Capacity each',
      unit: 'rate',
      value: c.capacity_per_second,
      brief: c.peak_per_second === null ? undefined : (x) => `${instancesText(c)} × ${x}`,
    }),
    figure({ key: 'instances', label: 'Instances', unit: 'integer', value: c.instances }),
    figure({
      key: 'utilisation',
      label: 'Utilisation',
      unit: 'percent',
      value: c.utilisation,
      brief: (x) => `${x}${utilisationMark}`,
      explanation: 'load per instance ÷ capacity at peak',
    }),
    figure({
      key: 'connections',
      label: 'Connections',
      unit: 'count',
      value: c.connections,
      brief: (x) => `${x} connections${c.max_connections !== null ? ` / ${formatCount(c.max_connections)} each` : ''}`,
    }),
    figure({
      key: 'stored_bytes',
      label: 'Stored',
      unit: 'bytes',
      value: c.stored_bytes,
      brief: (x) => `${x} stored`,
      explanation: 'bytes written per second × retention, one copy',
    }),
    {
      key: 'needed',
      label: 'Needs',
      value: c.instances_needed,
      unit: 'word',
      text:
        c.shards_needed !== null ? `${c.shards_needed} shard${c.shards_needed === 1 ? '' : 's'} × ${c.replicas}` : c.instances_needed === null ? NONE : String(c.instances_needed),
      ...(need ? { brief: need } : {}),
    },
    tiny(
      figure({
        key: 'queue_wait_seconds',
        label: 'Queue wait',
        unit: 'duration',
        value: c.queue_wait_seconds,
        brief: c.queue_wait_seconds !== null && c.queue_wait_seconds >= 0.0005 ? (x) => `waits ${x}` : undefined,
        explanation: 'Erlang C mean wait at peak',
      }),
    ),
  ];
}

function costFigures(c: ComponentLoad, figure: (spec: FigureSpec) => Figure): Figure[] {
  const b = c.cost_breakdown;
  const part = (key: keyof typeof b, label: string, explanation: string): Figure =>
    figure({ key, label, unit: 'money', value: b[key], brief: (x) => `${label.toLowerCase()} ${x}`, explanation });
  return [
    figure({ key: 'cost_per_month', label: 'Total', unit: 'money', value: c.cost_per_month, brief: (x) => `≈ ${x}/month`, explanation: 'the sum of its prices over a month' }),
    part('instance', 'Instances', 'price per instance × instances × a month'),
    part('storage', 'Storage', 'price per byte and month × bytes stored (one copy)'),
    part('transfer', 'Transfer', 'price per byte × bytes sent to clients and external systems on reads in a month'),
    part('requests', 'Requests', 'price per request × requests received in a month (average rate)'),
    part('fixed', 'Fixed', 'the flat price of a month'),
  ];
}

function costTotals(cost: CostEstimate, figure: (spec: FigureSpec) => Figure): ReportRow[] {
  const one = (key: keyof CostEstimate, label: string, brief: (x: string) => string, explanation: string): ReportRow => ({
    key,
    label,
    figures: [figure({ key, label: 'Value', unit: 'money', value: cost[key], brief, explanation })],
  });
  return [
    one('per_month', 'Per month', (x) => `≈ ${x}/month`, 'the sum of the cost per month of every component'),
    one('per_thousand_requests', 'Per 1,000 requests', (x) => `${x} per 1,000 requests`, 'cost per month ÷ (requests per month over all traffic lines / 1,000)'),
    one('per_dau_per_month', 'Per daily active user per month', (x) => `${x} per DAU per month`, 'cost per month ÷ dau'),
  ];
}

/** A wait under a microsecond reads as such, not as `1.35e-10 µs`. */
function tiny(f: Figure): Figure {
  return typeof f.value === 'number' && f.value < 1e-6 ? { ...f, text: '< 1 µs' } : f;
}

/** A row's figures as table cells: each figure, then its target when it has one. */
export function cellsOf(row: ReportRow): Figure[] {
  return row.figures.flatMap((f) => (f.target ? [f, f.target] : [f]));
}

/** The figures of `row` in one line (`23.1/s avg · 46.3/s peak`); those without a value are left out. `keys` picks and orders a subset. */
export function briefLine(row: ReportRow, keys?: readonly string[]): string {
  const figures = keys ? keys.flatMap((k) => row.figures.filter((f) => f.key === k)) : row.figures;
  return figures.flatMap((f) => (f.brief === undefined ? [] : [f.brief])).join(' · ');
}

/** The figure of `row` with `key`. */
export function figureOf(row: ReportRow | undefined, key: string): Figure | undefined {
  return row?.figures.find((f) => f.key === key);
}

/** A `figures` row as one label and one value: `Reads (average / peak)`, `3.47k/s / 10.4k/s`. */
export function labelledValue(row: ReportRow): { label: string; value: string } {
  if (row.figures.length === 1) return { label: row.label, value: row.figures[0].text };
  return { label: `${row.label} (${row.figures.map((f) => f.label.toLowerCase()).join(' / ')})`, value: row.figures.map((f) => f.text).join(' / ') };
}
