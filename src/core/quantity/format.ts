/**
 * Numbers for people (code lenses, hover, CLI tables): three significant digits and
 * SI magnitudes, decimal byte units, a readable period for small rates, and prices in
 * US dollars per month and per GB.
 */

import type { Conventions, Period } from '../types';
import type { Quantity } from './dimension';
import { dimensionSymbol, moneyOf, periodSeconds, saneConventions } from './dimension';

/** Significant digits of every figure shown, unless two compared figures need more (`formatDistinct`). */
const SIGNIFICANT = 3;

/** Round to `significant` digits (as a number). */
function roundTo(x: number, significant = SIGNIFICANT): number {
  return Number(x.toPrecision(significant));
}

function nonFinite(x: number): string | undefined {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '-∞';
  return undefined;
}

/** A rounded number as plain digits, e.g. `3.47`, `0.2`, `1e-7` for the very small. */
function digits(x: number, significant = SIGNIFICANT): string {
  const s = String(roundTo(x, significant));
  return s === '-0' ? '0' : s;
}

/**
 * Pick the largest unit in which the value reads at least 1 after rounding, so that
 * `999.7 ms` reads `1 s`. `units` go from the largest to the smallest factor.
 */
function scaled(value: number, units: ReadonlyArray<readonly [number, string]>, significant = SIGNIFICANT): string {
  const bad = nonFinite(value);
  if (bad !== undefined) return bad + units[units.length - 1][1];
  if (value === 0) return '0' + units[units.length - 1][1];
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  for (const [factor, suffix] of units) {
    const r = roundTo(abs / factor, significant);
    if (r >= 1) return sign + digits(r, significant) + suffix;
  }
  const [factor, suffix] = units[units.length - 1];
  return sign + digits(abs / factor, significant) + suffix;
}

const COUNT_UNITS = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
  [1, ''],
] as const;

/** `3472.2` -> `3.47k`, `2e6` -> `2M`, `1.2e9` -> `1.2B`, `0.2` -> `0.2`, `512` -> `512`. */
export function formatCount(n: number, significant = SIGNIFICANT): string {
  if (Number.isFinite(n) && roundTo(Math.abs(n)) >= 1e15) {
    // Beyond trillions, scientific notation reads better than `1000000T`.
    const [mantissa, exponent] = n.toExponential(2).split('e');
    return `${String(Number(mantissa))}e${exponent.replace('+', '')}`;
  }
  return scaled(n, COUNT_UNITS, significant);
}

const BYTE_UNITS = [
  [1e18, ' EB'],
  [1e15, ' PB'],
  [1e12, ' TB'],
  [1e9, ' GB'],
  [1e6, ' MB'],
  [1e3, ' KB'],
  // Not `B`, which reads as a billion outside a size (`1 B/s` would read back as 1e9/s).
  [1, ' bytes'],
] as const;

/** US dollars: `$12.4k`, `$150k`, `$0.0816`, `$1.2M`, `$0`, `-$3`. */
export function formatMoney(usd: number, significant = SIGNIFICANT): string {
  const shown = formatCount(Math.abs(usd), significant);
  // The sign before `$`, as `-$3` reads (and parses) as minus three dollars.
  return (usd < 0 ? '-' : '') + '$' + shown;
}

/**
 * A price per time, per month as costs are budgeted (`$58.8/month` for `$0.0816/h`), or
 * in the period `per` it was written in. A month is `days_per_month` days.
 */
export function formatMoneyPerTime(usdPerSecond: number, conventions?: Partial<Conventions>, significant = SIGNIFICANT, per?: Period | 's'): string {
  return inPeriod(usdPerSecond, per ?? 'month', formatMoney, conventions, significant);
}

/** A price per byte, per GB as transfer is priced: `$0.09/GB`. */
export function formatMoneyPerByte(usdPerByte: number, significant = SIGNIFICANT): string {
  return formatMoney(usdPerByte * 1e9, significant) + '/GB';
}

/** A price per byte and time, per GB per month as storage is priced: `$0.023/GB/month`. */
export function formatMoneyPerByteTime(usdPerByteSecond: number, conventions?: Partial<Conventions>, significant = SIGNIFICANT): string {
  return formatMoney(usdPerByteSecond * 1e9 * periodSeconds('month', saneConventions(conventions)), significant) + '/GB/month';
}

/** Decimal units: `12.7 GB`, `2 MB`, `43.8 PB`, `512 bytes`, `1 byte`. */
export function formatBytes(bytes: number, significant = SIGNIFICANT): string {
  return scaled(bytes, BYTE_UNITS, significant).replace(/^(-?1) bytes$/, '$1 byte');
}

/**
 * `52.6 min`, `8.76 h`, `200 ms`, `3.65 days`, `10 years`. Days and years follow the
 * conventions (`seconds_per_day`, `days_per_year`) so that `10y` reads back as `10 years`.
 */
export function formatDuration(seconds: number, conventions?: Partial<Conventions>, significant = SIGNIFICANT): string {
  if (seconds === 0) return '0 s';
  const c = saneConventions(conventions);
  const day = c.seconds_per_day;
  const units: Array<[number, string]> = [
    [c.days_per_year * day, ' years'],
    [day, ' days'],
    [3600, ' h'],
    [60, ' min'],
    [1, ' s'],
    [0.001, ' ms'],
    [1e-6, ' µs'],
  ];
  const out = scaled(seconds, units, significant);
  // Singular for exactly one.
  return out.replace(/^(-?1) (day|year)s$/, '$1 $2');
}

