/**
 * The overview (issue #17): the architecture with each group drawn as one node, with its
 * member count and summed peak load, so a large design reads in a side panel. A group
 * named in `expanded` is drawn as a box around its members instead, in place. Edges that
 * leave a collapsed group start (or end) at its node, and parallel ones are merged into
 * one with a count (`3 connections`); edges inside a collapsed group are dropped.
 *
 * Node ids are the architecture's (drawn.ts), so a component or group keeps its id
 * whether it is drawn here or there.
 */
import { formatRate } from '../quantity';
import type { Design, Estimate } from '../types';
import { drawnComponents, drawnConnections, drawnGroups, type DrawnComponent, type DrawnGroup } from './drawn';
import { encodeLabel } from './encode';
import { componentTitle, connectionEdge, FlowchartWriter, groupTitle } from './flowchartText';
import type { Diagram, FlowchartOptions, FlowEdge } from './types';

export interface OverviewPlan {
  /** Every drawn component by its node id. */
  byNode: Map<string, DrawnComponent>;
  /** The components drawn as their own node (not inside a collapsed group). */
  components: DrawnComponent[];
  groups: Array<{ drawn: DrawnGroup; collapsed: boolean }>;
  edges: FlowEdge[];
}

/**
 * Whether a design has an overview worth a tab: some group collapses two or more
 * components, so the overview draws fewer nodes than the architecture. Without that it
 * would be the architecture again.
 */
export function hasOverview(design: Design): boolean {
  return drawnGroups(design, drawnComponents(design)).some((g) => g.members.length >= 2);
}

/**
 * What the overview draws, before any text is written (the edge count is checked against
 * Mermaid's limit first). `expanded`: ids of the groups drawn as subgraphs with their members.
 */
export function overviewPlan(design: Design, expanded: readonly string[] = []): OverviewPlan {
  const byId = drawnComponents(design);
  const open = new Set(expanded);
  const groups = drawnGroups(design, byId).map((drawn) => ({ drawn, collapsed: !open.has(drawn.group.id.name) }));
  // Each component's node in the overview: its own, or its collapsed group's.
  const shownAs = new Map<string, string>();
  for (const { drawn, collapsed } of groups) if (collapsed) for (const member of drawn.members) shownAs.set(member, drawn.nodeId);
  const all = [...byId.values()];
  const components = all.filter((c) => !shownAs.has(c.nodeId));
  return {
    byNode: new Map(all.map((c) => [c.nodeId, c])),
    components,
    groups,
    edges: overviewEdges(design, byId, shownAs),
  };
}

function overviewEdges(design: Design, components: ReadonlyMap<string, DrawnComponent>, shownAs: ReadonlyMap<string, string>): FlowEdge[] {
  const edges: FlowEdge[] = [];
  const merged = new Map<string, { edge: FlowEdge; count: number }>();
  for (const drawn of drawnConnections(design, components)) {
    const edge = { ...connectionEdge(drawn), from: shownAs.get(drawn.from) ?? drawn.from, to: shownAs.get(drawn.to) ?? drawn.to };
    if (edge.from === drawn.from && edge.to === drawn.to) {
      edges.push(edge);
      continue;
    }
    if (edge.from === edge.to) continue;
    const key = `${edge.from} ${edge.to}`;
    const known = merged.get(key);
    if (!known) {
      merged.set(key, { edge, count: 1 });
      edges.push(edge);
      continue;
    }
    known.count++;
    known.edge.async &&= edge.async;
    known.edge.label = encodeLabel(`${known.count} connections`);
  }
  return edges;
}

export function overviewDiagram(design: Design, plan: OverviewPlan, options: FlowchartOptions = {}): Diagram {
  const out = new FlowchartWriter(design.name?.text ? `${encodeLabel(design.name.text)} overview` : '');
  // Components by name only, like the groups: the overview is for the shape of the design, and narrow nodes keep the text large.
  for (const drawn of plan.components) out.component(drawn, componentTitle(drawn.component));
  for (const { drawn, collapsed } of plan.groups) {
    if (!collapsed) out.subgraph(drawn);
    else out.collapsedGroup(drawn, groupLabel(drawn, plan.byNode, options.estimate));
  }
  for (const edge of plan.edges) out.edge(edge);
  return out.diagram(options.direction, options.panel);
}

/** `Backend`, `5 components`, `peak 12.3k/s` (when any member has a load estimate), a line each to keep the node narrow. */
function groupLabel(drawn: DrawnGroup, byNode: ReadonlyMap<string, DrawnComponent>, estimate: Estimate | undefined): string {
  const count = drawn.members.length;
  const lines = [groupTitle(drawn.group), encodeLabel(`${count} component${count === 1 ? '' : 's'}`)];
  if (estimate) {
    const peak = summedPeak(drawn, byNode, estimate);
    if (peak !== undefined) lines.push(encodeLabel(`peak ${formatRate(peak, estimate.conventions)}`));
  }
  return lines.join('<br/>');
}

/** The sum of the members' peak rates, or undefined when none has one. */
function summedPeak(drawn: DrawnGroup, byNode: ReadonlyMap<string, DrawnComponent>, estimate: Estimate): number | undefined {
  const members = new Set(drawn.members.map((nodeId) => byNode.get(nodeId)?.component.id.name));
  const peaks = new Map<string, number | null>();
  for (const load of estimate.components) if (members.has(load.id) && !peaks.has(load.id)) peaks.set(load.id, load.peak_per_second);
  const known = [...peaks.values()].filter((p): p is number => p !== null);
  return known.length > 0 ? known.reduce((a, b) => a + b, 0) : undefined;
}
