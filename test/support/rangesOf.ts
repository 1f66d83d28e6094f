import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';

/** What a subtree of a full parse and an assembled one must agree on (ranges, values, scalar styles). */
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
