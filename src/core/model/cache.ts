/**
 * Model parts by the YAML node they were read from, for an analyzer that analyses one
 * document version after another (`createAnalyzer`).
 *
 * Why this is sound: the incremental parser (`yaml/incremental/`) hands out the *same* node
 * object for a chunk whose text did not change, with only its ranges shifted by the
 * length of an edit before it; every other node is new. A part read from such a node is
 * therefore the part read before, with every offset shifted by the same amount. A part
 * depends on nothing outside its node (the text it slices is the node's own), and it is
 * cached per reading (`kind`): a node moved from `components` to `groups` by an edit of
 * the section key is read again as a group.
 *
 * Two generations of Maps: a part not read during a whole analysis is dropped after the
 * next one, so memory follows the document whatever the garbage collector does.
 */
export class ModelCache {
  private current = new Map<object, CachedPart>();
  private previous = new Map<object, CachedPart>();

  /** Starts an analysis. */
  nextGeneration(): void {
    this.previous = this.current;
    this.current = new Map();
  }

  /** The part `read` makes of `node`, from the cache when this node was read as `kind` before. */
  read<T>(kind: string, node: object, start: number, read: () => T): T {
    const first = this.current.get(node) ?? this.previous.get(node);
    for (let entry = first; entry !== undefined; entry = entry.next) {
      if (entry.kind !== kind) continue;
      if (entry.start !== start) {
        entry.part = shiftSpans(entry.part, start - entry.start);
        entry.start = start;
      }
      this.current.set(node, first!);
      return entry.part as T;
    }
    const part = read();
    this.current.set(node, { kind, start, part, next: first });
    return part;
  }
}

interface CachedPart {
  kind: string;
  /** The node's start offset when `part` was read or last shifted. */
  start: number;
  part: unknown;
  /** The same node read another way. */
  next: CachedPart | undefined;
}

/**
 * A copy of a model part with every offset moved by `delta`. Offsets are exactly the
 * `start` and `end` properties (every `Span` of types.ts); the original is never mutated,
 * since an earlier analysis may still hold it.
 */
export function shiftSpans(value: unknown, delta: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => shiftSpans(item, delta));
  // A spread copy keeps the original's shape (hidden class): copies of copies stay as fast
  // to make and to read as the parts the model built (property by property, they were not).
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const key in out) {
    const v = out[key];
    if (typeof v === 'number') {
      if (key === 'start' || key === 'end') out[key] = v + delta;
    } else if (v !== null && typeof v === 'object') {
      out[key] = shiftSpans(v, delta);
    }
  }
  return out;
}
