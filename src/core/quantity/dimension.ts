/**
 * Dimensions and the unit vocabulary of the quantity language (spec 2.2).
 *
 * A dimension is the exponents of bytes, of time and of money; a plain count is `{0, 0}`.
 * Values are kept in base units: bytes, seconds, US dollars, and plain counts (requests, users).
 */

import type { Conventions, Period } from '../types';
import { DEFAULT_CONVENTIONS } from '../types';

export interface Dimension {
  bytes: number;
  time: number;
  /** US dollars (SPEC 5.4); absent is 0, so that most dimensions are written `{ bytes, time }`. */
  money?: number;
}

/** A value in base units (bytes, seconds, US dollars, requests) with its dimension. */
export interface Quantity {
  value: number;
  dim: Dimension;
  /**
   * How a plain number reads: `percent` when it is made of percentages and bare numbers
   * (`10%`, `1 - 0.1%`, `2 * 5%`), `plain` for bare numbers alone (`3`, `2 * 4`); absent for
   * an amount (`50M`, `2 KB`, a count such as `users`), which stays an amount whatever it
   * is multiplied by: `users * 50%` is a number of users, not a percentage.
   */
  reads?: 'percent' | 'plain';
  /**
   * The period a rate was written per, when longer than a second (`1M/min` is per minute),
   * so that it is shown per minute beside its per-second value. Kept through names,
   * through `*` and `/` by a plain number, and through `+`, `-`, `min`, `max` of rates
   * written per the same period.
   */
  per?: Period;
}

/** The period a time unit after `/` or `per` names (`/min`, `per day`), or undefined for seconds and shorter. */
export function periodOf(word: string): Period | undefined {
  const unit = TIME_UNITS.get(word);
  if (unit === undefined) return undefined;
  if (unit.base !== 'fixed') return unit.base;
  return unit.seconds === 60 ? 'min' : unit.seconds === 3600 ? 'h' : undefined;
}

/** The seconds in a period, by the conventions (a day is `seconds_per_day`). */
export function periodSeconds(period: Period, conventions: Conventions): number {
  return timeUnitSeconds(period, conventions) ?? 1;
}

/** The period of an operation's result on values written per `a` and `b`, when they agree. */
export function combinedPeriod(a: Quantity, b: Quantity, op: '+' | '-' | '*' | '/' | 'pick'): Period | undefined {
  if (op === '*' || op === '/') {
    // A rate times or over a number or a size stays a rate per the same period.
    if (a.per !== undefined && b.dim.time === 0) return a.per;
    if (op === '*' && b.per !== undefined && a.dim.time === 0) return b.per;
    return undefined;
  }
  return a.per === b.per ? a.per : undefined;
}

/** How the result of an operation on values that read `a` and `b` reads (see `Quantity.reads`). */
export function combinedReading(a: Quantity['reads'], b: Quantity['reads']): Quantity['reads'] {
  if (a === undefined || b === undefined) return undefined;
  return a === 'percent' || b === 'percent' ? 'percent' : 'plain';
}

export const COUNT: Readonly<Dimension> = Object.freeze({ bytes: 0, time: 0 });
export const BYTES: Readonly<Dimension> = Object.freeze({ bytes: 1, time: 0 });
export const TIME: Readonly<Dimension> = Object.freeze({ bytes: 0, time: 1 });
export const RATE: Readonly<Dimension> = Object.freeze({ bytes: 0, time: -1 });
export const BANDWIDTH: Readonly<Dimension> = Object.freeze({ bytes: 1, time: -1 });
export const MONEY: Readonly<Dimension> = Object.freeze({ bytes: 0, time: 0, money: 1 });

export function dim(bytes: number, time: number, money = 0): Dimension {
  // `+ 0` turns -0 into 0 so that dimensions compare and print cleanly; `money` only when
  // there is some, so that dimensions without it stay `{ bytes, time }`.
  return money === 0 ? { bytes: bytes + 0, time: time + 0 } : { bytes: bytes + 0, time: time + 0, money };
}

/** The exponent of money (absent is 0). */
export function moneyOf(d: Dimension): number {
  return d.money ?? 0;
}

