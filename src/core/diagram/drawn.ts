/**
 * What the flowchart views draw of a design, with the generated node ids every one of
 * them shares: component `n<i>` and group `g<i>` are the same thing in the architecture,
 * the overview, the focus view and the story, so the preview can carry a node from one
 * view to another. A connection or group member naming a component that is not defined
 * is not drawn (the checks report it); an id defined twice is drawn once (also reported).
 */
import type { Component, Connection, Design, Group } from '../types';

export interface DrawnComponent {
  nodeId: string;
  component: Component;
}

export interface DrawnConnection {
  /** Node ids of the ends. */
  from: string;
  to: string;
  connection: Connection;
}

export interface DrawnGroup {
  nodeId: string;
  group: Group;
  /** Node ids of the components it holds: a component belongs to the first group that lists it (one subgraph per node in Mermaid). */
  members: string[];
}

/** The components that get a node, by id, each with its generated node id. */
export function drawnComponents(design: Design): Map<string, DrawnComponent> {
  const byId = new Map<string, DrawnComponent>();
  for (const component of design.components) {
    if (byId.has(component.id.name)) continue;
    byId.set(component.id.name, { nodeId: `n${byId.size}`, component });
  }
  return byId;
}

export function drawnConnections(design: Design, components: ReadonlyMap<string, DrawnComponent>): DrawnConnection[] {
  const out: DrawnConnection[] = [];
  for (const connection of design.connections) {
    const from = components.get(connection.from.name);
    const to = components.get(connection.to.name);
    if (from && to) out.push({ from: from.nodeId, to: to.nodeId, connection });
  }
  return out;
}

/** The groups that hold at least one drawn component, the first of each id. */
export function drawnGroups(design: Design, components: ReadonlyMap<string, DrawnComponent>): DrawnGroup[] {
  const placed = new Set<string>();
  const groupIds = new Set<string>();
  const out: DrawnGroup[] = [];
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
    if (members.length > 0) out.push({ nodeId: `g${out.length}`, group, members });
  }
  return out;
}
