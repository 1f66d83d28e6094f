// The load at peak on the architecture: each component's node filled by its utilisation
// band (theme colours, see preview.css), with a tooltip of the server's formatted figures,
// and each edge weighted by its peak rate. Applied to the rendered SVG in place, so a
// change of load alone never renders Mermaid again; the shapes' own fill and stroke are
// kept and put back when a node's load goes away. Text goes in with `textContent` only.
import type { PreviewLoad, UtilisationBand } from '../protocol';
import { h } from './dom';
import { nodeElements } from './svgNodes';

export const BAND_ATTRIBUTE = 'data-sd-band';
/** On a component the scenario shown takes down. */
export const FAILED_ATTRIBUTE = 'data-sd-failed';
const TITLE_CLASS = 'sd-load-title';
const WEIGHT_CLASSES = ['sd-weight-1', 'sd-weight-2', 'sd-weight-3', 'sd-weight-4'];
/** A node's outline (Mermaid draws some shapes as a group of paths), not the label's box. */
const SHAPES = ':scope > :is(rect, polygon, path, circle, ellipse), :scope > g:not(.label) > :is(rect, polygon, path, circle, ellipse)';
const SVG_NS = 'http://www.w3.org/2000/svg';

/** Mermaid's own inline fill and stroke of a shape, before we painted it. */
const original = new WeakMap<Element, Record<'fill' | 'stroke' | 'stroke-dasharray', [string, string]>>();
/** What each SVG shows now, so an update that changes no load does no DOM work. */
const applied = new WeakMap<SVGSVGElement, { key: string; load: PreviewLoad | undefined }>();

/** Paints `load` onto the architecture's `svg` (or clears it when `load` is undefined). */
export function applyLoad(svg: SVGSVGElement, load: PreviewLoad | undefined): void {
  const key = load ? JSON.stringify([load.components, load.edges]) : '';
  if ((applied.get(svg)?.key ?? '') === key) return;
  applied.set(svg, { key, load });
  clearLoad(svg);
  if (!load) return;
  for (const c of load.components) {
    if (c.nodeId === undefined) continue;
    for (const element of nodeElements(svg, c.nodeId)) {
      element.setAttribute(BAND_ATTRIBUTE, c.band);
      if (c.failed) {
        element.setAttribute(FAILED_ATTRIBUTE, 'true');
        for (const shape of element.querySelectorAll(SHAPES)) paintFailed(shape as SVGElement);
      } else if (c.band !== 'unknown') for (const shape of element.querySelectorAll(SHAPES)) paint(shape as SVGElement, c.band);
      if (c.reached) addTitle(element, c.summary);
    }
  }
  for (const edge of load.edges) {
    if (!/^[a-z][0-9]{1,6}$/.test(edge.from) || !/^[a-z][0-9]{1,6}$/.test(edge.to)) continue;
    for (const path of svg.querySelectorAll(`path.flowchart-link[data-id^="L_${edge.from}_${edge.to}_"]`)) {
      path.classList.add(WEIGHT_CLASSES[edge.weight - 1]);
      path.setAttribute('data-sd-peak', edge.peak);
      addTitle(path, `${edge.peak} at peak`);
    }
  }
}

/**
 * Runs `fn` on `svg` without the heat map (an export: its colours are theme variables that
 * mean nothing outside the preview), then paints it again.
 */
export function withoutLoad<T>(svg: SVGSVGElement, fn: () => T): T {
  const shown = applied.get(svg);
  if (!shown || shown.key === '') return fn();
  applyLoad(svg, undefined);
  try {
    return fn();
  } finally {
    applyLoad(svg, shown.load);
  }
}

function clearLoad(svg: SVGSVGElement): void {
  for (const title of svg.querySelectorAll(`title.${TITLE_CLASS}`)) title.remove();
  for (const element of svg.querySelectorAll(`[${BAND_ATTRIBUTE}]`)) {
    element.removeAttribute(BAND_ATTRIBUTE);
    element.removeAttribute(FAILED_ATTRIBUTE);
    for (const shape of element.querySelectorAll(SHAPES)) unpaint(shape as SVGElement);
  }
  for (const path of svg.querySelectorAll('[data-sd-peak]')) {
    path.classList.remove(...WEIGHT_CLASSES);
    path.removeAttribute('data-sd-peak');
  }
}

/**
 * Mermaid writes class colours as inline `!important` styles that no stylesheet can
 * override, so the band colour goes in the same way (CSSOM, which the CSP allows).
 */
function paint(shape: SVGElement, band: UtilisationBand): void {
  remember(shape);
  shape.style.setProperty('fill', `var(--sd-heat-${band})`, 'important');
  shape.style.setProperty('stroke', `var(--sd-heat-${band}-line)`, 'important');
}

/** A component that is down: faded, with a dashed outline in the theme's error colour. */
function paintFailed(shape: SVGElement): void {
  remember(shape);
  shape.style.setProperty('fill', 'var(--sd-failed)', 'important');
  shape.style.setProperty('stroke', 'var(--sd-failed-line)', 'important');
  shape.style.setProperty('stroke-dasharray', '6 4', 'important');
}

const PAINTED = ['fill', 'stroke', 'stroke-dasharray'] as const;

function remember(shape: SVGElement): void {
  if (original.has(shape)) return;
  const saved = {} as Record<(typeof PAINTED)[number], [string, string]>;
  for (const property of PAINTED) saved[property] = [shape.style.getPropertyValue(property), shape.style.getPropertyPriority(property)];
  original.set(shape, saved);
}

function unpaint(shape: SVGElement): void {
  const saved = original.get(shape);
  if (!saved) return;
  for (const property of PAINTED) {
    const [value, priority] = saved[property];
    if (value === '') shape.style.removeProperty(property);
    else shape.style.setProperty(property, value, priority);
  }
}

/** An SVG `<title>` (the browser's tooltip), text only. */
function addTitle(element: Element, text: string): void {
  const title = document.createElementNS(SVG_NS, 'title');
  title.setAttribute('class', TITLE_CLASS);
  title.textContent = text;
  element.prepend(title);
}

/** The legend of the bands, drawn into `host` (the server's words), then `extra` entries (the comparison's marks); empty without either. */
export function drawLegend(host: HTMLElement, load: PreviewLoad | undefined, extra: HTMLElement[] = []): void {
  if (!load) {
    host.replaceChildren(...extra);
    return;
  }
  host.replaceChildren(
    h('span', { class: 'legend-title' }, 'Utilisation at peak'),
    ...load.bands.map((b) => h('span', { class: 'legend-item', 'data-band': b.band }, h('span', { class: 'swatch', 'data-band': b.band, 'aria-hidden': 'true' }), b.text)),
    // Only while a scenario takes a component down.
    ...(load.components.some((c) => c.failed)
      ? [h('span', { class: 'legend-item', 'data-failed': 'true' }, h('span', { class: 'swatch', 'data-failed': 'true', 'aria-hidden': 'true' }), 'down in this scenario')]
      : []),
    ...extra,
  );
}
