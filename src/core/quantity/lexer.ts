/**
 * Lexer of the quantity language, and the classification of words by position:
 * a word right after a number is a unit or magnitude (`2 MB`, `10 million`), a unit
 * word after `/` or `per` is a unit (`/day`), `per` after an operand is division, and
 * any other word is a name. The classification is purely syntactic, so names can be
 * found without evaluating (go-to-definition, rename).
 */

import type { ProblemFix } from '../types';
import { MAGNITUDES, isDivisorUnit, isUnitWord } from './dimension';

export type Operator = '+' | '-' | '*' | '/';

/**
 * - `suffix`: a magnitude or unit right after a number (`k`, `MB`, `days`, or an unknown word)
 * - `unit`: a unit after `/` or `per` (`/day`)
 * - `per`: the word `per` used as division
 * - `name`: a reference to a named quantity
 */
export type WordRole = 'suffix' | 'unit' | 'per' | 'name' | 'function';

/** The functions of the quantity language (SPEC 2.2): a word of these followed by `(`. */
export const FUNCTIONS: ReadonlySet<string> = new Set(['ceil', 'floor', 'round', 'min', 'max']);

/** Whether `tokens[k]` names a function if a `(` follows it: one of `FUNCTIONS`, not after a number (`5 min` is minutes). */
function callsFunction(tokens: readonly Token[], k: number): boolean {
  const t = tokens[k];
  return t?.kind === 'word' && FUNCTIONS.has(t.text) && tokens[k - 1]?.kind !== 'number';
}

export type Token =
  /** `digits` is the number without separators, e.g. `10000` for `10,000`, `0.5` for `.5`. */
  | { kind: 'number'; start: number; end: number; text: string; value: number; digits: string }
  | { kind: 'word'; start: number; end: number; text: string; role: WordRole }
  | { kind: 'op'; start: number; end: number; text: Operator }
  | { kind: 'lparen' | 'rparen' | 'percent' | 'comma'; start: number; end: number; text: string }
  /** A `$` directly before a number: the number is in US dollars (`$0.09`). */
  | { kind: 'dollar'; start: number; end: number; text: '$' };

export interface LexError {
  message: string;
  start: number;
  end: number;
  fixes?: ProblemFix[];
}

export interface LexResult {
  tokens: Token[];
  errors: LexError[];
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
/** Letters, `_`, and the micro signs of `µs` (U+00B5 and Greek U+03BC, which look the same). */
const isWordStart = (c: string | undefined): boolean => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === 'µ' || c === 'μ');
const isWordChar = (c: string | undefined): boolean => isWordStart(c) || isDigit(c);

/** Characters people paste from elsewhere, with what to write instead. */
const LOOKALIKES: Record<string, { text: string; why: string }> = {
  '×': { text: '*', why: 'write `*` to multiply' },
  '·': { text: '*', why: 'write `*` to multiply' },
  '⋅': { text: '*', why: 'write `*` to multiply' },
  '∗': { text: '*', why: 'write `*` to multiply' },
  '÷': { text: '/', why: 'write `/` to divide' },
  '∕': { text: '/', why: 'write `/` to divide' },
  '−': { text: '-', why: 'write `-` (a plain hyphen) to subtract' },
  '–': { text: '-', why: 'write `-` (a plain hyphen) to subtract' },
  '—': { text: '-', why: 'write `-` (a plain hyphen) to subtract' },
  '％': { text: '%', why: 'write a plain `%`' },
  '（': { text: '(', why: 'write a plain `(`' },
  '）': { text: ')', why: 'write a plain `)`' },
};

function describeChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const hex = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  // Control and invisible characters are named by code point, others shown as written.
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfeff) {
    return hex;
  }
  return `\`${ch}\``;
}

/** Currency signs other than `$`, which would need exchange rates. */
const OTHER_CURRENCIES: ReadonlySet<string> = new Set(['€', '£', '¥', '₹', '₩', '₽', '¢']);

