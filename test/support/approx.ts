import * as assert from 'node:assert/strict';

/** Asserts `actual` is within `tolerance` (relative) of `expected`; a published "~" number needs a tolerance. */
export function approx(actual: number | null | undefined, expected: number, tolerance = 1e-9, what = 'value'): void {
  assert.ok(typeof actual === 'number' && Number.isFinite(actual), `${what}: expected a number near ${expected}, got ${actual}`);
  const err = expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
  assert.ok(err <= tolerance, `${what}: ${actual} is not within ${(tolerance * 100).toPrecision(3)}% of ${expected} (off by ${(err * 100).toPrecision(3)}%)`);
}
