/**
 * The one place that writes YAML into a document: quick fixes, the step view's "Add item"
 * and every future edit build on these functions. Each returns one minimal offset edit
 * (an insert or the replacement of exactly one value) in the document's own line breaks
 * and indentation, or `undefined` when the text has a shape no minimal edit fits (the
 * caller then offers nothing rather than a guess). The YAML is never re-serialised, so
 * comments, quoting, a byte-order mark and CRLF outside the edit stay byte for byte.
 * Offsets are the core's (UTF-16, `end` exclusive); `toTextEdit` converts at the LSP edge.
 */
import type { Range, TextEdit } from 'vscode-languageserver';
import { SECTION_NAMES, type Design, type SectionName, type Span } from '../../core';
import { columnOf, indentUnit, itemColumns, lastContent, lineEnd, sectionStart } from './textLayout';

/** The text being edited with the line break and indentation step new text must use. */
export interface EditDocument {
  readonly text: string;
  readonly eol: string;
  readonly unit: number;
}

export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** One line of a new item: `depth` 0 is the item's content column (the first line follows its dash). */
export type ItemLine = readonly [depth: number, text: string];

export interface NewItem {
  readonly lines: readonly ItemLine[];
  /** The item written for a flow list `[a, b]`; without it a flow list gets nothing. */
  readonly flow?: string;
}

/** A list already in the document: its key (when it has one) and its items. */
export interface ListAt {
  readonly key?: Span;
  readonly items: readonly Span[];
  /** Where the list's entry ends (a section's end): trailing content before it stays above the new item. */
  readonly end?: number;
}

export function editDocument(text: string, eol: string): EditDocument {
  return { text, eol, unit: indentUnit(text) };
}

/**
 * An item appended to a list: after its last block item with that item's columns, after
 * the last item of a flow list (`[a]` -> `[a, b]`, `[ a ]` -> `[ a, b ]`), into an empty
 * flow list, or as the first item under an empty key.
 */
export function appendToList(doc: EditDocument, list: ListAt, item: NewItem): OffsetEdit | undefined {
  const { text, eol } = doc;
  const last = list.items[list.items.length - 1];
  if (last) {
    const columns = itemColumns(text, last);
    if (columns)
      return insertAt(
        lineEnd(text, lastContent(text, { start: last.start, end: Math.max(last.end, list.end ?? 0) })),
        eol + itemText(doc, item.lines, columns.dash, columns.content),
      );
    return item.flow === undefined ? undefined : appendToFlowList(text, last, item.flow);
  }
  if (!list.key) return undefined;
  const empty = emptyFlowList(text, list.key);
  if (empty) return item.flow === undefined ? undefined : insertAt(empty.close, empty.spaced ? `${item.flow} ` : item.flow);
  const value = blockValue(doc, list.key);
  const dash = value?.kind === 'list' ? value.column : value?.kind === 'empty' ? columnOf(text, list.key.start) + doc.unit : undefined;
  return dash === undefined ? undefined : insertAt(lineEnd(text, list.key.end), eol + itemText(doc, item.lines, dash, dash + 2));
}

/** An item of the top-level list `name`, creating the section (in canonical order) when it is missing. */
export function appendToSection(doc: EditDocument, design: Design, name: SectionName, items: readonly Span[], item: NewItem): OffsetEdit | undefined {
  const section = design.sections.find((s) => s.name === name);
  if (!section) return addSection(doc, design, name, [`${name}:`, itemText(doc, item.lines, doc.unit, doc.unit + 2)]);
  return appendToList(doc, { key: section.key, items, end: section.end }, item);
}

/** Where a new key goes in a block map that lacks it: as the map's first entry or after its last. */
export type NewKeyPlace = 'first' | 'last';

/**
 * An item of the list `child` inside the top-level map `parentName` (`requirements.functional`,
 * `estimation.traffic`): after its items, under its key, as a new key of the map (at
 * `place`), under an empty `parentName:`, or in a new section.
 */
export function appendToNestedList(
  doc: EditDocument,
  design: Design,
  list: { parentName: SectionName; parent: Span | undefined; child: string; items: readonly Span[]; place: NewKeyPlace },
  item: NewItem,
): OffsetEdit | undefined {
  const { text, unit } = doc;
  const { parentName, parent, child, items } = list;
  const section = design.sections.find((s) => s.name === parentName);
  if (!section) return addSection(doc, design, parentName, [`${parentName}:`, `${' '.repeat(unit)}${child}:`, itemText(doc, item.lines, unit * 2, unit * 2 + 2)]);
  if (items.length > 0) return appendToList(doc, { items }, item);
  if (!parent) return createKeyUnder(doc, section.key, child, item);
  const column = columnOf(text, parent.start);
  const lineStart = text.lastIndexOf('\n', parent.start - 1) + 1;
  if (text.slice(lineStart, parent.start).trim() !== '') return undefined; // a flow map `requirements: { ... }`
  const body = text.slice(lineStart, Math.max(parent.end, section.end));
  const keyLine = new RegExp(`^ {${column}}${child}[ \\t]*:`, 'm').exec(body);
  if (keyLine) {
    const start = lineStart + keyLine.index + column;
    return appendToList(doc, { key: { start, end: start + child.length }, items }, item);
  }
  const entry = keyWithItem(doc, column, child, item);
  if (list.place === 'first') return insertAt(lineStart, entry + doc.eol);
  return insertAt(lineEnd(text, lastContent(text, parent)), doc.eol + entry);
}

