/**
 * Focus on one component (issue #17): the component, its neighbours (the components
 * connected to it either way) and the connections among them, with its figures at peak
 * on its node, so one part of a large design reads at full size. `focusFlows` names the
 * dry runs that cross it, for the preview to link.
 *
 * Node ids are the architecture's (drawn.ts).
 */
import { briefLine, estimateReport, type ReportRow } from '../report';
import type { Design, Estimate } from '../types';
import { drawnComponents, drawnConnections, type DrawnComponent } from './drawn';
import { encodeLabel } from './encode';
import { componentLabel, componentTitle, connectionEdge, FlowchartWriter } from './flowchartText';
import { FOCUS_CLASS } from './shapes';
import type { Diagram, FlowchartOptions, FlowEdge } from './types';

export interface FocusPlan {
  center: DrawnComponent;
  /** The component and its neighbours, in the design's order. */
  components: DrawnComponent[];
  edges: FlowEdge[];
}

/** What the focus view of `id` draws; undefined when no component has that id. */
export function focusPlan(design: Design, id: string): FocusPlan | undefined {
  const byId = drawnComponents(design);
  const center = byId.get(id);
  if (!center) return undefined;
  const connections = drawnConnections(design, byId);
  const near = new Set([center.nodeId]);
  for (const { from, to } of connections) {
    if (from === center.nodeId) near.add(to);
    if (to === center.nodeId) near.add(from);
  }
  const components = [...byId.values()].filter((c) => near.has(c.nodeId));
  const edges = connections
    .filter((c) => near.has(c.from) && near.has(c.to))
    .map((c) => {
      const edge = connectionEdge(c);
      // Only the component's own connections keep their labels: a label between two neighbours widens the picture, and it shows in their focus views.
      return c.from === center.nodeId || c.to === center.nodeId ? edge : { ...edge, label: '' };
    });
  return { center, components, edges };
}

export function focusDiagram(plan: FocusPlan, options: FlowchartOptions = {}): Diagram {
  const { component } = plan.center;
  const out = new FlowchartWriter(`${componentTitle(component)} and its neighbours`);
  // The neighbours by name only: their details are in their own focus views, and a narrow node keeps the text large.
  for (const drawn of plan.components) out.component(drawn, drawn === plan.center ? focusLabel(drawn, options.estimate) : componentTitle(drawn.component));
  out.addClass(plan.center.nodeId, FOCUS_CLASS);
  for (const edge of plan.edges) out.edge(edge);
  return out.diagram(options.direction, options.panel);
}

/** The dry runs with a step from or to component `id`, by id, each once (their views are `flow:<id>`). */
export function focusFlows(design: Design, id: string): string[] {
  const out = new Set<string>();
  for (const flow of design.flows) {
    if (flow.steps.some((s) => s.from.name === id || s.to.name === id)) out.add(flow.id.name);
  }
  return [...out];
}

/** The component's usual label, then its figures at peak and its cost a month, a line each to keep the node narrow. */
function focusLabel({ component }: DrawnComponent, estimate: Estimate | undefined): string {
  const figures = estimate ? peakFigures(estimate, component.id.name) : [];
  return [componentLabel(component), ...figures.map((line) => encodeLabel(line).trim()).filter((line) => line !== '')].join('<br/>');
}

/** `peak 18k/s`, `30 × 1k/s`, `60%`, `≈ $1.2k/month`: as the estimate report words them (and the code lens above the component). */
function peakFigures(estimate: Estimate, id: string): string[] {
  const sections = estimateReport(estimate).sections;
  const rowOf = (section: string) => sections.find((s) => s.key === section)?.rows.find((r) => r.key === id);
  const briefs = (row: ReportRow | undefined, keys: readonly string[]) => (row ? keys.map((key) => briefLine(row, [key])) : []);
  return [...briefs(rowOf('components'), ['peak_per_second', 'capacity_per_second', 'utilisation']), ...briefs(rowOf('cost'), ['cost_per_month'])];
}
