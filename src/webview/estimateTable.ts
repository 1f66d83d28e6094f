// The Estimates tab: a bar chart of utilisation at peak per component (when the design
// has a load estimate) and one of cost per month (when it is priced), then the server's
// formatted rows as one table per section. Text only; bar widths are the one thing
// computed here, from the fractions the server sent.
import type { EstimateSection, PreviewCost, PreviewLoad } from '../protocol';
import { h } from './dom';

/** The chart's scale ends at the busiest component, at least 100 % and at most 200 % (longer bars are cut, marked). */
const MAX_SCALE = 2;

/**
 * Draws `sections` into `host` unless they are what `drawnKey` says is there already;
 * returns the key of what `host` now shows.
 */
export function drawEstimates(host: HTMLElement, sections: EstimateSection[], drawnKey: string, load?: PreviewLoad, cost?: PreviewCost): string {
  const key = JSON.stringify([sections, load ?? null, cost ?? null]);
  if (key === drawnKey) return key;
  host.replaceChildren(
    ...(load && load.components.length > 0 ? [utilisationChart(load)] : []),
    ...(cost && cost.components.length > 0 ? [costChart(cost)] : []),
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

/** Horizontal bars, busiest first, coloured by band, with a line at the target. Arrow keys move between rows. */
function utilisationChart(load: PreviewLoad): HTMLElement {
  const known = load.components.flatMap((c) => (c.utilisation !== null ? [c.utilisation] : []));
  const scale = Math.min(MAX_SCALE, Math.max(1, ...known.filter((u) => Number.isFinite(u))));
  const rows = load.components.map((c, i) => {
    const fraction = c.utilisation === null ? 0 : Math.min(c.utilisation, scale) / scale;
    const bar = h('div', { class: 'bar', 'data-band': c.band });
    bar.style.width = `${(fraction * 100).toFixed(3)}%`;
    const track = h('div', { class: 'track' }, bar);
    if (c.utilisation !== null && c.utilisation > scale) track.append(h('span', { class: 'cut', 'aria-hidden': 'true' }, '»'));
    const words = [`${c.id}: ${c.utilisationText} utilisation at peak`, `peak ${c.peak}`, c.sizing, c.needs].filter((w): w is string => w !== undefined);
    const row = h(
      'div',
      { class: 'bar-row', role: 'listitem', tabindex: 0, 'data-id': c.id, 'data-band': c.band, 'aria-label': words.join(', '), title: c.summary },
      h('span', { class: 'bar-label' }, c.id),
      track,
      h('span', { class: 'bar-value' }, c.utilisationText),
    );
    // Placed explicitly, so the target line can lie over the rows instead of pushing them down.
    row.style.gridRow = String(i + 1);
    return row;
  });
  const list = h('div', { class: 'bars', role: 'list', 'aria-label': `Utilisation at peak per component, busiest first; target ${load.targetText}` }, ...rows);
  const target = h('div', { class: 'target-line', 'aria-hidden': 'true', title: `target ${load.targetText}` });
  // One element over the track column of every row (the rows are a subgrid of the list).
  target.style.setProperty('--sd-target', String(Math.min(load.target, scale) / scale));
  target.style.gridRow = `1 / span ${Math.max(1, rows.length)}`;
  list.append(target);
  arrowKeys(list, rows);
  return h('section', { class: 'utilisation', 'aria-label': 'Utilisation chart' }, h('h2', {}, `Utilisation at peak (target ${load.targetText})`), list);
}

/** Horizontal bars of cost per month, the most expensive first, with each one's prices in its tooltip. */
function costChart(cost: PreviewCost): HTMLElement {
  const rows = cost.components.map((c, i) => {
    const bar = h('div', { class: 'bar cost' });
    bar.style.width = `${(Math.max(0, Math.min(1, c.share)) * 100).toFixed(3)}%`;
    const row = h(
      'div',
      { class: 'bar-row', role: 'listitem', tabindex: 0, 'data-id': c.id, 'aria-label': `${c.id}: ${c.text} a month (${c.breakdown})`, title: c.breakdown },
      h('span', { class: 'bar-label' }, c.id),
      h('div', { class: 'track' }, bar),
      h('span', { class: 'bar-value' }, c.text),
    );
    row.style.gridRow = String(i + 1);
    return row;
  });
  const list = h('div', { class: 'bars', role: 'list', 'aria-label': 'Cost per month per component, the most expensive first' }, ...rows);
  arrowKeys(list, rows);
  return h('section', { class: 'cost-chart', 'aria-label': 'Cost chart' }, h('h2', {}, `Cost per month (${cost.total})`), list);
}

/** Arrow keys, Home and End move between the rows of a chart. */
function arrowKeys(list: HTMLElement, rows: HTMLElement[]): void {
  list.addEventListener('keydown', (e) => {
    const index = rows.indexOf(e.target as HTMLDivElement);
    if (index < 0) return;
    const next = e.key === 'ArrowDown' ? index + 1 : e.key === 'ArrowUp' ? index - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? rows.length - 1 : -1;
    if (next < 0 || next >= rows.length) return;
    e.preventDefault();
    rows[next].focus();
  });
}
