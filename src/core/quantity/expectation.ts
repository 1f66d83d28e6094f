/**
 * What each field expects of its quantity (spec 2.2), and the check of an evaluated
 * quantity against it: the dimension, the range of a ratio, no negative values, with a
 * message that says what to write instead (and fixes where the replacement is certain).
 */
import type { Conventions } from '../types';
import type { Dimension, Quantity } from './dimension';
import { MAGNITUDES, dim, dimensionPhrase, divideDimensions, isCount, moneyOf, sameDimension } from './dimension';
import { QUANTITY_CODES, quote, type ReportError } from './errors';
import { formatQuantity } from './format';
import type { Node } from './parser';

/**
 * What a field needs (spec 2.2, 5.4). `any` (for `values`) accepts every dimension. Prices are
 * in US dollars: per time (an instance, `$0.0816/h`), per byte (transfer, `$0.09/GB`), per
 * byte and time (storage, `$0.023/GB/month`); a price per request is plain money (`$0.40 / 1M`).
 */
export type Expectation = 'count' | 'bytes' | 'time' | 'rate' | 'ratio' | 'money' | 'money-per-time' | 'money-per-byte' | 'money-per-byte-time' | 'money-per-request' | 'any';

type MoneyExpectation = Extract<Expectation, `money${string}`>;

const isMoney = (expect: Expectation): expect is MoneyExpectation => expect.startsWith('money');

/**
 * What each quantity field of a design expects (spec 2.2), by its YAML key. Latency
 * targets and component/connection latencies are `latency`; `values` accept any dimension.
 */
export const FIELD_EXPECTATIONS = {
  users: 'count',
  dau: 'count',
  replication: 'count',
  peak_factor: 'count',
  seconds_per_day: 'count',
  days_per_month: 'count',
  days_per_year: 'count',
  size: 'bytes',
  retention: 'time',
  latency: 'time',
  per_user: 'rate',
  rate: 'rate',
  server_capacity: 'rate',
  availability: 'ratio',
  durability: 'ratio',
  cache_hot_ratio: 'ratio',
  values: 'any',
  // The prices of a `cost:` map (spec 5.4).
  instance: 'money-per-time',
  storage: 'money-per-byte-time',
  transfer: 'money-per-byte',
  requests: 'money-per-request',
  fixed: 'money-per-time',
} as const satisfies Record<string, Expectation>;

/** What a field expects, for messages: "bytes (e.g. `2MB`)". */
const EXPECTED: Record<Exclude<Expectation, 'any'>, { words: string; dim: Dimension }> = {
  count: { words: 'a plain number (e.g. `10M`)', dim: dim(0, 0) },
  bytes: { words: 'bytes (e.g. `2MB`)', dim: dim(1, 0) },
  time: { words: 'a duration (e.g. `200ms` or `10y`)', dim: dim(0, 1) },
  rate: { words: 'a rate (e.g. `30/day` or `500/s`)', dim: dim(0, -1) },
  ratio: { words: 'a fraction or percentage (e.g. `99.9%` or `0.999`)', dim: dim(0, 0) },
  money: { words: 'an amount in US dollars (e.g. `$12k` or `12k USD`)', dim: dim(0, 0, 1) },
  'money-per-time': { words: 'a price per time (e.g. `$0.0816/h` or `$20/month`)', dim: dim(0, -1, 1) },
  'money-per-byte': { words: 'a price per byte (e.g. `$0.09/GB`)', dim: dim(-1, 0, 1) },
  'money-per-byte-time': { words: 'a price per byte and time (e.g. `$0.023/GB/month`)', dim: dim(-1, -1, 1) },
  'money-per-request': { words: 'a price per request (e.g. `$0.40 / 1M` for 40 cents a million)', dim: dim(0, 0, 1) },
};

