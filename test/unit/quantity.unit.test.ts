import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyseText } from '../../src/core/analyse';
import { designMarkdown } from '../../src/core/diagram/markdown';
import {
  FIELD_EXPECTATIONS,
  describeDimension,
  dimensionSymbol,
  evaluateQuantity,
  formatEvaluated,
  formatQuantity,
  formatValue,
  quantityTokens,
  referencedNames,
} from '../../src/core/quantity';
import { estimateInputs, inputsText } from '../../src/core/report';
import type { Expectation } from '../../src/core/quantity';
import type { Conventions, Period } from '../../src/core/types';
import { approx } from '../support/approx';
import { BANDWIDTH, BYTES, C, COUNT, MONEY, MONEY_PER_BYTE, MONEY_PER_BYTE_TIME, MONEY_PER_TIME, RATE, TIME, ev, expectValue, oneError, q, table } from '../support/quantity';

const DAY = 86400;

describe('quantity: numbers', () => {
  const cases: Array<[string, number]> = [
    ['0', 0],
    ['1', 1],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['0.25', 0.25],
    ['10,000', 10000],
    ['1,000,000', 1e6],
    ['1,234.5', 1234.5],
    ['1e6', 1e6],
    ['1E6', 1e6],
    ['2.5e3', 2500],
    ['1e+3', 1000],
    ['5e-3', 0.005],
    ['  42  ', 42],
    ['\t7\n', 7],
    ['007', 7],
  ];
  for (const [text, value] of cases) {
    it(`reads ${JSON.stringify(text)} as ${value}`, () => expectValue(text, 'count', value, COUNT));
  }

  it('keeps decimal values exact through magnitudes and percentages', () => {
    assert.equal(q('1.1M', 'count').value, 1100000);
    assert.equal(q('99.99%', 'ratio').value, 0.9999);
    assert.equal(q('99.999999999%', 'ratio').value, 0.99999999999);
    assert.equal(q('2.3ms', 'time').value, 0.0023);
    assert.equal(q('0.1 KB', 'bytes').value, 100);
  });
});

describe('quantity: magnitudes', () => {
  const cases: Array<[string, number]> = [
    ['10k', 1e4],
    ['10K', 1e4],
    ['10 k', 1e4],
    ['2M', 2e6],
    ['2 M', 2e6],
    ['1.5B', 1.5e9],
    ['3bn', 3e9],
    ['3 bn', 3e9],
    ['2T', 2e12],
    ['10 thousand', 1e4],
    ['10 million', 1e7],
    ['2 billion', 2e9],
    ['1 trillion', 1e12],
    ['1,500k', 1.5e6],
    ['1e3k', 1e6],
  ];
  for (const [text, value] of cases) {
    it(`reads ${JSON.stringify(text)} as ${value}`, () => expectValue(text, 'count', value, COUNT));
  }
});

describe('quantity: sizes', () => {
  const cases: Array<[string, number]> = [
    ['1B', 1],
    ['512 B', 512],
    ['1 byte', 1],
    ['200 bytes', 200],
    ['200bytes', 200],
    ['1KB', 1e3],
    ['1kB', 1e3],
    ['2MB', 2e6],
    ['2 MB', 2e6],
    ['3GB', 3e9],
    ['4TB', 4e12],
    ['5PB', 5e15],
    ['1KiB', 1024],
    ['1MiB', 1024 ** 2],
    ['2 GiB', 2 * 1024 ** 3],
    ['1TiB', 1024 ** 4],
    ['1PiB', 1024 ** 5],
    ['1.5k MB', 1.5e9],
    ['2 million bytes', 2e6],
  ];
  for (const [text, value] of cases) {
    it(`reads ${JSON.stringify(text)} as ${value} bytes`, () => expectValue(text, 'bytes', value, BYTES));
  }
});

describe('quantity: durations', () => {
  const cases: Array<[string, number]> = [
    ['200ms', 0.2],
    ['200 ms', 0.2],
    ['5 milliseconds', 0.005],
    ['1s', 1],
    ['2 sec', 2],
    ['3 secs', 3],
    ['1 second', 1],
    ['10 seconds', 10],
    ['1min', 60],
    ['5 mins', 300],
    ['1 minute', 60],
    ['2 minutes', 120],
    ['1h', 3600],
    ['2 hr', 7200],
    ['3 hrs', 10800],
    ['1 hour', 3600],
    ['2 hours', 7200],
    ['1d', DAY],
    ['1 day', DAY],
    ['3 days', 3 * DAY],
    ['1w', 7 * DAY],
    ['2 weeks', 14 * DAY],
    ['1 week', 7 * DAY],
    ['1mo', 30 * DAY],
    ['1 month', 30 * DAY],
    ['6 months', 180 * DAY],
    ['1y', 365 * DAY],
    ['1yr', 365 * DAY],
    ['10 years', 3650 * DAY],
    ['1 year', 365 * DAY],
    ['10y', 3650 * DAY],
  ];
  for (const [text, value] of cases) {
    it(`reads ${JSON.stringify(text)} as ${value} s`, () => expectValue(text, 'time', value, TIME));
  }
});

describe('quantity: rates', () => {
  const cases: Array<[string, number]> = [
    ['2000/s', 2000],
    ['500 / s', 500],
    ['30/day', 30 / DAY],
    ['30 / day', 30 / DAY],
    ['30 per day', 30 / DAY],
    ['1 per second', 1],
    ['60/min', 1],
    ['3600/h', 1],
    ['7/week', 1 / DAY],
    ['30/month', 1 / DAY],
    ['365/year', 1 / DAY],
    ['10/days', 10 / DAY],
    ['500 qps', 500],
    ['500qps', 500],
    ['500 rps', 500],
    ['5k qps', 5000],
    ['1M/day', 1e6 / DAY],
    ['10M / month', 1e7 / (30 * DAY)],
    ['1.5k/s', 1500],
  ];
  for (const [text, value] of cases) {
    it(`reads ${JSON.stringify(text)} as ${value}/s`, () => expectValue(text, 'rate', value, RATE));
  }
});