export function sameDimension(a: Dimension, b: Dimension): boolean {
  return a.bytes === b.bytes && a.time === b.time && moneyOf(a) === moneyOf(b);
}

export function multiplyDimensions(a: Dimension, b: Dimension): Dimension {
  return dim(a.bytes + b.bytes, a.time + b.time, moneyOf(a) + moneyOf(b));
}

export function divideDimensions(a: Dimension, b: Dimension): Dimension {
  return dim(a.bytes - b.bytes, a.time - b.time, moneyOf(a) - moneyOf(b));
}

export function isCount(d: Dimension): boolean {
  return d.bytes === 0 && d.time === 0 && moneyOf(d) === 0;
}

/** Whether `d` is `bytes^bytes · time^time` with no money. */
function isPlain(d: Dimension, bytes: number, time: number): boolean {
  return d.bytes === bytes && d.time === time && moneyOf(d) === 0;
}

const SUPERSCRIPTS: Record<string, string> = { '2': '²', '3': '³' };

function power(word: string, exponent: number): string {
  if (exponent === 1) return word;
  const sup = SUPERSCRIPTS[String(exponent)];
  return sup === undefined ? `${word}^${exponent}` : word + sup;
}

/**
 * The dimension in words: `count`, `bytes`, `time`, `rate (count per time)`,
 * `bytes per time`, `money`, and for anything else a product/quotient such as
 * `bytes × time`, `count per time²`, `money per time` or `money per byte × time`.
 */
export function describeDimension(d: Dimension): string {
  if (isPlain(d, 0, 0)) return 'count';
  if (isPlain(d, 1, 0)) return 'bytes';
  if (isPlain(d, 0, 1)) return 'time';
  if (isPlain(d, 0, -1)) return 'rate (count per time)';
  if (isPlain(d, 1, -1)) return 'bytes per time';
  const money = moneyOf(d);
  const top: string[] = [];
  const bottom: string[] = [];
  if (money > 0) top.push(power('money', money));
  if (d.bytes > 0) top.push(power('bytes', d.bytes));
  if (d.time > 0) top.push(power('time', d.time));
  if (d.bytes < 0) bottom.push(power('byte', -d.bytes));
  if (d.time < 0) bottom.push(power('time', -d.time));
  if (money < 0) bottom.push(power('money', -money));
  const numerator = top.length === 0 ? 'count' : top.join(' × ');
  return bottom.length === 0 ? numerator : `${numerator} per ${bottom.join(' × ')}`;
}

/**
 * The dimension as a compact unit for hover and inlay hints: `count`, `bytes`, `s`,
 * `1/s`, `bytes/s`, `bytes·s`, `bytes²`, `s/bytes`, `USD`, `USD/s`, `USD/bytes·s`.
 */
export function dimensionSymbol(d: Dimension): string {
  if (isCount(d)) return 'count';
  const money = moneyOf(d);
  const top: string[] = [];
  const bottom: string[] = [];
  if (money > 0) top.push(power('USD', money));
  if (d.bytes > 0) top.push(power('bytes', d.bytes));
  if (d.time > 0) top.push(power('s', d.time));
  if (d.bytes < 0) bottom.push(power('bytes', -d.bytes));
  if (d.time < 0) bottom.push(power('s', -d.time));
  if (money < 0) bottom.push(power('USD', -money));
  const numerator = top.length === 0 ? '1' : top.join('·');
  return bottom.length === 0 ? numerator : `${numerator}/${bottom.join('·')}`;
}

/** The dimension as a noun phrase for messages: "a plain number", "a rate (count per time)". */
export function dimensionPhrase(d: Dimension): string {
  if (isPlain(d, 0, 0)) return 'a plain number';
  if (isPlain(d, 1, 0)) return 'bytes';
  if (isPlain(d, 0, 1)) return 'a duration';
  if (isPlain(d, 0, -1)) return 'a rate (count per time)';
  if (isPlain(d, 1, -1)) return 'bytes per time (a bandwidth)';
  if (moneyOf(d) === 1) {
    if (d.bytes === 0 && d.time === 0) return 'money (US dollars)';
    if (d.bytes === 0 && d.time === -1) return 'money per time (a price per hour or month)';
    if (d.bytes === -1 && d.time === 0) return 'money per byte (a price per GB)';
    if (d.bytes === -1 && d.time === -1) return 'money per byte × time (a price per GB per month)';
  }
  return describeDimension(d);
}

