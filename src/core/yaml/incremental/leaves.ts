/**
 * Leaves: chunks parsed in a faithful context, and reused from the previous version
 * while unchanged (at the same offset, or shifted by the length change before them).
 *
 * A chunk parsed alone ends at the end of the input, where a full parse sees the next
 * line's content: how far a trailing comment extends an empty value or a collection
 * (`range[2]`) differs between the two. So a chunk is parsed as
 *
 *     prefix + chunk + sentinel
 *
 * - prefix: one line `k:` per enclosing split entry, at that entry's indentation: the
 *   chunk's collection is at the same column, inside collections of the same kinds at the
 *   same columns, as in the document;
 * - chunk: its lines, plus the indentation of the line after it;
 * - sentinel: `k:` or `-`, the first token of the line after the chunk (an entry or an
 *   item of the collection at that column), or nothing at the end of the document.
 *
 * Up to the next line's first token the parser sees what a full parse sees, in the same
 * state, so the chunk's nodes come out the same. The collections around it come out as the
 * document's would for a chunk that is the last of its collection (the sentinel is at a
 * lower column and closes them), which is where the assembled collections take their
 * ends from (`Leaf.path`).
 */
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Pair, Range, YAMLMap, YAMLSeq } from 'yaml';
import type { Problem } from '../../types';
import type { ChunkParser, JsonStats } from '../chunkParser';
import { reporter } from '../report';
import type { LeafPart } from './chunks';
import { contentAt, isItemLine, type Lines } from './lines';
import type { IncrementalStats } from './stats';
import { everyNode } from './walk';

export interface Leaf {
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
export interface LeafSource {
  previous: Map<number, Leaf>;
  next: Map<number, Leaf>;
  stats: IncrementalStats;
  parser: ChunkParser;
  /** The length change since the previous version. */
  delta: number;
}

/** The leaf for lines `[from, to)` in the context `prefix`: the previous version's if unchanged, else parsed now. */
export function leafFor(lines: Lines, part: LeafPart, prefix: string, levels: number, source: LeafSource): Leaf | string {
  const start = lines.start[part.from];
  const text = lines.text.slice(start, chunkEnd(lines, part.to));
  const sentinel = sentinelFor(lines, part.to);
  // Unchanged and before the edit (same offset), or after it (shifted by the length change).
  const reused = take(source, start, prefix, text, sentinel, 0) ?? (source.delta !== 0 ? take(source, start, prefix, text, sentinel, source.delta) : undefined);
  if (reused !== undefined) return reused;
  source.stats.parsed++;
  const leaf = parseLeaf(source.parser, { fullText: lines.text, start, prefix, text, sentinel, levels, seq: isItemLine(lines, part.from) });
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
/** One chunk to parse in its minimal context: `prefix + text + sentinel`, `levels` deep, at `start` of `fullText`. */
interface LeafInput {
  fullText: string;
  start: number;
  prefix: string;
  text: string;
  sentinel: string;
  levels: number;
  seq: boolean;
}

function parseLeaf(parser: ChunkParser, { fullText, start, prefix, text, sentinel, levels, seq }: LeafInput): Leaf | string {
  let doc;
  try {
    const parsed = parser.parseChunk(prefix + text + sentinel);
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
  if (subtree !== null && subtree !== undefined) parser.inspectSubtree(subtree, fullText, report);

  const json: JsonStats = { steps: 0, depth: 0 };
  let key: string | undefined;
  let value: unknown = null;
  if (seq || isScalar((node as Pair).key)) {
    const failures: Problem[] = [];
    value = parser.toJson(subtree, reporter(failures), json);
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
  return everyNode(root, (node) => {
    if (isAlias(node)) return false;
    const n = node as { anchor?: string; tag?: string };
    return n.anchor === undefined && n.tag === undefined;
  });
}

/**
 * Moves every range in the subtree (an item, or a pair's key and value) by `delta`, each
 * into a new tuple (the library may share one between nodes), and returns those tuples:
 * the leaf owns them, so later shifts add to them in place without walking the tree.
 */
function ownRanges(root: unknown, delta: number): Range[] {
  const ranges: Range[] = [];
  everyNode(root, (node) => {
    const n = node as { range?: Range | null };
    if (n.range) {
      n.range = [n.range[0] + delta, n.range[1] + delta, n.range[2] + delta];
      ranges.push(n.range);
    }
    return true;
  });
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
