import * as assert from 'node:assert/strict';
import {
  formatBandwidth,
  formatBytes,
  formatCount,
  formatDistinct,
  formatDuration,
  formatMoney,
  formatMoneyPerByte,
  formatMoneyPerByteTime,
  formatMoneyPerTime,
  formatPercent,
  formatQuantity,
  formatRate,
} from '../../src/core/quantity';
import { DEFAULT_CONVENTIONS } from '../../src/core/types';
import { q } from '../support/quantity';

function table<T>(fn: (x: T) => string, cases: Array<[T, string]>): void {
  for (const [input, expected] of cases) assert.equal(fn(input), expected, `${String(input)}`);
}

describe('quantity format: counts', () => {
  it('uses three significant digits and SI magnitudes', () => {
    table(formatCount, [
      [0, '0'],
      [1, '1'],
      [12.34, '12.3'],
      [512, '512'],
      [999, '999'],
      [999.4, '999'],
      [999.7, '1k'],
      [1000, '1k'],
      [3472.2, '3.47k'],
      [10000, '10k'],
      [123456, '123k'],
      [2e6, '2M'],
      [1.2e9, '1.2B'],
      [5e12, '5T'],
      [999e12, '999T'],
      [0.2, '0.2'],
      [0.001234, '0.00123'],
      [-3472.2, '-3.47k'],
      [-0, '0'],
      [1e18, '1e18'],
      [1.234e20, '1.23e20'],
      [Infinity, '∞'],
      [-Infinity, '-∞'],
      [NaN, 'NaN'],
    ]);
  });
});

describe('quantity format: rates', () => {
  it('reads per second, or in a longer period when small', () => {
    table(formatRate, [
      [3472.2, '3.47k/s'],
      [1, '1/s'],
      [2000, '2k/s'],
      [0, '0/s'],
      [0.002, '173/day'],
      [30 / 86400, '30/day'],
      [1 / 86400, '1/day'],
      [0.5 / 86400, '15/month'],
      [1 / (365 * 86400), '1/year'],
      [1e-12, '0.0000315/year'],
    ]);
  });
  it('follows the day convention', () => {
    assert.equal(formatRate(0.002, { ...DEFAULT_CONVENTIONS, seconds_per_day: 100000 }), '200/day');
  });
  it('formats bandwidth', () => {
    assert.equal(formatBandwidth(46.3e6), '46.3 MB/s');
    assert.equal(formatBandwidth(0.5), '43.2 KB/day');
  });
});

describe('quantity format: bytes', () => {
  it('uses decimal units', () => {
    table(formatBytes, [
      [0, '0 bytes'],
      [1, '1 byte'],
      [512, '512 bytes'],
      [999, '999 bytes'],
      [1000, '1 KB'],
      [2e6, '2 MB'],
      [2000200, '2 MB'],
      [12.7e9, '12.7 GB'],
      [12_749_999_999, '12.7 GB'],
      [3.5e12, '3.5 TB'],
      [43.8e15, '43.8 PB'],
      [2e18, '2 EB'],
      [0.5, '0.5 bytes'],
      [-2e6, '-2 MB'],
    ]);
  });
});

describe('quantity format: durations', () => {
  it('picks a readable unit', () => {
    table(formatDuration, [
      [0, '0 s'],
      [0.2, '200 ms'],
      [0.0005, '500 µs'],
      [1, '1 s'],
      [59.99, '1 min'],
      [45, '45 s'],
      [3153.6, '52.6 min'],
      [31536, '8.76 h'],
      [315360, '3.65 days'],
      [86400, '1 day'],
      [365 * 86400, '1 year'],
      [3650 * 86400, '10 years'],
      [-2, '-2 s'],
    ]);
  });
  it('follows the conventions for days and years', () => {
    assert.equal(formatDuration(100000, { ...DEFAULT_CONVENTIONS, seconds_per_day: 100000 }), '1 day');
    assert.equal(formatDuration(360 * 86400, { ...DEFAULT_CONVENTIONS, days_per_year: 360 }), '1 year');
  });
});

describe('quantity format: percentages', () => {
  it('keeps nines without float noise', () => {
    table(formatPercent, [
      [0.9999, '99.99%'],
      [0.999, '99.9%'],
      [0.99, '99%'],
      [0.995, '99.5%'],
      [0.99999999999, '99.999999999%'],
      [0.95, '95%'],
      [0.2, '20%'],
      [1, '100%'],
      [0, '0%'],
      [0.123456, '12.3%'],
      [0.001234, '0.123%'],
      [1.5, '150%'],
      [0.99987, '99.987%'],
      [1 - 1e-15, '100%'],
      [1 - 1e-13, '99.99999999999%'],
      [1 - 1e-12, '99.9999999999%'],
    ]);
  });
  it('formats 0.9999 after arithmetic without noise', () => {
    assert.equal(formatPercent(1 - 0.0001), '99.99%');
    assert.equal(formatPercent(0.999 * 0.999), '99.8%');
  });
});

