// The Estimates tab: the server's formatted rows as one table per section, text only.
import type { EstimateSection } from '../protocol';
import { h } from './dom';

/**
 * Draws `sections` into `host` unless they are what `drawnKey` says is there already;
 * returns the key of what `host` now shows.
 */
export function drawEstimates(host: HTMLElement, sections: EstimateSection[], drawnKey: string): string {
  const key = JSON.stringify(sections);
  if (key === drawnKey) return key;
  host.replaceChildren(
    ...sections.map((section) =>
      h(
        'table',
        { class: 'estimate' },
        h('caption', {}, section.title),
        h('tbody', {}, ...section.rows.map((row) => h('tr', {}, h('th', { scope: 'row' }, row.label), h('td', {}, row.value)))),
      ),
    ),
  );
  if (sections.length === 0) host.append(h('p', {}, 'No estimate yet: add an estimation section (step 2).'));
  return key;
}
