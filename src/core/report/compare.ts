/**
 * The base design and every scenario side by side (SPEC 5.3, `sysdesign estimate
 * --compare`): the headline figures of each, and how far each scenario moves them from
 * the base. One table for every surface (the CLI now, the preview's numbers view next).
 */
import { formatBytes, formatCount, formatMoney, formatPercent, formatRate } from '../quantity';
import type { ComponentLoad, Conventions, CostEstimate, Estimate, ScenarioEstimate, Totals } from '../types';
import { NONE } from './estimateReport';

export interface ComparisonColumn {
  /** `base` or the scenario's id. */
  key: string;
  /** `Base` or the scenario's label (its id when it has none). */
  label: string;
}

export interface ComparisonRow {
  key: 'peak_per_second' | 'storage_bytes_total' | 'instances' | 'instances_needed' | 'busiest' | 'over_capacity' | 'broken_requirements' | 'cost_per_month';
  label: string;
  /** One cell per column: the figure, and for a scenario what it changes (`+93.8k/s, ×10`). */
  cells: Array<{ value: number | string | null; text: string; change?: string }>;
}

export interface Comparison {
  columns: ComparisonColumn[];
  rows: ComparisonRow[];
}

interface Side {
  totals: Totals;
  components: ComponentLoad[];
  broken: string[];
  cost: CostEstimate;
}

export function scenarioComparison(estimate: Estimate): Comparison {
  const sides: Side[] = [
    { totals: estimate.totals, components: estimate.components, broken: [], cost: estimate.cost },
    ...estimate.scenarios.map((s) => ({ totals: s.totals, components: s.components, broken: s.broken_requirements, cost: s.cost })),
  ];
  const columns: ComparisonColumn[] = [{ key: 'base', label: 'Base' }, ...estimate.scenarios.map((s) => ({ key: s.id, label: s.label ?? s.id }))];
  const number = (key: ComparisonRow['key'], label: string, of: (side: Side) => number | null, format: (x: number) => string): ComparisonRow => {
    const base = of(sides[0]);
    return {
      key,
      label,
      cells: sides.map((side, i) => {
        const value = of(side);
        const text = value === null ? NONE : format(value);
        if (i === 0 || value === null || base === null || value === base) return { value, text };
        return { value, text, change: changeText(base, value, format) };
      }),
    };
  };
  const word = (key: ComparisonRow['key'], label: string, of: (side: Side) => string | null): ComparisonRow => ({
    key,
    label,
    cells: sides.map((side) => {
      const value = of(side);
      return { value, text: value ?? NONE };
    }),
  });
  const total = (side: Side, of: (c: ComponentLoad) => number | null) => sumOf(side.components, of);
  const busiest = (side: Side) => {
    let top: ComponentLoad | undefined;
    for (const c of side.components) if (c.utilisation !== null && (top === undefined || c.utilisation > (top.utilisation ?? 0))) top = c;
    return top ? `${top.id} ${formatPercent(top.utilisation ?? 0)}` : null;
  };
  const rows: ComparisonRow[] = [
    number(
      'peak_per_second',
      'Peak requests',
      (s) => peak(s.totals),
      (x) => formatRate(x, estimate.conventions),
    ),
    number('storage_bytes_total', 'Storage (total)', (s) => s.totals.storage_bytes_total, formatBytes),
    number(
      'instances',
      'Instances',
      (s) => total(s, (c) => c.instances),
      (x) => String(x),
    ),
    // What each component needs to stay under the target utilisation, where it has load.
    number(
      'instances_needed',
      'Instances needed',
      (s) => total(s, (c) => c.instances_needed),
      (x) => String(x),
    ),
    word('busiest', 'Busiest', busiest),
    word('over_capacity', 'Over capacity', (s) => {
      const over = overCapacity(s.components);
      return over.length === 0 ? 'none' : over.join(', ');
    }),
    word('broken_requirements', 'Broken requirements', (s) => (s.broken.length === 0 ? 'none' : s.broken.join(', '))),
    number('cost_per_month', 'Cost per month', (s) => s.cost.per_month, formatMoney),
  ];
  return { columns, rows };
}

/** A scenario's headline in one line, for its lens and the scenario picker: `peak 105k/s · 98 instances needed · ≈ $12.4k/month · over capacity: lb, api`. */
export function briefScenario(s: ScenarioEstimate, conventions: Conventions): string {
  const parts: string[] = [];
  const p = peak(s.totals);
  if (p !== null) parts.push(`peak ${formatRate(p, conventions)}`);
  const needed = sumOf(s.components, (c) => c.instances_needed);
  if (needed !== null) parts.push(`${needed} instance${needed === 1 ? '' : 's'} needed`);
  if (s.cost.per_month !== null) parts.push(`≈ ${formatMoney(s.cost.per_month)}/month`);
  const over = overCapacity(s.components);
  if (over.length > 0) parts.push(`over capacity: ${over.join(', ')}`);
  if (s.failed.length > 0) parts.push(`down: ${s.failed.join(', ')}`);
  if (s.broken_requirements.length > 0) parts.push(`broken: ${s.broken_requirements.join(', ')}`);
  return parts.length > 0 ? parts.join(' · ') : 'no figures yet';
}

/**
 * How far a figure moved from `base`: `+93.8k/s, ×10`. No ratio from zero, nor one that
 * reads `×1`: it would say nothing the difference does not.
 */
export function changeText(base: number, value: number, format: (x: number) => string): string {
  const difference = value - base;
  const ratio = base !== 0 ? formatCount(value / base) : undefined;
  return `${difference > 0 ? '+' : '-'}${format(Math.abs(difference))}${ratio === undefined || ratio === '1' ? '' : `, ×${ratio}`}`;
}

/** Peak requests per second, reads and writes together; null when neither is known. */
export function peak(t: Totals): number | null {
  return t.peak_read_per_second === null && t.peak_write_per_second === null ? null : (t.peak_read_per_second ?? 0) + (t.peak_write_per_second ?? 0);
}

/** The sum of a figure over the components that have it; null when none has. */
export function sumOf(components: ComponentLoad[], of: (c: ComponentLoad) => number | null): number | null {
  const counted = components.filter((c) => of(c) !== null);
  return counted.length === 0 ? null : counted.reduce((n, c) => n + (of(c) ?? 0), 0);
}

function overCapacity(components: ComponentLoad[]): string[] {
  return components.filter((c) => c.utilisation !== null && c.utilisation >= 1).map((c) => c.id);
}
