/**
 * An evaluated quantity in the words of its dimension, for every surface (hover, inlay
 * hints, the Markdown export, the CLI): `2 MB`, `3.47k/s`, `52.6 min`, `99.99%`.
 */
import type { Conventions, EvaluatedQuantity, Period } from '../types';
import { periodSeconds, saneConventions } from './dimension';
import {
  formatBandwidth,
  formatBytes,
  formatCount,
  formatDuration,
  formatMoney,
  formatMoneyPerByte,
  formatMoneyPerByteTime,
  formatMoneyPerTime,
  formatPercent,
  formatRate,
} from './format';

/** Fields whose plain-number value is a fraction, shown as a percentage. */
const RATIO_FIELDS = new Set(['availability', 'durability', 'cache_hot_ratio']);

/**
 * The quantity as people read it, or undefined when it has no value. A percentage when its
 * field is a ratio or it is made of percentages (`users * 50%` is a number of users).
 */
export function formatEvaluated(q: EvaluatedQuantity, conventions: Conventions, source?: string): string | undefined {
  const parts = formatEvaluatedParts(q, conventions);
  if (parts === undefined) return undefined;
  // A rate written per minute, day, ... reads in that period first, then as usual: `1M/min (16.7k/s)`,
  // but beside its own source (`rate: 1M/min`) the period would only repeat it.
  if (parts.written === undefined || (source !== undefined && repeatsSource(parts.written, source))) return parts.shown;
  return `${parts.written} (${parts.shown})`;
}

/** Whether a figure as shown only repeats the text it was computed from (`2 MB` for `2MB`, `1k/s` for `1K/s`). */
export function repeatsSource(shown: string, source: string): boolean {
  const squash = (s: string) =>
    s
      .replace(/\s*bytes?\b/g, 'B')
      .replace(/\s+/g, '')
      .replace(/^(\d+(?:\.\d+)?)K/, '$1k');
  return squash(shown) === squash(source);
}

/**
 * `formatEvaluated` in its parts: `shown` as usual, and `written` in the period the rate
 * was written per when that reads differently (`1M/min` beside `16.7k/s`).
 */
function formatEvaluatedParts(q: EvaluatedQuantity, conventions: Conventions): { shown: string; written?: string } | undefined {
  if (q.value === null) return undefined;
  const shown = formatValue(q.value, q.dimension, conventions, RATIO_FIELDS.has(q.field) || q.percent === true);
  // In its own period only where that reads better: at least one per period (`0.2/day` is `6/month`);
  // a price always (`$0.0816/h`, as it is quoted).
  const readable = q.per !== undefined && (q.dimension === 'money per time' || Math.abs(q.value) * periodSeconds(q.per, saneConventions(conventions)) >= 0.9995);
  const written = readable ? formatValue(q.value, q.dimension, conventions, false, q.per) : undefined;
  return written === undefined || written === shown ? { shown } : { shown, written };
}

/** A value in base units with its dimension as `describeDimension` words it. */
export function formatValue(value: number, dimension: string, conventions: Conventions, ratio = false, per?: Period): string {
  switch (dimension) {
    case 'count':
      return ratio ? formatPercent(value) : formatCount(value);
    case 'bytes':
      return formatBytes(value);
    case 'time':
      return formatDuration(value, conventions);
    case 'rate (count per time)':
      return formatRate(value, conventions, undefined, per);
    case 'bytes per time':
      return formatBandwidth(value, conventions, undefined, per);
    case 'money':
      return formatMoney(value);
    case 'money per time':
      return formatMoneyPerTime(value, conventions, undefined, per);
    case 'money per byte':
      return formatMoneyPerByte(value);
    case 'money per byte × time':
      return formatMoneyPerByteTime(value, conventions);
    default:
      return `${formatCount(value)} ${dimension}`;
  }
}
