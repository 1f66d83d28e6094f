import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyseText } from '../../src/core/analyse';
import type { Analysis } from '../../src/core/types';

const example = readFileSync(path.join(__dirname, '..', 'fixtures', 'spec-example.sysdesign.yaml'), 'utf8');

/** What must hold for the analysis of any text whatsoever. */
function assertSound(text: string, a: Analysis): void {
  for (const p of a.problems) {
    assert.notEqual(p.code, 'sysdesign/internal-error', `${p.message}\n--- input ---\n${text}`);
    assert.ok(p.start >= 0 && p.start <= p.end && p.end <= text.length, `span ${p.start}-${p.end} outside the text (${p.code})`);
    assert.ok(p.message.length > 0);
  }
  for (const value of Object.values(a.estimate.totals)) assert.ok(value === null || Number.isFinite(value) || value === Infinity);
  JSON.stringify(a.estimate);
}

/** An edit of the example: a slice replaced by a short string of YAML-ish characters. */
const edits = fc.tuple(
  fc.nat({ max: example.length }),
  fc.nat({ max: 40 }),
  fc.string({ unit: fc.constantFrom(...' \n\t-:#&*!|>[]{},"\'?%@`abcXYZ0129._/~\u00e9\u2028'.split('')), maxLength: 12 }),
);

describe('robustness: any edit of a valid design analyses soundly', () => {
  it('random edits of the spec example never throw, never report an internal error, keep spans inside the text', function () {
    this.timeout(60000);
    fc.assert(
      fc.property(fc.array(edits, { minLength: 1, maxLength: 4 }), (changes) => {
        let text = example;
        for (const [at, length, insert] of changes) {
          const start = Math.min(at, text.length);
          text = text.slice(0, start) + insert + text.slice(Math.min(text.length, start + length));
        }
        const started = performance.now();
        const a = analyseText(text);
        assert.ok(performance.now() - started < 2000, 'one analysis took over 2 s');
        assertSound(text, a);
      }),
      { numRuns: 300, seed: 20261125 },
    );
  });

  it('arbitrary short texts analyse soundly', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => assertSound(text, analyseText(text))),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe('robustness: huge lists under the size cap', () => {
  it('a list of 80,000 items gives at most 200 problems of one code, then one note of how many more', function () {
    this.timeout(30_000);
    const text = `sysdesign: 1\nname: x\ncomponents: [${Array.from({ length: 80_000 }, () => '{id: a}').join(', ')}]\n`;
    const a = analyseText(text);
    assertSound(text, a);
    const byCode = new Map<string, number>();
    for (const p of a.problems) byCode.set(p.code, (byCode.get(p.code) ?? 0) + 1);
    assert.equal(byCode.get('sysdesign/too-many-items'), 1, 'the schema says the list is too long');
    // The model reads the first 5,000 items (MAX_LIST_ITEMS): 4,999 duplicates of `a`, and 5,000 missing kinds.
    assert.equal(byCode.get('sysdesign/duplicate-id'), 201);
    const notes = a.problems.filter((p) => / more `sysdesign\/duplicate-id` problems from here on are not shown/.test(p.message));
    assert.equal(notes.length, 1);
    assert.match(notes[0].message, /^4,799 more `sysdesign\/duplicate-id` problems/);
    const duplicates = a.problems.filter((p) => p.code === 'sysdesign/duplicate-id');
    assert.equal(duplicates[200], notes[0], 'the note comes after the 200 shown, on the next one');
    assert.ok(duplicates[199].start < notes[0].start);
  });

  it('reads at most 5,000 items of a list into the model', () => {
    const text = `sysdesign: 1\nname: x\ncomponents: [${Array.from({ length: 6_000 }, (_, i) => `{id: c${i}, kind: service}`).join(', ')}]\n`;
    const a = analyseText(text);
    assert.equal(a.design.components.length, 5_000);
    assert.deepEqual(
      a.problems.map((p) => p.code),
      ['sysdesign/too-many-items'],
    );
  });
});
