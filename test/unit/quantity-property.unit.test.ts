import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Expectation } from '../../src/core/quantity';
import {
  evaluateQuantity,
  formatBandwidth,
  formatBytes,
  formatCount,
  formatDuration,
  formatMoney,
  formatMoneyPerByte,
  formatMoneyPerByteTime,
  formatMoneyPerTime,
  formatPercent,
  formatQuantity,
  formatRate,
  quantityTokens,
  referencedNames,
} from '../../src/core/quantity';
import { DEFAULT_CONVENTIONS } from '../../src/core/types';

const EXPECTATIONS: Expectation[] = ['count', 'bytes', 'time', 'rate', 'ratio', 'money', 'money-per-time', 'money-per-byte', 'money-per-byte-time', 'money-per-request', 'any'];

/** Strings built from the language's own pieces, so that many are nearly valid. */
const pieces = fc.constantFrom(
  '1',
  '2.5',
  '.5',
  '10,000',
  '1e6',
  '1e999',
  '0',
  ' ',
  '  ',
  'k',
  'M',
  'B',
  'bn',
  'T',
  'm',
  'million',
  'MB',
  'KiB',
  'bytes',
  'ms',
  's',
  'min',
  'h',
  'd',
  'day',
  'days',
  'mo',
  'y',
  'qps',
  '$',
  '$1',
  'USD',
  '€',
  'per',
  'per day',
  '/',
  '*',
  '+',
  '-',
  '(',
  ')',
  '%',
  'dau',
  'caption',
  'x',
  ',',
  '.',
  '×',
  '😀',
  '\u0000',
);
const nearlyValid = fc.array(pieces, { maxLength: 20 }).map((parts) => parts.join('').slice(0, 60));

const anyText = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ maxLength: 60, unit: 'grapheme' }), nearlyValid);

const options = fc.record({
  expect: fc.constantFrom(...EXPECTATIONS),
  spd: fc.constantFrom(86400, 100000),
});

function check(text: string, expect: Expectation, spd: number): void {
  const r = evaluateQuantity(text, {
    expect,
    conventions: { ...DEFAULT_CONVENTIONS, seconds_per_day: spd },
    lookup: (name) => (name === 'caption' ? { value: 200, dim: { bytes: 1, time: 0 } } : undefined),
    knownNames: ['caption'],
  });
  if (r.quantity !== null) {
    assert.ok(Number.isFinite(r.quantity.value), `non-finite for ${JSON.stringify(text)}`);
    assert.equal(r.errors.length, 0);
    assert.doesNotThrow(() => formatQuantity(r.quantity!));
  } else {
    assert.ok(r.errors.length > 0, `neither a value nor an error for ${JSON.stringify(text)}`);
  }
  for (const e of r.errors) {
    assert.ok(0 <= e.start && e.start <= e.end && e.end <= text.length, `span ${e.start}-${e.end} outside ${JSON.stringify(text)}`);
    assert.ok(e.message.length > 0);
    assert.match(e.code, /^sysdesign\/(quantity-(syntax|unit|dimension|range)|unknown-name)$/);
    if (text.trim().length > 0) assert.ok(e.end > e.start, `empty span in ${JSON.stringify(text)}: ${e.message}`);
  }
  for (const s of [...r.names, ...r.bReadings]) assert.ok(0 <= s.start && s.start < s.end && s.end <= text.length);
  for (const n of r.names) assert.equal(text.slice(n.start, n.end), n.name);
  assert.deepEqual(referencedNames(text), r.names);
  for (const t of quantityTokens(text)) assert.ok(0 <= t.start && t.start < t.end && t.end <= text.length);
}

describe('quantity: properties', () => {
  it('never throws, and yields a finite quantity or an error with spans inside the text', () => {
    fc.assert(
      fc.property(anyText, options, (text, { expect, spd }) => check(text, expect, spd)),
      { numRuns: 1500 },
    );
  });

  it('evaluates sums of sizes to their total', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10000 }), { minLength: 1, maxLength: 10 }), (ns) => {
        const r = evaluateQuantity(ns.map((n) => `${n}KB`).join(' + '), { expect: 'bytes', conventions: DEFAULT_CONVENTIONS });
        assert.equal(r.quantity?.value, ns.reduce((a, b) => a + b, 0) * 1000);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same value with or without spaces and thousands separators', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.constantFrom('', 'k', 'MB', 'ms', 'day', '%'), (n, unit) => {
        const plain = evaluateQuantity(`${n}${unit}`, { expect: 'any', conventions: DEFAULT_CONVENTIONS });
        const spaced = evaluateQuantity(`${n.toLocaleString('en-US')} ${unit}`, { expect: 'any', conventions: DEFAULT_CONVENTIONS });
        assert.deepEqual(spaced.quantity, plain.quantity);
        assert.equal(plain.errors.length, 0);
      }),
      { numRuns: 200 },
    );
  });
});

