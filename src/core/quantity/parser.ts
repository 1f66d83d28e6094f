/**
 * Parser of the quantity language: a recursive descent over classified tokens, with
 * parenthesis nesting capped so that adversarial input cannot exhaust the stack.
 *
 *   expr    := term (('+' | '-') term)*
 *   term    := unary (('*' | '/' | 'per') (unit | unary))*
 *   unary   := ('-' | '+')* primary
 *   primary := '$'? number suffix? suffix? '%'? | name | function '(' expr (',' expr)* ')' | '(' expr ')'
 *
 * The first syntax error ends parsing: later errors would mostly be echoes of it.
 */

import type { ProblemFix } from '../types';
import { isSuffixWord } from './dimension';
import type { Operator, Token } from './lexer';

export const MAX_LENGTH = 500;
export const MAX_DEPTH = 32;

export type WordToken = Extract<Token, { kind: 'word' }>;
export type NumberToken = Extract<Token, { kind: 'number' }>;
export type DollarToken = Extract<Token, { kind: 'dollar' }>;

export type Node =
  /** `2`, `2MB`, `10 million`, `1.5k qps`, `20%`, `$1.5k` (with its `$` in `dollar`). */
  | { kind: 'literal'; start: number; end: number; number: NumberToken; suffixes: WordToken[]; percent: boolean; dollar?: DollarToken }
  /** A unit after `/` or `per`: the `day` of `30/day`. */
  | { kind: 'unit'; start: number; end: number; word: WordToken }
  | { kind: 'name'; start: number; end: number; name: string }
  | { kind: 'unary'; start: number; end: number; op: '+' | '-'; operand: Node }
  | { kind: 'binary'; start: number; end: number; op: Operator; left: Node; right: Node }
  | { kind: 'group'; start: number; end: number; inner: Node }
  /** `ceil(x)`, `max(a, b)`: one of `FUNCTIONS` and its arguments. */
  | { kind: 'call'; start: number; end: number; name: string; args: Node[] };

export interface SyntaxError {
  message: string;
  start: number;
  end: number;
  fixes?: ProblemFix[];
}

export interface ParseResult {
  node: Node | null;
  error: SyntaxError | null;
}

class Failure {
  constructor(readonly error: SyntaxError) {}
}

const show = (t: Token): string => `\`${t.text}\``;