describe('quantity: percentages', () => {
  it('reads percentages as fractions', () => {
    expectValue('20%', 'count', 0.2, COUNT);
    expectValue('20 %', 'count', 0.2, COUNT);
    expectValue('100%', 'ratio', 1, COUNT);
    expectValue('0%', 'ratio', 0, COUNT);
    expectValue('99.9%', 'ratio', 0.999, COUNT);
    expectValue('99.99%', 'ratio', 0.9999, COUNT);
    expectValue('0.999', 'ratio', 0.999, COUNT);
    expectValue('1', 'ratio', 1, COUNT);
  });
  it('multiplies by a percentage', () => {
    expectValue('2/day * 10%', 'rate', 0.2 / DAY, RATE);
    expectValue('10% * 2MB', 'bytes', 2e5, BYTES);
  });
});

describe('quantity: operators and precedence', () => {
  const cases: Array<[string, number]> = [
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 4 - 3', 3],
    ['100 / 10 / 2', 5],
    ['2 * 3 + 4 * 5', 26],
    ['-3 + 5', 2],
    ['-(3 + 5) * -2', 16],
    ['- -4', 4],
    ['+4', 4],
    ['2 * -3 + 10', 4],
    ['((((1))))', 1],
    ['1+2*3-4/2', 5],
    ['10/4', 2.5],
    ['2 * (3 + (4 - 1)) / 3', 4],
  ];
  for (const [text, value] of cases) {
    it(`${text} = ${value}`, () => expectValue(text, 'any', value, COUNT));
  }
  it('combines dimensions through * and /', () => {
    expectValue('2MB * 3', 'bytes', 6e6, BYTES);
    expectValue('20 * 200KB', 'bytes', 4e6, BYTES);
    expectValue('30/day * 200KB', 'any', (30 / DAY) * 2e5, BANDWIDTH);
    expectValue('200 MB/s', 'any', 2e8, BANDWIDTH);
    expectValue('1GB / 1MB', 'count', 1000, COUNT);
    expectValue('10MB / 2s', 'any', 5e6, BANDWIDTH);
    expectValue('1 / 2s', 'rate', 0.5, RATE);
    expectValue('2MB * 3s', 'any', 6e6, { bytes: 1, time: 1 });
    expectValue('1h / 1min', 'count', 60, COUNT);
    expectValue('10 / MB', 'any', 1e-5, { bytes: -1, time: 0 });
    expectValue('1 / (2/s)', 'time', 0.5, TIME);
  });
  it('adds like dimensions', () => {
    expectValue('2MB + 200 bytes', 'bytes', 2000200, BYTES);
    expectValue('1h + 30min', 'time', 5400, TIME);
    expectValue('1/s + 60/min', 'rate', 2, RATE);
    expectValue('1 + 20%', 'count', 1.2, COUNT);
    expectValue('1GB - 1MB', 'bytes', 999e6, BYTES);
  });
  it('treats `/ unit` and `per unit` after any operand as a unit', () => {
    const names = table({ dau: { value: 1e7, dim: COUNT }, photos: { value: 3, dim: COUNT } });
    expectValue('dau * 2 / day', 'rate', (1e7 * 2) / DAY, RATE, names);
    expectValue('dau * 2 per day', 'rate', (1e7 * 2) / DAY, RATE, names);
    expectValue('photos / s', 'rate', 3, RATE, names);
    expectValue('(1 + 2) / day', 'rate', 3 / DAY, RATE);
    expectValue('(1 + 2) per day', 'rate', 3 / DAY, RATE);
  });
});

describe('quantity: the context-dependent B', () => {
  it('reads `1B` as one byte where bytes are expected', () => {
    const r = ev('1B', 'bytes');
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.quantity, { value: 1, dim: BYTES });
    assert.deepEqual(r.bReadings, [{ start: 1, end: 2, meaning: 'bytes' }]);
  });
  it('reads `1B` as a billion elsewhere', () => {
    for (const expect of ['count', 'any', 'rate', 'time', 'ratio'] as Expectation[]) {
      const r = ev('1B', expect);
      // Where nothing is expected (`values`), the bare literal is kept for the ambiguity warning.
      const literal = expect === 'any' ? { literal: { start: 0, end: 2 } } : {};
      assert.deepEqual(r.bReadings, [{ start: 1, end: 2, meaning: 'billion', ...literal }], expect);
      if (expect === 'count' || expect === 'any') assert.deepEqual(r.quantity, { value: 1e9, dim: COUNT });
    }
  });
  it('records every B with its span', () => {
    const r = ev('1.5 B + 2B * 3', 'bytes');
    assert.deepEqual(r.errors, []);
    assert.equal(r.quantity?.value, 7.5);
    assert.deepEqual(r.bReadings, [
      { start: 4, end: 5, meaning: 'bytes' },
      { start: 9, end: 10, meaning: 'bytes' },
    ]);
    const b = ev('dau: 1B'.slice(5), 'count');
    assert.deepEqual(b.bReadings, [{ start: 1, end: 2, meaning: 'billion' }]);
  });
  it('reads `1B/day` as a billion per day in a rate', () => {
    const r = ev('1B/day', 'rate');
    assert.deepEqual(r.errors, []);
    approx(r.quantity!.value, 1e9 / DAY);
    assert.deepEqual(r.bReadings, [{ start: 1, end: 2, meaning: 'billion' }]);
  });
  it('reads B after a magnitude as bytes, and B before a unit as billion', () => {
    const a = ev('2k B', 'bytes');
    assert.deepEqual(a.quantity, { value: 2000, dim: BYTES });
    assert.deepEqual(a.bReadings, [{ start: 3, end: 4, meaning: 'bytes' }]);
    const b = ev('1B bytes', 'bytes');
    assert.deepEqual(b.quantity, { value: 1e9, dim: BYTES });
    assert.deepEqual(b.bReadings, [{ start: 1, end: 2, meaning: 'billion' }]);
  });
  it('does not record a B for words that only contain it', () => {
    assert.deepEqual(ev('2MB + 3KB', 'bytes').bReadings, []);
    assert.deepEqual(ev('2bn', 'count').bReadings, []);
  });
  it('a size field gets bytes in `values`-style expressions that multiply', () => {
    expectValue('20 * 1B', 'bytes', 20, BYTES);
    expectValue('20 * 1B', 'count', 2e10, COUNT);
  });
});

