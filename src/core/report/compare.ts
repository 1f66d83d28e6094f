/**
 * The base design and every scenario side by side (SPEC 5.3, `sysdesign estimate
 * --compare`): the headline figures of each, and how far each scenario moves them from
 * the base. One table for every surface (the CLI now, the preview's numbers view next).
 */
import { formatBytes, formatCount, formatPercent, formatRate } from '../quantity';
import type { ComponentLoad, Estimate, Totals } from '../types';
import { NONE } from './estimateReport';

export interface ComparisonColumn {
  /** `base` or the scenario's id. */
  key: string;
  /** `Base` or the scenario's label (its id when it has none). */
  label: string;
}

export interface ComparisonRow {
  key: 'peak_per_second' | 'storage_bytes_total' | 'instances' | 'instances_needed' | 'busiest' | 'over_capacity' | 'broken_requirements';
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
}

export function scenarioComparison(estimate: Estimate): Comparison {
  const sides: Side[] = [
    { totals: estimate.totals, components: estimate.components, broken: [] },
    ...estimate.scenarios.map((s) => ({ totals: s.totals, components: s.components, broken: s.broken_requirements })),
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
        const difference = value - base;
        const ratio = base !== 0 ? `, ×${formatCount(value / base)}` : '';
        return { value, text, change: `${difference > 0 ? '+' : '-'}${format(Math.abs(difference))}${ratio}` };
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
  const peak = (t: Totals) => (t.peak_read_per_second === null && t.peak_write_per_second === null ? null : (t.peak_read_per_second ?? 0) + (t.peak_write_per_second ?? 0));
  const total = (side: Side, of: (c: ComponentLoad) => number | null) => {
    const counted = side.components.filter((c) => of(c) !== null);
    return counted.length === 0 ? null : counted.reduce((n, c) => n + (of(c) ?? 0), 0);
  };
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
      const over = s.components.filter((c) => c.utilisation !== null && c.utilisation >= 1).map((c) => c.id);
      return over.length === 0 ? 'none' : over.join(', ');
    }),
    word('broken_requirements', 'Broken requirements', (s) => (s.broken.length === 0 ? 'none' : s.broken.join(', '))),
  ];
  return { columns, rows };
}
