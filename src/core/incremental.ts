/**
 * Incremental parsing for as-you-type analysis: the same `ParsedYaml` as `parseYaml(text)`
 * (tree with every range, JSON value, problems), built from chunks of whole lines so that
 * an edit re-parses only the chunk it touches.
 *
 * Why: parsing YAML is most of the cost of an analysis (about 90 % in a plain yaml + ajv
 * pipeline), and a keystroke changes one line of a document of thousands.
 *
 * How:
 * - The text is split by indentation into a tree of chunks (`splitDocument`): the
 *   top-level entries; inside an entry written `key:` whose value is a long block map or
 *   block sequence, its entries or items; and so on. Chunk boundaries are always lines
 *   that start an entry (`key: ...`) or an item (`- ...`) at the collection's indentation.
 * - Each chunk (a "leaf") is parsed by the `yaml` library with the options of a full
 *   parse, inside a minimal context that puts the parser in the state a full parse is in
 *   (see "Leaves" below). A leaf is a function of its text and that context, so an
 *   unchanged leaf is reused from the previous version: at the same offset (edit after
 *   it) or shifted by the length change (edit before it). Shifting adds to the ranges of
 *   its nodes in place: the nodes belong to this parser, never to an analysis handed out.
 * - The collections that contain chunks are assembled anew each time (`assembleContainer`)
 *   with the ranges, key problems (duplicates) and JSON value a full parse gives them.
 *
 * Whenever anything is unusual, the whole text gets a full parse, so error messages and
 * positions stay exactly those of a full analysis: a byte-order mark or control
 * character, tabs in indentation, directives, `---`/`...`, content at column 0 that is not
 * a `key:`, an explicit block scalar indentation, anchors, aliases and tags, a chunk with
 * any YAML error or warning, a chunk that does not parse to exactly one entry or item,
 * and a value over the converter's budget. The size cap and the depth pre-pass run first,
 * on the whole text, exactly as in a full parse (`precheck`).
 * `test/unit/incremental.unit.test.ts` compares the result with `parseYaml` and
 * `analyseText` over random edit sequences.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, Pair, YAMLMap, YAMLSeq } from 'yaml';
import type { Node as YamlNode, Range } from 'yaml';
import { MAX_DEPTH } from './yaml/depth';
import { parseYamlDocument } from './yaml/document';
import { inspectKey, inspectSubtree } from './yaml/hazards';
import { parseChecked } from './yaml/parse';
import { precheck } from './yaml/prechecks';
import { reporter, sortParseProblems } from './yaml/report';
import { defineKey, MAX_EXPANDED_NODES, toPlainJson, type JsonStats } from './yaml/toJson';
import type { ParsedYaml } from './yaml/types';
import type { Problem } from './types';

/** An entry written `key:` is split into its entries or items only when longer than this many lines. */
export const SPLIT_MIN_LINES = 8;

/** What the last `parse` did, for tests and benchmarks. */
export interface IncrementalStats {
  /** `chunks` when the tree was assembled from chunks, else `full` (and why, in `reason`). */
  path: 'chunks' | 'full';
  reason?: string;
  /** Chunks parsed for this version and chunks reused from the previous one. */
  parsed: number;
  reused: number;
  /** On the chunk path: the converter steps of the whole value (the alias budget's count; see `toPlainJson`). */
  steps?: number;
}

export interface IncrementalParser {
  /** Exactly `parseYaml(text)` (values, ranges, problems), reusing the previous version's chunks. */
  parse(text: string): ParsedYaml;
  readonly stats: IncrementalStats;
}

export interface IncrementalOptions {
  /** See SPLIT_MIN_LINES; tests lower it to split small documents as deeply as large ones. */
  splitMinLines?: number;
}