const NUMBER_TEXT = /[0-9][0-9,]*(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?/y;

/** The number text at `i`, or undefined. */
function numberAt(text: string, i: number): string | undefined {
  NUMBER_TEXT.lastIndex = i;
  return NUMBER_TEXT.exec(text)?.[0];
}

/**
 * A `$` that does not directly precede a number: after it (`5$`), apart from it (`$ 5`),
 * before a name (`$x`), or alone.
 */
function dollarError(text: string, i: number, tokens: readonly Token[]): LexError {
  const before = tokens[tokens.length - 1] as Token | undefined;
  if (before?.kind === 'number' && /^\s*$/.test(text.slice(before.end, i)) && tokens[tokens.length - 2]?.kind !== 'dollar') {
    return {
      message: `\`$\` goes before the number: write \`$${before.text}\``,
      start: before.start,
      end: i + 1,
      fixes: [{ kind: 'replace', text: `$${before.text}` }],
    };
  }
  let j = i + 1;
  while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
  const number = j > i + 1 ? numberAt(text, j) : undefined;
  if (number !== undefined) {
    return {
      message: `\`$\` must directly precede its number: write \`$${number}\``,
      start: i,
      end: j + number.length,
      fixes: [{ kind: 'replace', text: `$${number}` }],
    };
  }
  if (isWordStart(text[i + 1])) {
    let end = i + 1;
    while (end < text.length && isWordChar(text[end])) end++;
    const name = text.slice(i + 1, end);
    return {
      message: `\`$\` marks a number as US dollars (\`$20\`), not a name: write \`${name}\` if it is in dollars already, or \`${name} * $1\` to make a plain number dollars`,
      start: i,
      end,
      fixes: [{ kind: 'replace', text: name }],
    };
  }
  return { message: 'unexpected `$`: it must directly precede a number in US dollars, as in `$20` or `$0.09/GB`', start: i, end: i + 1 };
}

function strayCharError(text: string, i: number): LexError {
  const cp = text.codePointAt(i) ?? 0;
  const ch = String.fromCodePoint(cp);
  const end = i + ch.length;
  const lookalike = LOOKALIKES[ch];
  if (lookalike !== undefined) {
    return {
      message: `unexpected character ${describeChar(ch)}: ${lookalike.why}`,
      start: i,
      end,
      fixes: [{ kind: 'replace', text: lookalike.text }],
    };
  }
  let hint = '';
  if (ch === '^') hint = ': powers are not supported; write `1e6` for a million, or multiply';
  else if (ch === '.') hint = ': a decimal point needs digits, as in `1.5` or `.5`';
  else if (OTHER_CURRENCIES.has(ch)) hint = ': only US dollars are supported: write `$` before the number or `USD` after it, as in `$20` or `20 USD`';
  else if (ch === '"' || ch === "'" || ch === '`') hint = ': quotes are not part of an expression';
  return { message: `unexpected character ${describeChar(ch)}${hint}`, start: i, end };
}

/**
 * Split an expression into tokens. Never throws; characters that cannot start a token
 * become errors (each on exactly that character) and are skipped.
 */
export function lex(text: string): LexResult {
  const tokens: Token[] = [];
  const errors: LexError[] = [];
  const n = text.length;
  // For each open `(`: whether it opened a function's arguments, where commas separate
  // arguments and never thousands (`max(3,400)` is 400 at most, never 3,400).
  const parens: boolean[] = [];
  let i = 0;
  while (i < n) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(text[i + 1]))) {
      i = lexNumber(text, i, tokens, errors, parens.includes(true));
      continue;
    }
    if (c === '$') {
      if (isDigit(text[i + 1]) || (text[i + 1] === '.' && isDigit(text[i + 2]))) {
        tokens.push({ kind: 'dollar', start: i, end: i + 1, text: '$' });
        i++;
        continue;
      }
      const error = dollarError(text, i, tokens);
      errors.push(error);
      // Past `$` only: the name or number it covers is still lexed (names must be found).
      i++;
      continue;
    }
    if (isWordStart(c)) {
      const start = i;
      while (i < n && isWordChar(text[i])) i++;
      tokens.push({ kind: 'word', start, end: i, text: text.slice(start, i), role: 'name' });
      continue;
    }
    switch (c) {
      case '+':
      case '-':
      case '*':
      case '/':
        tokens.push({ kind: 'op', start: i, end: i + 1, text: c });
        i++;
        continue;
      case '(': {
        parens.push(callsFunction(tokens, tokens.length - 1));
        tokens.push({ kind: 'lparen', start: i, end: i + 1, text: c });
        i++;
        continue;
      }
      case ')':
        parens.pop();
        tokens.push({ kind: 'rparen', start: i, end: i + 1, text: c });
        i++;
        continue;
      case '%':
        tokens.push({ kind: 'percent', start: i, end: i + 1, text: c });
        i++;
        continue;
      case ',':
        // Between a function's arguments (`max(a, b)`); elsewhere only inside a number.
        if (parens.includes(true)) {
          tokens.push({ kind: 'comma', start: i, end: i + 1, text: c });
          i++;
          continue;
        }
        errors.push({
          message: 'unexpected `,`: a comma separates thousands inside a number, as in `10,000`, or the values of `min(a, b)` and `max(a, b)`',
          start: i,
          end: i + 1,
        });
        i++;
        continue;
    }
    const error = strayCharError(text, i);
    errors.push(error);
    i = error.end;
  }
  classify(tokens);
  return { tokens, errors };
}

