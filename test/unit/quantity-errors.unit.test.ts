import * as assert from 'node:assert/strict';
import type { Expectation } from '../../src/core/quantity';
import { MAX_DEPTH, MAX_LENGTH } from '../../src/core/quantity';
import { ev, oneError, table } from '../support/quantity';

const SYNTAX = 'sysdesign/quantity-syntax';
const UNIT = 'sysdesign/quantity-unit';
const DIMENSION = 'sysdesign/quantity-dimension';
const RANGE = 'sysdesign/quantity-range';

describe('quantity errors: units', () => {
  it('rejects a lone m after a number, on the m, with both fixes', () => {
    for (const text of ['5m', '5 m', '10 m']) {
      const e = oneError(text, 'count');
      assert.equal(e.code, UNIT);
      assert.equal(e.covered, 'm');
      assert.equal(e.message, '`m` is ambiguous: write `M` for million or `min` for minutes');
      assert.deepEqual(e.fixes, [
        { kind: 'replace', text: 'M' },
        { kind: 'replace', text: 'min' },
      ]);
    }
    const inner = oneError('2 * (3m + 1)', 'any');
    assert.deepEqual([inner.start, inner.end], [6, 7]);
  });
  it('rejects m after / as a unit, suggesting min', () => {
    const e = oneError('30/m', 'rate');
    assert.equal(e.code, UNIT);
    assert.equal(e.covered, 'm');
    assert.deepEqual(e.fixes, [{ kind: 'replace', text: 'min' }]);
  });
  // `Gb` is gigabits and `kb` is ambiguous (both readings offered): quantity.unit's bit tests.
  const typos: Array<[string, string, string]> = [
    ['10 mb', 'mb', 'MB'],
    ['10 kib', 'kib', 'KiB'],
    ['3 Days', 'Days', 'days'],
    ['3 dys', 'dys', 'days'],
    ['5 minuts', 'minuts', 'minute'],
    ['5 MIN', 'MIN', 'min'],
    ['2 S', 'S', 's'],
    ['2 H', 'H', 'h'],
    ['1 BN', 'BN', 'bn'],
    ['1 millon', 'millon', 'million'],
    ['1 biilion', 'biilion', 'billion'],
    ['4 yeras', 'yeras', 'years'],
    ['500 QpS', 'QpS', 'qps'],
  ];
  for (const [text, word, suggestion] of typos) {
    it(`suggests ${suggestion} for ${word} in ${JSON.stringify(text)}`, () => {
      const e = oneError(text, 'any');
      assert.equal(e.code, UNIT);
      assert.equal(e.covered, word);
      assert.match(e.message, new RegExp(`did you mean \`${suggestion}\``));
      assert.deepEqual(e.fixes, [{ kind: 'replace', text: suggestion }]);
    });
  }
  it('names an unknown unit without a close match', () => {
    const e = oneError('3 parsecs', 'any');
    assert.equal(e.code, UNIT);
    assert.equal(e.covered, 'parsecs');
    assert.match(e.message, /unknown unit `parsecs`/);
    assert.equal(e.fixes, undefined);
  });
  it('does not suggest an arbitrary one-letter unit for a one-letter typo', () => {
    const e = oneError('3G', 'any');
    assert.equal(e.covered, 'G');
    assert.equal(e.fixes, undefined);
  });
  it('explains a name written after a number', () => {
    const e = oneError('2 dau', 'count', table({ dau: { value: 1, dim: { bytes: 0, time: 0 } } }));
    assert.equal(e.code, UNIT);
    assert.equal(e.covered, 'dau');
    assert.match(e.message, /write `\* dau`/);
    assert.deepEqual(e.fixes, [{ kind: 'replace', text: '* dau' }]);
  });
  it('explains x used as a multiplication sign', () => {
    const x3 = oneError('2x3', 'count');
    assert.equal(x3.covered, 'x3');
    assert.deepEqual(x3.fixes, [{ kind: 'replace', text: '* 3' }]);
    for (const text of ['2 x 3', '2 X dau', '2x']) {
      const e = oneError(text, 'count');
      assert.equal(e.covered.toLowerCase(), 'x', text);
      assert.match(e.message, /write `\*` to multiply/);
      assert.deepEqual(e.fixes, [{ kind: 'replace', text: '*' }]);
    }
  });
  it('rejects % after a unit', () => {
    const e = oneError('2MB%', 'any');
    assert.equal(e.code, UNIT);
    assert.equal(e.covered, '%');
  });
  it('rejects an unknown unit after per', () => {
    const e = oneError('10 per fortnight', 'rate');
    assert.equal(e.code, UNIT);
    assert.equal(e.covered, 'fortnight');
  });
  it('reports each bad unit', () => {
    const r = ev('2 kb + 3 mb', 'bytes');
    assert.deepEqual(
      r.errors.map((e) => [e.code, e.start, e.end]),
      [
        [UNIT, 2, 4],
        [UNIT, 9, 11],
      ],
    );
  });
});

