/** The problems of the quantity language: their codes, their shape, and how a message quotes an expression. */
import type { ProblemCode, ProblemFix } from '../types';

export const QUANTITY_CODES = {
  syntax: 'sysdesign/quantity-syntax',
  unit: 'sysdesign/quantity-unit',
  dimension: 'sysdesign/quantity-dimension',
  range: 'sysdesign/quantity-range',
  unknownName: 'sysdesign/unknown-name',
} as const satisfies Record<string, ProblemCode>;

/** A problem in an expression; offsets are relative to the expression text. */
export interface QuantityError {
  code: ProblemCode;
  message: string;
  start: number;
  end: number;
  /** Each fix replaces `[start, end)`. */
  fixes?: ProblemFix[];
}

/** Records an error and returns null, so a failed step of an evaluation reads `return error(...)`. */
export type ReportError = (code: ProblemCode, message: string, start: number, end: number, fixes?: ProblemFix[]) => null;

/** Expression text for a message, shortened when long. */
export function quote(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return '`' + (t.length > 40 ? t.slice(0, 37) + '…' : t) + '`';
}