describe('quantity: conventions', () => {
  const rule: Conventions = { ...C, seconds_per_day: 100000 };
  it('uses seconds_per_day for /day', () => {
    expectValue('1M/day', 'rate', 10, RATE, { conventions: rule });
    expectValue('1M/day', 'rate', 1e6 / DAY, RATE);
    expectValue('1 day', 'time', 100000, TIME, { conventions: rule });
  });
  it('derives weeks, months and years from the day', () => {
    expectValue('1w', 'time', 700000, TIME, { conventions: rule });
    expectValue('1mo', 'time', 30 * 100000, TIME, { conventions: rule });
    expectValue('1y', 'time', 365 * 100000, TIME, { conventions: rule });
  });
  it('uses days_per_month and days_per_year', () => {
    const c: Conventions = { ...C, days_per_month: 31, days_per_year: 360 };
    expectValue('1 month', 'time', 31 * DAY, TIME, { conventions: c });
    expectValue('2 years', 'time', 720 * DAY, TIME, { conventions: c });
    expectValue('360/year', 'rate', 1 / DAY, RATE, { conventions: c });
    expectValue('31/month', 'rate', 1 / DAY, RATE, { conventions: c });
  });
  it('keeps ms, s, min and h fixed', () => {
    expectValue('1h + 1min + 1s + 1ms', 'time', 3661.001, TIME, { conventions: rule });
  });
  it('falls back to defaults for unusable conventions', () => {
    const bad = { ...C, seconds_per_day: 0, days_per_year: Number.NaN } as Conventions;
    expectValue('1 day', 'time', DAY, TIME, { conventions: bad });
    expectValue('1 year', 'time', 365 * DAY, TIME, { conventions: bad });
  });
});

describe('quantity: names', () => {
  const photos = table({
    photos_per_user: { value: 2 / DAY, dim: RATE },
    caption: { value: 200, dim: BYTES },
    dau: { value: 1e7, dim: COUNT },
    users: null,
    d: { value: 4, dim: COUNT },
    s: { value: 5, dim: COUNT },
  });
  it('resolves names through lookup', () => {
    expectValue('photos_per_user * 10%', 'rate', 0.2 / DAY, RATE, photos);
    expectValue('2MB + caption', 'bytes', 2000200, BYTES, photos);
    expectValue('(2MB + caption) * 3', 'bytes', 6000600, BYTES, photos);
    expectValue('dau', 'count', 1e7, COUNT, photos);
    expectValue('dau * photos_per_user', 'rate', 1e7 * (2 / DAY), RATE, photos);
  });
  it('returns every referenced name with its span', () => {
    const r = ev('(2MB + caption) * dau / day', 'any', photos);
    assert.deepEqual(r.names, [
      { name: 'caption', start: 7, end: 14 },
      { name: 'dau', start: 18, end: 21 },
    ]);
  });
  it('reads unit-like words as names in name position', () => {
    expectValue('d * 2', 'count', 8, COUNT, photos);
    expectValue('s + d', 'count', 9, COUNT, photos);
    expectValue('2 * d', 'count', 8, COUNT, photos);
    expectValue('2 d', 'time', 2 * DAY, TIME, photos);
    expectValue('(d)', 'count', 4, COUNT, photos);
    assert.deepEqual(ev('d * 2', 'count', photos).names, [{ name: 'd', start: 0, end: 1 }]);
    assert.deepEqual(ev('2 d', 'time', photos).names, []);
  });
  it('reports an unknown name on its exact span with a did-you-mean', () => {
    const r = ev('2MB + captoin', 'bytes', photos);
    assert.equal(r.quantity, null);
    assert.equal(r.errors.length, 1);
    const e = r.errors[0];
    assert.equal(e.code, 'sysdesign/unknown-name');
    assert.deepEqual([e.start, e.end], [6, 13]);
    assert.match(e.message, /captoin/);
    assert.match(e.message, /did you mean `caption`/);
    assert.deepEqual(e.fixes, [{ kind: 'replace', text: 'caption' }]);
    assert.deepEqual(r.names, [{ name: 'captoin', start: 6, end: 13 }]);
  });
  it('reports an unknown name without a suggestion when nothing is close', () => {
    const r = ev('zzzzzz * 2', 'count', photos);
    assert.equal(r.errors.length, 1);
    assert.equal(r.errors[0].code, 'sysdesign/unknown-name');
    assert.equal(r.errors[0].fixes, undefined);
    assert.deepEqual([r.errors[0].start, r.errors[0].end], [0, 6]);
  });
  it('reports each unknown name', () => {
    const r = ev('a + b', 'count');
    assert.deepEqual(
      r.errors.map((e) => [e.code, e.start, e.end]),
      [
        ['sysdesign/unknown-name', 0, 1],
        ['sysdesign/unknown-name', 4, 5],
      ],
    );
  });
  it('gives no error and no value for a known name without a value', () => {
    const r = ev('users * 2MB + 3s', 'bytes', photos);
    assert.deepEqual(r.errors, []);
    assert.equal(r.quantity, null);
    assert.deepEqual(
      r.names.map((n) => n.name),
      ['users'],
    );
  });
  it('still reports other errors next to a valueless name', () => {
    const r = ev('users + (2MB + 3s)', 'bytes', photos);
    assert.equal(r.errors.length, 1);
    assert.equal(r.errors[0].code, 'sysdesign/quantity-dimension');
  });
  it('treats names in knownNames as valueless when there is no lookup', () => {
    const r = ev('dau * 2', 'count', { knownNames: ['dau'] });
    assert.deepEqual(r.errors, []);
    assert.equal(r.quantity, null);
  });
  it('accepts knownNames as any iterable, used once', () => {
    function* gen(): Generator<string> {
      yield 'caption';
    }
    const r = ev('captio', 'any', { knownNames: gen() });
    assert.match(r.errors[0].message, /did you mean `caption`/);
  });
  it('lets values of any dimension through `any`', () => {
    expectValue('photos_per_user * caption', 'any', (2 / DAY) * 200, BANDWIDTH, photos);
  });
  it('ignores non-finite values from lookup', () => {
    const r = ev('x * 2', 'count', table({ x: { value: Number.POSITIVE_INFINITY, dim: COUNT } }));
    assert.deepEqual(r.errors, []);
    assert.equal(r.quantity, null);
  });
  it('suggests a unit for a misspelt word after /', () => {
    const r = ev('30/dya', 'rate');
    assert.equal(r.errors.length, 1);
    assert.equal(r.errors[0].code, 'sysdesign/unknown-name');
    assert.deepEqual(r.errors[0].fixes, [{ kind: 'replace', text: 'day' }]);
  });
});

