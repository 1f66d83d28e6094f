/**
 * Story mode (issue #17): the architecture as the design was built up, stage by stage.
 *
 * A component's stage is its `stage:` when written; the components without one come
 * after the last written stage, one stage each, in the order of `components`. So a
 * design without any `stage:` tells its components one at a time in document order, and
 * `stage:` on a few components puts them first, together where their numbers are equal.
 *
 * Each stage lists the architecture's node ids that appear in it (drawn.ts): its
 * components, and each group's subgraph with its first member. The preview reveals the
 * architecture it has already laid out, so nothing moves while the story grows.
 */
import type { Component, Design } from '../types';
import { drawnComponents, drawnGroups, type DrawnComponent } from './drawn';
import { visibleText } from './encode';

export interface StoryStage {
  /** The stage's number: a written `stage:`, or a number after the last one. */
  stage: number;
  /** For people (plain text, not Mermaid): `Stage 2: Load balancer, Web server`. */
  title: string;
  /** Architecture node ids that appear in this stage. */
  nodeIds: string[];
}

/** How many component names a stage's title lists before `and 3 more`. */
const TITLE_NAMES = 3;

export function architectureStory(design: Design): StoryStage[] {
  const drawn = drawnComponents(design);
  const components = [...drawn.values()];
  const stageOf = new Map<string, number>();
  let next = Math.max(0, ...components.map((c) => c.component.stage ?? 0));
  const byStage = new Map<number, DrawnComponent[]>();
  for (const c of components) {
    const stage = c.component.stage ?? ++next;
    stageOf.set(c.nodeId, stage);
    const same = byStage.get(stage);
    if (same) same.push(c);
    else byStage.set(stage, [c]);
  }
  const groupsByFirstMember = new Map<string, string[]>();
  for (const group of drawnGroups(design, drawn)) {
    // A group's box appears with its earliest member.
    const first = group.members.reduce((a, b) => ((stageOf.get(b) ?? 0) < (stageOf.get(a) ?? 0) ? b : a));
    groupsByFirstMember.set(first, [...(groupsByFirstMember.get(first) ?? []), group.nodeId]);
  }
  return [...byStage.entries()]
    .sort(([a], [b]) => a - b)
    .map(([stage, members]) => ({
      stage,
      title: `Stage ${stage}: ${names(members.map((m) => m.component))}`,
      nodeIds: members.flatMap((m) => [m.nodeId, ...(groupsByFirstMember.get(m.nodeId) ?? [])]),
    }));
}

function names(components: readonly Component[]): string {
  const shown = components.slice(0, TITLE_NAMES).map((c) => visibleText(c.label?.text ?? c.id.name).trim() || c.id.name);
  const more = components.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}
