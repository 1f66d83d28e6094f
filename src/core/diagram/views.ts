/**
 * Which diagram to draw, the list of diagrams a design has, and the caps that keep
 * Mermaid from refusing (or choking on) a diagram.
 */
import type { Design, Flow } from '../types';
import { architectureDiagram, architectureEdgeCount } from './flowchart';
import { erDiagram } from './er';
import { focusDiagram, focusPlan } from './focus';
import { hasOverview, overviewDiagram, overviewPlan } from './overview';
import { sequenceDiagram } from './sequence';
import type { DiagramResult, FlowchartOptions } from './types';

/**
 * Which diagram: the architecture, its overview (groups collapsed but those in
 * `expanded`), one component and its neighbours (`focus`), the data model, or one dry
 * run. `'sequence'` is the first dry run (a convenience for callers that do not know the
 * flow ids yet).
 */
export type DiagramView = 'architecture' | 'er' | 'sequence' | { kind: 'flow'; id: string } | { kind: 'overview'; expanded?: readonly string[] } | { kind: 'focus'; id: string };

/** Mermaid's default `maxTextSize`: longer text renders as an error. */
export const MAX_DIAGRAM_TEXT = 50_000;
/** Mermaid's default `maxEdges` for flowcharts: more edges make it throw. */
export const MAX_DIAGRAM_EDGES = 500;

export interface DiagramLimits {
  maxText?: number;
  maxEdges?: number;
}

/**
 * The caps, and how the flowcharts are drawn: `direction` applies to all three, else the
 * architecture runs left to right and the overview and a focus view as their shape fits
 * `panel` best (direction.ts); `estimate` gives the overview's groups and the focused
 * component their load figures.
 */
export interface DiagramOptions extends DiagramLimits, FlowchartOptions {}

/** The views drawn as flowcharts of the components. */
type FlowchartView = Extract<DiagramView, 'architecture' | { kind: 'overview' | 'focus' }>;

function isFlowchart(view: DiagramView): view is FlowchartView {
  return view === 'architecture' || (typeof view === 'object' && view.kind !== 'flow');
}

/** The diagram of `view`, or one sentence saying why it cannot be drawn. Never throws on any design. */
export function diagramFor(design: Design, view: DiagramView, options: DiagramOptions = {}): DiagramResult {
  const maxText = options.maxText ?? MAX_DIAGRAM_TEXT;
  let result: DiagramResult;
  if (isFlowchart(view)) {
    result = flowchartFor(design, view, options);
  } else if (view === 'er') {
    if (design.dataModels.length === 0) return { error: 'Nothing to draw yet: add data models (step 4) to see them as an ER diagram.' };
    result = erDiagram(design);
  } else {
    const flow = view === 'sequence' ? design.flows[0] : findFlow(design, view.id);
    if (!flow) {
      return {
        error:
          view === 'sequence'
            ? 'Nothing to draw yet: add a dry run under flows (step 5) to see it as a sequence diagram.'
            : `There is no dry run with the id "${oneLine(view.id)}".`,
      };
    }
    if (flow.steps.length === 0) return { error: `The dry run "${oneLine(flow.id.name)}" has no steps yet.` };
    result = sequenceDiagram(design, flow);
  }
  if ('text' in result && result.text.length > maxText) {
    return {
      error: `This diagram needs ${grouped(result.text.length)} characters of Mermaid; the preview draws at most ${grouped(maxText)}. Shorten labels or split the design into smaller files.`,
    };
  }
  return result;
}

/** A flowchart, its edges counted against Mermaid's limit before any text is written. */
function flowchartFor(design: Design, view: FlowchartView, options: DiagramOptions): DiagramResult {
  if (design.components.length === 0) return { error: 'Nothing to draw yet: add components (step 5) to see the architecture.' };
  const maxEdges = options.maxEdges ?? MAX_DIAGRAM_EDGES;
  if (view === 'architecture') return overEdgeCap(architectureEdgeCount(design), maxEdges) ?? architectureDiagram(design, options.direction);
  if (view.kind === 'overview') {
    const plan = overviewPlan(design, view.expanded);
    return overEdgeCap(plan.edges.length, maxEdges) ?? overviewDiagram(design, plan, options);
  }
  const plan = focusPlan(design, view.id);
  if (!plan) return { error: `There is no component with the id "${oneLine(view.id)}".` };
  return overEdgeCap(plan.edges.length, maxEdges) ?? focusDiagram(plan, options);
}

