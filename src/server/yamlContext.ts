/**
 * Where the cursor is in the YAML, read from the text around it: the key path by
 * indentation, and whether a key, a value or a list item is being typed. Completion
 * runs on half-written text that no YAML parser would accept, so this works line by
 * line instead, and only looks upward (a bounded number of lines).
 *
 * A path is a list of keys with `[]` for "an item of this list", e.g.
 * `['components', '[]', 'kind']`.
 */
import type { Span } from '../core';

export type YamlPath = readonly string[];

/** A `- ` list marker or a `key:` on one line, at a column. */
export interface LineNode {
  kind: 'item' | 'key';
  column: number;
  /** Keys: the key's text (without quotes) and the column after it (before the colon). */
  key?: string;
  keyStart?: number;
  keyEnd?: number;
  /** Keys: the column where the value starts (after the colon and spaces). */
  valueColumn?: number;
}

export interface LineShape {
  nodes: LineNode[];
  /** The column of the first character after the markers (where a key or a scalar item starts). */
  contentColumn: number;
  /** Nothing but spaces and maybe a comment. */
  blank: boolean;
}

export type CursorContext =
  /** Typing a key of the map at `path`. `siblings` are the keys the map already has. */
  | { kind: 'key'; path: YamlPath; word: Span; siblings: string[] }
  /** Typing the value of `key` in the map at `path`; `before` is the value text up to the cursor. */
  | { kind: 'value'; path: YamlPath; key: string; word: Span; before: string; needsSpace: boolean }
  /** Typing an item of the list at `path` (a scalar, or the first key of a map item). */
  | { kind: 'item'; path: YamlPath; word: Span; before: string };

