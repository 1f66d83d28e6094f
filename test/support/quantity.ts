/** Shared helpers for the quantity tests (no tests of its own; named to match the test glob). */
import * as assert from 'node:assert/strict';
import type { Dimension, EvaluateOptions, Expectation, Quantity, QuantityError, QuantityResult } from '../../src/core/quantity';
import { evaluateQuantity } from '../../src/core/quantity';
import type { Conventions } from '../../src/core/types';
import { DEFAULT_CONVENTIONS } from '../../src/core/types';
import { approx } from './approx';

export const C: Conventions = { ...DEFAULT_CONVENTIONS };

export const COUNT: Dimension = { bytes: 0, time: 0 };
export const BYTES: Dimension = { bytes: 1, time: 0 };
export const TIME: Dimension = { bytes: 0, time: 1 };
export const RATE: Dimension = { bytes: 0, time: -1 };
export const BANDWIDTH: Dimension = { bytes: 1, time: -1 };
export const MONEY: Dimension = { bytes: 0, time: 0, money: 1 };
export const MONEY_PER_TIME: Dimension = { bytes: 0, time: -1, money: 1 };
export const MONEY_PER_BYTE: Dimension = { bytes: -1, time: 0, money: 1 };
export const MONEY_PER_BYTE_TIME: Dimension = { bytes: -1, time: -1, money: 1 };

export function ev(text: string, expect: Expectation = 'any', extra: Partial<EvaluateOptions> = {}): QuantityResult {
  return evaluateQuantity(text, { expect, conventions: C, ...extra });
}

/** Evaluate, expect no errors, and return the quantity. */
export function q(text: string, expect: Expectation = 'any', extra: Partial<EvaluateOptions> = {}): Quantity {
  const r = ev(text, expect, extra);
  assert.deepEqual(r.errors, [], `errors for ${JSON.stringify(text)}: ${JSON.stringify(r.errors)}`);
  assert.ok(r.quantity !== null, `no quantity for ${JSON.stringify(text)}`);
  return r.quantity;
}

export function expectValue(text: string, expect: Expectation, value: number, dim: Dimension, extra: Partial<EvaluateOptions> = {}): void {
  const result = q(text, expect, extra);
  approx(result.value, value, 1e-9, `${JSON.stringify(text)} (${expect})`);
  assert.deepEqual(result.dim, dim, `dimension of ${JSON.stringify(text)}`);
}

/** Evaluate, expect exactly one error, and return it with the text it covers. */
export function oneError(text: string, expect: Expectation = 'any', extra: Partial<EvaluateOptions> = {}): QuantityError & { covered: string } {
  const r = ev(text, expect, extra);
  assert.equal(r.errors.length, 1, `expected one error for ${JSON.stringify(text)}, got ${JSON.stringify(r.errors)}`);
  assert.equal(r.quantity, null);
  const e = r.errors[0];
  return { ...e, covered: text.slice(e.start, e.end) };
}

/** Lookup over a fixed table of quantities. */
export function table(entries: Record<string, Quantity | null>): Pick<EvaluateOptions, 'lookup' | 'knownNames'> {
  return {
    lookup: (name) => (Object.prototype.hasOwnProperty.call(entries, name) ? entries[name] : undefined),
    knownNames: Object.keys(entries),
  };
}