describe('quantity format: quantities', () => {
  it('dispatches on the dimension', () => {
    assert.equal(formatQuantity(q('2MB', 'bytes')), '2 MB');
    assert.equal(formatQuantity(q('10M', 'count')), '10M');
    assert.equal(formatQuantity(q('200ms', 'time')), '200 ms');
    assert.equal(formatQuantity(q('300M/day', 'rate')), '3.47k/s');
    assert.equal(formatQuantity(q('4TB/day', 'any')), '46.3 MB/s');
    assert.equal(formatQuantity(q('2MB * 3s', 'any')), '6M bytes·s');
    assert.equal(formatQuantity(q('1 / MB', 'any')), '0.000001 1/bytes');
  });
});

describe('formatDistinct: compared figures read differently whenever they differ (issue #15)', () => {
  it('adds significant digits to both until they differ', () => {
    assert.deepEqual(formatDistinct(0.998999, 0.999, formatPercent), ['99.8999%', '99.9%']);
    assert.deepEqual(
      formatDistinct(0.2004, 0.2, (x, s) => formatDuration(x, undefined, s)),
      ['200.4 ms', '200 ms'],
    );
    assert.deepEqual(
      formatDistinct(10_449, 10_400, (x, s) => formatRate(x, undefined, s)),
      ['10.45k/s', '10.4k/s'],
    );
  });

  it('keeps three significant digits when they already differ, or when the figures are equal', () => {
    assert.deepEqual(formatDistinct(0.95, 0.999, formatPercent), ['95%', '99.9%']);
    assert.deepEqual(formatDistinct(0.999, 0.999, formatPercent), ['99.9%', '99.9%']);
  });

  it('stops at fifteen digits: figures a rounding error apart are not told apart', () => {
    assert.deepEqual(formatDistinct(0.1 + 0.2, 0.3, formatCount), ['0.3', '0.3']);
  });
});

describe('quantity format: money (issue #16)', () => {
  const MONTH = 30 * 86400;
  it('shows US dollars with three significant digits and SI magnitudes, the sign before `$`', () => {
    table(formatMoney, [
      [12400, '$12.4k'],
      [12345, '$12.3k'],
      [150000, '$150k'],
      [0.0816, '$0.0816'],
      [1.2e6, '$1.2M'],
      [3.4e9, '$3.4B'],
      [0, '$0'],
      [-0, '$0'],
      [-3, '-$3'],
      [-1500, '-$1.5k'],
      [0.000000023, '$2.3e-8'],
      [0.4 / 1e6, '$4e-7'],
      [1.234e20, '$1.23e20'],
    ]);
  });
  it('shows a price per time per month, or in the period it was written, by the conventions', () => {
    assert.equal(formatMoneyPerTime(0.0816 / 3600), '$58.8/month');
    assert.equal(formatMoneyPerTime(20 / MONTH), '$20/month');
    assert.equal(formatMoneyPerTime(0.5 / MONTH), '$0.5/month');
    assert.equal(formatMoneyPerTime(0.0816 / 3600, undefined, undefined, 'h'), '$0.0816/h');
    assert.equal(formatMoneyPerTime(20 / (31 * 86400), { ...DEFAULT_CONVENTIONS, days_per_month: 31 }), '$20/month');
  });
  it('shows a price per byte per GB, and per byte and time per GB per month', () => {
    assert.equal(formatMoneyPerByte(0.09 / 1e9), '$0.09/GB');
    assert.equal(formatMoneyPerByte(1 / 1e6), '$1k/GB');
    assert.equal(formatMoneyPerByteTime(0.023 / 1e9 / MONTH), '$0.023/GB/month');
    assert.equal(formatMoneyPerByteTime(0.023 / 1e9 / (365 * 86400), DEFAULT_CONVENTIONS), '$0.00189/GB/month');
  });
  it('formats money quantities by their dimension', () => {
    assert.equal(formatQuantity(q('$12.4k')), '$12.4k');
    assert.equal(formatQuantity(q('-$3')), '-$3');
    assert.equal(formatQuantity(q('$0.0816/h')), '$58.8/month');
    assert.equal(formatQuantity(q('$0.09/GB')), '$0.09/GB');
    assert.equal(formatQuantity(q('$0.023/GB/month')), '$0.023/GB/month');
  });
});
