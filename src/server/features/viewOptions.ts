/**
 * The preview's views of the components beyond the architecture (issue #17): the options
 * a client sends with `sysdesign/diagrams`, checked here because anyone may send
 * anything (a field that does not fit is ignored, never an error); the views they add to
 * the answer; and the architecture's story in the preview's terms.
 */
import { architectureStory, focusFlows, focusView, listViews, type Design, type DiagramView, type DiagramViewInfo } from '../../core';
import { isDesignId, MAX_EXPANDED_GROUPS, panelShape, type DiagramViewOptions, type PreviewStory, type PreviewViewKind } from '../../protocol';

export function viewOptions(raw: unknown): DiagramViewOptions {
  if (typeof raw !== 'object' || raw === null) return {};
  const { expanded, focus, direction, panel } = raw as Record<string, unknown>;
  const out: DiagramViewOptions = {};
  if (Array.isArray(expanded) && expanded.length <= MAX_EXPANDED_GROUPS) out.expanded = expanded.filter(isDesignId);
  if (isDesignId(focus)) out.focus = focus;
  if (direction === 'LR' || direction === 'TB') out.direction = direction;
  const shape = panelShape(panel);
  if (shape) out.panel = shape;
  return out;
}

/** The design's views (`listViews`) with the overview's expanded groups, and the focus view asked for after the overview (or the architecture). */
export function shownViews(design: Design, options: DiagramViewOptions): DiagramViewInfo[] {
  const views = listViews(design).map((info) => (info.key === 'overview' ? { ...info, view: { kind: 'overview' as const, expanded: options.expanded } } : info));
  const focus = options.focus === undefined ? undefined : focusView(design, options.focus);
  if (focus) {
    const overview = views.findIndex((v) => v.key === 'overview');
    views.splice(overview >= 0 ? overview + 1 : 1, 0, focus);
  }
  return views;
}

export function previewKind(view: DiagramView): PreviewViewKind {
  if (typeof view === 'string') return view === 'sequence' ? 'flow' : view;
  return view.kind;
}

/** The architecture's stages (core `architectureStory`); none for fewer than two stages, where there is no story to tell. */
export function previewStory(design: Design): PreviewStory | undefined {
  const stages = architectureStory(design);
  return stages.length >= 2 ? { stages: stages.map(({ title, nodeIds }) => ({ title, nodeIds })) } : undefined;
}

/** A focus view's dry runs that cross its component, for `PreviewView.flows`. */
export function crossingFlows(design: Design, view: DiagramView): { flows?: string[] } {
  return typeof view === 'object' && view.kind === 'focus' ? { flows: focusFlows(design, view.id) } : {};
}
