/**
 * Which way a small flowchart (the overview, a focus view) reads best when the caller
 * does not say: the direction whose drawing, fitted into the panel, keeps its text the
 * largest. The drawing's size is estimated the way Mermaid's default layout (dagre)
 * builds it: ranks are longest paths once cycles are broken; every edge spans two ranks
 * or more and its label is laid out like a node in the rank halfway along (so labels
 * widen a left-to-right drawing between its columns, and a top-down one across);
 * nodes and labels are as wide as their longest line up to Mermaid's wrapping width.
 * Good enough to choose between two directions, not to predict pixels:
 * test/webview/readable.webview.test.ts measures the result in Chromium.
 */
import type { FlowDirection, FlowEdge, PanelShape } from './types';

export interface FlowGraph {
  /** Each node's label, encoded (`<br/>` between lines). */
  nodes: ReadonlyArray<{ nodeId: string; label: string }>;
  edges: readonly FlowEdge[];
}

// Mermaid's defaults, in CSS pixels: 16 px text (about 8 px a character), wrapped at
// 200 px, 15 px padding around a node's text, 50 px between nodes of a rank and between
// ranks (halved by dagre, which puts a label rank between every two node ranks).
const CHAR_WIDTH = 8;
const LINE_HEIGHT = 24;
const WRAP_WIDTH = 200;
const NODE_PADDING = 30;
const NODE_SPACING = 50;
const RANK_SPACING = 25;

interface Box {
  width: number;
  height: number;
}

/** The direction for `graph` in `panel` (a square when absent). */
export function autoDirection(graph: FlowGraph, panel: PanelShape = { width: 1, height: 1 }): FlowDirection {
  const ranked = rankedItems(graph);
  const fit = (box: Box) => Math.min(panel.width / Math.max(1, box.width), panel.height / Math.max(1, box.height));
  return fit(drawnSize(ranked, 'TB')) >= fit(drawnSize(ranked, 'LR')) ? 'TB' : 'LR';
}

/** The boxes laid out in each rank (nodes in even ranks, edge labels between them). */
function rankedItems(graph: FlowGraph): Box[][] {
  const rank = ranks(
    graph.nodes.map((n) => n.nodeId),
    graph.edges,
  );
  const items: Box[][] = [];
  const put = (at: number, box: Box) => (items[at] ??= []).push(box);
  for (const node of graph.nodes) {
    const text = textBox(node.label);
    put(2 * (rank.get(node.nodeId) ?? 0), { width: text.width + NODE_PADDING, height: text.height + NODE_PADDING });
  }
  for (const edge of graph.edges) {
    if (edge.label === '' || edge.from === edge.to) continue;
    put((rank.get(edge.from) ?? 0) + (rank.get(edge.to) ?? 0), textBox(edge.label));
  }
  return Array.from(items, (rank) => rank ?? []);
}

/** The drawing's size: ranks side by side (LR) or one above the other (TB). */
function drawnSize(ranked: readonly Box[][], direction: FlowDirection): Box {
  // Along the ranks, each rank is as deep as its largest item; across, its items add up.
  const along = (b: Box) => (direction === 'LR' ? b.width : b.height);
  const across = (b: Box) => (direction === 'LR' ? b.height : b.width);
  let length = RANK_SPACING * Math.max(0, ranked.length - 1);
  let breadth = 0;
  for (const items of ranked) {
    length += Math.max(0, ...items.map(along));
    breadth = Math.max(breadth, items.reduce((sum, b) => sum + across(b), 0) + NODE_SPACING * Math.max(0, items.length - 1));
  }
  return direction === 'LR' ? { width: length, height: breadth } : { width: breadth, height: length };
}

/** An encoded label's text, each line as wide as its characters up to the wrapping width. */
function textBox(label: string): Box {
  const widths = label.split('<br/>').map((line) => line.replace(/#\d+;/g, '_').length * CHAR_WIDTH);
  const lines = widths.reduce((sum, w) => sum + Math.max(1, Math.ceil(w / WRAP_WIDTH)), 0);
  return { width: Math.min(WRAP_WIDTH, Math.max(0, ...widths)), height: lines * LINE_HEIGHT };
}

/** Each node's rank: the longest path to it over the edges that close no cycle (dagre breaks cycles depth first too). */
function ranks(nodeIds: readonly string[], edges: readonly FlowEdge[]): Map<string, number> {
  const out = new Map<string, string[]>(nodeIds.map((id) => [id, []]));
  for (const e of edges) if (e.from !== e.to) out.get(e.from)?.push(e.to);
  const order = topologicalOrder(nodeIds, out);
  const position = new Map(order.map((id, i) => [id, i]));
  const rank = new Map<string, number>(nodeIds.map((id) => [id, 0]));
  for (const id of order) {
    for (const next of out.get(id) ?? []) {
      // An edge back up the order closes a cycle: it sets no rank.
      if ((position.get(next) ?? 0) > (position.get(id) ?? 0)) rank.set(next, Math.max(rank.get(next) ?? 0, (rank.get(id) ?? 0) + 1));
    }
  }
  return rank;
}

/** Reverse post-order of a depth-first walk (without recursion): every edge that closes no cycle points forward in it. */
function topologicalOrder(nodeIds: readonly string[], out: ReadonlyMap<string, string[]>): string[] {
  const visited = new Set<string>();
  const post: string[] = [];
  for (const root of nodeIds) {
    if (visited.has(root)) continue;
    visited.add(root);
    const stack: Array<{ id: string; next: number }> = [{ id: root, next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const children = out.get(top.id) ?? [];
      if (top.next < children.length) {
        const child = children[top.next++];
        if (!visited.has(child)) {
          visited.add(child);
          stack.push({ id: child, next: 0 });
        }
      } else {
        post.push(top.id);
        stack.pop();
      }
    }
  }
  return post.reverse();
}
