/**
 * The lines of a text as the chunk splitter sees them (start, indentation, kind), and the
 * line shapes it splits at: an entry `key:`, an item `- `.
 */

const LONE_CR = /\r(?!\n)/;

const BLANK = 0;
const COMMENT = 1;
export const CONTENT = 2;

/** The lines of a text: where each starts, its indentation (spaces) and its kind. */
export interface Lines {
  text: string;
  count: number;
  start: Int32Array;
  indent: Int32Array;
  kind: Uint8Array;
}

/**
 * One pass over the text. Undefined (left to the full parse) when a line is indented with
 * a tab, or when a carriage return is not followed by a line feed: YAML 1.2 counts that
 * as a line break too, and lines this scan does not see are lines it cannot split at.
 */
export function scanLines(text: string): Lines | undefined {
  if (LONE_CR.test(text)) return undefined;
  let count = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  const start = new Int32Array(count);
  const indent = new Int32Array(count);
  const kind = new Uint8Array(count);
  let at = 0;
  for (let n = 0; n < count; n++) {
    start[n] = at;
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    let i = at;
    while (i < end && text.charCodeAt(i) === 0x20) i++;
    indent[n] = i - at;
    const c = i < end ? text.charCodeAt(i) : -1;
    if (c === 0x09) return undefined;
    if (c === -1 || (c === 0x0d && i + 1 === end)) kind[n] = BLANK;
    else if (c === 0x23 /* # */) kind[n] = COMMENT;
    else kind[n] = CONTENT;
    at = end + 1;
  }
  return { text, count, start, indent, kind };
}

/**
 * The start of a line that begins an entry: a plain key (`name`, `view-feed`, `a b`),
 * then `: ` or `:` at the end of the line. The key starts with no YAML indicator and has
 * no quotes, flow indicators or comment inside: then the line's first token is a plain
 * scalar used as a key, which is what the sentinel `k:` stands for (see below). At most
 * 1024 characters, as YAML allows for an implicit key: the match stays cheap on a line of
 * a million characters.
 */
const KEY_SOURCE = String.raw`[^\s\-?:,\[\]{}#&*!|>'"%@\`](?:[^\t\r\n:#,\[\]{}'"]|:(?![ \r\n]|$)|(?<! )#){0,1023}:`;
const KEY = new RegExp(`${KEY_SOURCE}(?=[ \r\n]|$)`, 'y');
/** A key with nothing after it but spaces or a comment: `key:`, whose value follows on the next lines. */
const HEAD = new RegExp(`${KEY_SOURCE}[ ]*(?:[ ]#[^\n]*)?\r?(?=\n|$)`, 'y');
/**
 * A block scalar header with an explicit indentation indicator (`|2`, `>-1`), whose
 * meaning depends on the indentation around it. Loose on purpose: a false match (such a
 * header inside a plain scalar) only costs a full parse.
 */
const EXPLICIT_INDENT = /(?:^|[ \t])[|>](?:[1-9][-+]?|[-+][1-9])[ \t]*(?:#.*)?\r?$/gm;

/** Whether the text has an explicit indentation indicator outside comments. One regular expression over the whole text. */
export function hasExplicitIndent(text: string): boolean {
  EXPLICIT_INDENT.lastIndex = 0;
  for (let m = EXPLICIT_INDENT.exec(text); m !== null; m = EXPLICIT_INDENT.exec(text)) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    // `# ratio >1` is a comment, not a header.
    if (!/(?:^|[ \t])#/.test(text.slice(lineStart, m.index + 1))) return true;
  }
  return false;
}

function lineEnd(lines: Lines, n: number): number {
  return n + 1 < lines.count ? lines.start[n + 1] - 1 : lines.text.length;
}

export function contentAt(lines: Lines, n: number): number {
  return lines.start[n] + lines.indent[n];
}

export function isItemLine(lines: Lines, n: number): boolean {
  const at = contentAt(lines, n);
  if (lines.text.charCodeAt(at) !== 0x2d /* - */) return false;
  const next = at + 1 < lineEnd(lines, n) ? lines.text.charCodeAt(at + 1) : -1;
  return next === -1 || next === 0x20 || (next === 0x0d && at + 2 === lineEnd(lines, n));
}

function matches(re: RegExp, lines: Lines, n: number): boolean {
  re.lastIndex = contentAt(lines, n);
  const m = re.exec(lines.text);
  return m !== null && (re !== HEAD || m.index + m[0].length === lineEnd(lines, n));
}

export function isKeyLine(lines: Lines, n: number): boolean {
  return matches(KEY, lines, n);
}

/** Whether line `n` is an entry `key:` whose value follows on the next lines. */
export function isHeadLine(lines: Lines, n: number): boolean {
  return matches(HEAD, lines, n);
}
