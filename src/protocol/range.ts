/** Positions follow LSP: zero-based line and UTF-16 character. A leaf, so every message file can use them. */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}