describe('quantity: referencedNames', () => {
  it('lists identifiers in name position only', () => {
    assert.deepEqual(referencedNames('photos_per_user * 10%'), [{ name: 'photos_per_user', start: 0, end: 15 }]);
    assert.deepEqual(referencedNames('2MB + caption'), [{ name: 'caption', start: 6, end: 13 }]);
    assert.deepEqual(referencedNames('dau * 2 / day'), [{ name: 'dau', start: 0, end: 3 }]);
    assert.deepEqual(referencedNames('30 per day'), []);
    assert.deepEqual(referencedNames('10 million'), []);
    assert.deepEqual(referencedNames('a/b'), [
      { name: 'a', start: 0, end: 1 },
      { name: 'b', start: 2, end: 3 },
    ]);
    assert.deepEqual(referencedNames('d / d'), [{ name: 'd', start: 0, end: 1 }]);
    assert.deepEqual(referencedNames('per * 2'), [{ name: 'per', start: 0, end: 3 }]);
  });
  it('finds names even in broken expressions', () => {
    assert.deepEqual(
      referencedNames('(dau * ((photos +').map((n) => n.name),
      ['dau', 'photos'],
    );
    assert.deepEqual(
      referencedNames('dau × caption').map((n) => n.name),
      ['dau', 'caption'],
    );
  });
  it('never throws', () => {
    assert.deepEqual(referencedNames(''), []);
    assert.equal(referencedNames('a+'.repeat(5000)).length, 5000);
  });
});

describe('quantity: dimensions in words', () => {
  it('describes dimensions', () => {
    assert.equal(describeDimension(COUNT), 'count');
    assert.equal(describeDimension(BYTES), 'bytes');
    assert.equal(describeDimension(TIME), 'time');
    assert.equal(describeDimension(RATE), 'rate (count per time)');
    assert.equal(describeDimension(BANDWIDTH), 'bytes per time');
    assert.equal(describeDimension({ bytes: 1, time: 1 }), 'bytes × time');
    assert.equal(describeDimension({ bytes: 2, time: 0 }), 'bytes²');
    assert.equal(describeDimension({ bytes: 0, time: -2 }), 'count per time²');
    assert.equal(describeDimension({ bytes: -1, time: 0 }), 'count per byte');
    assert.equal(describeDimension({ bytes: 0, time: 5 }), 'time^5');
  });
  it('has compact symbols', () => {
    assert.equal(dimensionSymbol(COUNT), 'count');
    assert.equal(dimensionSymbol(BYTES), 'bytes');
    assert.equal(dimensionSymbol(TIME), 's');
    assert.equal(dimensionSymbol(RATE), '1/s');
    assert.equal(dimensionSymbol(BANDWIDTH), 'bytes/s');
    assert.equal(dimensionSymbol({ bytes: -1, time: 1 }), 's/bytes');
  });
  it('never yields -0 exponents', () => {
    const r = q('2MB / 1MB', 'count');
    assert.ok(Object.is(r.dim.bytes, 0) && Object.is(r.dim.time, 0));
  });
});

describe('quantity: tokens for highlighting', () => {
  it('classifies tokens', () => {
    assert.deepEqual(
      quantityTokens('(2MB + caption) * dau per day').map((t) => t.type),
      ['paren', 'number', 'unit', 'operator', 'name', 'paren', 'operator', 'name', 'operator', 'unit'],
    );
    assert.deepEqual(quantityTokens('20%'), [
      { start: 0, end: 2, type: 'number' },
      { start: 2, end: 3, type: 'unit' },
    ]);
  });
});

describe('quantity: the spec example', () => {
  it('evaluates the photo-sharing estimation', () => {
    const values = {
      photos_per_user: q('2/day', 'any'),
      caption: q('200 bytes', 'any'),
      dau: q('10M', 'count'),
    };
    const names = table(values);
    const perUser = q('photos_per_user * 10%', 'rate', names);
    const size = q('2MB + caption', 'bytes', names);
    approx(perUser.value * 1e7 * DAY, 2e6); // 2M uploads a day
    assert.equal(size.value, 2000200);
    expectValue('30/day', 'rate', 30 / DAY, RATE);
    expectValue('20 * 200KB', 'bytes', 4e6, BYTES);
    expectValue('10y', 'time', 3650 * DAY, TIME);
    expectValue('3', 'count', 3, COUNT);
    expectValue('20%', 'ratio', 0.2, COUNT);
    expectValue('2000/s', 'rate', 2000, RATE);
    expectValue('99.99%', 'ratio', 0.9999, COUNT);
    expectValue('99.999999999%', 'ratio', 0.99999999999, COUNT);
    expectValue('200ms', 'time', 0.2, TIME);
    expectValue('50M', 'count', 5e7, COUNT);
  });
  it('is independent of the caller object (no shared state)', () => {
    const a = evaluateQuantity('1B', { expect: 'bytes', conventions: C });
    const b = evaluateQuantity('1B', { expect: 'count', conventions: C });
    assert.equal(a.quantity?.value, 1);
    assert.equal(b.quantity?.value, 1e9);
  });
});