/** Parse classified tokens (from `lex`) of `text`. Never throws. */
export function parse(text: string, tokens: readonly Token[]): ParseResult {
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const fail = (error: SyntaxError): never => {
    throw new Failure(error);
  };

  /** An error for a token where an operator or the end was expected. */
  const unexpected = (t: Token): never => {
    const before = tokens[pos - 1];
    if (t.kind === 'rparen') return fail({ message: '`)` has no matching `(`', start: t.start, end: t.end });
    if (t.kind === 'percent') {
      return fail({
        message: '`%` must directly follow a plain number, as in `20%`',
        start: t.start,
        end: t.end,
      });
    }
    if (before?.kind === 'word' && before.role === 'suffix' && (before.text === 'x' || before.text === 'X')) {
      return fail({
        message: `\`${before.text}\` is not a unit: write \`*\` to multiply`,
        start: before.start,
        end: before.end,
        fixes: [{ kind: 'replace', text: '*' }],
      });
    }
    if (t.kind === 'word' && before?.kind === 'word' && before.role === 'suffix' && isSuffixWord(t.text)) {
      return fail({
        message: `a number takes one unit, but ${show(t)} follows ${show(before)}: join values with \`+\`, \`-\`, \`*\` or \`/\``,
        start: t.start,
        end: t.end,
      });
    }
    if (before?.kind === 'word' && before.role === 'name' && before.text === 'per' && tokens[pos - 2] === undefined) {
      return fail({ message: '`per` needs a number before it, as in `10 per day`', start: before.start, end: before.end });
    }
    const nameOrGroup = before?.kind === 'rparen' || (before?.kind === 'word' && before.role === 'name');
    if (t.kind === 'word' && before !== undefined && nameOrGroup && isSuffixWord(t.text)) {
      return fail({
        message: `a unit must directly follow a number: write \`* 1${t.text}\` to multiply by one ${t.text}`,
        start: t.start,
        end: t.end,
        fixes: [{ kind: 'replace', text: `* 1${t.text}` }],
      });
    }
    const after = before === undefined ? '' : ` after ${before.kind === 'word' || before.kind === 'number' ? show(before) : 'it'}`;
    return fail({
      message: `missing operator before ${show(t)}${after}: join values with \`+\`, \`-\`, \`*\` or \`/\``,
      start: t.start,
      end: t.end,
    });
  };

  const missingOperand = (): never => {
    const t = peek();
    const before = tokens[pos - 1];
    if (t === undefined) {
      // before is defined: the empty expression is handled by the caller.
      const b = before as Token;
      if (b.kind === 'lparen') return fail({ message: '`(` is never closed and has nothing after it', start: b.start, end: b.end });
      return fail({ message: `expected a number or name after ${show(b)}`, start: b.start, end: b.end });
    }
    if (t.kind === 'rparen') {
      if (before?.kind === 'lparen') {
        return fail({ message: 'empty parentheses: put a value inside `()`', start: before.start, end: t.end });
      }
      return fail({ message: 'expected a number or name before `)`', start: t.start, end: t.end });
    }
    if (t.kind === 'op') {
      const where = before === undefined ? 'before' : `between ${show(before)} and`;
      return fail({ message: `expected a number or name ${where} ${show(t)}`, start: t.start, end: t.end });
    }
    if (t.kind === 'percent') {
      return fail({ message: '`%` must directly follow a plain number, as in `20%`', start: t.start, end: t.end });
    }
    if (t.kind === 'word' && t.role === 'per') {
      return fail({ message: '`per` needs a number before it, as in `10 per day`', start: t.start, end: t.end });
    }
    return fail({ message: `unexpected ${show(t)}`, start: t.start, end: t.end });
  };

  const parseExpr = (depth: number): Node => {
    let left = parseTerm(depth);
    for (let t = peek(); t?.kind === 'op' && (t.text === '+' || t.text === '-'); t = peek()) {
      pos++;
      const right = parseTerm(depth);
      left = { kind: 'binary', op: t.text, left, right, start: left.start, end: right.end };
    }
    return left;
  };

  const parseTerm = (depth: number): Node => {
    let left = parseUnary(depth);
    for (;;) {
      const t = peek();
      let op: Operator;
      if (t?.kind === 'op' && (t.text === '*' || t.text === '/')) op = t.text;
      else if (t?.kind === 'word' && t.role === 'per') op = '/';
      else return left;
      pos++;
      const next = peek();
      let right: Node;
      if (next?.kind === 'word' && next.role === 'unit') {
        pos++;
        right = { kind: 'unit', word: next, start: next.start, end: next.end };
      } else if (t.kind === 'word') {
        return fail({
          message: '`per` needs a unit of time after it, as in `per day` or `per second`',
          start: t.start,
          end: next !== undefined ? next.end : t.end,
        });
      } else {
        right = parseUnary(depth);
      }
      left = { kind: 'binary', op, left, right, start: left.start, end: right.end };
    }
  };

  const parseUnary = (depth: number): Node => {
    const signs: Array<Extract<Token, { kind: 'op' }>> = [];
    for (let t = peek(); t?.kind === 'op' && (t.text === '-' || t.text === '+'); t = peek()) {
      signs.push(t);
      pos++;
    }
    let node = parsePrimary(depth);
    for (let k = signs.length - 1; k >= 0; k--) {
      const s = signs[k];
      node = { kind: 'unary', op: s.text as '+' | '-', operand: node, start: s.start, end: node.end };
    }
    return node;
  };

  const parsePrimary = (depth: number): Node => {
    let t = peek();
    if (t === undefined) return missingOperand();
    let dollar: DollarToken | undefined;
    // The lexer makes a `$` only directly before a number.
    if (t.kind === 'dollar' && tokens[pos + 1]?.kind === 'number') {
      dollar = t;
      t = tokens[++pos];
    }
    if (t.kind === 'number') {
      pos++;
      const suffixes: WordToken[] = [];
      for (let w = peek(); w?.kind === 'word' && w.role === 'suffix'; w = peek()) {
        suffixes.push(w);
        pos++;
      }
      let end = suffixes.length > 0 ? suffixes[suffixes.length - 1].end : t.end;
      let percent = false;
      const p = peek();
      if (p?.kind === 'percent') {
        pos++;
        percent = true;
        end = p.end;
      }
      if (dollar !== undefined) return { kind: 'literal', number: t, suffixes, percent, dollar, start: dollar.start, end };
      return { kind: 'literal', number: t, suffixes, percent, start: t.start, end };
    }
    if (t.kind === 'word' && t.role === 'name') {
      pos++;
      return { kind: 'name', name: t.text, start: t.start, end: t.end };
    }
    if (t.kind === 'word' && t.role === 'function') {
      if (depth >= MAX_DEPTH) return fail({ message: `parentheses are nested too deeply (more than ${MAX_DEPTH} levels)`, start: t.start, end: t.end });
      pos += 2; // the name and its `(`
      const args: Node[] = [parseExpr(depth + 1)];
      for (let c = peek(); c?.kind === 'comma'; c = peek()) {
        pos++;
        args.push(parseExpr(depth + 1));
      }
      const close = peek();
      if (close === undefined) return fail({ message: `\`${t.text}(\` is never closed: add a \`)\``, start: t.start, end: t.end + 1 });
      if (close.kind !== 'rparen') return unexpected(close);
      pos++;
      return { kind: 'call', name: t.text, args, start: t.start, end: close.end };
    }
    if (t.kind === 'lparen') {
      if (depth >= MAX_DEPTH) {
        return fail({
          message: `parentheses are nested too deeply (more than ${MAX_DEPTH} levels)`,
          start: t.start,
          end: t.end,
        });
      }
      pos++;
      const inner = parseExpr(depth + 1);
      const close = peek();
      if (close === undefined) return fail({ message: '`(` is never closed: add a `)`', start: t.start, end: t.end });
      if (close.kind !== 'rparen') return unexpected(close);
      pos++;
      return { kind: 'group', inner, start: t.start, end: close.end };
    }
    return missingOperand();
  };

  try {
    if (tokens.length === 0) {
      return { node: null, error: { message: 'expected a value, e.g. `2MB`, `30/day` or `10M`', start: 0, end: text.length } };
    }
    const node = parseExpr(0);
    const extra = peek();
    if (extra !== undefined) unexpected(extra);
    return { node, error: null };
  } catch (e) {
    if (e instanceof Failure) return { node: null, error: e.error };
    // Only a bug can get here; still never throw to the caller.
    return { node: null, error: { message: `cannot read this expression (${String(e)})`, start: 0, end: text.length } };
  }
}