describe('quantity errors: dimensions', () => {
  it('spans the whole binary expression for unlike dimensions', () => {
    const e = oneError('2MB + 3s', 'any');
    assert.equal(e.code, DIMENSION);
    assert.equal(e.covered, '2MB + 3s');
    assert.match(e.message, /^cannot add bytes and time/);
  });
  it('spans only the inner expression in parentheses', () => {
    const e = oneError('1 + (2MB + 3s)', 'any');
    assert.equal(e.covered, '2MB + 3s');
    assert.deepEqual([e.start, e.end], [5, 13]);
  });
  it('names both dimensions for subtraction', () => {
    const e = oneError('2MB - 3/day', 'any');
    assert.equal(e.covered, '2MB - 3/day');
    assert.match(e.message, /cannot subtract rate \(count per time\) from bytes/);
  });
  it('reports the mismatch at the operator where it happens', () => {
    const e = oneError('1 + 2 + 3MB * 2 + 4', 'any');
    assert.equal(e.covered, '1 + 2 + 3MB * 2');
    assert.match(e.message, /cannot add count and bytes/);
  });
  it('does not cascade from an inner mismatch', () => {
    const r = ev('(1MB + 1s) + 1/day', 'bytes');
    assert.equal(r.errors.length, 1);
    assert.equal(r.errors[0].start, 1);
  });
  it('reports a mismatch in each operand', () => {
    const r = ev('(1MB + 1s) * (1 + 1h)', 'any');
    assert.equal(r.errors.length, 2);
    assert.deepEqual(
      r.errors.map((e) => '(1MB + 1s) * (1 + 1h)'.slice(e.start, e.end)),
      ['1MB + 1s', '1 + 1h'],
    );
  });

  const mismatches: Array<[Expectation, string, string, RegExp]> = [
    ['bytes', 'size', '10/day', /^size needs bytes \(e\.g\. `2MB`\), but `10\/day` is a rate \(count per time\)$/],
    ['bytes', 'size', '5s', /^size needs bytes .* but `5s` is a duration$/],
    ['bytes', 'size', '200', /^size needs bytes .* but `200` is a plain number: add a unit/],
    ['count', 'dau', '2MB', /^dau needs a plain number \(e\.g\. `10M`\), but `2MB` is bytes$/],
    ['count', 'dau', '10M/day', /^dau needs a plain number .* is a rate \(count per time\)/],
    ['count', 'replication', '3s', /^replication needs a plain number .* is a duration$/],
    ['time', 'retention', '10', /^retention needs a duration .* `10` is a plain number: add a unit/],
    ['time', 'latency', '200MB', /^latency needs a duration .* is bytes$/],
    ['time', 'latency', '5/s', /^latency needs a duration .* is a rate/],
    ['rate', 'per_user', '2MB', /^per_user needs a rate \(e\.g\. `30\/day` or `500\/s`\), but `2MB` is bytes$/],
    ['rate', 'server_capacity', '2MB/s', /^server_capacity needs a rate .* is bytes per time/],
    ['rate', 'rate', '1h', /^rate needs a rate .* is a duration$/],
    ['ratio', 'availability', '5s', /^availability needs a fraction or percentage .* is a duration$/],
    ['ratio', 'cache_hot_ratio', '2GB', /^cache_hot_ratio needs a fraction or percentage .* is bytes$/],
  ];
  for (const [expect, field, text, message] of mismatches) {
    it(`${field}: ${text} does not fit ${expect}`, () => {
      const e = oneError(` ${text} `, expect, { field });
      assert.equal(e.code, DIMENSION);
      assert.equal(e.covered, text, 'the span is the whole expression without surrounding blanks');
      assert.match(e.message, message);
    });
  }
  it('suggests /day and /s for a plain count in a rate', () => {
    const e = oneError('30', 'rate', { field: 'per_user' });
    assert.equal(e.code, DIMENSION);
    assert.match(e.message, /write `30\/day` or `30\/s`/);
    assert.deepEqual(e.fixes, [
      { kind: 'replace', text: '30/day' },
      { kind: 'replace', text: '30/s' },
    ]);
    const f = oneError('2 * 15', 'rate', { field: 'per_user' });
    assert.deepEqual(f.fixes?.[0], { kind: 'replace', text: '(2 * 15)/day' });
  });
  it('suggests the units of the field, and every suggestion parses to that number in that unit (issue #15)', () => {
    const DAY = 86400;
    const cases: Array<[field: string, expect: Expectation, shown: string[], perUnit: number[]]> = [
      ['retention', 'time', ['5 days', '5 years'], [DAY, 365 * DAY]],
      ['latency', 'time', ['5ms', '5s'], [0.001, 1]],
      ['latency.view-feed', 'time', ['5ms', '5s'], [0.001, 1]],
      ['size', 'bytes', ['5 bytes', '5KB'], [1, 1000]],
      ['storage_capacity', 'bytes', ['5GB', '5TB'], [1e9, 1e12]],
      ['per_user', 'rate', ['5/day', '5/s'], [1 / DAY, 1]],
      ['capacity', 'rate', ['5/s', '5/day'], [1, 1 / DAY]],
    ];
    const lookup = (name: string) => (name === 'x' ? { value: 5, dim: { bytes: 0, time: 0 } } : undefined);
    for (const [field, expect, shown, perUnit] of cases) {
      const e = oneError('5', expect, { field });
      assert.deepEqual(
        e.fixes?.map((f) => (f.kind === 'replace' ? f.text : f.kind)),
        shown,
        field,
      );
      for (const source of ['5', 'x', '2 + 3']) {
        const fixes = ev(source, expect, { field, lookup }).errors[0]?.fixes ?? [];
        assert.equal(fixes.length, perUnit.length, `${field}: ${source}`);
        fixes.forEach((fix, i) => {
          assert.equal(fix.kind, 'replace');
          const text = fix.kind === 'replace' ? fix.text : '';
          const applied = ev(text, expect, { field, lookup });
          assert.deepEqual(applied.errors, [], `${field}: ${JSON.stringify(text)} parses`);
          assert.ok(Math.abs((applied.quantity?.value ?? NaN) - 5 * perUnit[i]) <= 1e-9 * 5 * perUnit[i], `${field}: ${text} is 5 x ${perUnit[i]}`);
        });
      }
    }
    assert.match(oneError('5', 'time', { field: 'retention' }).message, /add a unit, e\.g\. `5 days` or `5 years`/);
  });
  it('uses a neutral field name when none is given', () => {
    assert.match(oneError('10/day', 'bytes').message, /^this value needs bytes/);
  });
  it('accepts a bare zero in any field', () => {
    for (const expect of ['bytes', 'time', 'rate', 'count', 'ratio'] as Expectation[]) {
      const r = ev('0', expect);
      assert.deepEqual(r.errors, [], expect);
      assert.equal(r.quantity?.value, 0);
    }
    assert.deepEqual(ev('0', 'bytes').quantity?.dim, { bytes: 1, time: 0 });
  });
  it('does not check `any`', () => {
    for (const text of ['2MB * 3s', '1/MB', '10/day', '-5', '150%']) assert.deepEqual(ev(text, 'any').errors, [], text);
  });
});

