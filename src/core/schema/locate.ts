/** From a JSON Pointer of an ajv error to the smallest span of the YAML tree. */
import { isAlias, isMap, isScalar, isSeq, type Node as YamlNode, type Pair } from 'yaml';
import type { Span } from '../types';

/** One step of a path resolved in the YAML tree. */
export interface Located {
  /** The node at this path; undefined when the pair has no value node (e.g. `name:`). */
  node: YamlNode | undefined;
  /** The key of the pair whose value this is, when the parent is a map. */
  key?: Span;
  /** True when the parent is a sequence (this is a list item). */
  item: boolean;
}

export function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The string a key becomes in plain JSON (as `yaml`'s `toJS` makes it). */
function keyString(key: unknown): string | undefined {
  if (key === null || key === undefined) return '';
  if (isScalar(key)) return key.value === null || key.value === undefined ? '' : String(key.value);
  return undefined;
}

function nodeSpan(node: unknown): Span | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  if (!range) return undefined;
  return { start: range[0], end: range[1] };
}

/** Resolves paths in one YAML tree, indexing each map's keys once (last key wins, as in `toJS`). */
export class TreeIndex {
  private readonly keys = new WeakMap<object, Map<string, Pair>>();

  constructor(private readonly root: YamlNode | null) {}

  pairs(map: YamlNode): Map<string, Pair> {
    let index = this.keys.get(map);
    if (index === undefined) {
      index = new Map();
      if (isMap(map)) {
        for (const pair of map.items) {
          const k = keyString(pair.key);
          if (k !== undefined) index.set(k, pair);
        }
      }
      this.keys.set(map, index);
    }
    return index;
  }

  /** The chain from the root to the deepest node of `segments` that exists in the tree. */
  resolve(segments: readonly string[]): { chain: Located[]; complete: boolean } {
    const chain: Located[] = [{ node: this.root ?? undefined, item: false }];
    let node: YamlNode | undefined = this.root ?? undefined;
    for (const segment of segments) {
      if (node === undefined) return { chain, complete: false };
      if (isMap(node)) {
        const pair = this.pairs(node).get(segment);
        if (pair === undefined) return { chain, complete: false };
        const value = (pair.value ?? undefined) as YamlNode | undefined;
        chain.push({ node: value, key: nodeSpan(pair.key) ?? nodeSpan(value), item: false });
        node = value;
      } else if (isSeq(node)) {
        if (!/^(0|[1-9][0-9]*)$/.test(segment)) return { chain, complete: false };
        const child = node.items[Number(segment)] as YamlNode | undefined;
        if (child === undefined) return { chain, complete: false };
        chain.push({ node: child ?? undefined, item: true });
        node = child ?? undefined;
      } else {
        // A scalar or an alias (whose target we do not follow): report on it.
        return { chain, complete: false };
      }
    }
    return { chain, complete: true };
  }

  /** The key span of the pair `name` in the map at `segments`. */
  keyOf(segments: readonly string[], name: string): Span | undefined {
    const { chain, complete } = this.resolve(segments);
    const node = chain[chain.length - 1].node;
    if (!complete || node === undefined || !isMap(node)) return undefined;
    const pair = this.pairs(node).get(name);
    return pair ? (nodeSpan(pair.key) ?? nodeSpan(pair.value)) : undefined;
  }

  /** The key span of the `n`th pair of the map at `segments`. */
  nthKey(segments: readonly string[], n: number): Span | undefined {
    const { chain, complete } = this.resolve(segments);
    const node = chain[chain.length - 1].node;
    if (!complete || node === undefined || !isMap(node)) return undefined;
    const pair = node.items[n];
    return pair ? (nodeSpan(pair.key) ?? nodeSpan(pair.value)) : undefined;
  }
}

export const ZERO: Span = { start: 0, end: 0 };

function nonEmpty(span: Span | undefined): span is Span {
  return span !== undefined && span.end > span.start;
}

/** The first key of a map node, or undefined. */
function firstKey(node: YamlNode | undefined): Span | undefined {
  if (node === undefined || !isMap(node) || node.items.length === 0) return undefined;
  const pair = node.items[0];
  return nodeSpan(pair.key) ?? nodeSpan(pair.value);
}

/**
 * A short span naming the thing at the end of `chain`: the key that holds it, or for a list
 * item its first key, or the node itself; never the whole document.
 */
export function headSpan(chain: Located[]): Span {
  const last = chain[chain.length - 1];
  if (nonEmpty(last.key)) return last.key;
  const first = firstKey(last.node);
  if (nonEmpty(first)) return first;
  if (isSeq(last.node) && last.node.items.length > 0) {
    const span = nodeSpan(last.node.items[0]);
    if (nonEmpty(span)) return span;
  }
  if (chain.length > 1 || isScalar(last.node) || isAlias(last.node)) {
    const span = nodeSpan(last.node);
    if (span) return span;
  }
  if (last.key) return last.key;
  return ZERO;
}

/**
 * The span of the value at the end of `chain`: a scalar's characters, a flow collection, or for
 * a block collection (which can span many lines) the key or first key that introduces it.
 */
export function valueSpan(chain: Located[]): Span {
  const last = chain[chain.length - 1];
  const node = last.node;
  const span = nodeSpan(node);
  if (node === undefined || !nonEmpty(span)) return headSpan(chain);
  if ((isMap(node) || isSeq(node)) && !node.flow) return headSpan(chain);
  return span;
}

export function getByPointer(value: unknown, segments: readonly string[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
