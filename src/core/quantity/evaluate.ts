/**
 * Evaluation of quantity expressions: units and magnitudes, dimensions, names through
 * a caller's lookup, and the check against what the field expects (`expectation.ts`).
 * Never throws: every problem is an error on the smallest exact span of the expression
 * text (`errors.ts`).
 */

import type { Conventions, Ident, ProblemCode, ProblemFix } from '../types';
import { closest } from '../suggest';
import type { Dimension, Quantity } from './dimension';
import {
  ALL_UNIT_WORDS,
  COUNT,
  combinedPeriod,
  combinedReading,
  MAGNITUDES,
  MONEY,
  MONEY_UNITS,
  SIZE_UNITS,
  TIME_UNITS,
  dim,
  dimensionPhrase,
  describeDimension,
  divideDimensions,
  isCount,
  isDivisorUnit,
  moneyOf,
  multiplyDimensions,
  periodOf,
  sameDimension,
  saneConventions,
  unitQuantity,
} from './dimension';
import type { LexResult, Token } from './lexer';
import { lex } from './lexer';
import type { Node, ParseResult, WordToken } from './parser';
import { MAX_LENGTH, parse } from './parser';
import { QUANTITY_CODES, quote, type QuantityError } from './errors';
import { EXAMPLE, checkExpectation, type Expectation } from './expectation';

/** Where a `B` was read, and as what. */
export interface BReading {
  start: number;
  end: number;
  meaning: 'bytes' | 'billion';
  /** Where no dimension is expected and the whole expression is a bare `<number>B` (`100B`), which could be read either way: its span. */
  literal?: { start: number; end: number };
}

export interface EvaluateOptions {
  expect: Expectation;
  /** The field's name for messages, e.g. `size`. */
  field?: string;
  conventions: Conventions;
  /**
   * Resolve a name: a quantity, `null` when the name is known but has no value (no
   * error, the result is null), or `undefined` when the name is unknown.
   */
  lookup?: (name: string) => Quantity | null | undefined;
  /** Names offered as "did you mean" for unknown ones. */
  knownNames?: Iterable<string>;
  /**
   * Where the tokens and tree of expression texts are kept between evaluations (a caching
   * hook for an analyzer that evaluates the same texts version after version). What it
   * holds is never modified by an evaluation.
   */
  syntax?: SyntaxCache;
}

/** The tokens and tree of one expression text: a pure function of the text. */
export interface Syntax {
  lexed: LexResult;
  /** Undefined when the text has lexical errors (it is not parsed then). */
  parsed: ParseResult | undefined;
}

export interface SyntaxCache {
  get(text: string): Syntax | undefined;
  set(text: string, syntax: Syntax): void;
}

export interface QuantityResult {
  /** Null when there are errors, or when a referenced name has no value. */
  quantity: Quantity | null;
  errors: QuantityError[];
  bReadings: BReading[];
  /** Every identifier in name position, in order of appearance. */
  names: Ident[];
}

/** Identifiers in name position, without evaluating. Never throws. */
export function referencedNames(text: string): Ident[] {
  try {
    return namesOf(lex(text).tokens);
  } catch {
    return [];
  }
}

function namesOf(tokens: readonly Token[]): Ident[] {
  const names: Ident[] = [];
  for (const t of tokens) {
    if (t.kind === 'word' && t.role === 'name') names.push({ name: t.text, start: t.start, end: t.end });
  }
  return names;
}

/**
 * Unit suggestion: short words only match ignoring case (`kb` -> `KB`), since one edit
 * away from a one-letter unit is every other one-letter unit.
 */
function suggestUnit(word: string, candidates: readonly string[]): string | undefined {
  if (word.length <= 2) {
    const lower = word.toLowerCase();
    return candidates.find((c) => c !== word && c.toLowerCase() === lower);
  }
  return closest(word, candidates);
}

const DIVISOR_UNIT_WORDS: readonly string[] = [...TIME_UNITS.keys(), ...SIZE_UNITS.keys()];
/** Units suggested for a misspelt word after `/`: whole words read better than `d` or `w`. */
const DIVISOR_SUGGESTIONS: readonly string[] = DIVISOR_UNIT_WORDS.filter((w) => w.length > 1 || w === 's');

/** What may follow a dollar amount: a magnitude (`$1.5k`), suggested for a misspelt one. */
const MAGNITUDE_WORDS: readonly string[] = [...MAGNITUDES.keys()];