describe('quantity: field expectations', () => {
  it('covers every quantity field of the spec example', () => {
    const examples: Array<[keyof typeof FIELD_EXPECTATIONS, string]> = [
      ['users', '50M'],
      ['dau', '10M'],
      ['replication', '3'],
      ['peak_factor', '3'],
      ['seconds_per_day', '100k'],
      ['size', '2MB + 200 bytes'],
      ['retention', '10y'],
      ['latency', '200ms'],
      ['per_user', '30/day'],
      ['rate', '500/s'],
      ['server_capacity', '2000/s'],
      ['availability', '99.99%'],
      ['durability', '99.999999999%'],
      ['cache_hot_ratio', '20%'],
      ['values', '2/day'],
      ['instance', '$0.0816/h'],
      ['storage', '$0.023/GB/month'],
      ['transfer', '$0.09/GB'],
      ['requests', '$0.40 / 1M'],
      ['fixed', '$16.20/month'],
    ];
    for (const [field, text] of examples) {
      const r = evaluateQuantity(text, { expect: FIELD_EXPECTATIONS[field], field, conventions: C });
      assert.deepEqual(r.errors, [], `${field}: ${text}`);
    }
  });
});

describe('quantity: what reads as a percentage (issue #15)', () => {
  const users = { value: 1e9, dim: { bytes: 0, time: 0 } };
  const share = { value: 0.5, dim: { bytes: 0, time: 0 }, reads: 'percent' as const };
  const lookup = (name: string) => (name === 'users' ? users : name === 'share' ? share : undefined);
  const cases: Array<[string, 'percent' | 'plain' | undefined]> = [
    ['10%', 'percent'],
    ['1 - 0.1%', 'percent'],
    ['2 * 5%', 'percent'],
    ['20% * 50%', 'percent'],
    ['-(5%)', 'percent'],
    ['share', 'percent'],
    ['share * 2', 'percent'],
    ['3', 'plain'],
    ['2 * 4', 'plain'],
    ['50M * 10%', undefined],
    ['users * 50%', undefined],
    ['users * share', undefined],
    ['1K', undefined],
  ];
  for (const [text, reads] of cases) {
    it(`${JSON.stringify(text)} reads as ${reads ?? 'an amount'}`, () => {
      assert.equal(q(text, 'any', { lookup }).reads, reads);
    });
  }

  it('a size or a rate is never a percentage, even with one inside', () => {
    assert.equal(q('2 KB * 10%', 'bytes').reads, undefined);
    assert.equal(q('100/s * 10%', 'rate').reads, undefined);
  });

  it('the short-video template: `dau: users * 50%` is 500M people in the Markdown export, its ratios stay percentages', () => {
    const analysis = analyseText(readFileSync(path.join(__dirname, '..', '..', 'templates', 'short-video.sysdesign.yaml'), 'utf8'));
    const markdown = designMarkdown(analysis);
    assert.match(markdown, /^\| Daily active users \| `users \* 50%` = 500M \|$/m);
    assert.match(markdown, /^\| `like_rate` \| `5%` \| 5% \|$/m);
    const dau = analysis.design.estimation?.dau;
    assert.ok(dau);
    assert.equal(analysis.quantities.get(dau.start)?.percent, undefined);
  });
});

describe('quantity: a rate reads in the period it was written (issue #15)', () => {
  const perMinute = { value: 1e6 / 60, dim: { bytes: 0, time: -1 }, per: 'min' as const };
  const names = table({ uploads: perMinute, n: { value: 4, dim: { bytes: 0, time: 0 } } });
  const cases: Array<[string, string | undefined]> = [
    ['1M/min', 'min'],
    ['1M per minute', 'min'],
    ['2/day', 'day'],
    ['3 per hour', 'h'],
    ['5 GB/h', 'h'],
    ['10/month', 'month'],
    ['1/year', 'year'],
    ['100/s', undefined],
    ['500 qps', undefined],
    ['1k/ms', undefined],
    // Through a name and by a number or a size, or beside a rate written per the same period.
    ['uploads', 'min'],
    ['uploads * 2', 'min'],
    ['n * uploads', 'min'],
    ['uploads / n', 'min'],
    ['uploads * 2 KB', 'min'],
    ['uploads + 2M/min', 'min'],
    ['max(uploads, 2M/min)', 'min'],
    ['-uploads', 'min'],
    // Otherwise in no period of its own: mixed periods, a divisor that is not a bare unit.
    ['uploads + 10/s', undefined],
    ['min(uploads, 10/s)', undefined],
    ['1M / (2 min)', undefined],
    ['uploads * 1 min', undefined],
  ];
  for (const [text, per] of cases) {
    it(`${JSON.stringify(text)} is written ${per === undefined ? 'per second or in no period' : `per ${per}`}`, () => {
      assert.equal(q(text, 'any', names).per, per);
    });
  }

  it('is shown in that period beside its per-second value, once when they read the same', () => {
    const text = [
      'sysdesign: 1',
      'name: Periods',
      'estimation:',
      '  values:',
      '    uploads: 1M/min',
      '    doubled: uploads * 2',
      '    daily: 100/day',
      '    busy: 100k/day',
      '    egress: 5 GB/h',
      '    mixed: uploads + 10/s',
      '    rare: 2/day * 10%',
      '',
    ].join('\n');
    const analysis = analyseText(text);
    assert.deepEqual(analysis.problems, []);
    const shown = (name: string) => {
      const v = analysis.design.estimation?.values.find((x) => x.name.name === name);
      const evaluated = v && analysis.quantities.get(v.value.start);
      return evaluated && formatEvaluated(evaluated, analysis.estimate.conventions);
    };
    assert.equal(shown('uploads'), '1M/min (16.7k/s)');
    assert.equal(shown('doubled'), '2M/min (33.3k/s)');
    assert.equal(shown('daily'), '100/day');
    assert.equal(shown('busy'), '100k/day (1.16/s)');
    assert.equal(shown('egress'), '5 GB/h (1.39 MB/s)');
    assert.equal(shown('mixed'), '16.7k/s');
    // Under one per day, the day does not read better: the usual period alone.
    assert.equal(shown('rare'), '6/month');
    // The CLI's inputs show the same words.
    const cli = inputsText(estimateInputs(analysis.design, analysis.estimate, analysis.quantities)).join('\n');
    assert.match(cli, /doubled +uploads \* 2 +2M\/min \(33\.3k\/s\)/);
    // Beside its own source the period is not repeated.
    assert.match(cli, /uploads +1M\/min +16\.7k\/s\n/);
  });
});

