/**
 * The chunk tree: a text split by indentation into the top-level entries and, inside an
 * entry `key:` whose value is a long block map or sequence, its entries or items, and so
 * on. Chunk boundaries are always lines that start an entry or an item at the
 * collection's indentation.
 */
import { CONTENT, hasExplicitIndent, isHeadLine, isItemLine, isKeyLine, type Lines } from './lines';

/** Lines `[from, to)`, parsed as one chunk: one map entry, or one sequence item. */
export interface LeafPart {
  type: 'leaf';
  from: number;
  to: number;
}

/** An entry `key:` whose block value is assembled from chunks. */
export interface SplitEntry {
  type: 'split';
  /** The `key:` line and any blank or comment lines before the first child. */
  head: LeafPart;
  value: Container;
}

/** A block collection assembled from chunks: the root map, or the value of a split entry. */
export interface Container {
  kind: 'map' | 'seq';
  indent: number;
  /** Seq: leaves (items). Map: leaves (whole entries) or split entries. */
  children: Array<LeafPart | SplitEntry>;
  /** The line after the collection: the next content line, or `count`. */
  to: number;
}

/** The root map's entries; undefined when the layout is not one the chunks reproduce exactly. */
export function splitDocument(lines: Lines, splitMinLines: number): Container | undefined {
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
  if (entry.to - entry.from <= splitMinLines || !isHeadLine(lines, entry.from)) return undefined;
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
