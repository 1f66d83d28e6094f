/**
 * The plain JSON value the schema sees, built by our own converter: aliases are expanded
 * under a node budget (alias bombs, cycles), and keys are own properties even when named
 * `__proto__`.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, visit } from 'yaml';
import type { Alias, Document, Node as YamlNode, Pair, YAMLMap } from 'yaml';
import { MAX_DEPTH } from './depth';
import { spanOf, truncate } from './report';
import type { Report } from './types';

/** Nodes the JSON value may have after alias expansion. */
export const MAX_EXPANDED_NODES = 200_000;
/** Nesting the JSON value may have after alias expansion (the root is 0). */
const MAX_JSON_DEPTH = MAX_DEPTH * 4;

/** How much of the converter's budget a conversion used; see `toPlainJson`. */
export interface JsonStats {
  /** Calls of the converter: every node, null values included, each counts against MAX_EXPANDED_NODES. */
  steps: number;
  /** The deepest `depth` the converter reached (the root is 0). */
  depth: number;
}

/**
 * The JSON value of the document with aliases expanded under a budget. Keys are own
 * properties even when named `__proto__`. Returns undefined after reporting when the
 * value cannot be built safely. `doc` resolves aliases (a subtree without aliases needs
 * none); `stats`, when given, receives the budget used, so the incremental path can add
 * up the budget of separately converted chunks.
 */
export function toPlainJson(doc: Document.Parsed | null, root: unknown, report: Report, stats?: JsonStats): unknown {
  let budget = MAX_EXPANDED_NODES;
  let deepest = 0;
  let failed = false;
  const expanding = new Set<unknown>();
  let targets: Map<Alias, unknown> | undefined;

  const convert = (node: unknown, depth: number, via: Alias | undefined): unknown => {
    if (failed) return null;
    if (depth > deepest) deepest = depth;
    if (--budget < 0 || depth > MAX_JSON_DEPTH) {
      failed = true;
      report('sysdesign/yaml-alias', 'error', 'Aliases here expand into an enormous value (an "alias bomb"); the file was not checked further.', spanOf(via ?? (node as YamlNode)));
      return null;
    }
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      if (doc !== null && targets === undefined) targets = aliasTargets(doc);
      const target = targets?.get(node);
      if (target === undefined) {
        report('sysdesign/yaml-alias', 'error', `Unknown anchor "${truncate(node.source)}": define it with &${truncate(node.source)} before using it.`, spanOf(node));
        return null;
      }
      if (expanding.has(target)) {
        failed = true;
        report('sysdesign/yaml-alias', 'error', `The alias *${truncate(node.source)} refers to a node that contains it, which never ends.`, spanOf(node));
        return null;
      }
      return convert(target, depth + 1, via ?? node);
    }
    if (isScalar(node)) {
      const v = node.value;
      if (typeof v === 'string' || typeof v === 'boolean' || v === null) return v;
      if (typeof v === 'number') return Number.isFinite(v) ? v : null;
      // Anything else (a tag resolved to an object) never reaches the schema as an object.
      return String(v);
    }
    if (isSeq(node)) {
      expanding.add(node);
      const out = node.items.map((item) => convert(item, depth + 1, via));
      expanding.delete(node);
      return out;
    }
    if (isMap(node)) {
      expanding.add(node);
      const out: Record<string, unknown> = {};
      for (const pair of (node as YAMLMap).items as Pair[]) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        const value = convert(pair.value, depth + 1, via);
        defineKey(out, key, value);
      }
      expanding.delete(node);
      return out;
    }
    if (isPair(node)) return null;
    return null;
  };

  const value = convert(root, 0, undefined);
  if (stats) {
    stats.steps = MAX_EXPANDED_NODES - budget;
    stats.depth = deepest;
  }
  return failed ? undefined : value;
}

/**
 * Whether a value converted in parts, with this budget used in all, stays within the budget
 * of one conversion (`toPlainJson` fails past it).
 */
export function withinBudget(stats: JsonStats): boolean {
  return stats.steps <= MAX_EXPANDED_NODES && stats.depth <= MAX_JSON_DEPTH;
}

/**
 * Every alias of `doc` with the node it refers to: the last node before it, in document
 * order, with its anchor (what `Alias.resolve` finds). One walk for all aliases:
 * `Alias.resolve` walks the whole document for each alias, which made a 24 KB file of
 * 8,000 aliases take 11 s.
 */
function aliasTargets(doc: Document.Parsed): Map<Alias, unknown> {
  const anchors = new Map<string, unknown>();
  const targets = new Map<Alias, unknown>();
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target !== undefined) targets.set(node, target);
      } else if (node.anchor) {
        anchors.set(node.anchor, node);
      }
    },
  });
  return targets;
}

/**
 * `out[key] = value` as an own, enumerable property even for `__proto__`; a repeated key
 * keeps its first position and takes the last value (as YAML's last-wins would).
 */
export function defineKey(out: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}
