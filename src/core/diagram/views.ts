/**
 * Which diagram to draw, the list of diagrams a design has, and the caps that keep
 * Mermaid from refusing (or choking on) a diagram.
 */
import type { Design, Flow } from '../types';
import { architectureDiagram, architectureEdgeCount } from './flowchart';
import { erDiagram } from './er';
import { sequenceDiagram } from './sequence';
import type { DiagramResult } from './types';

/**
 * Which diagram: the architecture, the data model, or one dry run. `'sequence'` is the
 * first dry run (a convenience for callers that do not know the flow ids yet).
 */
export type DiagramView = 'architecture' | 'er' | 'sequence' | { kind: 'flow'; id: string };

/** Mermaid's default `maxTextSize`: longer text renders as an error. */
export const MAX_DIAGRAM_TEXT = 50_000;
/** Mermaid's default `maxEdges` for flowcharts: more edges make it throw. */
export const MAX_DIAGRAM_EDGES = 500;

export interface DiagramLimits {
  maxText?: number;
  maxEdges?: number;
}

/** The diagram of `view`, or one sentence saying why it cannot be drawn. Never throws on any design. */
export function diagramFor(design: Design, view: DiagramView, limits: DiagramLimits = {}): DiagramResult {
  const maxText = limits.maxText ?? MAX_DIAGRAM_TEXT;
  const maxEdges = limits.maxEdges ?? MAX_DIAGRAM_EDGES;
  let result: DiagramResult;
  if (view === 'architecture') {
    if (design.components.length === 0) return { error: 'Nothing to draw yet: add components (step 5) to see the architecture.' };
    const edges = architectureEdgeCount(design);
    if (edges > maxEdges) {
      return { error: `This diagram has ${grouped(edges)} connections; the preview draws at most ${grouped(maxEdges)}. Split the design into smaller files to see it.` };
    }
    result = architectureDiagram(design);
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

export interface DiagramViewInfo {
  view: DiagramView;
  /** A stable string for the view: `architecture`, `er`, `flow:<id>` (see `parseView`). */
  key: string;
  /** For a picker: `Architecture`, `Dry run: upload-photo-dry-run`, `Data model`. */
  title: string;
}

/** The diagrams a design has: the architecture, one per dry run, and the data model when there is one. */
export function listViews(design: Design): DiagramViewInfo[] {
  const out: DiagramViewInfo[] = [{ view: 'architecture', key: 'architecture', title: 'Architecture' }];
  const seen = new Set<string>();
  for (const flow of design.flows) {
    if (seen.has(flow.id.name)) continue;
    seen.add(flow.id.name);
    out.push({ view: { kind: 'flow', id: flow.id.name }, key: `flow:${flow.id.name}`, title: `Dry run: ${oneLine(flow.id.name)}` });
  }
  if (design.dataModels.length > 0) out.push({ view: 'er', key: 'er', title: 'Data model' });
  return out;
}

/** The stable string of a view (the inverse of `parseView`). */
export function viewKey(view: DiagramView): string {
  return typeof view === 'string' ? view : `flow:${view.id}`;
}

/**
 * A view from its string: `architecture`, `er`, `sequence`, `flow:<id>`. Any other
 * string is taken as a flow id when the design has that flow; otherwise undefined.
 */
export function parseView(text: string, design?: Design): DiagramView | undefined {
  if (text === 'architecture' || text === 'er' || text === 'sequence') return text;
  if (text.startsWith('flow:') && text.length > 'flow:'.length) return { kind: 'flow', id: text.slice('flow:'.length) };
  if (design && findFlow(design, text)) return { kind: 'flow', id: text };
  return undefined;
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
