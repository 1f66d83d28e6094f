/**
 * What an analyzer keeps between versions to evaluate quantities faster (see the class).
 * Split from `quantities.ts`, which evaluates the fields; this file only remembers.
 */
import { describeDimension, type Expectation, type QuantityResult } from './quantity';
import type { Syntax, SyntaxCache } from './quantity/evaluate';
import type { Conventions } from './types';

/**
 * What an analyzer keeps between versions to evaluate quantities faster:
 *
 * - Evaluations of expressions that use no names and have no errors. Such a result
 *   depends only on the text, what the field expects and the conventions: names are
 *   looked up only for names, and the field's name and the known names appear only in
 *   error messages. Found by the expression text (the model hands out the same string for
 *   an unchanged field, so a lookup does not hash a new string), then by expectation and
 *   conventions.
 * - The tokens and tree of every expression text (`SyntaxCache`), for the others.
 *
 * Memory follows the document: syntax not used during a whole analysis is dropped at the
 * next one, and evaluations not used for two analyses are swept out once they outnumber
 * the ones in use.
 */
export class QuantityCache implements SyntaxCache {
  private readonly byText = new Map<string, CachedEvaluation>();
  private generation = 0;
  private usedNow = 0;
  private usedBefore = 0;
  private syntaxNow = new Map<string, Syntax>();
  private syntaxBefore = new Map<string, Syntax>();

  /** Starts an analysis. */
  nextGeneration(): void {
    this.usedBefore = this.usedNow;
    this.usedNow = 0;
    this.generation++;
    if (this.byText.size > 2 * this.usedBefore + 1000) this.sweep();
    this.syntaxBefore = this.syntaxNow;
    this.syntaxNow = new Map();
  }

  /** The evaluation of `text` for a field expecting `expect` under the conventions named by `conventions`. */
  evaluate(text: string, expect: Expectation, conventions: string, evaluate: () => QuantityResult): { result: QuantityResult; dimension?: string } {
    const first = this.byText.get(text);
    for (let entry = first; entry !== undefined; entry = entry.next) {
      if (entry.expect !== expect || entry.conventions !== conventions) continue;
      if (entry.used !== this.generation) this.usedNow++;
      entry.used = this.generation;
      return entry;
    }
    const result = evaluate();
    if (result.errors.length > 0 || result.names.length > 0) return { result };
    const dimension = result.quantity ? describeDimension(result.quantity.dim) : '';
    this.byText.set(text, { expect, conventions, result, dimension, used: this.generation, next: first });
    this.usedNow++;
    return { result, dimension };
  }

  get(text: string): Syntax | undefined {
    let syntax = this.syntaxNow.get(text);
    if (syntax === undefined) {
      syntax = this.syntaxBefore.get(text);
      if (syntax !== undefined) this.syntaxNow.set(text, syntax);
    }
    return syntax;
  }

  set(text: string, syntax: Syntax): void {
    this.syntaxNow.set(text, syntax);
  }

  /** Drops the evaluations not used during this analysis or the one before. */
  private sweep(): void {
    for (const [text, first] of this.byText) {
      let kept: CachedEvaluation | undefined;
      for (let entry: CachedEvaluation | undefined = first; entry !== undefined; entry = entry.next) {
        if (entry.used >= this.generation - 1) kept = { ...entry, next: kept };
      }
      if (kept) this.byText.set(text, kept);
      else this.byText.delete(text);
    }
  }
}

interface CachedEvaluation {
  expect: Expectation;
  conventions: string;
  result: QuantityResult;
  /** `describeDimension` of the result. */
  dimension: string;
  /** The generation of the last analysis that used it. */
  used: number;
  /** Another evaluation of the same text. */
  next: CachedEvaluation | undefined;
}

/** The conventions as a cache key: every field evaluation may read. */
export function conventionsKey(c: Conventions): string {
  return `${c.seconds_per_day}/${c.days_per_month}/${c.days_per_year}/${c.peak_factor}/${c.target_utilisation}`;
}