/** Evaluate `text` for a field. Never throws. */
export function evaluateQuantity(text: string, options: EvaluateOptions): QuantityResult {
  const result: QuantityResult = { quantity: null, errors: [], bReadings: [], names: [] };
  try {
    evaluateInto(text, options, result);
  } catch (e) {
    // Only a bug can get here; report it rather than break the caller.
    result.quantity = null;
    result.errors.push({
      code: QUANTITY_CODES.syntax,
      message: `cannot evaluate this expression (${String(e)})`,
      start: 0,
      end: text.length,
    });
  }
  return result;
}

function evaluateInto(text: string, options: EvaluateOptions, result: QuantityResult): void {
  const errors = result.errors;
  const error = (code: ProblemCode, message: string, start: number, end: number, fixes?: ProblemFix[]): null => {
    errors.push(fixes === undefined || fixes.length === 0 ? { code, message, start, end } : { code, message, start, end, fixes });
    return null;
  };
  const field = options.field ?? 'this value';
  const expect = options.expect;

  if (text.length > MAX_LENGTH) {
    error(QUANTITY_CODES.syntax, `expression is too long (${text.length} characters; the limit is ${MAX_LENGTH}): name parts of it in \`values\``, 0, text.length);
    return;
  }

  let syntax = options.syntax?.get(text);
  if (syntax === undefined) {
    const lexed = lex(text);
    syntax = { lexed, parsed: lexed.errors.length > 0 ? undefined : parse(text, lexed.tokens) };
    options.syntax?.set(text, syntax);
  }
  const { lexed, parsed } = syntax;
  const tokens = lexed.tokens;
  result.names = namesOf(tokens);
  if (lexed.errors.length > 0 || parsed === undefined) {
    for (const e of lexed.errors) error(QUANTITY_CODES.syntax, e.message, e.start, e.end, e.fixes);
    return;
  }
  if (parsed.error !== null || parsed.node === null) {
    // A copy: the message depends on the field, and the parse result may be cached.
    const e = { ...(parsed.error ?? { message: 'expected a value', start: 0, end: text.length }) };
    if (tokens.length === 0) e.message = `${field} needs a value, e.g. ${EXAMPLE[expect]}`;
    error(QUANTITY_CODES.syntax, e.message, e.start, e.end, e.fixes);
    return;
  }

  const conventions = saneConventions(options.conventions);
  // Known names serve only lookups without `options.lookup` and error messages: built on
  // first use, since a design passes all its names to each of its expressions (building
  // them every time made evaluating a design quadratic in its number of values).
  let knownList: string[] | undefined;
  let knownSet: Set<string> | undefined;
  const knownNames = (): string[] => (knownList ??= options.knownNames === undefined ? [] : [...options.knownNames]);
  const known = (): Set<string> => (knownSet ??= new Set(knownNames()));
  // Names written right after `/`: a misspelt unit there (`/dy`) is suggested as a unit.
  const afterSlash = new Set<number>();
  for (let k = 1; k < tokens.length; k++) {
    const t = tokens[k];
    const p = tokens[k - 1];
    if (t.kind === 'word' && t.role === 'name' && p.kind === 'op' && p.text === '/') afterSlash.add(t.start);
  }

  const lookup = (name: string): Quantity | null | undefined => {
    if (options.lookup !== undefined) return options.lookup(name);
    return known().has(name) ? null : undefined;
  };

  const slice = (n: { start: number; end: number }): string => text.slice(n.start, n.end);

  const unknownUnit = (w: WordToken, candidates: readonly string[], what: string): null => {
    if (w.text === 'm') {
      return what === 'number'
        ? error(QUANTITY_CODES.unit, '`m` is ambiguous: write `M` for million or `min` for minutes', w.start, w.end, [
            { kind: 'replace', text: 'M' },
            { kind: 'replace', text: 'min' },
          ])
        : error(QUANTITY_CODES.unit, '`m` is ambiguous: write `min` for minutes', w.start, w.end, [{ kind: 'replace', text: 'min' }]);
    }
    if (what === 'number' && w.text === 'kb') {
      return error(QUANTITY_CODES.unit, '`kb` is ambiguous: write `KB` for kilobytes or `Kb` for kilobits (8 to a byte)', w.start, w.end, [
        { kind: 'replace', text: 'KB' },
        { kind: 'replace', text: 'Kb' },
      ]);
    }
    if (what === 'number' && (w.text === 'x' || w.text === 'X')) {
      return error(QUANTITY_CODES.unit, `\`${w.text}\` is not a unit: write \`*\` to multiply`, w.start, w.end, [{ kind: 'replace', text: '*' }]);
    }
    const times = /^[xX](\d+)$/.exec(w.text);
    if (what === 'number' && times !== null) {
      return error(QUANTITY_CODES.unit, `\`${w.text}\` is not a unit: write \`*\` to multiply`, w.start, w.end, [{ kind: 'replace', text: `* ${times[1]}` }]);
    }
    if (what === 'number' && known().has(w.text)) {
      return error(QUANTITY_CODES.unit, `\`${w.text}\` is not a unit: to multiply by the value \`${w.text}\`, write \`* ${w.text}\``, w.start, w.end, [
        { kind: 'replace', text: `* ${w.text}` },
      ]);
    }
    const suggestion = suggestUnit(w.text, candidates);
    if (suggestion !== undefined) {
      return error(QUANTITY_CODES.unit, `unknown unit \`${w.text}\`; did you mean \`${suggestion}\`?`, w.start, w.end, [{ kind: 'replace', text: suggestion }]);
    }
    const examples = what === 'number' ? '`k`, `M`, `KB`, `MB`, `ms`, `s`, `min`, `h`, `day`, `y` or `%`' : '`s`, `min`, `h`, `day`, `month` or `year`';
    return error(QUANTITY_CODES.unit, `unknown unit \`${w.text}\`: use e.g. ${examples}`, w.start, w.end);
  };

  /** A unit word as a quantity of one, recording how a `B` was read. */
  const unitOf = (w: WordToken): Quantity | null => {
    const q = unitQuantity(w.text, conventions);
    if (q === undefined) return null;
    if (w.text === 'B') result.bReadings.push({ start: w.start, end: w.end, meaning: 'bytes' });
    return q;
  };

  /** A word after a dollar amount that is not its one magnitude (`$5 MB`, `$5 USD`, `$5m`). */
  const notAfterDollars = (node: Extract<Node, { kind: 'literal' }>, k: number): null => {
    const w = node.suffixes[k];
    if (MONEY_UNITS.has(w.text)) {
      return error(QUANTITY_CODES.unit, `\`$\` and \`${w.text}\` both say US dollars: write one of them`, w.start, w.end);
    }
    if (w.text === 'm') {
      return error(QUANTITY_CODES.unit, '`m` is ambiguous: write `M` for a million dollars', w.start, w.end, [{ kind: 'replace', text: 'M' }]);
    }
    const amount = text.slice(node.start, k === 0 ? node.number.end : node.suffixes[k - 1].end);
    if (isDivisorUnit(w.text)) {
      // A unit after a price is nearly always what the price is per.
      return error(QUANTITY_CODES.unit, `a dollar amount takes no unit: for a price per ${w.text}, write \`${amount}/${w.text}\``, node.start, w.end, [
        { kind: 'replace', text: `${amount}/${w.text}` },
      ]);
    }
    const unknown = unitQuantity(w.text, conventions) === undefined;
    const suggestion = unknown ? suggestUnit(w.text, MAGNITUDE_WORDS) : undefined;
    if (suggestion !== undefined) {
      return error(QUANTITY_CODES.unit, `unknown magnitude \`${w.text}\`; did you mean \`${suggestion}\`?`, w.start, w.end, [{ kind: 'replace', text: suggestion }]);
    }
    // `$5 x`, `$5 users`: the usual advice to multiply.
    if (k === 0 && unknown && (known().has(w.text) || /^[xX]\d*$/.test(w.text))) return unknownUnit(w, MAGNITUDE_WORDS, 'number');
    return error(QUANTITY_CODES.unit, `a dollar amount takes at most a magnitude, as in \`$1.5k\` or \`$2M\`, not \`${w.text}\``, w.start, w.end);
  };

  const literal = (node: Extract<Node, { kind: 'literal' }>): Quantity | null => {
    const numberToken = node.number;
    const dollars = node.dollar !== undefined;
    if (dollars) {
      const bad = node.suffixes.findIndex((w, k) => k > 0 || !MAGNITUDES.has(w.text));
      if (bad >= 0) return notAfterDollars(node, bad);
      if (node.percent) return error(QUANTITY_CODES.unit, '`%` applies to plain numbers, not to dollar amounts', node.end - 1, node.end);
    }
    if (!Number.isFinite(numberToken.value)) {
      return error(QUANTITY_CODES.range, `${quote(numberToken.text)} is too large to be a number`, numberToken.start, numberToken.end);
    }
    // Powers of ten are applied to the decimal exponent, so `1.1M` is exactly 1100000
    // and `99.99%` exactly 0.9999; other factors (KiB, minutes, days) multiply.
    let shift = 0;
    let factor = 1;
    const scale = (f: number): void => {
      const k = Math.round(Math.log10(f));
      if (10 ** k === f) shift += k;
      else factor *= f;
    };
    let d: Dimension = COUNT;
    const [first, second] = node.suffixes;
    if (first !== undefined) {
      // `$1B` is a billion dollars wherever it is.
      const bytesB = first.text === 'B' && second === undefined && expect === 'bytes' && !dollars;
      if (bytesB) {
        result.bReadings.push({ start: first.start, end: first.end, meaning: 'bytes' });
      } else if (first.text === 'B') {
        const reading: BReading = { start: first.start, end: first.end, meaning: 'billion' };
        // Ambiguous only where no dimension is expected, and only as the whole value (`100B`):
        // `15B/month` is a rate either way it is read.
        if (expect === 'any' && second === undefined && !node.percent && !dollars && node === parsed.node) reading.literal = { start: node.start, end: node.end };
        result.bReadings.push(reading);
      }
      const magnitude = MAGNITUDES.get(first.text);
      if (magnitude !== undefined && !bytesB) {
        scale(magnitude);
      } else {
        const q = first.text === 'B' ? { value: 1, dim: dim(1, 0) } : unitQuantity(first.text, conventions);
        if (q === undefined) return unknownUnit(first, ALL_UNIT_WORDS, 'number');
        scale(q.value);
        d = q.dim;
      }
      if (second !== undefined) {
        const q = unitOf(second);
        if (q === null) return unknownUnit(second, ALL_UNIT_WORDS, 'number');
        scale(q.value);
        d = q.dim;
      }
    }
    if (node.percent) {
      if (!isCount(d)) {
        return error(QUANTITY_CODES.unit, '`%` applies to plain numbers, not to units', node.end - 1, node.end);
      }
      shift -= 2;
    }
    const [mantissa, exponent] = numberToken.digits.split(/e/i);
    const value = Number(`${mantissa}e${Number(exponent ?? 0) + shift}`) * factor;
    if (!Number.isFinite(value)) {
      return error(QUANTITY_CODES.range, `${quote(slice(node))} is too large to compute`, node.start, node.end);
    }
    if (dollars) return { value, dim: MONEY };
    if (node.percent) return { value, dim: d, reads: 'percent' };
    return node.suffixes.length === 0 ? { value, dim: d, reads: 'plain' } : { value, dim: d };
  };

  /**
   * `ceil`, `floor`, `round` of one plain number (`ceil(x / 2TB)` instances), `min` and
   * `max` of two or more values of one dimension. Rounding a size or a duration would
   * round its base unit (bytes, seconds), which is rarely what was meant: divide first.
   */
  const call = (node: Extract<Node, { kind: 'call' }>): Quantity | null => {
    const args = node.args.map(evaluate);
    const rounding = node.name === 'ceil' || node.name === 'floor' || node.name === 'round';
    if (rounding && node.args.length !== 1) {
      return error(QUANTITY_CODES.syntax, `\`${node.name}\` takes one value, as in \`${node.name}(x / 2TB)\``, node.start, node.end);
    }
    if (!rounding && node.args.length < 2) {
      return error(QUANTITY_CODES.syntax, `\`${node.name}\` takes two or more values, as in \`${node.name}(a, b)\``, node.start, node.end);
    }
    if (args.some((q) => q === null)) return null;
    const values = args as Quantity[];
    if (rounding) {
      const [q] = values;
      if (!isCount(q.dim)) {
        const arg = node.args[0];
        return error(
          QUANTITY_CODES.dimension,
          `\`${node.name}\` rounds plain numbers, but ${quote(slice(arg))} is ${dimensionPhrase(q.dim)}: divide it by a unit first, as in \`${node.name}(x / 1GB)\``,
          arg.start,
          arg.end,
        );
      }
      const value = node.name === 'ceil' ? Math.ceil(q.value) : node.name === 'floor' ? Math.floor(q.value) : Math.round(q.value);
      const rounded: Quantity = { value, dim: q.dim };
      if (q.reads !== undefined) rounded.reads = q.reads;
      return rounded;
    }
    const first = values[0];
    for (let k = 1; k < values.length; k++) {
      if (!sameDimension(first.dim, values[k].dim)) {
        const a = node.args[0];
        const b = node.args[k];
        return error(
          QUANTITY_CODES.dimension,
          `\`${node.name}\` compares values of one dimension: ${quote(slice(a))} is ${dimensionPhrase(first.dim)} but ${quote(slice(b))} is ${dimensionPhrase(values[k].dim)}`,
          b.start,
          b.end,
        );
      }
    }
    const pick = values.reduce((best, q) => ((node.name === 'min' ? q.value < best.value : q.value > best.value) ? q : best));
    const out: Quantity = { value: pick.value, dim: first.dim };
    const reads = values.reduce<Quantity['reads']>((r, q) => combinedReading(r, q.reads), first.reads);
    if (reads !== undefined) out.reads = reads;
    if (first.per !== undefined && values.every((q) => combinedPeriod(first, q, 'pick') === first.per)) out.per = first.per;
    return out;
  };

  const evaluate = (node: Node): Quantity | null => {
    switch (node.kind) {
      case 'literal':
        return literal(node);
      case 'unit': {
        const q = unitOf(node.word);
        return q ?? unknownUnit(node.word, DIVISOR_SUGGESTIONS, 'divisor');
      }
      case 'name': {
        const q = lookup(node.name);
        if (q === undefined) {
          const candidates = afterSlash.has(node.start) ? [...knownNames(), ...DIVISOR_SUGGESTIONS] : knownNames();
          const suggestion = closest(node.name, candidates);
          if (suggestion !== undefined) {
            return error(QUANTITY_CODES.unknownName, `unknown name \`${node.name}\`; did you mean \`${suggestion}\`?`, node.start, node.end, [
              { kind: 'replace', text: suggestion },
            ]);
          }
          const names = knownNames();
          const hint =
            names.length > 0
              ? `known names: ${names
                  .slice(0, 8)
                  .map((n) => '`' + n + '`')
                  .join(', ')}${names.length > 8 ? ', …' : ''}`
              : 'define it under `estimation.values`';
          return error(QUANTITY_CODES.unknownName, `unknown name \`${node.name}\`: ${hint}`, node.start, node.end);
        }
        if (q === null || !Number.isFinite(q.value)) return null;
        const named: Quantity = { value: q.value, dim: dim(q.dim.bytes, q.dim.time, moneyOf(q.dim)) };
        if (q.reads !== undefined) named.reads = q.reads;
        if (q.per !== undefined) named.per = q.per;
        return named;
      }
      case 'group':
        return evaluate(node.inner);
      case 'call':
        return call(node);
      case 'unary': {
        const q = evaluate(node.operand);
        if (q === null) return null;
        return node.op === '-' ? { ...q, value: -q.value } : q;
      }
      case 'binary': {
        const left = evaluate(node.left);
        const right = evaluate(node.right);
        if (node.op === '/' && right !== null && right.value === 0) {
          const why = node.right.kind === 'literal' ? '' : ` (${quote(slice(node.right))} is 0)`;
          return error(QUANTITY_CODES.range, `division by zero${why}`, node.right.start, node.right.end);
        }
        if (left === null || right === null) return null;
        let q: Quantity;
        switch (node.op) {
          case '+':
          case '-': {
            if (!sameDimension(left.dim, right.dim)) {
              const l = describeDimension(left.dim);
              const r = describeDimension(right.dim);
              const head = node.op === '+' ? `cannot add ${l} and ${r}` : `cannot subtract ${r} from ${l}`;
              return error(
                QUANTITY_CODES.dimension,
                `${head}: ${quote(slice(node.left))} is ${dimensionPhrase(left.dim)} but ${quote(slice(node.right))} is ${dimensionPhrase(right.dim)}`,
                node.start,
                node.end,
              );
            }
            q = { value: node.op === '+' ? left.value + right.value : left.value - right.value, dim: left.dim };
            break;
          }
          case '*':
            q = { value: left.value * right.value, dim: multiplyDimensions(left.dim, right.dim) };
            break;
          case '/':
            q = { value: left.value / right.value, dim: divideDimensions(left.dim, right.dim) };
            break;
        }
        if (!Number.isFinite(q.value)) {
          return error(QUANTITY_CODES.range, `${quote(slice(node))} is too large to compute`, node.start, node.end);
        }
        const reads = combinedReading(left.reads, right.reads);
        if (reads !== undefined) q.reads = reads;
        // `1M/min` is written per minute: the unit after `/` names the period (SPEC 2.2).
        const written = node.op === '/' && node.right.kind === 'unit' && left.dim.time === 0 ? periodOf(node.right.word.text) : undefined;
        const per = written ?? combinedPeriod(left, right, node.op);
        if (per !== undefined && q.dim.time === -1) q.per = per;
        return q;
      }
    }
  };

  const node = parsed.node;
  const q = evaluate(node);
  if (errors.length > 0 || q === null) return;
  result.quantity = checkExpectation(q, node, slice(node), { field, expect, conventions }, error);
}
