import type { Problem } from '../../src/core/types';

/** The text a problem covers, for assertions that read like the document. */
export function covered(text: string, p: Problem): string {
  return text.slice(p.start, p.end);
}

/** Problems with one code, as `[code, covered text]`, in order. */
export function withCode(text: string, problems: Problem[], code: string): string[] {
  return problems.filter((p) => p.code === code).map((p) => covered(text, p));
}

export function codes(problems: Problem[]): string[] {
  return problems.map((p) => p.code);
}