function lexNumber(text: string, start: number, tokens: Token[], errors: LexError[], inCall: boolean): number {
  let i = start;
  let digits = '';
  let groups = 0;
  while (isDigit(text[i])) digits += text[i++];
  // Thousands separators: a comma followed by exactly three digits (not among a function's arguments).
  while (!inCall && text[i] === ',' && isDigit(text[i + 1])) {
    let j = i + 1;
    while (isDigit(text[j])) j++;
    if (j - (i + 1) === 3 && digits.length > 0) {
      digits += text.slice(i + 1, j);
      groups++;
      i = j;
      continue;
    }
    // `1,5` or `1,0000`: a comma that is not a thousands separator.
    const decimalLike = groups === 0 && text[j] !== '.' && text[j] !== ',';
    errors.push({
      message: 'a `,` in a number separates thousands and must be followed by exactly three digits, as in `10,000`' + (decimalLike ? '; write `.` for a decimal point' : ''),
      start: i,
      end: i + 1,
      ...(decimalLike && j - (i + 1) !== 3 ? { fixes: [{ kind: 'replace' as const, text: '.' }] } : {}),
    });
    digits += '.' + text.slice(i + 1, j);
    i = j;
    break;
  }
  if (text[i] === '.' && isDigit(text[i + 1]) && !digits.includes('.')) {
    digits += '.';
    i++;
    while (isDigit(text[i])) digits += text[i++];
  }
  if (text[i] === 'e' || text[i] === 'E') {
    const sign = text[i + 1] === '+' || text[i + 1] === '-' ? 1 : 0;
    if (isDigit(text[i + 1 + sign])) {
      digits += 'e' + (sign ? text[i + 1] : '');
      i += 1 + sign;
      while (isDigit(text[i])) digits += text[i++];
    }
  }
  const clean = digits.startsWith('.') ? '0' + digits : digits;
  tokens.push({ kind: 'number', start, end: i, text: text.slice(start, i), value: Number(clean), digits: clean });
  return i;
}

/** Whether a token ends an operand, so that a following `per` is division. */
function endsOperand(t: Token | undefined): boolean {
  if (t === undefined) return false;
  return t.kind === 'number' || t.kind === 'rparen' || t.kind === 'percent' || (t.kind === 'word' && t.role !== 'per');
}

/** Give every word its role from the tokens before it (see `WordRole`). */
function classify(tokens: Token[]): void {
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind !== 'word') continue;
    const prev = tokens[k - 1] as Token | undefined;
    const prev2 = tokens[k - 2] as Token | undefined;
    if (callsFunction(tokens, k) && tokens[k + 1]?.kind === 'lparen') {
      t.role = 'function'; // `ceil(x)`
    } else if (prev?.kind === 'number') {
      t.role = t.text === 'per' ? 'per' : 'suffix';
    } else if (prev?.kind === 'word' && prev.role === 'suffix' && prev2?.kind === 'number' && MAGNITUDES.has(prev.text) && isUnitWord(t.text)) {
      t.role = 'suffix'; // `10k MB`, `1.5 million qps`
    } else if (prev?.kind === 'word' && prev.role === 'per') {
      t.role = 'unit'; // `per` must be followed by a unit; unknown words are unit errors
    } else if (prev?.kind === 'op' && prev.text === '/' && (isDivisorUnit(t.text) || t.text === 'm')) {
      t.role = 'unit';
    } else if (t.text === 'per' && endsOperand(prev)) {
      t.role = 'per';
    } else {
      t.role = 'name';
    }
  }
}

export type QuantityTokenType = 'number' | 'unit' | 'name' | 'operator' | 'paren';

export interface QuantityToken {
  start: number;
  end: number;
  type: QuantityTokenType;
}

/**
 * Tokens by role, for semantic highlighting: numbers, units and magnitudes (`MB`,
 * `k`, `/day`'s `day`, `%`), names, operators (including `per`) and parentheses.
 * Characters that are not tokens are left out. Never throws.
 */
export function quantityTokens(text: string): QuantityToken[] {
  const out: QuantityToken[] = [];
  let tokens: Token[];
  try {
    tokens = lex(text).tokens;
  } catch {
    return out;
  }
  for (const t of tokens) {
    let type: QuantityTokenType;
    switch (t.kind) {
      case 'number':
        type = 'number';
        break;
      case 'word':
        type = t.role === 'name' ? 'name' : t.role === 'per' || t.role === 'function' ? 'operator' : 'unit';
        break;
      case 'op':
        type = 'operator';
        break;
      case 'percent':
      case 'dollar':
        type = 'unit';
        break;
      default:
        type = 'paren';
    }
    out.push({ start: t.start, end: t.end, type });
  }
  return out;
}