describe('quantity errors: ranges', () => {
  it('rejects a ratio above 1 with the percent fix', () => {
    const e = oneError('99.9', 'ratio', { field: 'availability' });
    assert.equal(e.code, RANGE);
    assert.equal(e.covered, '99.9');
    assert.match(e.message, /^availability must be between 0 and 1/);
    assert.match(e.message, /write `99\.9%` or `0\.999`/);
    assert.deepEqual(e.fixes, [
      { kind: 'replace', text: '99.9%' },
      { kind: 'replace', text: '0.999' },
    ]);
  });
  it('rejects other ratios out of range', () => {
    for (const text of ['150%', '-1%', '1000', '2 * 60%']) {
      const e = oneError(text, 'ratio', { field: 'durability' });
      assert.equal(e.code, RANGE, text);
      assert.equal(e.covered, text);
      assert.match(e.message, /write e\.g\. `99\.9%` or `0\.999`/);
    }
  });
  it('rejects negative counts, sizes, durations and rates', () => {
    const cases: Array<[Expectation, string]> = [
      ['count', '-5'],
      ['bytes', '-2MB'],
      ['bytes', '1MB - 2MB'],
      ['time', '-1s'],
      ['rate', '-3/s'],
    ];
    for (const [expect, text] of cases) {
      const e = oneError(text, expect, { field: 'f' });
      assert.equal(e.code, RANGE, text);
      assert.equal(e.covered, text);
      assert.match(e.message, /^f cannot be negative/);
    }
  });
  it('rejects numbers too large to represent, on the number', () => {
    const e = oneError('2 + 1e999', 'count');
    assert.equal(e.code, RANGE);
    assert.equal(e.covered, '1e999');
    const f = oneError('1e308 k', 'count');
    assert.equal(f.code, RANGE);
    assert.equal(f.covered, '1e308 k');
  });
  it('rejects results too large to represent, on the operation', () => {
    const e = oneError('1 + 1e300 * 1e300', 'count');
    assert.equal(e.code, RANGE);
    assert.equal(e.covered, '1e300 * 1e300');
  });
  it('rejects division by zero, on the divisor', () => {
    const e = oneError('10 / 0', 'count');
    assert.equal(e.code, RANGE);
    assert.equal(e.covered, '0');
    assert.match(e.message, /division by zero/);
    const f = oneError('10 / (2 - 2)', 'count');
    assert.equal(f.covered, '(2 - 2)');
    assert.match(f.message, /`\(2 - 2\)` is 0/);
  });
  it('accepts tiny numbers that underflow to zero', () => {
    assert.deepEqual(ev('1e-400', 'count').errors, []);
  });
});