// ---------------------------------------------------------------------------
// The unit vocabulary.
// ---------------------------------------------------------------------------

/** Words that scale a number: `10k`, `1.5 million`, `2bn`. `B` is context dependent (see below). */
export const MAGNITUDES: ReadonlyMap<string, number> = new Map([
  ['k', 1e3],
  ['K', 1e3],
  ['thousand', 1e3],
  ['M', 1e6],
  ['million', 1e6],
  ['B', 1e9],
  ['bn', 1e9],
  ['billion', 1e9],
  ['T', 1e12],
  ['trillion', 1e12],
]);

/** Size units in bytes. `B` after a number is bytes only where bytes are expected. */
export const SIZE_UNITS: ReadonlyMap<string, number> = new Map([
  ['B', 1],
  ['byte', 1],
  ['bytes', 1],
  ['KB', 1e3],
  ['kB', 1e3],
  ['MB', 1e6],
  ['GB', 1e9],
  ['TB', 1e12],
  ['PB', 1e15],
  ['EB', 1e18],
  ['KiB', 1024],
  ['MiB', 1024 ** 2],
  ['GiB', 1024 ** 3],
  ['TiB', 1024 ** 4],
  ['PiB', 1024 ** 5],
  ['EiB', 1024 ** 6],
]);

/**
 * Bits, 8 to a byte, in decimal multiples (`Kb` = 1,000 bits), as network figures are
 * quoted. Lowercase `kb` is left out: it is written for kilobytes as often as for kilobits.
 * Not divisors (`/b`), so that a value named `b` keeps its meaning after `/`.
 */
export const BIT_UNITS: ReadonlyMap<string, number> = new Map([
  ['b', 1 / 8],
  ['bit', 1 / 8],
  ['bits', 1 / 8],
  ['Kb', 1e3 / 8],
  ['Mb', 1e6 / 8],
  ['Gb', 1e9 / 8],
  ['Tb', 1e12 / 8],
]);

/** Bit rates, in bytes per second: `1 Gbps` is 125 MB/s. */
export const BIT_RATE_UNITS: ReadonlyMap<string, number> = new Map([
  ['bps', 1 / 8],
  ['Kbps', 1e3 / 8],
  ['kbps', 1e3 / 8],
  ['Mbps', 1e6 / 8],
  ['Gbps', 1e9 / 8],
  ['Tbps', 1e12 / 8],
]);

export type TimeBase = 'fixed' | 'day' | 'week' | 'month' | 'year';

/** Duration units: fixed seconds, or a multiple of a convention-dependent period. */
export const TIME_UNITS: ReadonlyMap<string, { base: TimeBase; seconds: number }> = new Map(
  (
    [
      [['µs', 'μs', 'us', 'microsecond', 'microseconds'], 'fixed', 1e-6],
      [['ms', 'msec', 'msecs', 'millisecond', 'milliseconds'], 'fixed', 0.001],
      [['s', 'sec', 'secs', 'second', 'seconds'], 'fixed', 1],
      [['min', 'mins', 'minute', 'minutes'], 'fixed', 60],
      [['h', 'hr', 'hrs', 'hour', 'hours'], 'fixed', 3600],
      [['d', 'day', 'days'], 'day', 1],
      [['w', 'wk', 'wks', 'week', 'weeks'], 'week', 1],
      [['mo', 'mos', 'month', 'months'], 'month', 1],
      [['y', 'yr', 'yrs', 'year', 'years'], 'year', 1],
    ] as Array<[string[], TimeBase, number]>
  ).flatMap(([words, base, seconds]) => words.map((w) => [w, { base, seconds }] as const)),
);

/** Rate words that follow a number: `500 qps` is `500/s`. */
export const RATE_UNITS: ReadonlySet<string> = new Set(['qps', 'rps', 'QPS', 'RPS']);

