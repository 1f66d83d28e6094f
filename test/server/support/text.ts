import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';

export const FIXTURE = path.join(__dirname, '..', '..', 'fixtures', 'spec-example.sysdesign.yaml');
export const example = readFileSync(FIXTURE, 'utf8');

/** The example with one textual change; `from` must occur exactly once. */
export function edited(from: string, to: string, text = example): string {
  assert.equal(text.split(from).length, 2, `"${from}" must occur once`);
  return text.replace(from, to);
}

/** The offset of `needle` (which must occur once) plus `delta`. */
export function offsetOf(text: string, needle: string, delta = 0): number {
  assert.equal(text.split(needle).length, 2, `"${needle}" must occur once`);
  return text.indexOf(needle) + delta;
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

/** Applies a workspace edit's edits for `uri` (either form) to `text`. */
export function applyEdit(text: string, uri: string, edit: WorkspaceEdit): string {
  const edits: TextEdit[] = edit.changes?.[uri] ?? (edit.documentChanges ?? []).flatMap((c) => ('textDocument' in c && c.textDocument.uri === uri ? (c.edits as TextEdit[]) : []));
  return TextDocument.applyEdits(TextDocument.create(uri, 'sysdesign', 0, text), edits);
}

/** The edits of a workspace edit for `uri`. */
export function editsOf(uri: string, edit: WorkspaceEdit): TextEdit[] {
  return edit.changes?.[uri] ?? (edit.documentChanges ?? []).flatMap((c) => ('textDocument' in c && c.textDocument.uri === uri ? (c.edits as TextEdit[]) : []));
}