describe('quantity: bits and bit rates (issue #15)', () => {
  const cases: Array<[string, Expectation, number, typeof BYTES]> = [
    ['0.8 Kb', 'bytes', 100, BYTES],
    ['8 bits', 'bytes', 1, BYTES],
    ['1 Gb', 'bytes', 125e6, BYTES],
    ['1 Gbps', 'any', 125e6, BANDWIDTH],
    ['10 Mb/s', 'any', 1.25e6, BANDWIDTH],
    ['100 Kbps', 'any', 12.5e3, BANDWIDTH],
    ['100 Mbps * 1 day', 'bytes', (100e6 / 8) * DAY, BYTES],
    // Microseconds, as the shown waits are written (both micro signs, and `us`).
    ['5µs', 'time', 5e-6, TIME],
    ['5 μs', 'time', 5e-6, TIME],
    ['250 us', 'time', 250e-6, TIME],
  ];
  for (const [text, expect, value, dimension] of cases) {
    it(`reads ${JSON.stringify(text)} as ${value} (${expect})`, () => expectValue(text, expect, value, dimension));
  }

  it('`kb` is ambiguous: both readings offered, each parsing to its own number', () => {
    const e = ev('2 kb', 'bytes').errors;
    assert.equal(e.length, 1);
    assert.deepEqual(
      e[0].fixes?.map((f) => (f.kind === 'replace' ? f.text : f.kind)),
      ['KB', 'Kb'],
    );
    assert.equal(q('2 KB', 'bytes').value, 2000);
    assert.equal(q('2 Kb', 'bytes').value, 250);
  });

  it('a value named `b` keeps its meaning after `/`', () => {
    const lookup = (name: string) => (name === 'b' || name === 'x' ? { value: 4, dim: { bytes: 0, time: 0 } } : undefined);
    assert.equal(q('x / b', 'any', { lookup }).value, 1);
  });
});

describe('quantity: functions ceil, floor, round, min, max (issue #15)', () => {
  const lookup = (name: string) =>
    name === 'data' ? { value: 5e12, dim: BYTES } : name === 'dau' ? { value: 2.5e6, dim: COUNT } : name === 'min' ? { value: 7, dim: COUNT } : undefined;
  const cases: Array<[string, Expectation, number, typeof BYTES]> = [
    ['ceil(data / 2TB)', 'count', 3, COUNT],
    ['floor(2.7)', 'count', 2, COUNT],
    ['round(2.5)', 'count', 3, COUNT],
    ['round(2.4)', 'count', 2, COUNT],
    ['max(2KB, 3KB, 1KB)', 'bytes', 3000, BYTES],
    ['min(1 day, 2h)', 'time', 7200, TIME],
    ['min(3,4)', 'count', 3, COUNT],
    ['max(ceil(dau / 1M), 2) * 2', 'count', 6, COUNT],
    ['ceil(data / 2TB)/day', 'rate', 3 / DAY, RATE],
    ['5 min', 'time', 300, TIME],
    ['min * 2', 'count', 14, COUNT],
  ];
  for (const [text, expect, value, dimension] of cases) {
    it(`${JSON.stringify(text)} = ${value}`, () => expectValue(text, expect, value, dimension, { lookup }));
  }

  const errors: Array<[string, RegExp]> = [
    ['ceil(data)', /`ceil` rounds plain numbers, but `data` is bytes: divide it by a unit first/],
    ['max(1KB, 2s)', /`max` compares values of one dimension: `1KB` is bytes but `2s` is a duration/],
    ['ceil(1, 2)', /`ceil` takes one value/],
    ['max(1)', /`max` takes two or more values/],
    ['max(1, ', /expected a number or name after `,`/],
    ['ceil(2', /`ceil\(` is never closed/],
  ];
  for (const [text, message] of errors) {
    it(`${JSON.stringify(text)}: ${message.source.slice(0, 40)}…`, () => {
      const r = ev(text, 'count', { lookup });
      assert.equal(r.quantity, null);
      assert.match(r.errors.map((e) => e.message).join(' | '), message);
    });
  }

  it('inside a function a comma separates arguments, never thousands: max(3,400) is 400', () => {
    assert.equal(q('max(3,400)', 'count').value, 400);
    assert.equal(q('10,000', 'count').value, 10000);
  });

  it('the names of a call are its arguments’ names, not the function', () => {
    assert.deepEqual(
      ev('ceil(data / 2TB) + min(dau, 3)', 'any', { lookup }).names.map((n) => n.name),
      ['data', 'dau'],
    );
  });
});