/** An example of what each expectation accepts, for the message of an empty value. */
export const EXAMPLE: Record<Expectation, string> = {
  count: '`10M`',
  bytes: '`2MB`',
  time: '`200ms` or `10y`',
  rate: '`30/day` or `500/s`',
  ratio: '`99.9%`',
  money: '`$12k`',
  'money-per-time': '`$0.0816/h` or `$20/month`',
  'money-per-byte': '`$0.09/GB`',
  'money-per-byte-time': '`$0.023/GB/month`',
  'money-per-request': '`$0.40 / 1M`',
  any: '`2MB`, `30/day` or `10M`',
};

/**
 * A unit: how it follows a bare number (`5ms`, `5 days`) and how it multiplies anything
 * else (`x * 1 day`). A rate's unit divides instead (`x/s`).
 */
interface UnitChoice {
  afterNumber: string;
  multiplier: string;
}

const unit = (afterNumber: string, multiplier = afterNumber): UnitChoice => ({ afterNumber, multiplier });

/** The units worth suggesting for a bare number in `field`, the likeliest first: a retention is days or years, a latency milliseconds. */
function unitChoices(expect: 'rate' | 'bytes' | 'time', field: string): UnitChoice[] {
  const name = field.split('.').pop() ?? field;
  switch (expect) {
    case 'time':
      if (name === 'retention') return [unit(' days', ' day'), unit(' years', ' year')];
      if (field === 'latency' || field.startsWith('latency.')) return [unit('ms'), unit('s')];
      return [unit('ms'), unit('s'), unit(' days', ' day')];
    case 'bytes':
      if (name === 'storage_capacity') return [unit('GB'), unit('TB')];
      return [unit(' bytes', ' byte'), unit('KB')];
    case 'rate':
      // Per user, a day is the natural period; a component's or a line's rate is per second.
      return name === 'per_user' ? [unit('/day'), unit('/s')] : [unit('/s'), unit('/day')];
  }
}

/** The source with each unit: after a bare number, divided for a rate, else multiplied by one of it. */
function withUnit(node: Node, source: string, choices: UnitChoice[]): string[] {
  const bareNumber = node.kind === 'literal' && node.suffixes.length === 0 && !node.percent;
  const operand = isAtomic(node) ? source : `(${source})`;
  return choices.map((c) => {
    if (bareNumber) return `${source}${c.afterNumber}`;
    if (c.afterNumber.startsWith('/')) return `${operand}${c.afterNumber}`;
    return `${operand} * 1${c.multiplier}`;
  });
}

/** What follows a dollar amount to make the price each money field expects, the likeliest first. */
const PRICE_UNITS: Record<MoneyExpectation, string[]> = {
  money: [''],
  'money-per-time': ['/h', '/month'],
  'money-per-byte': ['/GB'],
  'money-per-byte-time': ['/GB/month'],
  // Per request, or per million requests as prices are quoted.
  'money-per-request': ['', ' / 1M'],
};

/** A price of the number: `$5/h` after a plain number (`5`, `1.5k`), else `x * $1/h`. */
function withDollars(node: Node, source: string, units: string[]): string[] {
  const plainNumber = node.kind === 'literal' && node.dollar === undefined && !node.percent && node.suffixes.every((w) => MAGNITUDES.has(w.text));
  const operand = isAtomic(node) ? source : `(${source})`;
  return units.map((u) => (plainNumber ? `$${source}${u}` : `${operand} * $1${u}`));
}

/**
 * Units that divide a price into the one expected: `$20` for a price per time is `$20/h`
 * or `$20/month`, `$0.023/GB` for storage is `$0.023/GB/month`. Empty when no unit does.
 */
function perUnits(have: Quantity['dim'], expect: MoneyExpectation): string[] {
  const extra = divideDimensions(have, EXPECTED[expect].dim);
  if (moneyOf(extra) !== 0) return [];
  if (extra.bytes === 0 && extra.time === 1) return expect === 'money-per-byte-time' ? ['/month'] : ['/h', '/month'];
  if (extra.bytes === 1 && extra.time === 0) return ['/GB'];
  if (extra.bytes === 1 && extra.time === 1) return ['/GB/month'];
  return [];
}