/** `child:` with its first item, as the first entry under the empty key `key` (`requirements:` -> `requirements:\n  functional:\n    - ...`). */
export function createKeyUnder(doc: EditDocument, key: Span, child: string, item: NewItem): OffsetEdit | undefined {
  const { text, eol } = doc;
  if (blockValue(doc, key)?.kind !== 'empty') return undefined;
  return insertAt(lineEnd(text, key.end), eol + keyWithItem(doc, columnOf(text, key.start) + doc.unit, child, item));
}

/**
 * A new top-level section of `lines` in the canonical order of `SECTION_NAMES`: before the
 * first later section present (and the comments right above it, which belong to that
 * section), else at the end of the document after one blank line.
 */
export function addSection(doc: EditDocument, design: Design, name: SectionName, lines: readonly string[]): OffsetEdit {
  const { text, eol } = doc;
  const later = SECTION_NAMES.slice(SECTION_NAMES.indexOf(name) + 1) as readonly SectionName[];
  const next = design.sections.find((s) => later.includes(s.name));
  const block = lines.join(eol) + eol;
  if (next) return insertAt(sectionStart(text, next.key.start), block + eol);
  const lead = text.length === 0 ? '' : text.endsWith('\n') ? eol : eol + eol;
  return insertAt(text.length, lead + block);
}

/**
 * `key: value` on the map `item` (a list item or any map node): the value of an existing
 * key on its own line is replaced (its comment stays), a missing key is added after the
 * last entry of a block map at the map's column, or after the last entry of a flow map
 * (`{ id: a }` -> `{ id: a, key: value }`). `value` is written as given (already YAML).
 */
export function setField(doc: EditDocument, item: Span, key: string, value: string): OffsetEdit | undefined {
  const { text } = doc;
  if (text[item.start] === '{') return setFlowField(text, item, key, value);
  const column = columnOf(text, item.start);
  const keyRe = new RegExp(`${escapeRegExp(key)}[ \\t]*:(?=[ \\t]|\\r?\\n|$)`, 'y');
  for (let lineStart = item.start - column; lineStart < item.end;) {
    // The first line starts at the item (after its `- `); the others must hold a key at the item's column.
    const first = lineStart === item.start - column;
    const contentStart = first ? item.start : lineStart + column;
    keyRe.lastIndex = contentStart;
    if ((first || /^ *$/.test(text.slice(lineStart, contentStart))) && keyRe.exec(text)) {
      const existing = scalarAfter(text, keyRe.lastIndex, column);
      if (!existing) return undefined; // a block value (a map or list under the key): not a field to set
      return existing.end > existing.start ? { ...existing, newText: value } : insertAt(existing.start, ` ${value}`);
    }
    const next = text.indexOf('\n', lineStart);
    if (next < 0) break;
    lineStart = next + 1;
  }
  return insertAt(lineEnd(text, lastContent(text, item)), `${doc.eol}${' '.repeat(column)}${key}: ${value}`);
}

/** Converts an offset edit to an LSP TextEdit through the document's own positions. */
export function toTextEdit(edit: OffsetEdit, range: (span: Span) => Range): TextEdit {
  return { range: range(edit), newText: edit.newText };
}

/** The item's lines: the first after a dash at `dash`, the others at `content` plus their depth. */
export function itemText(doc: EditDocument, lines: readonly ItemLine[], dash: number, content: number): string {
  return lines
    .map(([depth, line], i) => (i === 0 ? `${' '.repeat(dash)}-${' '.repeat(Math.max(1, content - dash - 1))}${line}` : `${' '.repeat(content + depth * doc.unit)}${line}`))
    .join(doc.eol);
}

// ---------------------------------------------------------------------------

function insertAt(offset: number, newText: string): OffsetEdit {
  return { start: offset, end: offset, newText };
}

/** `child:` at `column` and the item one step deeper. */
function keyWithItem(doc: EditDocument, column: number, child: string, item: NewItem): string {
  const dash = column + doc.unit;
  return `${' '.repeat(column)}${child}:${doc.eol}${itemText(doc, item.lines, dash, dash + 2)}`;
}

/** `, flow` right after the last item of a flow list, whose own spacing then frames the new item. */
function appendToFlowList(text: string, last: Span, flow: string): OffsetEdit | undefined {
  if (!/^\s*(?:,\s*)?\]/.test(text.slice(last.end, last.end + 200))) return undefined;
  return insertAt(last.end, `, ${flow}`);
}