/** The number of decimals `x` needs to print exactly (x already rounded). */
function decimalsOf(x: number): number {
  for (let d = 0; d < 20; d++) if (Number(x.toFixed(d)) === x) return d;
  return 20;
}

/**
 * `0.9999` -> `99.99%`, `0.95` -> `95%`, `0.99999999999` -> `99.999999999%`.
 * Near 100% the distance to 100% keeps three significant digits, so nines are never
 * rounded away; elsewhere the percentage has three significant digits.
 */
export function formatPercent(fraction: number, significant = SIGNIFICANT): string {
  const bad = nonFinite(fraction);
  if (bad !== undefined) return bad + '%';
  const p = fraction * 100;
  if (p >= 99 && p < 100) {
    const gap = roundTo(100 - p, significant);
    // A double near 100 has about 14 exact decimals; 12 keep clear of float noise.
    const d = Math.min(12, decimalsOf(gap));
    const s = (100 - gap).toFixed(d);
    return (s.includes('.') ? s.replace(/\.?0+$/, '') : s) + '%';
  }
  return digits(p, significant) + '%';
}

/**
 * Apply `format` to a per-second amount in the first period where it reads at least 1:
 * per second, else per day, per month, per year.
 */
function perPeriod(perSecond: number, format: (x: number, significant: number) => string, conventions: Partial<Conventions> | undefined, significant: number): string {
  const c = saneConventions(conventions);
  if (!Number.isFinite(perSecond) || perSecond === 0) return format(perSecond, significant) + '/s';
  const periods: Array<[number, string]> = [
    [1, '/s'],
    [c.seconds_per_day, '/day'],
    [c.seconds_per_day * c.days_per_month, '/month'],
    [c.seconds_per_day * c.days_per_year, '/year'],
  ];
  for (const [seconds, suffix] of periods) {
    if (roundTo(Math.abs(perSecond * seconds), significant) >= 1) return format(perSecond * seconds, significant) + suffix;
  }
  const [seconds, suffix] = periods[periods.length - 1];
  return format(perSecond * seconds, significant) + suffix;
}

/**
 * A rate (count per time): `3.47k/s`; rates under one per second read in a longer
 * period, e.g. `0.002/s` -> `173/day`. A day is `seconds_per_day` (default 86400).
 */
export function formatRate(perSecond: number, conventions?: Partial<Conventions>, significant = SIGNIFICANT, per?: Period | 's'): string {
  return per === undefined ? perPeriod(perSecond, formatCount, conventions, significant) : inPeriod(perSecond, per, formatCount, conventions, significant);
}

/** Bytes per second: `46.3 MB/s`, or per day etc. when under one byte per second. */
export function formatBandwidth(bytesPerSecond: number, conventions?: Partial<Conventions>, significant = SIGNIFICANT, per?: Period | 's'): string {
  return per === undefined ? perPeriod(bytesPerSecond, formatBytes, conventions, significant) : inPeriod(bytesPerSecond, per, formatBytes, conventions, significant);
}

/** A per-second amount in one given period: `1M/min`, `0.0116/s`. */
function inPeriod(
  perSecond: number,
  per: Period | 's',
  format: (x: number, significant: number) => string,
  conventions: Partial<Conventions> | undefined,
  significant: number,
): string {
  const seconds = per === 's' ? 1 : periodSeconds(per, saneConventions(conventions));
  return format(perSecond * seconds, significant) + '/' + per;
}

/** The period `perPeriod` reads a per-second amount in (`s`, `day`, `month`, `year`). */
export function readablePeriod(perSecond: number, conventions?: Partial<Conventions>, significant = SIGNIFICANT): 's' | Period {
  const suffix = perPeriod(perSecond, () => '', conventions, significant);
  return suffix.slice(1) as 's' | Period;
}

/** A quantity in the words of its dimension: `2 MB`, `3.47k/s`, `46.3 MB/s`, `52.6 min`, `$12.4k`, `3.2 bytes·s`. */
export function formatQuantity(q: Quantity, conventions?: Partial<Conventions>): string {
  const { bytes, time } = q.dim;
  const money = moneyOf(q.dim);
  if (money === 1) {
    if (bytes === 0 && time === 0) return formatMoney(q.value);
    if (bytes === 0 && time === -1) return formatMoneyPerTime(q.value, conventions);
    if (bytes === -1 && time === 0) return formatMoneyPerByte(q.value);
    if (bytes === -1 && time === -1) return formatMoneyPerByteTime(q.value, conventions);
  }
  if (money !== 0) return `${formatCount(q.value)} ${dimensionSymbol(q.dim)}`;
  if (bytes === 0 && time === 0) return formatCount(q.value);
  if (bytes === 1 && time === 0) return formatBytes(q.value);
  if (bytes === 0 && time === 1) return formatDuration(q.value, conventions);
  if (bytes === 0 && time === -1) return formatRate(q.value, conventions);
  if (bytes === 1 && time === -1) return formatBandwidth(q.value, conventions);
  return `${formatCount(q.value)} ${dimensionSymbol(q.dim)}`;
}

/**
 * Two figures that are compared (a value and its target) as texts that differ whenever
 * the figures differ: `formatPercent(0.998999)` and `formatPercent(0.999)` both read
 * `99.9%`, so both get more significant digits until they do not (`99.8999%`, `99.9%`).
 */
export function formatDistinct(a: number, b: number, format: (x: number, significant: number) => string): [string, string] {
  let pair: [string, string] = [format(a, SIGNIFICANT), format(b, SIGNIFICANT)];
  for (let significant = SIGNIFICANT + 1; pair[0] === pair[1] && a !== b && significant <= 15; significant++) pair = [format(a, significant), format(b, significant)];
  return pair;
}