const MAX_LINES_UP = 5000;
const QUOTED_KEY = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)')[ \t]*:(?=[ \t]|$)/;
const PLAIN_KEY = /^([^\s#:[\]{},"'&*!|>%@`][^#]*?)[ \t]*:(?=[ \t]|$)/;

/** The structure of one line (without its line break). */
export function shapeOf(line: string): LineShape {
  const nodes: LineNode[] = [];
  let i = 0;
  while (i < line.length && line[i] === ' ') i++;
  while (line[i] === '-' && (i + 1 === line.length || line[i + 1] === ' ' || line[i + 1] === '\t')) {
    nodes.push({ kind: 'item', column: i });
    i++;
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  }
  const contentColumn = i;
  const rest = line.slice(i);
  const blank = rest.trim() === '' || rest.startsWith('#');
  if (!blank && !rest.startsWith('---') && !rest.startsWith('...')) {
    const quoted = QUOTED_KEY.exec(rest);
    const plain = quoted ? null : PLAIN_KEY.exec(rest);
    const m = quoted ?? plain;
    if (m) {
      const key = quoted ? (quoted[1] !== undefined ? quoted[1].replace(/\\(.)/g, '$1') : quoted[2].replace(/''/g, "'")) : m[1];
      const keyStart = quoted ? i + 1 : i;
      const keyEnd = quoted ? keyStart + (quoted[1] ?? quoted[2]).length : i + m[1].length;
      let v = i + m[0].length;
      while (v < line.length && (line[v] === ' ' || line[v] === '\t')) v++;
      nodes.push({ kind: 'key', column: i, key, keyStart, keyEnd, valueColumn: v });
    }
  }
  return { nodes, contentColumn, blank: blank && nodes.length === 0 };
}

/** The line around `offset`: its start offset and text without the line break. */
export function lineAround(text: string, offset: number): { start: number; text: string } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  if (end > start && text[end - 1] === '\r') end--;
  return { start, text: text.slice(start, end) };
}

/**
 * The path of the node at `column` (a map key when `kind` is `key`, a list item when
 * `item`), given the nodes before it on its own line, by walking up the lines above.
 */
export function pathAt(text: string, lineStart: number, sameLine: readonly LineNode[], column: number, kind: 'key' | 'item'): string[] {
  const segments: string[] = [];
  let target = column;
  let t = kind;
  const visit = (nodes: readonly LineNode[]) => {
    for (let i = nodes.length - 1; i >= 0; i--) {
      const node = nodes[i];
      if (node.column > target) continue;
      if (node.kind === 'key') {
        // A key to the left owns us; a key in the same column owns a list written flush with it.
        if (node.column < target || (t === 'item' && node.column === target)) {
          segments.push(node.key ?? '');
          target = node.column;
          t = 'key';
        }
      } else if (node.column < target) {
        segments.push('[]');
        target = node.column;
        t = 'item';
      }
    }
  };
  visit(sameLine);
  let start = lineStart;
  for (let n = 0; start > 0 && !(target === 0 && t === 'key') && n < MAX_LINES_UP; n++) {
    const prevEnd = start - 1;
    const prevStart = text.lastIndexOf('\n', prevEnd - 1) + 1;
    let line = text.slice(prevStart, prevEnd);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    start = prevStart;
    const shape = shapeOf(line);
    if (shape.nodes.length > 0) visit(shape.nodes);
  }
  return segments.reverse();
}

/** The run of `chars` ending at `offset` and continuing after it. */
export function wordAround(text: string, offset: number, chars: RegExp): Span {
  let start = offset;
  while (start > 0 && chars.test(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && chars.test(text[end])) end++;
  return { start, end };
}

export const ID_CHAR = /[A-Za-z0-9_-]/;
export const NAME_CHAR = /[A-Za-z0-9_]/;

/** What is being typed at `offset`, or undefined inside a comment. */
export function cursorContext(text: string, offset: number): CursorContext | undefined {
  const line = lineAround(text, offset);
  const prefix = text.slice(line.start, offset);
  if (/(?:^|\s)#/.test(stripQuoted(prefix))) return undefined;
  const shape = shapeOf(prefix);
  const last = shape.nodes[shape.nodes.length - 1];
  if (last?.kind === 'key') {
    const outer = shape.nodes.slice(0, -1);
    const path = pathAt(text, line.start, outer, last.column, 'key');
    const before = prefix.slice(last.valueColumn ?? prefix.length);
    return {
      kind: 'value',
      path,
      key: last.key ?? '',
      word: wordAround(text, offset, ID_CHAR),
      before,
      needsSpace: prefix.endsWith(':'),
    };
  }
  if (last?.kind === 'item') {
    const outer = shape.nodes.slice(0, -1);
    const path = pathAt(text, line.start, outer, last.column, 'item');
    return { kind: 'item', path, word: wordAround(text, offset, ID_CHAR), before: prefix.slice(shape.contentColumn) };
  }
  // Only spaces, maybe a partial key.
  const column = shape.contentColumn;
  if (/[:\s]/.test(prefix.slice(column))) return undefined;
  const path = pathAt(text, line.start, [], column, 'key');
  return { kind: 'key', path, word: wordAround(text, offset, ID_CHAR), siblings: siblingKeys(text, line.start, column) };
}

/** A key or the value of a key under `offset`, for hover. */
export function entryAt(text: string, offset: number): { path: string[]; key: string; keySpan: Span; value?: Span } | undefined {
  const line = lineAround(text, offset);
  const shape = shapeOf(line.text);
  const index = shape.nodes.findIndex((n) => n.kind === 'key');
  if (index < 0) return undefined;
  const node = shape.nodes[index];
  const keySpan = { start: line.start + (node.keyStart ?? node.column), end: line.start + (node.keyEnd ?? node.column) };
  const valueStart = line.start + (node.valueColumn ?? line.text.length);
  const valueText = line.text
    .slice(node.valueColumn ?? line.text.length)
    .replace(/\s+#.*$/, '')
    .trimEnd();
  const value = valueText.length > 0 ? { start: valueStart, end: valueStart + valueText.length } : undefined;
  const inKey = offset >= keySpan.start && offset <= keySpan.end;
  const inValue = value !== undefined && offset >= value.start && offset <= value.end;
  if (!inKey && !inValue) return undefined;
  const path = pathAt(text, line.start, shape.nodes.slice(0, index), node.column, 'key');
  return { path, key: node.key ?? '', keySpan, value: inValue ? value : undefined };
}

/** Keys already written in the map whose keys start at `column`, around the line at `lineStart`. */
export function siblingKeys(text: string, lineStart: number, column: number): string[] {
  const keys: string[] = [];
  // Upward, until the line that starts this map (an item marker to the left) or a shallower line.
  let start = lineStart;
  for (let n = 0; start > 0 && n < MAX_LINES_UP; n++) {
    const prevStart = text.lastIndexOf('\n', start - 2) + 1;
    const shape = shapeOf(text.slice(prevStart, start - 1).replace(/\r$/, ''));
    start = prevStart;
    if (shape.nodes.length === 0) continue;
    const first = shape.nodes[0];
    const key = shape.nodes.find((x) => x.kind === 'key' && x.column === column);
    if (first.column < column) {
      if (key?.key !== undefined) keys.push(key.key);
      break;
    }
    if (first.kind === 'key' && first.column === column && first.key !== undefined) keys.push(first.key);
  }
  // Downward, until a shallower line or the next item of the same list.
  let end = text.indexOf('\n', lineStart);
  for (let n = 0; end >= 0 && n < MAX_LINES_UP; n++) {
    const nextStart = end + 1;
    end = text.indexOf('\n', nextStart);
    const shape = shapeOf(text.slice(nextStart, end < 0 ? text.length : end).replace(/\r$/, ''));
    if (shape.nodes.length === 0) continue;
    const first = shape.nodes[0];
    if (first.column < column) break;
    if (first.kind === 'key' && first.column === column && first.key !== undefined) keys.push(first.key);
  }
  return keys;
}

/** The text with quoted strings blanked, so that `#` inside quotes is not a comment. */
function stripQuoted(s: string): string {
  return s.replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, (m) => ' '.repeat(m.length));
}
