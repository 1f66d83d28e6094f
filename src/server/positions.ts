/**
 * The core reports UTF-16 offsets; LSP speaks lines and characters. This is the only
 * place that converts between them, on top of the document's own `positionAt`/`offsetAt`
 * (which know about CRLF and surrogate pairs).
 */
import type { Position, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Span } from '../core';

export interface Positions {
  position(offset: number): Position;
  offset(position: Position): number;
  range(span: Span): Range;
  /** The line break the document uses, for inserted text. */
  readonly eol: '\n' | '\r\n';
}

export function positionsOf(document: Pick<TextDocument, 'positionAt' | 'offsetAt' | 'getText'>, text = document.getText()): Positions {
  const eol = eolOf(text);
  return {
    eol,
    position: (offset) => document.positionAt(offset),
    offset: (position) => document.offsetAt(position),
    range: (span) => ({ start: document.positionAt(span.start), end: document.positionAt(Math.max(span.start, span.end)) }),
  };
}

/** The first line break decides; a document without one gets `\n`. */
export function eolOf(text: string): '\n' | '\r\n' {
  const lf = text.indexOf('\n');
  return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
}