describe('quantity errors: syntax', () => {
  const cases: Array<[string, string, RegExp?]> = [
    // [text, covered text, message]
    ['2 +', '+', /expected a number or name after `\+`/],
    ['2 *', '*', /after `\*`/],
    ['* 2', '*', /expected a number or name before `\*`/],
    ['2 + * 3', '*', /between `\+` and `\*`/],
    ['2 2', '2', /missing operator before `2`/],
    ['2MB 3', '3', /missing operator/],
    ['2 (3)', '(', /missing operator/],
    ['dau dau', 'dau', /missing operator/],
    ['((', '(', /never closed/],
    ['(1 + 2', '(', /never closed/],
    ['1 + 2)', ')', /no matching `\(`/],
    ['()', '()', /empty parentheses/],
    ['(1 +)', ')', /before `\)`/],
    ['%', '%', /`%` must directly follow a plain number/],
    ['(1)%', '%', /`%` must directly follow a plain number/],
    ['per day', 'per', /`per` needs a number before it/],
    ['10 per', 'per', /`per` needs a unit of time/],
    ['10 per 5', 'per 5', /`per` needs a unit of time/],
    ['(2 + 3) MB', 'MB', /a unit must directly follow a number/],
    ['2 MB KB', 'KB', /a number takes one unit/],
    ['1,5', ',', /thousands/],
    ['1,0000', ',', /three digits/],
    ['1, 2', ',', /thousands/],
    ['2 × 3', '×', /write `\*` to multiply/],
    ['2 ÷ 3', '÷', /write `\/` to divide/],
    ['5 − 3', '−', /plain hyphen/],
    ['2^3', '^', /powers are not supported/],
    ['2 . 3', '.', /decimal point/],
    ['€5', '€', /only US dollars are supported: write `\$` before the number or `USD` after it/],
    ['$', '$', /must directly precede a number/],
    ['"5"', '"', /quotes/],
    ['2 & 3', '&', /unexpected character `&`/],
  ];
  for (const [text, covered, message] of cases) {
    it(`${JSON.stringify(text)}: error on ${JSON.stringify(covered)}`, () => {
      const r = ev(text, 'any');
      assert.equal(r.quantity, null);
      assert.ok(r.errors.length >= 1);
      const e = r.errors[0];
      assert.equal(e.code, SYNTAX);
      assert.equal(text.slice(e.start, e.end), covered);
      if (message) assert.match(e.message, message);
    });
  }
  it('offers fixes for look-alike characters and decimal commas', () => {
    assert.deepEqual(oneError('2 × 3').fixes, [{ kind: 'replace', text: '*' }]);
    assert.deepEqual(oneError('1,5').fixes, [{ kind: 'replace', text: '.' }]);
    assert.deepEqual(oneError('(2 + 3) MB').fixes, [{ kind: 'replace', text: '* 1MB' }]);
  });
  it('names invisible characters by code point', () => {
    const e = oneError('2\u200b+ 3');
    assert.match(e.message, /U\+200B/);
    assert.deepEqual([e.start, e.end], [1, 2]);
  });
  it('spans a whole astral character', () => {
    const e = oneError('2 😀 3');
    assert.deepEqual([e.start, e.end], [2, 4]);
  });
  it('accepts non-breaking and other unicode spaces', () => {
    assert.equal(ev('2\u00a0MB', 'bytes').quantity?.value, 2e6);
  });
  it('reports every stray character', () => {
    const r = ev('2 @ 3 # 4', 'any');
    assert.deepEqual(
      r.errors.map((e) => [e.start, e.end]),
      [
        [2, 3],
        [6, 7],
      ],
    );
  });
  it('says what an empty field needs', () => {
    for (const text of ['', '   ', '\n']) {
      const e = oneError(text, 'bytes', { field: 'size' });
      assert.equal(e.code, SYNTAX);
      assert.match(e.message, /^size needs a value, e\.g\. `2MB`/);
      assert.deepEqual([e.start, e.end], [0, text.length]);
    }
  });
  it('rejects only operators', () => {
    for (const text of ['+', '-', '*', '/', '+-*/', '- -', '((()))']) {
      const r = ev(text, 'any');
      assert.equal(r.quantity, null, text);
      assert.ok(r.errors.length >= 1, text);
    }
  });
});

