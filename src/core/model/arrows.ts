/** The arrow mini-language of connections and steps: `a -> b` and `a -> b: label`. */
import type { Arrow, Ident, Text } from '../types';

/**
 * `a -> b` or, when `allowLabel`, `a -> b: label`, as written at `offset`. Only the
 * arrow's structure is checked here; the schema checks the id spelling.
 */
export function parseArrow(text: string, offset: number, allowLabel: boolean): Pick<Arrow, 'from' | 'to' | 'label'> | undefined {
  const arrowAt = text.indexOf('->');
  if (arrowAt < 0) return undefined;
  const from = trimmed(text, 0, arrowAt, offset);
  let toEnd = text.length;
  let label: Text | undefined;
  if (allowLabel) {
    const colon = text.indexOf(':', arrowAt + 2);
    if (colon >= 0) {
      toEnd = colon;
      const l = trimmed(text, colon + 1, text.length, offset);
      if (l) label = { text: l.name, start: l.start, end: l.end };
    }
  }
  const to = trimmed(text, arrowAt + 2, toEnd, offset);
  if (!from || !to) return undefined;
  return { from, to, label };
}

function trimmed(text: string, start: number, end: number, offset: number): Ident | undefined {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end > start ? { name: text.slice(start, end), start: offset + start, end: offset + end } : undefined;
}
