/**
 * Numbers for people in hover, inlay hints and code lenses, on top of the core's
 * formatters (three significant digits, SI magnitudes, decimal bytes).
 */
import { formatBytes, formatCount, formatDuration, formatPercent, formatRate, type Conventions, type EvaluatedQuantity } from '../core';
import { formatBandwidth } from '../core/quantity';

/** Fields whose plain-number value is a fraction, shown as a percentage. */
const RATIO_FIELDS = new Set(['availability', 'durability', 'cache_hot_ratio']);

/**
 * The quantity in the words of its dimension (`2 MB`, `3.47k/s`, `52.6 min`, `99.99%`), or
 * undefined when it has no value. A percentage when its field is a ratio or it is made of
 * percentages (`users * 50%` is a number of users).
 */
export function formatEvaluated(q: EvaluatedQuantity, conventions: Conventions): string | undefined {
  if (q.value === null) return undefined;
  return formatValue(q.value, q.dimension, conventions, RATIO_FIELDS.has(q.field) || q.percent === true);
}

export function formatValue(value: number, dimension: string, conventions: Conventions, ratio = false): string {
  switch (dimension) {
    case 'count':
      return ratio ? formatPercent(value) : formatCount(value);
    case 'bytes':
      return formatBytes(value);
    case 'time':
      return formatDuration(value, conventions);
    case 'rate (count per time)':
      return formatRate(value, conventions);
    case 'bytes per time':
      return formatBandwidth(value, conventions);
    default:
      return `${formatCount(value)} ${dimension}`;
  }
}

/** The unit a base-unit value is in, e.g. `bytes`, `s`, `/s`; empty for a count. */
export function baseUnit(dimension: string): string {
  switch (dimension) {
    case 'count':
      return '';
    case 'bytes':
      return 'bytes';
    case 'time':
      return 's';
    case 'rate (count per time)':
      return '/s';
    case 'bytes per time':
      return 'bytes/s';
    default:
      return dimension;
  }
}

/** Up to six significant digits with thousands separators: `10,000,000`, `3.85802`, `0.0000231481`. */
export function plainNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && (Math.abs(value) >= 1e21 || Math.abs(value) < 1e-9)) return value.toPrecision(6).replace(/\.?0+e/, 'e');
  return value.toLocaleString('en-US', { maximumSignificantDigits: 6 });
}
