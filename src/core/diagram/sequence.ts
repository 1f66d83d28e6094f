/**
 * A dry run (flow) as a Mermaid sequence diagram: participants in order of first
 * appearance, one numbered message per step. A step that follows a connection forward
 * is a request (`->>`, or `-)` over an async connection); a step that goes against a
 * connection's direction is a reply (`-->>`, `--)`). A step no connection joins is drawn
 * as a request (the checks report it).
 *
 * Participant ids are generated (`p0`, `p1`); the alias after `as` runs to the end of
 * the line in Mermaid, so it is written encoded and unquoted.
 */
import { componentsById } from '../lookups';
import type { Design, Flow, Ident } from '../types';
import { encodeLabel, firstLabel } from './encode';
import type { Diagram, DiagramNode } from './types';

export function sequenceDiagram(design: Design, flow: Flow): Diagram {
  const components = componentsById(design);
  const connections = new Map<string, { async: boolean }>();
  for (const c of design.connections) {
    const key = pairKey(c.from.name, c.to.name);
    if (!connections.has(key)) connections.set(key, { async: c.async });
  }

  const participants = new Map<string, string>();
  const nodes: DiagramNode[] = [];
  const declarations: string[] = [];
  const participant = (ident: Ident): string => {
    const known = participants.get(ident.name);
    if (known !== undefined) return known;
    const nodeId = `p${participants.size}`;
    participants.set(ident.name, nodeId);
    const component = components.get(ident.name);
    declarations.push(`  participant ${nodeId} as ${firstLabel(component?.label?.text, ident.name)}`);
    const where = component ?? ident;
    nodes.push({
      nodeId,
      kind: 'participant',
      id: ident.name,
      start: where.start,
      end: where.end,
      idStart: component?.id.start ?? ident.start,
      idEnd: component?.id.end ?? ident.end,
    });
    return nodeId;
  };

  const messages: string[] = [];
  for (const step of flow.steps) {
    const from = participant(step.from);
    const to = participant(step.to);
    const forward = connections.get(pairKey(step.from.name, step.to.name));
    const backward = forward ? undefined : connections.get(pairKey(step.to.name, step.from.name));
    const arrow = backward ? (backward.async ? '--)' : '-->>') : forward?.async ? '-)' : '->>';
    const label = step.label ? encodeLabel(step.label.text).trim() : '';
    messages.push(label === '' ? `  ${from}${arrow}${to}:` : `  ${from}${arrow}${to}: ${label}`);
  }

  const lines = ['sequenceDiagram', `  accTitle: ${encodeLabel(flow.id.name)}`, '  autonumber', ...declarations, ...messages];
  return { text: lines.join('\n') + '\n', nodes };
}

function pairKey(from: string, to: string): string {
  return `${from}\u0000${to}`;
}
