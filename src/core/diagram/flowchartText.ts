/**
 * Writes a Mermaid flowchart the one way every flowchart view (architecture, overview,
 * focus) writes it: the header with its direction and accessible title, a node per
 * component in its kind's shape, groups as subgraphs or as one collapsed node, edges
 * (async ones dashed) and the colour classes last. Labels handed in are already encoded
 * (encode.ts); node ids are the generated ones of drawn.ts.
 */
import type { Component, Group } from '../types';
import { autoDirection } from './direction';
import type { DrawnComponent, DrawnConnection, DrawnGroup } from './drawn';
import { encodeLabel, firstLabel } from './encode';
import { DEFAULT_SHAPE, FAMILIES, FAMILY_STYLES, FOCUS_CLASS, FOCUS_STYLE, GROUP_CLASS, GROUP_SHAPE, GROUP_STYLE, KIND_LOOKS, familyClass } from './shapes';
import type { Diagram, DiagramNode, FlowDirection, FlowEdge, PanelShape } from './types';

/** The classes in the order their definitions are written: the families, then the collapsed group, then the focus. */
const CLASS_STYLES: ReadonlyArray<[name: string, style: string]> = [
  ...FAMILIES.map((f): [string, string] => [familyClass(f), FAMILY_STYLES[f]]),
  [GROUP_CLASS, GROUP_STYLE],
  [FOCUS_CLASS, FOCUS_STYLE],
];

/** A component's name on a node: its label, or its id. */
export function componentTitle(component: Component): string {
  return firstLabel(component.label?.text, component.id.name);
}

/** A group's name on its box or node: its label, or its id. */
export function groupTitle(group: Group): string {
  return firstLabel(group.label?.text, group.id.name);
}

/** The label of a component node: its label (or id), then tech and replicas on a second line. */
export function componentLabel(component: Component): string {
  const title = componentTitle(component);
  const details: string[] = [];
  if (component.tech) details.push(encodeLabel(component.tech.text).trim());
  if (component.replicas !== undefined && component.replicas.text !== '1') details.push(encodeLabel(`×${component.replicas.text}`));
  const second = details.filter((d) => d !== '').join(' ');
  return second === '' ? title : `${title}<br/>${second}`;
}

/** A connection's edge, drawn as written. */
export function connectionEdge({ from, to, connection }: DrawnConnection): FlowEdge {
  return { from, to, async: connection.async, label: connection.label ? encodeLabel(connection.label.text).trim() : '' };
}

/** Collects a flowchart's lines; the direction is decided last, when the whole graph is known. */
export class FlowchartWriter {
  /** The lines after the header. */
  private readonly lines: string[] = [];
  private readonly nodes: DiagramNode[] = [];
  /** What the layout sees: the drawn nodes' labels and the edges. */
  private readonly graph: { nodes: Array<{ nodeId: string; label: string }>; edges: FlowEdge[] } = { nodes: [], edges: [] };
  /** Node ids by class name. */
  private readonly classes = new Map<string, string[]>();

  /** `title`: the accessible title, encoded; none when empty. */
  constructor(title: string) {
    if (title !== '') this.lines.push(`  accTitle: ${title}`);
  }

  component({ nodeId, component }: DrawnComponent, label = componentLabel(component)): void {
    const look = component.kind === undefined ? undefined : KIND_LOOKS[component.kind];
    const shape = look?.shape ?? DEFAULT_SHAPE;
    this.lines.push(`  ${nodeId}${shape.open}"${label}"${shape.close}`);
    this.graph.nodes.push({ nodeId, label });
    if (look) this.addClass(nodeId, familyClass(look.family));
    this.nodes.push({ nodeId, kind: 'component', id: component.id.name, start: component.start, end: component.end, idStart: component.id.start, idEnd: component.id.end });
  }

  /** A group drawn as one node in place of its members. */
  collapsedGroup(drawn: DrawnGroup, label: string): void {
    this.lines.push(`  ${drawn.nodeId}${GROUP_SHAPE.open}"${label}"${GROUP_SHAPE.close}`);
    this.graph.nodes.push({ nodeId: drawn.nodeId, label });
    this.addClass(drawn.nodeId, GROUP_CLASS);
    this.groupNode(drawn);
  }

  /** A group drawn as a box around its members (their nodes are written before). */
  subgraph(drawn: DrawnGroup): void {
    this.lines.push(`  subgraph ${drawn.nodeId}["${groupTitle(drawn.group)}"]`, ...drawn.members.map((m) => `    ${m}`), '  end');
    this.groupNode(drawn);
  }

  edge(edge: FlowEdge): void {
    const { from, to, async, label } = edge;
    this.graph.edges.push(edge);
    const arrow = async ? '-.->' : '-->';
    this.lines.push(label === '' ? `  ${from} ${arrow} ${to}` : `  ${from} ${arrow}|"${label}"| ${to}`);
  }

  addClass(nodeId: string, name: string): void {
    const members = this.classes.get(name) ?? [];
    members.push(nodeId);
    this.classes.set(name, members);
  }

  /** The flowchart in `direction`; without one, in the direction its shape fits `panel` best (direction.ts). */
  diagram(direction?: FlowDirection, panel?: PanelShape): Diagram {
    const lines = [`flowchart ${direction ?? autoDirection(this.graph, panel)}`, ...this.lines];
    for (const [name, style] of CLASS_STYLES) {
      const members = this.classes.get(name);
      if (members) lines.push(`  classDef ${name} ${style}`, `  class ${members.join(',')} ${name}`);
    }
    return { text: lines.join('\n') + '\n', nodes: [...this.nodes] };
  }

  private groupNode({ nodeId, group }: DrawnGroup): void {
    this.nodes.push({ nodeId, kind: 'group', id: group.id.name, start: group.start, end: group.end, idStart: group.id.start, idEnd: group.id.end });
  }
}