describe('quantity errors: pathological input', () => {
  it('rejects an expression over the length limit with one error', () => {
    const text = '1 + '.repeat(200) + '1';
    assert.ok(text.length > MAX_LENGTH);
    const r = ev(text, 'count');
    assert.equal(r.errors.length, 1);
    assert.equal(r.errors[0].code, SYNTAX);
    assert.deepEqual([r.errors[0].start, r.errors[0].end], [0, text.length]);
    assert.match(r.errors[0].message, /too long/);
  });
  it('accepts an expression at the length limit', () => {
    const text = '1+'.repeat(MAX_LENGTH / 2 - 1) + '11';
    assert.equal(text.length, MAX_LENGTH);
    assert.equal(ev(text, 'count').quantity?.value, MAX_LENGTH / 2 - 1 + 11);
  });
  it('accepts nesting up to the limit and rejects deeper nesting with one error', () => {
    const ok = '('.repeat(MAX_DEPTH) + '1' + ')'.repeat(MAX_DEPTH);
    assert.equal(ev(ok, 'count').quantity?.value, 1);
    const deep = '('.repeat(MAX_DEPTH + 1) + '1' + ')'.repeat(MAX_DEPTH + 1);
    const e = oneError(deep, 'count');
    assert.equal(e.code, SYNTAX);
    assert.match(e.message, /nested too deeply/);
    assert.deepEqual([e.start, e.end], [MAX_DEPTH, MAX_DEPTH + 1]);
  });
  it('survives deep nesting and long operator chains within the length limit', () => {
    const inputs = [
      '('.repeat(499),
      ')'.repeat(499),
      '-'.repeat(499) + '1',
      '-'.repeat(500),
      '1' + '*1'.repeat(249),
      '1' + '/1'.repeat(249),
      '('.repeat(250) + ')'.repeat(250),
      '1e'.repeat(250),
      '9'.repeat(400),
      ','.repeat(500),
      '%'.repeat(500),
      'per '.repeat(125),
      '1 per '.repeat(83),
    ];
    for (const text of inputs) {
      const r = ev(text, 'count');
      assert.ok(r.quantity !== null || r.errors.length > 0, text);
    }
    assert.equal(ev('-'.repeat(498) + '1', 'any').quantity?.value, 1);
  });
  it('survives huge input without throwing', () => {
    const text = '('.repeat(100000);
    const r = ev(text, 'count');
    assert.equal(r.errors.length, 1);
  });
  it('survives lone surrogates and control characters', () => {
    for (const text of ['\ud800', '2\udc00', '\u0000', '1\u0007+2', '1\u200b']) {
      const r = ev(text, 'count');
      assert.ok(r.errors.length >= 1, JSON.stringify(text));
      for (const e of r.errors) assert.ok(e.start >= 0 && e.end <= text.length && e.start < e.end);
    }
  });
  it('survives a throwing lookup', () => {
    const r = ev('x', 'count', {
      lookup: () => {
        throw new Error('boom');
      },
    });
    assert.equal(r.quantity, null);
    assert.equal(r.errors.length, 1);
  });
});
