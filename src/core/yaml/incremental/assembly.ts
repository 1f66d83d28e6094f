/**
 * Assembly: the collections that contain chunks, built anew each time from their leaves
 * with the ranges, key problems (duplicates across chunks) and JSON value a full parse
 * gives them.
 */
import { Pair, YAMLMap, YAMLSeq } from 'yaml';
import type { Problem } from '../../types';
import type { ParsedYaml } from '../chunkParser';
import { reporter, sortParseProblems } from '../report';
import type { Container } from './chunks';
import { leafFor, type Leaf, type LeafSource } from './leaves';
import type { Lines } from './lines';

interface Assembled {
  node: YAMLMap | YAMLSeq;
  value: unknown;
  steps: number;
  depth: number;
}

/** The whole `ParsedYaml`, or a string saying why a full parse is needed. */
export function assembleDocument(lines: Lines, root: Container, source: LeafSource): ParsedYaml | string {
  const context: AssemblyContext = { lines, source, problems: [], failure: undefined };
  const assembled = assembleContainer(context, root, 0, '', 0);
  if (context.failure !== undefined) return context.failure;
  source.stats.steps = assembled.steps;
  if (!source.parser.withinBudget({ steps: assembled.steps, depth: assembled.depth })) return 'value over budget';
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
  const parser = source.parser;

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
        parser.inspectKey(pair.key, seen, report);
        (node as YAMLMap).items.push(pair);
        if (leaf.key !== undefined) parser.defineKey(value as Record<string, unknown>, leaf.key, leaf.value);
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
      parser.inspectKey(key, seen, report);
      (node as YAMLMap).items.push(new Pair(key, inner.node));
      if (head.key !== undefined) {
        parser.defineKey(value as Record<string, unknown>, head.key, inner.value);
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