/** Whether an expression is one literal, name, group or call, so `X/day` means what it says without parentheses. */
function isAtomic(node: Node): boolean {
  return node.kind === 'literal' || node.kind === 'name' || node.kind === 'group' || node.kind === 'call';
}

export function checkExpectation(
  q: Quantity,
  node: Node,
  source: string,
  { field, expect, conventions }: { field: string; expect: Expectation; conventions: Conventions },
  error: ReportError,
): Quantity | null {
  if (expect === 'any') return q;
  const expected = EXPECTED[expect];
  const shown = quote(source);
  const { start, end } = node;
  if (!sameDimension(q.dim, expected.dim)) {
    // A bare zero needs no unit.
    if (q.value === 0 && isCount(q.dim)) return { value: 0, dim: expected.dim };
    const head = `${field} needs ${expected.words}, but ${shown} is ${dimensionPhrase(q.dim)}`;
    if (isCount(q.dim) && (expect === 'rate' || expect === 'bytes' || expect === 'time')) {
      const fixes = withUnit(node, source, unitChoices(expect, field));
      const listed = fixes.map((f) => `\`${f}\``).join(' or ');
      const advice = expect === 'rate' ? `write ${listed}` : `add a unit, e.g. ${listed}`;
      return error(
        QUANTITY_CODES.dimension,
        `${head}: ${advice}`,
        start,
        end,
        fixes.map((text) => ({ kind: 'replace', text })),
      );
    }
    if (isMoney(expect) && isCount(q.dim)) {
      const fixes = withDollars(node, source, PRICE_UNITS[expect]);
      return error(
        QUANTITY_CODES.dimension,
        `${head}: write ${fixes.map((f) => `\`${f}\``).join(' or ')}`,
        start,
        end,
        fixes.map((text) => ({ kind: 'replace', text })),
      );
    }
    const per = isMoney(expect) ? perUnits(q.dim, expect) : [];
    if (per.length > 0) {
      // `/` after a sum would divide its last term only.
      const operand = node.kind === 'binary' && (node.op === '+' || node.op === '-') ? `(${source})` : source;
      const fixes = per.map((u) => `${operand}${u}`);
      return error(
        QUANTITY_CODES.dimension,
        `${head}: say what it is per, e.g. ${fixes.map((f) => `\`${f}\``).join(' or ')}`,
        start,
        end,
        fixes.map((text) => ({ kind: 'replace', text })),
      );
    }
    if (expect === 'count' && q.dim.bytes === 0 && q.dim.time === -1) {
      return error(QUANTITY_CODES.dimension, `${head}: a per-time rate does not fit here`, start, end);
    }
    return error(QUANTITY_CODES.dimension, head, start, end);
  }
  if (expect === 'ratio') {
    if (q.value < 0 || q.value > 1) {
      const literal = node.kind === 'literal' && node.suffixes.length === 0 && !node.percent;
      if (literal && q.value > 1 && q.value <= 100) {
        const fraction = Number((q.value / 100).toPrecision(12));
        return error(
          QUANTITY_CODES.range,
          `${field} must be between 0 and 1, but ${shown} is ${formatQuantity(q, conventions)}: write \`${source}%\` or \`${fraction}\``,
          start,
          end,
          [
            { kind: 'replace', text: `${source}%` },
            { kind: 'replace', text: String(fraction) },
          ],
        );
      }
      return error(
        QUANTITY_CODES.range,
        `${field} must be between 0 and 1 (0% to 100%), but ${shown} is ${formatQuantity(q, conventions)}: write e.g. \`99.9%\` or \`0.999\``,
        start,
        end,
      );
    }
    return q;
  }
  if (q.value < 0) {
    return error(QUANTITY_CODES.range, `${field} cannot be negative, but ${shown} is ${formatQuantity(q, conventions)}`, start, end);
  }
  return q;
}