function overEdgeCap(edges: number, maxEdges: number): { error: string } | undefined {
  if (edges <= maxEdges) return undefined;
  return { error: `This diagram has ${grouped(edges)} connections; the preview draws at most ${grouped(maxEdges)}. Split the design into smaller files to see it.` };
}

export interface DiagramViewInfo {
  view: DiagramView;
  /** A stable string for the view: `architecture`, `overview`, `focus:<id>`, `er`, `flow:<id>` (see `parseView`). */
  key: string;
  /** For a picker: `Architecture`, `Overview`, `Dry run: upload-photo-dry-run`, `Data model`. */
  title: string;
}

/**
 * The diagrams a design has: the architecture, its overview when it has one
 * (`hasOverview`), one per dry run, and the data model when there is one. A focus view
 * is drawn on request (`focusView`), not listed: every component has one.
 */
export function listViews(design: Design): DiagramViewInfo[] {
  const out: DiagramViewInfo[] = [{ view: 'architecture', key: 'architecture', title: 'Architecture' }];
  if (hasOverview(design)) out.push({ view: { kind: 'overview' }, key: 'overview', title: 'Overview' });
  const seen = new Set<string>();
  for (const flow of design.flows) {
    if (seen.has(flow.id.name)) continue;
    seen.add(flow.id.name);
    out.push({ view: { kind: 'flow', id: flow.id.name }, key: `flow:${flow.id.name}`, title: `Dry run: ${oneLine(flow.id.name)}` });
  }
  if (design.dataModels.length > 0) out.push({ view: 'er', key: 'er', title: 'Data model' });
  return out;
}

/** The focus view of component `id` (`Focus: Photo API`), or undefined when the design has no such component. */
export function focusView(design: Design, id: string): DiagramViewInfo | undefined {
  const component = design.components.find((c) => c.id.name === id);
  if (!component) return undefined;
  return { view: { kind: 'focus', id }, key: `focus:${id}`, title: `Focus: ${oneLine(component.label?.text.trim() || id)}` };
}

/** The stable string of a view (the inverse of `parseView`). */
export function viewKey(view: DiagramView): string {
  if (typeof view === 'string') return view;
  return view.kind === 'overview' ? 'overview' : `${view.kind}:${view.id}`;
}

/**
 * A view from its string: `architecture`, `overview`, `focus:<id>`, `er`, `sequence`,
 * `flow:<id>`. Any other string is taken as a flow id when the design has that flow;
 * otherwise undefined.
 */
export function parseView(text: string, design?: Design): DiagramView | undefined {
  if (text === 'architecture' || text === 'er' || text === 'sequence') return text;
  if (text === 'overview') return { kind: 'overview' };
  for (const kind of ['flow', 'focus'] as const) {
    if (text.startsWith(`${kind}:`) && text.length > kind.length + 1) return { kind, id: text.slice(kind.length + 1) };
  }
  if (design && findFlow(design, text)) return { kind: 'flow', id: text };
  return undefined;
}

/** Whether `view` names something the design has: its dry run, its component; the other views always exist. */
export function viewExists(design: Design, view: DiagramView): boolean {
  if (typeof view === 'string' || view.kind === 'overview') return true;
  return view.kind === 'flow' ? findFlow(design, view.id) !== undefined : design.components.some((c) => c.id.name === view.id);
}

function findFlow(design: Design, id: string): Flow | undefined {
  return design.flows.find((f) => f.id.name === id);
}

/** `61234` -> `61,234`, without depending on the host's locale data. */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function oneLine(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
}
