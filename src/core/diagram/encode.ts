/**
 * Every piece of user text that goes into generated Mermaid or Markdown passes through
 * this file, so the document can never supply syntax (RELIABILITY.md, "Mermaid
 * generation").
 *
 * Mermaid labels: letters, digits and marks of any script, the space and `. , - _ / ( ) ? ! ' + = * ×`
 * stay as written, so a diff of exported Markdown reads (`2.1 miles away - push`);
 * every other character becomes `#<code point>;`. Mermaid turns `#NNN;` into the HTML
 * entity `&#NNN;` only after parsing (and after DOMPurify), so an encoded label can
 * contain no quote, bracket, pipe, colon (Mermaid reads `style x:#f00;` and a leading
 * `wrap:` in a label), `%`, `#`, `;`, `<`, `>`, `&` or backtick of its own:
 * `a"] --> evil["x` stays one label, `%%{init: ...}%%` never becomes configuration,
 * `<img onerror>` is text, `end` is only a word, and invisible format characters
 * (bidirectional overrides) show as their codes.
 */

/** Characters that break a line or are invisible controls: dropped or made a space. */
function isDropped(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
}

/** Line breaks and tabs read as word separators, so `a\nb` stays two words. */
function isSpaceLike(code: number): boolean {
  return code === 0x09 || code === 0x0a || code === 0x0b || code === 0x0c || code === 0x0d || code === 0x85 || code === 0x2028 || code === 0x2029;
}

/** Letters, marks and digits of any script, the space, and punctuation no Mermaid grammar gives a meaning inside a label. */
const PLAIN = /^[\p{L}\p{M}\p{N} .,\-_/()?!'+=*×]$/u;

function isPlain(ch: string): boolean {
  return PLAIN.test(ch);
}

/**
 * The text a label will show: line breaks and tabs as spaces, other control characters
 * dropped, lone surrogates as U+FFFD. `decodeLabel(encodeLabel(s)) === visibleText(s)`.
 */
export function visibleText(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (isSpaceLike(code)) out += ' ';
    else if (isDropped(code)) continue;
    else if (code >= 0xd800 && code <= 0xdfff) out += '\ufffd';
    else out += ch;
  }
  return out;
}

/** User text as the inside of a quoted Mermaid label: plain characters (see above) and `#NNN;`. */
export function encodeLabel(text: string): string {
  let out = '';
  for (const ch of visibleText(text)) {
    out += isPlain(ch) ? ch : `#${ch.codePointAt(0) ?? 0};`;
  }
  return out;
}

/** The first candidate that still has visible text once encoded; `#8203;` (a zero-width space) when none has. */
export function firstLabel(...candidates: Array<string | undefined>): string {
  for (const candidate of candidates) {
    // Mermaid trims labels; trimming here keeps both lines of a node alike.
    const encoded = candidate === undefined ? '' : encodeLabel(candidate).trim();
    if (encoded !== '') return encoded;
  }
  return '#8203;';
}

/** The inverse of `encodeLabel` (for tests and tools that read generated text back). */
export function decodeLabel(encoded: string): string {
  return encoded.replace(/#(\d+);/g, (_, digits: string) => String.fromCodePoint(Number(digits)));
}

/**
 * A word for a Mermaid ER attribute type or name. Mermaid documents these as "begin
 * with a letter or underscore; may contain digits, hyphens, underscores, parentheses
 * and square brackets", so `varchar(200)` stays as written and anything else becomes
 * `_`. A word Mermaid would read as a key (`pk`, `fk`, `uk`) gets a leading `_`.
 * Callers put the original text in the attribute's comment when the word changed.
 */
export function erWord(text: string): string {
  let word = '';
  for (const ch of visibleText(text)) word += /^[A-Za-z0-9_()[\]-]$/.test(ch) ? ch : '_';
  if (word === '') return '_';
  if (!/^[A-Za-z_]/.test(word) || /^(?:pk|fk|uk)(?![A-Za-z0-9_])/i.test(word)) word = `_${word}`;
  return word;
}

/**
 * User text for Markdown (GitHub flavoured): on one line, with every character that
 * could start markup escaped by a backslash (HTML, emphasis, links, code, tables,
 * strikethrough, math, mentions, issue references), and a leading character that
 * could start a block (list, heading, quote, setext line) escaped too.
 */
export function escapeMarkdown(text: string): string {
  const flat = visibleText(text).replace(/ {2,}/g, ' ').trim();
  let out = flat.replace(/[\\`*_[\]<>|~&#@$!]/g, (c) => `\\${c}`);
  out = out.replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
  return out;
}

/**
 * User text as a Markdown code span (ids, expressions, `METHOD path`): a backtick fence
 * longer than any run inside, padded when the text starts or ends with a backtick. In a
 * table cell a `|` must be escaped even inside a code span (GFM); GitHub shows it as `|`.
 */
export function codeSpan(text: string, inTable: boolean): string {
  let content = visibleText(text);
  if (inTable) content = content.replace(/\|/g, '\\|');
  if (content.trim() === '') return escapeMarkdown(content);
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = content.startsWith('`') || content.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}
