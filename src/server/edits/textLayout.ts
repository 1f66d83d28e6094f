/**
 * Where things sit in the text of a YAML block: the columns of a list item, the end of a
 * line or of a span's content, the document's indentation step. The measuring half of
 * `yamlEdits.ts`, kept apart so completion-like features can measure without editing.
 */
import type { Span } from '../../core';

/** Columns of a block list item's `-` and of its content; undefined for flow items. */
export function itemColumns(text: string, item: Span): { dash: number; content: number } | undefined {
  const lineStart = text.lastIndexOf('\n', item.start - 1) + 1;
  let k = item.start - 1;
  while (k >= lineStart && text[k] === ' ') k--;
  if (k < lineStart || text[k] !== '-') return undefined;
  return { dash: k - lineStart, content: item.start - lineStart };
}

/** The end of the last non-blank character in `span`. */
export function lastContent(text: string, span: Span): number {
  let end = Math.min(span.end, text.length);
  while (end > span.start && /\s/.test(text[end - 1])) end--;
  return end;
}

/** The end of the line that `offset` is on (before its line break). */
export function lineEnd(text: string, offset: number): number {
  let end = text.indexOf('\n', offset);
  if (end < 0) return text.length;
  if (end - 1 >= offset && text[end - 1] === '\r') end--;
  return end;
}

/** The document's indentation step: the smallest indentation of a line, 2 when none. */
export function indentUnit(text: string): number {
  let unit = Infinity;
  const re = /\n( +)\S/g;
  let n = 0;
  for (let m = re.exec(text); m !== null && n < 2000; m = re.exec(text), n++) unit = Math.min(unit, m[1].length);
  return Number.isFinite(unit) && unit <= 8 ? unit : 2;
}

/**
 * Where a new top-level section goes when it must come before the section whose key starts
 * at `keyStart`: the start of that key's line, or of the comment lines right above it (they
 * belong to that section, so they stay with it).
 */
export function sectionStart(text: string, keyStart: number): number {
  let offset = text.lastIndexOf('\n', keyStart - 1) + 1;
  while (offset > 0) {
    const previous = text.lastIndexOf('\n', offset - 2) + 1;
    if (!/^\uFEFF?#/.test(text.slice(previous, offset))) break;
    offset = previous;
  }
  return offset;
}

/** The column of `offset` on its line. */
export function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}
