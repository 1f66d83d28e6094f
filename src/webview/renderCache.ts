// The preview's renderings, one per view: each kept with the key (theme + layout engine +
// Mermaid text) it was drawn from, so the same key never renders twice and an edit that
// changes no diagram costs a comparison. At most 12 are kept; the oldest goes first,
// never the view on screen.
import type { LayoutEngine } from './layout';

const CACHE_SIZE = 12;

export interface Rendering {
  /** Theme + layout engine + Mermaid text: the same key never renders twice. */
  key: string;
  svg: SVGSVGElement;
}

export class RenderCache {
  private readonly renderings = new Map<string, Rendering>();

  get(viewKey: string): Rendering | undefined {
    return this.renderings.get(viewKey);
  }

  /** Keeps `rendering` as the newest; evicts the oldest beyond the limit, except `shownView`. */
  remember(viewKey: string, rendering: Rendering, shownView: string): void {
    this.renderings.delete(viewKey);
    this.renderings.set(viewKey, rendering);
    while (this.renderings.size > CACHE_SIZE) {
      const oldest = this.renderings.keys().next().value;
      if (oldest === undefined || oldest === shownView) break;
      this.renderings.delete(oldest);
    }
  }
}

export function renderingKey(theme: string, layout: LayoutEngine, text: string): string {
  return `${theme}\n${layout}\n${text}`;
}

/** Mermaid's SVG markup as an element, parsed inertly (a template runs nothing). */
export function parseSvg(markup: string): SVGSVGElement | undefined {
  const template = document.createElement('template');
  template.innerHTML = markup;
  const svg = template.content.firstElementChild;
  return svg instanceof SVGSVGElement ? svg : undefined;
}