export function createIncrementalParser(options: IncrementalOptions = {}): IncrementalParser {
  const splitMinLines = options.splitMinLines ?? SPLIT_MIN_LINES;
  /** The chunks of the last version that went through assembly, by offset, and that version's length. */
  let leaves = new Map<number, Leaf>();
  let leavesLength = 0;
  const stats: IncrementalStats = { path: 'full', parsed: 0, reused: 0 };
  const full = (text: string, early: Problem[], reason: string): ParsedYaml => {
    stats.path = 'full';
    stats.reason = reason;
    return parseChecked(text, early);
  };
  return {
    stats,
    parse(text) {
      stats.parsed = 0;
      stats.reused = 0;
      stats.reason = undefined;
      stats.steps = undefined;
      const pre = precheck(text);
      if (pre.rejected) {
        leaves = new Map();
        leavesLength = 0;
        stats.path = 'full';
        stats.reason = 'rejected before parsing';
        return pre.rejected;
      }
      // A byte-order mark or control characters: rare, and their problems come first.
      if (pre.problems.length > 0) return full(text, pre.problems, 'problems before parsing');
      const lines = scanLines(text);
      const root = lines && splitDocument(lines, splitMinLines);
      if (!lines || !root) return full(text, [], 'layout');
      const next = new Map<number, Leaf>();
      const result = assembleDocument(lines, root, { previous: leaves, next, stats, delta: text.length - leavesLength });
      // Keep whatever was parsed or reused, even when this version falls back: once the
      // text is well-formed again, the untouched chunks are still there.
      leaves = next;
      leavesLength = text.length;
      if (typeof result === 'string') return full(text, [], result);
      stats.path = 'chunks';
      return result;
    },
  };
}

// ---------------------------------------------------------------------------
// Lines
// ---------------------------------------------------------------------------

const LONE_CR = /\r(?!\n)/;

const BLANK = 0;
const COMMENT = 1;
const CONTENT = 2;

