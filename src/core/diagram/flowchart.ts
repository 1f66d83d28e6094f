/**
 * The architecture as a Mermaid flowchart: one node per component (a shape per kind),
 * groups as subgraphs, connections as edges (async ones dashed).
 *
 * Node ids are generated (`n0`, `g0`, drawn.ts); every label is encoded.
 */
import type { Design } from '../types';
import { drawnComponents, drawnConnections, drawnGroups } from './drawn';
import { encodeLabel } from './encode';
import { connectionEdge, FlowchartWriter } from './flowchartText';
import type { Diagram, FlowDirection } from './types';

/** How many edges the flowchart would have: checked against Mermaid's limit before generating. */
export function architectureEdgeCount(design: Design): number {
  return drawnConnections(design, drawnComponents(design)).length;
}

export function architectureDiagram(design: Design, direction: FlowDirection = 'LR'): Diagram {
  const components = drawnComponents(design);
  const out = new FlowchartWriter(design.name?.text ? `${encodeLabel(design.name.text)} architecture` : '');
  for (const drawn of components.values()) out.component(drawn);
  for (const group of drawnGroups(design, components)) out.subgraph(group);
  for (const connection of drawnConnections(design, components)) out.edge(connectionEdge(connection));
  return out.diagram(direction);
}