/** Currency words that follow a number, in US dollars (`12 USD` is `$12`). */
export const MONEY_UNITS: ReadonlyMap<string, number> = new Map([['USD', 1]]);

/** Words that may follow `/` or `per` as a unit (`/day`, `per second`, `/GB`). */
export function isDivisorUnit(word: string): boolean {
  return TIME_UNITS.has(word) || SIZE_UNITS.has(word);
}

/** Words that may follow a number. */
export function isSuffixWord(word: string): boolean {
  return MAGNITUDES.has(word) || isUnitWord(word);
}

/** Words that may follow a magnitude (`10k MB`, `1.5 million qps`). */
export function isUnitWord(word: string): boolean {
  return SIZE_UNITS.has(word) || TIME_UNITS.has(word) || RATE_UNITS.has(word) || BIT_UNITS.has(word) || BIT_RATE_UNITS.has(word) || MONEY_UNITS.has(word);
}

/** Every unit word, ordered so that "did you mean" prefers the usual spelling. */
export const ALL_UNIT_WORDS: readonly string[] = [
  ...['KB', 'MB', 'GB', 'TB', 'PB', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'bytes', 'byte', 'B'],
  ...['k', 'K', 'M', 'bn', 'T', 'thousand', 'million', 'billion', 'trillion'],
  ...['ms', 's', 'sec', 'min', 'h', 'hr', 'd', 'day', 'days', 'w', 'week', 'weeks', 'mo', 'month', 'months'],
  ...['y', 'yr', 'year', 'years', 'second', 'seconds', 'minute', 'minutes', 'hour', 'hours', 'qps', 'rps'],
  ...['Kb', 'Mb', 'Gb', 'Tb', 'bits', 'Kbps', 'Mbps', 'Gbps', 'Tbps', 'USD'],
  ...[...SIZE_UNITS.keys(), ...TIME_UNITS.keys(), ...MAGNITUDES.keys(), ...RATE_UNITS, ...BIT_UNITS.keys(), ...BIT_RATE_UNITS.keys(), ...MONEY_UNITS.keys()],
].filter((w, i, all) => all.indexOf(w) === i);

/** Conventions with any unusable number (missing, non-finite, not positive) replaced by the default. */
export function saneConventions(c: Partial<Conventions> | undefined): Conventions {
  const pick = (key: keyof Conventions): number => {
    const v = c?.[key];
    return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : DEFAULT_CONVENTIONS[key];
  };
  return {
    seconds_per_day: pick('seconds_per_day'),
    days_per_month: pick('days_per_month'),
    days_per_year: pick('days_per_year'),
    peak_factor: pick('peak_factor'),
    target_utilisation: pick('target_utilisation'),
  };
}

/** Seconds in one of a time unit under the conventions. */
export function timeUnitSeconds(word: string, conventions: Conventions): number | undefined {
  const unit = TIME_UNITS.get(word);
  if (unit === undefined) return undefined;
  const day = conventions.seconds_per_day;
  switch (unit.base) {
    case 'fixed':
      return unit.seconds;
    case 'day':
      return day;
    case 'week':
      return 7 * day;
    case 'month':
      return conventions.days_per_month * day;
    case 'year':
      return conventions.days_per_year * day;
  }
}

/** A unit word (not a magnitude) as a quantity of one unit, or undefined. `B` here is bytes. */
export function unitQuantity(word: string, conventions: Conventions): Quantity | undefined {
  const size = SIZE_UNITS.get(word);
  if (size !== undefined) return { value: size, dim: dim(1, 0) };
  const seconds = timeUnitSeconds(word, conventions);
  if (seconds !== undefined) return { value: seconds, dim: dim(0, 1) };
  if (RATE_UNITS.has(word)) return { value: 1, dim: dim(0, -1) };
  const bits = BIT_UNITS.get(word);
  if (bits !== undefined) return { value: bits, dim: dim(1, 0) };
  const bitRate = BIT_RATE_UNITS.get(word);
  if (bitRate !== undefined) return { value: bitRate, dim: dim(1, -1) };
  const usd = MONEY_UNITS.get(word);
  if (usd !== undefined) return { value: usd, dim: dim(0, 0, 1) };
  return undefined;
}
