/**
 * The architecture as a Mermaid flowchart: one node per component (a shape per kind),
 * groups as subgraphs, connections as edges (async ones dashed).
 *
 * Node ids are generated (`n0`, `g0`); every label is encoded. A connection or group
 * member naming a component that is not defined is not drawn (the checks report it);
 * a component defined twice is drawn once (also reported).
 */
import type { Component, Connection, Design } from '../types';
import { encodeLabel, firstLabel } from './encode';
import { DEFAULT_SHAPE, FAMILIES, FAMILY_STYLES, KIND_LOOKS, familyClass, type KindFamily } from './shapes';
import type { Diagram, DiagramNode } from './types';

/** The components that get a node, by id, each with its generated node id. */
function drawnComponents(design: Design): Map<string, { nodeId: string; component: Component }> {
  const byId = new Map<string, { nodeId: string; component: Component }>();
  for (const component of design.components) {
    if (byId.has(component.id.name)) continue;
    byId.set(component.id.name, { nodeId: `n${byId.size}`, component });
  }
  return byId;
}

function drawnConnections(design: Design, nodes: Map<string, { nodeId: string }>): Array<{ from: string; to: string; connection: Connection }> {
  const out: Array<{ from: string; to: string; connection: Connection }> = [];
  for (const connection of design.connections) {
    const from = nodes.get(connection.from.name);
    const to = nodes.get(connection.to.name);
    if (from && to) out.push({ from: from.nodeId, to: to.nodeId, connection });
  }
  return out;
}

/** How many edges the flowchart would have: checked against Mermaid's limit before generating. */
export function architectureEdgeCount(design: Design): number {
  return drawnConnections(design, drawnComponents(design)).length;
}

/** The label of a component node: its label (or id), then tech and replicas on a second line. */
export function componentLabel(component: Component): string {
  const title = firstLabel(component.label?.text, component.id.name);
  const details: string[] = [];
  if (component.tech) details.push(encodeLabel(component.tech.text).trim());
  if (component.replicas !== undefined && component.replicas.text !== '1') details.push(encodeLabel(`×${component.replicas.text}`));
  const second = details.filter((d) => d !== '').join(' ');
  return second === '' ? title : `${title}<br/>${second}`;
}

export function architectureDiagram(design: Design): Diagram {
  const components = drawnComponents(design);
  const lines = ['flowchart LR'];
  const nodes: DiagramNode[] = [];
  if (design.name?.text) lines.push(`  accTitle: ${encodeLabel(design.name.text)} architecture`);

  const classes = new Map<KindFamily, string[]>();
  for (const { nodeId, component } of components.values()) {
    const look = component.kind === undefined ? undefined : KIND_LOOKS[component.kind];
    const shape = look?.shape ?? DEFAULT_SHAPE;
    lines.push(`  ${nodeId}${shape.open}"${componentLabel(component)}"${shape.close}`);
    if (look) {
      const members = classes.get(look.family) ?? [];
      members.push(nodeId);
      classes.set(look.family, members);
    }
    nodes.push({ nodeId, kind: 'component', id: component.id.name, start: component.start, end: component.end, idStart: component.id.start, idEnd: component.id.end });
  }

  // A node belongs to one subgraph in Mermaid: the first group that lists it.
  const placed = new Set<string>();
  const groupIds = new Set<string>();
  let groupCount = 0;
  for (const group of design.groups) {
    if (groupIds.has(group.id.name)) continue;
    groupIds.add(group.id.name);
    const members: string[] = [];
    for (const member of group.members) {
      const node = components.get(member.name);
      if (!node || placed.has(node.nodeId)) continue;
      placed.add(node.nodeId);
      members.push(node.nodeId);
    }
    if (members.length === 0) continue;
    const nodeId = `g${groupCount++}`;
    const label = firstLabel(group.label?.text, group.id.name);
    lines.push(`  subgraph ${nodeId}["${label}"]`, ...members.map((m) => `    ${m}`), '  end');
    nodes.push({ nodeId, kind: 'group', id: group.id.name, start: group.start, end: group.end, idStart: group.id.start, idEnd: group.id.end });
  }

  for (const { from, to, connection } of drawnConnections(design, components)) {
    const arrow = connection.async ? '-.->' : '-->';
    const label = connection.label ? encodeLabel(connection.label.text).trim() : '';
    lines.push(label === '' ? `  ${from} ${arrow} ${to}` : `  ${from} ${arrow}|"${label}"| ${to}`);
  }

  for (const family of FAMILIES) {
    const members = classes.get(family);
    if (!members) continue;
    lines.push(`  classDef ${familyClass(family)} ${FAMILY_STYLES[family]}`);
    lines.push(`  class ${members.join(',')} ${familyClass(family)}`);
  }
  return { text: lines.join('\n') + '\n', nodes };
}