describe('quantity property: what is shown parses back (issue #15)', () => {
  const C = DEFAULT_CONVENTIONS;
  // Each dimension with how it is shown and what a field of it expects.
  const shapes: Array<{ name: string; format: (x: number) => string; expect: Expectation; negated?: true }> = [
    { name: 'count', format: (x) => formatCount(x), expect: 'count' },
    { name: 'bytes', format: (x) => formatBytes(x), expect: 'bytes' },
    { name: 'duration', format: (x) => formatDuration(x, C), expect: 'time' },
    { name: 'rate', format: (x) => formatRate(x, C), expect: 'rate' },
    { name: 'bandwidth', format: (x) => formatBandwidth(x, C), expect: 'any' },
    // A rate in the period it was written (`1M/min`), and a table column's period (`0.0116/s`).
    ...(['s', 'min', 'h', 'day', 'week', 'month', 'year'] as const).flatMap((per) => [
      { name: `rate per ${per}`, format: (x: number) => formatRate(x, C, undefined, per), expect: 'rate' as const },
      { name: `bandwidth per ${per}`, format: (x: number) => formatBandwidth(x, C, undefined, per), expect: 'any' as const },
      { name: `price per ${per}`, format: (x: number) => formatMoneyPerTime(x, C, undefined, per), expect: 'money-per-time' as const },
    ]),
    // Money (issue #16): an amount, a price per time (per month), per byte (per GB), per byte and time.
    { name: 'money', format: (x) => formatMoney(x), expect: 'money' },
    { name: 'debt', format: (x) => formatMoney(-x), expect: 'any', negated: true },
    { name: 'price per time', format: (x) => formatMoneyPerTime(x, C), expect: 'money-per-time' },
    { name: 'price per byte', format: (x) => formatMoneyPerByte(x), expect: 'money-per-byte' },
    { name: 'price per byte and time', format: (x) => formatMoneyPerByteTime(x, C), expect: 'money-per-byte-time' },
  ];
  const magnitude = fc.double({ min: -9, max: 17, noNaN: true }).map((e) => Number((10 ** e).toPrecision(6)));

  for (const shape of shapes) {
    it(`a ${shape.name} shown with three significant digits reads back to the same value within that precision`, () => {
      fc.assert(
        fc.property(magnitude, (value) => {
          const shown = shape.format(value);
          const r = evaluateQuantity(shown, { expect: shape.expect, conventions: C });
          assert.deepEqual(r.errors, [], `${value} shown as ${JSON.stringify(shown)}`);
          const back = (shape.negated ? -1 : 1) * (r.quantity?.value ?? NaN);
          // Three significant digits: within half a unit of the third digit.
          assert.ok(Math.abs(back - value) <= 5e-3 * value * (1 + 1e-9), `${value} shown as ${JSON.stringify(shown)} reads ${back}`);
        }),
        { numRuns: 400, seed: 20261205 },
      );
    });
  }

  it('a percentage shown reads back to the same fraction within its printed digits, nines kept', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (fraction) => {
        const shown = formatPercent(fraction);
        const r = evaluateQuantity(shown, { expect: 'ratio', conventions: C });
        assert.deepEqual(r.errors, [], `${fraction} shown as ${shown}`);
        const back = r.quantity?.value ?? NaN;
        // Near 100% the gap to 100% has three significant digits; elsewhere the percentage has.
        const tolerance = fraction >= 0.99 ? 5e-3 * (1 - fraction) + 1e-14 : 5e-3 * fraction + 1e-14;
        assert.ok(Math.abs(back - fraction) <= tolerance, `${fraction} shown as ${shown} reads ${back}`);
      }),
      { numRuns: 400, seed: 20261205 },
    );
  });
});
