/**
 * Numbers for people in hover, inlay hints and code lenses, on top of the core's
 * formatters (three significant digits, SI magnitudes, decimal bytes).
 */

/** One formatting of evaluated quantities for every surface: the core's. */
export { formatEvaluated, formatValue, repeatsSource } from '../core/quantity';

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
