/**
 * An evaluated quantity in the words of its dimension, for every surface (hover, inlay
 * hints, the Markdown export, the CLI): `2 MB`, `3.47k/s`, `52.6 min`, `99.99%`.
 */
import type { Conventions, EvaluatedQuantity } from '../types';
import { formatBandwidth, formatBytes, formatCount, formatDuration, formatPercent, formatRate } from './format';

/** Fields whose plain-number value is a fraction, shown as a percentage. */
const RATIO_FIELDS = new Set(['availability', 'durability', 'cache_hot_ratio']);

/**
 * The quantity as people read it, or undefined when it has no value. A percentage when its
 * field is a ratio or it is made of percentages (`users * 50%` is a number of users).
 */
export function formatEvaluated(q: EvaluatedQuantity, conventions: Conventions): string | undefined {
  if (q.value === null) return undefined;
  return formatValue(q.value, q.dimension, conventions, RATIO_FIELDS.has(q.field) || q.percent === true);
}

/** A value in base units with its dimension as `describeDimension` words it. */
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