describe('quantity: money (issue #16)', () => {
  const MONTH = 30 * DAY;
  const HOUR = 3600;
  const GB = 1e9;

  const cases: Array<[string, number, typeof MONEY]> = [
    ['$0.09/GB', 0.09 / GB, MONEY_PER_BYTE],
    ['$0.0816/h', 0.0816 / HOUR, MONEY_PER_TIME],
    ['$1 / 1M', 1e-6, MONEY],
    ['$20/month', 20 / MONTH, MONEY_PER_TIME],
    ['$20 per month', 20 / MONTH, MONEY_PER_TIME],
    ['$1.5k', 1500, MONEY],
    ['$2M', 2e6, MONEY],
    ['$1B', 1e9, MONEY],
    ['$1,000', 1000, MONEY],
    ['$.5', 0.5, MONEY],
    ['$0.023/GB/month', 0.023 / GB / MONTH, MONEY_PER_BYTE_TIME],
    ['12 USD', 12, MONEY],
    ['12USD', 12, MONEY],
    ['1.5k USD', 1500, MONEY],
    ['-$5', -5, MONEY],
    ['$3 - $5', -2, MONEY],
    ['2 * $0.0816/h * 1 month', 2 * 0.0816 * 24 * 30, MONEY],
    ['max($1, 3 USD)', 3, MONEY],
  ];
  for (const [text, value, dimension] of cases) {
    it(`reads ${JSON.stringify(text)} as ${value} (${describeDimension(dimension)})`, () => expectValue(text, 'any', value, dimension));
  }

  it('is Alex Xu’s CDN check as a pure quantity: 5M * 5 * 300MB * $0.02/GB = $150k', () => {
    expectValue('5M * 5 * 300MB * $0.02/GB', 'money', 150000, MONEY);
    assert.equal(formatQuantity(q('5M * 5 * 300MB * $0.02/GB', 'money')), '$150k');
  });

  it('takes a month from the conventions', () => {
    const conventions: Conventions = { ...C, days_per_month: 31, seconds_per_day: 100000 };
    expectValue('$20/month', 'money-per-time', 20 / (31 * 100000), MONEY_PER_TIME, { conventions });
    expectValue('$0.023/GB/month', 'money-per-byte-time', 0.023 / GB / (31 * 100000), MONEY_PER_BYTE_TIME, { conventions });
  });

  it('keeps money through names, and a price written per hour keeps its period', () => {
    const names = table({ transfer: q('$0.09/GB'), instance: q('$0.0816/h'), instances: q('4') });
    expectValue('1TB * transfer', 'money', 90, MONEY, names);
    expectValue('instances * instance', 'money-per-time', (4 * 0.0816) / HOUR, MONEY_PER_TIME, names);
    assert.equal(q('instances * instance', 'money-per-time', names).per, 'h');
    assert.equal(q('$20/month', 'money-per-time').per, 'month');
  });

  it('accepts each price where its field expects it', () => {
    const accepted: Array<[Expectation, string]> = [
      ['money', '$12k'],
      ['money', '12k USD'],
      ['money-per-time', '$0.0816/h'],
      ['money-per-time', '$20/month'],
      ['money-per-byte', '$0.09/GB'],
      ['money-per-byte-time', '$0.023/GB/month'],
      ['money-per-request', '$0.40 / 1M'],
      ['money-per-request', '$0.0000004'],
      ['money-per-time', '0'],
    ];
    for (const [expect, text] of accepted) assert.deepEqual(ev(text, expect).errors, [], `${expect}: ${text}`);
    assert.deepEqual(q('0', 'money-per-byte').dim, MONEY_PER_BYTE);
  });

  it('describes money and prices in words and symbols', () => {
    assert.equal(describeDimension(MONEY), 'money');
    assert.equal(describeDimension(MONEY_PER_TIME), 'money per time');
    assert.equal(describeDimension(MONEY_PER_BYTE), 'money per byte');
    assert.equal(describeDimension(MONEY_PER_BYTE_TIME), 'money per byte × time');
    assert.equal(describeDimension({ bytes: 1, time: 0, money: -1 }), 'bytes per money');
    assert.equal(dimensionSymbol(MONEY), 'USD');
    assert.equal(dimensionSymbol(MONEY_PER_TIME), 'USD/s');
    assert.equal(dimensionSymbol(MONEY_PER_BYTE), 'USD/bytes');
    assert.equal(dimensionSymbol(MONEY_PER_BYTE_TIME), 'USD/bytes·s');
    // Without money, dimensions keep their two exponents only.
    assert.deepEqual(q('$1/GB * 1GB / $1', 'any').dim, COUNT);
    assert.deepEqual(q('10/day', 'rate').dim, RATE);
  });

  it('highlights `$` as a unit', () => {
    assert.deepEqual(
      quantityTokens('$0.09/GB').map((t) => t.type),
      ['unit', 'number', 'operator', 'unit'],
    );
  });

  const errors: Array<[text: string, covered: string, message: RegExp, fixes?: string[]]> = [
    ['€5', '€', /unexpected character `€`: only US dollars are supported: write `\$` before the number or `USD` after it/],
    ['£5', '£', /only US dollars are supported/],
    ['$x', '$x', /`\$` marks a number as US dollars \(`\$20`\), not a name: write `x` if it is in dollars already, or `x \* \$1`/, ['x']],
    ['$', '$', /unexpected `\$`: it must directly precede a number/],
    ['2 * $', '$', /must directly precede a number/],
    ['$ 5', '$ 5', /`\$` must directly precede its number: write `\$5`/, ['$5']],
    ['5$', '5$', /`\$` goes before the number: write `\$5`/, ['$5']],
    ['$5 MB', '$5 MB', /a dollar amount takes no unit: for a price per MB, write `\$5\/MB`/, ['$5/MB']],
    ['$1k month', '$1k month', /for a price per month, write `\$1k\/month`/, ['$1k/month']],
    ['$5 USD', 'USD', /`\$` and `USD` both say US dollars/],
    ['$5m', 'm', /`m` is ambiguous: write `M` for a million dollars/, ['M']],
    ['$5 milion', 'milion', /unknown magnitude `milion`; did you mean `million`\?/, ['million']],
    ['$5 qps', 'qps', /a dollar amount takes at most a magnitude/],
    ['$5%', '%', /`%` applies to plain numbers, not to dollar amounts/],
    ['5MB + $3', '5MB + $3', /cannot add bytes and money: `5MB` is bytes but `\$3` is money \(US dollars\)/],
    ['$3 + 5', '$3 + 5', /cannot add money and count/],
    ['$0.09/GB - $1', '$0.09/GB - $1', /cannot subtract money from money per byte/],
    ['max($1, 1MB)', '1MB', /`max` compares values of one dimension: `\$1` is money \(US dollars\) but `1MB` is bytes/],
    ['ceil($1.5)', '$1.5', /`ceil` rounds plain numbers, but `\$1\.5` is money/],
  ];
  for (const [text, covered, message, fixes] of errors) {
    it(`${JSON.stringify(text)}: error on ${JSON.stringify(covered)}`, () => {
      const r = ev(text, 'any');
      assert.equal(r.quantity, null);
      assert.equal(r.errors.length, 1, JSON.stringify(r.errors));
      const e = r.errors[0];
      assert.equal(text.slice(e.start, e.end), covered);
      assert.match(e.message, message);
      assert.deepEqual(
        e.fixes?.map((f) => (f.kind === 'replace' ? f.text : f.kind)),
        fixes,
      );
      // Each fix, applied, reads.
      for (const fix of fixes ?? []) {
        const applied = text.slice(0, e.start) + fix + text.slice(e.end);
        assert.deepEqual(ev(applied, 'any', { knownNames: ['x'] }).errors, [], applied);
      }
    });
  }

  it('says what a price field needs, and turns a plain number into that price (each fix read back)', () => {
    const cases: Array<[field: string, expect: Expectation, shown: string[], perUnit: number[]]> = [
      ['instance', 'money-per-time', ['$5/h', '$5/month'], [1 / HOUR, 1 / MONTH]],
      ['transfer', 'money-per-byte', ['$5/GB'], [1 / GB]],
      ['storage', 'money-per-byte-time', ['$5/GB/month'], [1 / GB / MONTH]],
      ['per_request', 'money-per-request', ['$5', '$5 / 1M'], [1, 1e-6]],
      ['budget', 'money', ['$5'], [1]],
    ];
    const lookup = (name: string) => (name === 'x' ? { value: 5, dim: COUNT } : undefined);
    for (const [field, expect, shown, perUnit] of cases) {
      const e = oneError('5', expect, { field });
      assert.deepEqual(
        e.fixes?.map((f) => (f.kind === 'replace' ? f.text : f.kind)),
        shown,
        field,
      );
      assert.match(e.message, new RegExp(`^${field} needs .*, but \`5\` is a plain number: write \`\\$5`));
      for (const source of ['5', 'x', '2 + 3', '5e0', '0.005k']) {
        const fixes = ev(source, expect, { field, lookup }).errors[0]?.fixes ?? [];
        assert.equal(fixes.length, perUnit.length, `${field}: ${source}`);
        fixes.forEach((fix, i) => {
          const text = fix.kind === 'replace' ? fix.text : '';
          const applied = ev(text, expect, { field, lookup });
          assert.deepEqual(applied.errors, [], `${field}: ${JSON.stringify(text)} parses`);
          approx(applied.quantity?.value ?? NaN, 5 * perUnit[i], 1e-9, `${field}: ${text} is 5 x ${perUnit[i]}`);
        });
      }
    }
    assert.match(oneError('5', 'money-per-time', { field: 'instance' }).message, /^instance needs a price per time \(e\.g\. `\$0\.0816\/h` or `\$20\/month`\)/);
  });

  it('asks what a price is per when the period or the size is missing, each fix read back', () => {
    const cases: Array<[text: string, expect: Expectation, fixes: string[]]> = [
      ['$20', 'money-per-time', ['$20/h', '$20/month']],
      ['$0.09', 'money-per-byte', ['$0.09/GB']],
      ['$0.023/GB', 'money-per-byte-time', ['$0.023/GB/month']],
      ['$0.023', 'money-per-byte-time', ['$0.023/GB/month']],
      ['$1 + $2', 'money-per-time', ['($1 + $2)/h', '($1 + $2)/month']],
    ];
    for (const [text, expect, fixes] of cases) {
      const e = oneError(text, expect, { field: 'price' });
      assert.match(e.message, /: say what it is per, e\.g\. /);
      const texts = e.fixes?.map((f) => (f.kind === 'replace' ? f.text : f.kind)) ?? [];
      assert.deepEqual(texts, fixes, text);
      for (const fix of texts) assert.deepEqual(ev(fix, expect).errors, [], fix);
    }
    // Money in a field of another dimension, and the other way round: no fix to guess.
    assert.match(oneError('$5', 'bytes', { field: 'size' }).message, /^size needs bytes \(e\.g\. `2MB`\), but `\$5` is money \(US dollars\)$/);
    assert.equal(oneError('5MB', 'money').fixes, undefined);
    assert.match(oneError('-$5', 'money', { field: 'budget' }).message, /budget cannot be negative, but `-\$5` is -\$5/);
  });

  it('is shown in dollars, a price per time per month or in the period it was written', () => {
    const shown = (value: number, dimension: string, per?: Period) => formatEvaluated({ value, dimension, per, field: 'values.x', bReadings: [], names: [], start: 0, end: 0 }, C);
    assert.equal(shown(12400, 'money'), '$12.4k');
    assert.equal(shown(0.0816 / HOUR, 'money per time'), '$58.8/month');
    // A price reads in its own period even under one dollar, as prices are quoted.
    assert.equal(shown(0.0816 / HOUR, 'money per time', 'h'), '$0.0816/h ($58.8/month)');
    assert.equal(shown(20 / MONTH, 'money per time', 'month'), '$20/month');
    assert.equal(shown(0.09 / GB, 'money per byte'), '$0.09/GB');
    assert.equal(shown(0.023 / GB / MONTH, 'money per byte × time', 'month'), '$0.023/GB/month');
    assert.equal(formatValue(150000, 'money', C), '$150k');
    assert.equal(formatQuantity(q('$0.0816/h')), '$58.8/month');
    assert.equal(formatQuantity(q('$0.023/GB/month')), '$0.023/GB/month');
    assert.equal(formatQuantity(q('$1 / 1MB')), '$1k/GB');
    assert.equal(formatQuantity(q('$1 * 1MB')), '1M USD·bytes');
  });
});