/** The lines of a text: where each starts, its indentation (spaces) and its kind. */
interface Lines {
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
function scanLines(text: string): Lines | undefined {
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
function hasExplicitIndent(text: string): boolean {
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

function contentAt(lines: Lines, n: number): number {
  return lines.start[n] + lines.indent[n];
}

function isItemLine(lines: Lines, n: number): boolean {
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

function isKeyLine(lines: Lines, n: number): boolean {
  return matches(KEY, lines, n);
}

// ---------------------------------------------------------------------------
// The chunk tree
// ---------------------------------------------------------------------------

/** Lines `[from, to)`, parsed as one chunk: one map entry, or one sequence item. */
interface LeafPart {
  type: 'leaf';
  from: number;
  to: number;
}

/** An entry `key:` whose block value is assembled from chunks. */
interface SplitEntry {
  type: 'split';
  /** The `key:` line and any blank or comment lines before the first child. */
  head: LeafPart;
  value: Container;
}

/** A block collection assembled from chunks: the root map, or the value of a split entry. */
interface Container {
  kind: 'map' | 'seq';
  indent: number;
  /** Seq: leaves (items). Map: leaves (whole entries) or split entries. */
  children: Array<LeafPart | SplitEntry>;
  /** The line after the collection: the next content line, or `count`. */
  to: number;
}

/** The root map's entries; undefined when the layout is not one the chunks reproduce exactly. */
function splitDocument(lines: Lines, splitMinLines: number): Container | undefined {
  let first = 0;
  while (first < lines.count && lines.kind[first] !== CONTENT) first++;
  if (first === lines.count || hasExplicitIndent(lines.text)) return undefined;
  // Every content line at column 0 must be a key: not `---`, `...`, `%YAML`, `- x`, `"key":`, ...
  if (lines.indent[first] !== 0) return undefined;
  return splitCollection(lines, first, lines.count, 0, 'map', splitMinLines);
}

/**
 * The children of a block collection whose lines are `[from, to)`, `from` being its first
 * content line at `indent`. Every content line in the range is indented at least `indent`
 * (the caller checked). Undefined when a line at `indent` is not an entry/item of `kind`.
 */
function splitCollection(lines: Lines, from: number, to: number, indent: number, kind: 'map' | 'seq', splitMinLines: number): Container | undefined {
  const starts: number[] = [];
  for (let n = from; n < to; n++) {
    if (lines.kind[n] !== CONTENT || lines.indent[n] !== indent) continue;
    if (kind === 'map' ? !isKeyLine(lines, n) : !isItemLine(lines, n)) return undefined;
    starts.push(n);
  }
  const children: Array<LeafPart | SplitEntry> = [];
  for (let i = 0; i < starts.length; i++) {
    const end = i + 1 < starts.length ? starts[i + 1] : to;
    const leaf: LeafPart = { type: 'leaf', from: starts[i], to: end };
    children.push(kind === 'map' ? (splitEntry(lines, leaf, indent, splitMinLines) ?? leaf) : leaf);
  }
  return { kind, indent, children, to };
}

/** A long entry `key:` whose value is a block map or sequence, split into its children. */
function splitEntry(lines: Lines, entry: LeafPart, indent: number, splitMinLines: number): SplitEntry | undefined {
  if (entry.to - entry.from <= splitMinLines || !matches(HEAD, lines, entry.from)) return undefined;
  let first = entry.from + 1;
  while (first < entry.to && lines.kind[first] !== CONTENT) first++;
  if (first === entry.to) return undefined;
  const inner = lines.indent[first];
  // A compact sequence (`key:` then `- x` at the key's column) stays in one chunk.
  if (inner <= indent) return undefined;
  for (let n = first; n < entry.to; n++) {
    if (lines.kind[n] === CONTENT && lines.indent[n] < inner) return undefined;
  }
  const value = splitCollection(lines, first, entry.to, inner, isItemLine(lines, first) ? 'seq' : 'map', splitMinLines);
  if (!value) return undefined;
  return { type: 'split', head: { type: 'leaf', from: entry.from, to: first }, value };
}

// ---------------------------------------------------------------------------
// Leaves: chunks parsed in a faithful context
// ---------------------------------------------------------------------------
//
// A chunk parsed alone ends at the end of the input, where a full parse sees the next
// line's content: how far a trailing comment extends an empty value or a collection
// (`range[2]`) differs between the two. So a chunk is parsed as
//
//     prefix + chunk + sentinel
//
// - prefix: one line `k:` per enclosing split entry, at that entry's indentation: the
//   chunk's collection is at the same column, inside collections of the same kinds at the
//   same columns, as in the document;
// - chunk: its lines, plus the indentation of the line after it;
// - sentinel: `k:` or `-`, the first token of the line after the chunk (an entry or an
//   item of the collection at that column), or nothing at the end of the document.
//
// Up to the next line's first token the parser sees what a full parse sees, in the same
// state, so the chunk's nodes come out the same. The collections around it come out as the
// document's would for a chunk that is the last of its collection (the sentinel is at a
// lower column and closes them), which is where the assembled collections take their
// ends from (`Leaf.path`).

interface Leaf {
  /** Offset of the chunk's first character (the start of its first line). */
  start: number;
  /** What it was parsed from (see above); the leaf is reused only when all three are unchanged. */
  prefix: string;
  text: string;
  sentinel: string;
  /** Seq: the item node. Map: the pair. Ranges are document offsets. */
  node: unknown;
  /** The range tuple of every node in `node`, owned by this leaf (see `ownRanges`). */
  ranges: Range[];
  /**
   * The ranges of the collections around the chunk in its parse, innermost (the chunk's
   * own collection) first, as document offsets. `range[0]` of all but the first lies in
   * the prefix and means nothing.
   */
  path: Range[];
  /** Problems of the subtree (not of the entry's key: the container checks keys). */
  problems: Problem[];
  /** Map: the key as the JSON value names it, or undefined when the key is not a scalar. */
  key?: string;
  /** The JSON value of the item, or of the entry's value. */
  value: unknown;
  json: JsonStats;
}

function chunkEnd(lines: Lines, to: number): number {
  return to < lines.count ? contentAt(lines, to) : lines.text.length;
}

/** The first token of line `n` (an item or an entry), or nothing past the end. */
function sentinelFor(lines: Lines, n: number): string {
  if (n >= lines.count) return '';
  return isItemLine(lines, n) ? '-' : 'k:';
}

/** Where chunks come from: the previous version's, or parsed now. */
interface LeafSource {
  previous: Map<number, Leaf>;
  next: Map<number, Leaf>;
  stats: IncrementalStats;
  /** The length change since the previous version. */
  delta: number;
}

/** The leaf for lines `[from, to)` in the context `prefix`: the previous version's if unchanged, else parsed now. */
function leafFor(lines: Lines, part: LeafPart, prefix: string, levels: number, source: LeafSource): Leaf | string {
  const start = lines.start[part.from];
  const text = lines.text.slice(start, chunkEnd(lines, part.to));
  const sentinel = sentinelFor(lines, part.to);
  // Unchanged and before the edit (same offset), or after it (shifted by the length change).
  const reused = take(source, start, prefix, text, sentinel, 0) ?? (source.delta !== 0 ? take(source, start, prefix, text, sentinel, source.delta) : undefined);
  if (reused !== undefined) return reused;
  source.stats.parsed++;
  const leaf = parseLeaf(lines.text, start, prefix, text, sentinel, levels, isItemLine(lines, part.from));
  if (typeof leaf !== 'string') source.next.set(start, leaf);
  return leaf;
}

/** The previous version's leaf that started at `start - shift` with this context and text, moved to `start`. */
function take(source: LeafSource, start: number, prefix: string, text: string, sentinel: string, shift: number): Leaf | undefined {
  const old = source.previous.get(start - shift);
  if (old === undefined || old.text !== text || old.sentinel !== sentinel || old.prefix !== prefix) return undefined;
  // Each leaf is used once: its nodes are shifted in place.
  source.previous.delete(start - shift);
  if (shift !== 0) shiftLeaf(old, shift);
  source.next.set(start, old);
  source.stats.reused++;
  return old;
}

/**
 * Parses one chunk in its context (`levels` lines of prefix); a string says why it cannot
 * stand for its part of a full parse.
 */
function parseLeaf(fullText: string, start: number, prefix: string, text: string, sentinel: string, levels: number, seq: boolean): Leaf | string {
  let doc;
  try {
    const parsed = parseYamlDocument(prefix + text + sentinel);
    if (parsed.tooDeep !== undefined) return 'too deep';
    doc = parsed.doc;
  } catch {
    return 'parser exception';
  }
  if (doc.errors.length > 0 || doc.warnings.length > 0) return 'YAML error or warning';
  // Down the prefix: each level is a map whose first entry holds the next.
  const path: Range[] = [];
  let collection = doc.contents as unknown;
  for (let level = 0; level < levels; level++) {
    if (!isMap(collection) || collection.flow || !collection.range) return 'unexpected chunk shape';
    path.push(collection.range);
    collection = (collection.items[0] as Pair | undefined)?.value;
  }
  if (seq ? !isSeq(collection) : !isMap(collection)) return 'unexpected chunk shape';
  const own = collection as YAMLMap | YAMLSeq;
  // One item, plus the sentinel's when the next line is a sibling.
  const column = firstColumn(text);
  const expected = sentinel !== '' && sentinelColumn(text) === column ? 2 : 1;
  if (own.flow || own.items.length !== expected || own.range?.[0] !== prefix.length + column) return 'unexpected chunk shape';
  path.push(own.range);
  path.reverse();
  const node = own.items[0] as unknown;
  if (!isPlain(node)) return 'anchor, alias or tag';

  const delta = start - prefix.length;
  const ranges = ownRanges(node, delta);
  const problems: Problem[] = [];
  const report = reporter(problems);
  const subtree = seq ? node : (node as Pair).value;
  if (subtree !== null && subtree !== undefined) inspectSubtree(subtree, fullText, report);

  const json: JsonStats = { steps: 0, depth: 0 };
  let key: string | undefined;
  let value: unknown = null;
  if (seq || isScalar((node as Pair).key)) {
    const failures: Problem[] = [];
    value = toPlainJson(null, subtree, reporter(failures), json);
    if (failures.length > 0) return 'value over budget';
    if (!seq) key = String(((node as Pair).key as { value: unknown }).value);
  }
  return {
    start,
    prefix,
    text,
    sentinel,
    node,
    ranges,
    path: path.map((r) => [r[0] + delta, r[1] + delta, r[2] + delta]),
    problems,
    key,
    value,
    json,
  };
}

/** The column of a chunk's first content: it starts at a line start, with its content. */
function firstColumn(text: string): number {
  let i = 0;
  while (text.charCodeAt(i) === 0x20) i++;
  return i;
}

/** The column of the sentinel: a chunk ends with the indentation of the line after it. */
function sentinelColumn(text: string): number {
  return text.length - (text.lastIndexOf('\n') + 1);
}

/**
 * No anchors, aliases or explicit tags anywhere (keys included): aliases need the whole
 * document, and a tag's problem span looks outside the node.
 */
function isPlain(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || node === undefined) continue;
    if (isPair(node)) {
      stack.push(node.key, node.value);
      continue;
    }
    if (isAlias(node)) return false;
    const n = node as { anchor?: string; tag?: string };
    if (n.anchor !== undefined || n.tag !== undefined) return false;
    if (isMap(node)) {
      for (const pair of node.items) stack.push(pair.key, pair.value);
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return true;
}

/**
 * Moves every range in the subtree (an item, or a pair's key and value) by `delta`, each
 * into a new tuple (the library may share one between nodes), and returns those tuples:
 * the leaf owns them, so later shifts add to them in place without walking the tree.
 */
function ownRanges(root: unknown, delta: number): Range[] {
  const ranges: Range[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || node === undefined) continue;
    if (isPair(node)) {
      stack.push(node.key, node.value);
      continue;
    }
    const n = node as { range?: Range | null };
    if (n.range) {
      n.range = [n.range[0] + delta, n.range[1] + delta, n.range[2] + delta];
      ranges.push(n.range);
    }
    if (isMap(node)) {
      for (const pair of node.items) stack.push(pair.key, pair.value);
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return ranges;
}

function shiftLeaf(leaf: Leaf, delta: number): void {
  leaf.start += delta;
  for (const range of leaf.ranges) {
    range[0] += delta;
    range[1] += delta;
    range[2] += delta;
  }
  for (const range of leaf.path) {
    range[0] += delta;
    range[1] += delta;
    range[2] += delta;
  }
  // Problems may be held by an earlier analysis: new objects, never mutated ones.
  if (leaf.problems.length > 0) leaf.problems = leaf.problems.map((p) => ({ ...p, start: p.start + delta, end: p.end + delta }));
}

// ---------------------------------------------------------------------------
// Assembly
// ---------------------------------------------------------------------------

interface Assembled {
  node: YAMLMap | YAMLSeq;
  value: unknown;
  steps: number;
  depth: number;
}

/** The whole `ParsedYaml`, or a string saying why a full parse is needed. */
function assembleDocument(lines: Lines, root: Container, source: LeafSource): ParsedYaml | string {
  const context: AssemblyContext = { lines, source, problems: [], failure: undefined };
  const assembled = assembleContainer(context, root, 0, '', 0);
  if (context.failure !== undefined) return context.failure;
  source.stats.steps = assembled.steps;
  if (assembled.steps > MAX_EXPANDED_NODES || assembled.depth > MAX_DEPTH * 4) return 'value over budget';
  sortParseProblems(context.problems);
  return { doc: null, root: assembled.node, value: assembled.value, problems: context.problems, fatal: false };
}

interface AssemblyContext {
  lines: Lines;
  source: LeafSource;
  /** The parse problems of the whole document, in no particular order. */
  problems: Problem[];
  /** Why the chunks cannot stand for a full parse, once known. */
  failure: string | undefined;
}

/**
 * A collection built from its children as the composer would build it. `range[0]` is
 * where its first child starts; `range[1]` and `range[2]` (the end of its last value, and
 * of a trailing comment it keeps) are those of the same collection in the parse of its
 * last leaf (`Leaf.path`, `levels` up from that leaf). `depth` is the converter depth of
 * the collection; `prefix` (`levels` lines) the context of its children.
 */
function assembleContainer(context: AssemblyContext, container: Container, depth: number, prefix: string, levels: number): Assembled & { last?: Leaf; up: number } {
  const { lines, source } = context;
  const seq = container.kind === 'seq';
  const node = seq ? new YAMLSeq() : new YAMLMap();
  const value: unknown = seq ? [] : {};
  let steps = 1;
  let deepest = depth;
  let start = -1;
  let last: Leaf | undefined;
  let up = 0;
  const seen = new Set<string>();
  const report = reporter(context.problems);

  for (const child of container.children) {
    if (child.type === 'leaf') {
      const leaf = leafFor(lines, child, prefix, levels, source);
      if (typeof leaf === 'string') {
        context.failure ??= leaf;
        continue;
      }
      if (start < 0) start = leaf.path[0][0];
      last = leaf;
      up = 0;
      for (const p of leaf.problems) context.problems.push(p);
      if (seq) {
        (node as YAMLSeq).items.push(leaf.node);
        (value as unknown[]).push(leaf.value);
      } else {
        const pair = leaf.node as Pair;
        inspectKey(pair.key, seen, report);
        (node as YAMLMap).items.push(pair);
        if (leaf.key !== undefined) defineKey(value as Record<string, unknown>, leaf.key, leaf.value);
      }
      if (seq || leaf.key !== undefined) {
        steps += leaf.json.steps;
        deepest = Math.max(deepest, depth + 1 + leaf.json.depth);
      }
    } else {
      const head = leafFor(lines, child.head, prefix, levels, source);
      const entryIndent = lines.indent[child.head.from];
      const inner = assembleContainer(context, child.value, depth + 1, `${prefix}${' '.repeat(entryIndent)}k:\n`, levels + 1);
      if (typeof head === 'string') {
        context.failure ??= head;
        continue;
      }
      const key = (head.node as Pair).key;
      if (start < 0) start = head.path[0][0];
      inspectKey(key, seen, report);
      (node as YAMLMap).items.push(new Pair(key, inner.node));
      if (head.key !== undefined) {
        defineKey(value as Record<string, unknown>, head.key, inner.value);
        steps += inner.steps;
        deepest = Math.max(deepest, inner.depth);
      }
      last = inner.last;
      up = inner.up + 1;
    }
  }
  const end = last?.path[up];
  if (end === undefined) {
    context.failure ??= 'unexpected chunk shape';
    node.range = [start, start, start];
  } else {
    node.range = [start, end[1], end[2]];
  }
  return { node, value, steps, depth: deepest, last, up };
}

/** For tests: what a subtree of a full parse and an assembled one must agree on (ranges, values, scalar styles). */
export function rangesOf(node: YamlNode | null): unknown {
  const walk = (n: unknown): unknown => {
    if (n === null || n === undefined) return null;
    if (isScalar(n)) return { s: n.range, v: n.value, t: n.type };
    if (isMap(n)) return { m: n.range, items: n.items.map((p) => [walk(p.key), walk(p.value)]) };
    if (isSeq(n)) return { q: n.range, items: n.items.map(walk) };
    return { other: String(n) };
  };
  return walk(node);
}