/** `key: []` or `key: [ ]`: where its `]` is, and whether the brackets hold a space. */
function emptyFlowList(text: string, key: Span): { close: number; spaced: boolean } | undefined {
  const re = /[ \t]*:\s*\[([ \t]*)\]/y;
  re.lastIndex = key.end;
  const m = re.exec(text);
  return m ? { close: re.lastIndex - 1, spaced: m[1].length > 0 } : undefined;
}

/**
 * What follows `key:` when the key's line holds nothing but a comment: nothing (`empty`),
 * a block list (with the column of its dashes), or `undefined` for anything else (a scalar,
 * a flow collection, a map).
 */
function blockValue(doc: EditDocument, key: Span): { kind: 'empty' } | { kind: 'list'; column: number } | undefined {
  const { text } = doc;
  const keyColumn = columnOf(text, key.start);
  const end = lineEnd(text, key.end);
  if (!/^[ \t]*:[ \t]*(?:#.*)?$/.test(text.slice(key.end, end))) return undefined;
  // The first line with content after the key says what the value is.
  const re = /\r?\n([ \t]*)([^\s#][^\r\n]*)?/g;
  re.lastIndex = end;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[2] === undefined) continue; // blank or comment-only line
    const indent = m[1].length;
    if (/^-(?:\s|$)/.test(m[2]) && indent >= keyColumn) return { kind: 'list', column: indent };
    if (indent > keyColumn) return undefined;
    break;
  }
  return { kind: 'empty' };
}

/**
 * The plain or quoted scalar after a key's colon on the same line, without its comment;
 * an empty span right after the colon for a null value; `undefined` when a block value
 * (deeper lines) follows.
 */
function scalarAfter(text: string, colonEnd: number, keyColumn: number): Span | undefined {
  const end = lineEnd(text, colonEnd);
  const line = text.slice(colonEnd, end);
  const lead = /^[ \t]*/.exec(line)![0].length;
  const start = colonEnd + lead;
  const rest = line.slice(lead);
  if (rest === '' || rest.startsWith('#')) {
    const next = /\r?\n([ \t]*)([^\s#])?/y;
    next.lastIndex = end;
    const m = next.exec(text);
    if (m && m[2] !== undefined && m[1].length > keyColumn) return undefined;
    return { start: colonEnd, end: colonEnd };
  }
  // A block scalar, a collection, an anchor, an alias or a tag: not one value to replace on this line.
  if (/^[|>[{&*!]/.test(rest)) return undefined;
  if (rest.startsWith('"') || rest.startsWith("'")) {
    const close = rest[0] === '"' ? /^"(?:\\.|[^"\\])*"/.exec(rest) : /^'(?:''|[^'])*'/.exec(rest);
    return close ? { start, end: start + close[0].length } : undefined;
  }
  const comment = / #/.exec(rest);
  const value = (comment ? rest.slice(0, comment.index) : rest).trimEnd();
  return { start, end: start + value.length };
}

/** `key: value` in a flow map `{ ... }` on the item's span: replaces the value or adds the entry after the last one. */
function setFlowField(text: string, item: Span, key: string, value: string): OffsetEdit | undefined {
  const close = text.lastIndexOf('}', item.end - 1);
  if (close <= item.start) return undefined;
  const entries = flowEntries(text, item.start + 1, close);
  for (const entry of entries) {
    const m = new RegExp(`^${escapeRegExp(key)}[ \\t]*:`).exec(text.slice(entry.start, entry.end));
    if (!m) continue;
    const start = entry.start + m[0].length;
    const lead = /^\s*/.exec(text.slice(start, entry.end))![0].length;
    return lead === 0 || start + lead === entry.end ? { start, end: entry.end, newText: ` ${value}` } : { start: start + lead, end: entry.end, newText: value };
  }
  const last = entries[entries.length - 1];
  if (last) return insertAt(last.end, `, ${key}: ${value}`);
  const spaced = /^[ \t]+$/.test(text.slice(item.start + 1, close));
  return insertAt(close, spaced ? `${key}: ${value} ` : `${key}: ${value}`);
}

/** The top-level entries between a flow map's braces, each trimmed of surrounding whitespace. */
function flowEntries(text: string, from: number, to: number): Span[] {
  const out: Span[] = [];
  let depth = 0;
  let start = from;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const s = start + (raw.length - raw.trimStart().length);
    const e = end - (raw.length - raw.trimEnd().length);
    if (e > s) out.push({ start: s, end: e });
  };
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const re = c === '"' ? /"(?:\\.|[^"\\])*"/y : /'(?:''|[^'])*'/y;
      re.lastIndex = i;
      if (re.exec(text)) i = re.lastIndex - 1;
    } else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      push(i);
      start = i + 1;
    }
  }
  push(to);
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
