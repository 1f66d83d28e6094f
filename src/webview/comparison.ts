// The comparison with another version of the design (issue #18): a line under the toolbar
// that says what it is compared with, what changed and what is gone, with a button to stop;
// the components added and changed since then marked on the architecture (a glow in the
// editor's Git colours, and their names say so to a screen reader); and the Changes tab,
// the changes field by field and the figures that moved. Text only: the server formats.
import type { PreviewComparison } from '../protocol';
import { h, setText, show } from './dom';
import type { Elements } from './elements';
import { NODE_ATTRIBUTE } from './svgNodes';

/** The tab of the changes (not a diagram), present while the design is compared. */
export const CHANGES_VIEW = 'changes';
export const DIFF_ATTRIBUTE = 'data-sd-diff';
const BADGE_CLASS = 'sd-diff-badge';

export function drawComparisonLine(el: Pick<Elements, 'compareLine' | 'compareText'>, comparison: PreviewComparison | undefined): void {
  show(el.compareLine, comparison !== undefined);
  if (!comparison) return;
  const removed = comparison.removed.length > 0 ? ` · removed: ${comparison.removed.join(', ')}` : '';
  setText(el.compareText, `Compared with ${comparison.against}: ${comparison.summary}${removed}`);
}

/** Marks the architecture's nodes added or changed since the version compared with (and unmarks the rest). */
export function applyComparison(svg: SVGSVGElement, comparison: PreviewComparison | undefined): void {
  const marks = new Map<string, 'added' | 'changed'>([
    ...(comparison?.addedNodes ?? []).map((n): [string, 'added'] => [n, 'added']),
    ...(comparison?.changedNodes ?? []).map((n): [string, 'changed'] => [n, 'changed']),
  ]);
  for (const element of svg.querySelectorAll<SVGGElement>(`g[${NODE_ATTRIBUTE}]`)) {
    const nodeId = element.getAttribute(NODE_ATTRIBUTE) ?? '';
    const mark = marks.get(nodeId);
    const label = (element.getAttribute('aria-label') ?? '').replace(/ \((?:added|changed) since .*\)$/, '');
    element.querySelector(`:scope > g.${BADGE_CLASS}`)?.remove();
    if (mark && comparison) {
      element.setAttribute(DIFF_ATTRIBUTE, mark);
      element.setAttribute('aria-label', `${label} (${mark} since ${comparison.against})`);
      addBadge(element, mark);
    } else if (element.hasAttribute(DIFF_ATTRIBUTE)) {
      element.removeAttribute(DIFF_ATTRIBUTE);
      element.setAttribute('aria-label', label);
    }
  }
}

/**
 * A word over the node's top left corner (`added`, `changed`): the mark reads without
 * colour too. In a group of its own: Mermaid styles every direct child of a node (its
 * `classDef` colours, `!important`), which must not reach the word.
 */
function addBadge(node: SVGGElement, mark: 'added' | 'changed'): void {
  const box = node.getBBox();
  const svg = 'http://www.w3.org/2000/svg';
  const badge = document.createElementNS(svg, 'g');
  badge.setAttribute('class', BADGE_CLASS);
  badge.setAttribute('aria-hidden', 'true');
  const text = document.createElementNS(svg, 'text');
  text.setAttribute('x', String(box.x));
  text.setAttribute('y', String(box.y - 4));
  text.textContent = mark;
  badge.append(text);
  node.append(badge);
}

/** The legend's entries for the marks, when there are any. */
export function comparisonLegend(comparison: PreviewComparison | undefined): HTMLElement[] {
  if (!comparison) return [];
  const entry = (mark: 'added' | 'changed', count: number) =>
    count === 0
      ? []
      : [h('span', { class: 'legend-item', 'data-diff': mark }, h('span', { class: 'swatch', 'data-diff': mark, 'aria-hidden': 'true' }), `${mark} since ${comparison.against}`)];
  return [...entry('added', comparison.addedNodes.length), ...entry('changed', comparison.changedNodes.length)];
}

/**
 * Draws the Changes tab into `host` unless `drawnKey` says it shows this comparison
 * already; returns the key of what `host` now shows.
 */
export function drawChanges(host: HTMLElement, comparison: PreviewComparison | undefined, drawnKey: string): string {
  const key = JSON.stringify(comparison ?? null);
  if (key === drawnKey) return key;
  if (!comparison) {
    host.replaceChildren();
    return key;
  }
  const cells = (fields: PreviewComparison['changes'][number]['fields'], side: 'before' | 'after') =>
    h('td', {}, ...fields.map((f) => h('div', {}, fields.length === 1 && f.field === 'value' ? f[side] : `${f.field}: ${f[side]}`)));
  host.replaceChildren(
    h('p', { class: 'changes-summary' }, `Compared with ${comparison.against}: ${comparison.summary}.`),
    ...(comparison.changes.length > 0
      ? [
          h(
            'table',
            { class: 'estimate changes' },
            h('caption', {}, 'What changed'),
            h('thead', {}, h('tr', {}, ...['Change', 'Section', 'Id', 'Before', 'After'].map((t) => h('th', { scope: 'col' }, t)))),
            h(
              'tbody',
              {},
              ...comparison.changes.map((c) =>
                h(
                  'tr',
                  { 'data-change': c.change },
                  h('td', {}, c.change),
                  h('td', {}, c.section),
                  h('th', { scope: 'row' }, c.id),
                  c.change === 'added' ? h('td', {}) : cells(c.fields, 'before'),
                  c.change === 'removed' ? h('td', {}) : cells(c.fields, 'after'),
                ),
              ),
            ),
          ),
        ]
      : []),
    ...(comparison.metrics.length > 0
      ? [
          h(
            'table',
            { class: 'estimate metrics' },
            h('caption', {}, 'Figures that moved'),
            h('thead', {}, h('tr', {}, ...['Figure', 'Before', 'After', 'Change'].map((t) => h('th', { scope: 'col' }, t)))),
            h(
              'tbody',
              {},
              ...comparison.metrics.map((m) => h('tr', {}, h('th', { scope: 'row' }, m.label), h('td', {}, m.before), h('td', {}, m.after), h('td', {}, m.difference))),
            ),
          ),
        ]
      : []),
  );
  return key;
}
