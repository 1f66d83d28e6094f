// Story mode (issue #17): the architecture as it was built up, stage by stage. The server
// sends the stages (`PreviewDiagrams.story`: each stage's node ids); stage k shows the nodes
// of stages 1 to k and hides the rest with every edge and edge label that touches them, so
// the layout stays put while the picture grows, as an interview answer or a review does.
import type { PreviewStory } from '../protocol';
import { h, setText, show } from './dom';
import { NODE_ATTRIBUTE } from './svgNodes';

export const STORY_HIDDEN_ATTRIBUTE = 'data-sd-story-hidden';
/** `L_n0_n3_0`: Mermaid's id of an edge (and of its label), from its two node ids. */
const EDGE_ID = /^L_([a-z][0-9]{1,6})_([a-z][0-9]{1,6})_\d+$/;

/** The story controls: back, the stage and its title, forward, and leave. */
export interface StoryElements {
  tools: HTMLElement;
  label: HTMLElement;
  previous: HTMLButtonElement;
  next: HTMLButtonElement;
  start: HTMLButtonElement;
}

export function buildStory(button: (label: string, text: string, onClick: () => void) => HTMLButtonElement, actions: { move(by: number): void; toggle(): void }): StoryElements {
  const start = button('Story: replay the design stage by stage', 'Story', () => actions.toggle());
  start.setAttribute('aria-pressed', 'false');
  const previous = button('Previous stage', '‹', () => actions.move(-1));
  const next = button('Next stage', '›', () => actions.move(1));
  const label = h('span', { class: 'story-label', role: 'status' });
  const tools = h('div', { class: 'group story', role: 'group', 'aria-label': 'Story' }, start, previous, label, next);
  tools.hidden = true;
  return { tools, label, previous, next, start };
}

/** Brings the controls up to `stage` (undefined: the whole design, story off) of `story`. */
export function drawStory(el: StoryElements, story: PreviewStory | undefined, stage: number | undefined, visible: boolean): void {
  show(el.tools, visible && story !== undefined);
  const on = story !== undefined && stage !== undefined;
  el.start.setAttribute('aria-pressed', String(on));
  show(el.previous, on);
  show(el.next, on);
  show(el.label, on);
  if (!on) return;
  el.previous.disabled = stage === 0;
  el.next.disabled = stage === story.stages.length - 1;
  setText(el.label, `${stage + 1}/${story.stages.length} ${story.stages[stage].title}`);
}

/** Shows stage `stage` of `story` on the architecture's SVG (every node again when undefined). */
export function applyStory(svg: SVGSVGElement, story: PreviewStory | undefined, stage: number | undefined): void {
  const shown = new Set<string>();
  const on = story !== undefined && stage !== undefined;
  if (on) for (const s of story.stages.slice(0, stage + 1)) for (const id of s.nodeIds) shown.add(id);
  const hidden = (nodeId: string) => on && !shown.has(nodeId);
  for (const element of svg.querySelectorAll(`[${NODE_ATTRIBUTE}]`)) hide(element, hidden(element.getAttribute(NODE_ATTRIBUTE) ?? ''));
  for (const element of svg.querySelectorAll('path.flowchart-link[data-id], g.edgeLabel g.label[data-id]')) {
    const ends = EDGE_ID.exec(element.getAttribute('data-id') ?? '');
    const gone = ends !== null && (hidden(ends[1]) || hidden(ends[2]));
    hide(element.classList.contains('label') ? (element.closest('g.edgeLabel') ?? element) : element, gone);
  }
}

function hide(element: Element, hidden: boolean): void {
  if (hidden) element.setAttribute(STORY_HIDDEN_ATTRIBUTE, 'true');
  else element.removeAttribute(STORY_HIDDEN_ATTRIBUTE);
}
