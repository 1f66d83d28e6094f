/**
 * LSP positions and edits for the server tests: reading a WorkspaceEdit, converting
 * positions, and applying edits both with the LSP library (`applyEdit`) and with a small
 * applier of our own (`applyEdits`, for the golden edit tests, so that a bug shared by the
 * server and the library cannot hide).
 */
import * as assert from 'node:assert/strict';
import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { offsetOf } from '../../support/text';

/** The edits of a workspace edit for `uri` (either form). */
export function editsOf(uri: string, edit: WorkspaceEdit): TextEdit[] {
  if (edit.changes) return edit.changes[uri] ?? [];
  return (edit.documentChanges ?? []).flatMap((c) => ('textDocument' in c && c.textDocument.uri === uri ? (c.edits as TextEdit[]) : []));
}

/** Applies a workspace edit's edits for `uri` to `text` with the LSP library. */
export function applyEdit(text: string, uri: string, edit: WorkspaceEdit): string {
  return TextDocument.applyEdits(TextDocument.create(uri, 'sysdesign', 0, text), editsOf(uri, edit));
}

/** The LSP position of `needle` (which must occur once) plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0): Position {
  return TextDocument.create('file:///x', 'sysdesign', 0, text).positionAt(offsetOf(text, needle, delta));
}

/** The text between two positions. */
export function slice(text: string, range: { start: Position; end: Position }): string {
  const d = TextDocument.create('file:///x', 'sysdesign', 0, text);
  return text.slice(d.offsetAt(range.start), d.offsetAt(range.end));
}

// --- a small applier, independent of the LSP libraries ---------------------------------

/** The offset of an LSP position: lines end at CRLF, LF or CR; characters are UTF-16 units. */
export function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const match = /\r\n|\r|\n/.exec(text.slice(offset));
    if (!match) return text.length;
    offset += match.index + match[0].length;
  }
  const rest = /\r|\n/.exec(text.slice(offset));
  return offset + Math.min(position.character, rest ? rest.index : text.length - offset);
}

export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const breaks = before.match(/\r\n|\r|\n/g) ?? [];
  const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
  return { line: breaks.length, character: offset - lineStart };
}

/** Applies edits that must not overlap, whatever their order. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const spans = edits.map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), text: e.newText })).sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const s of spans) {
    assert.ok(s.start >= at && s.end >= s.start, 'edits do not overlap');
    out += text.slice(at, s.start) + s.text;
    at = s.end;
  }
  return out + text.slice(at);
}

export function rangeText(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

export function isEmpty(range: Range): boolean {
  return range.start.line === range.end.line && range.start.character === range.end.character;
}

/**
 * The text VS Code inserts for a snippet when nothing is typed: placeholders keep their
 * default, a choice its first option, tab stops are empty, escapes are undone.
 */
export function snippetText(snippet: string): string {
  return snippet.replace(
    /\$\{\d+\|((?:\\.|[^\\,|])*)(?:,(?:\\.|[^\\|])*)*\|\}|\$\{\d+:((?:\\.|[^\\}])*)\}|\$\d+|\\([$}\\])/g,
    (_m, choice?: string, value?: string, escaped?: string) => {
      const plain = choice ?? value;
      return plain !== undefined ? plain.replace(/\\(.)/g, '$1') : (escaped ?? '');
    },
  );
}
