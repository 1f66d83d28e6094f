// Measuring the preview's renders: the core's architecture flowcharts of generated
// designs by component count, and one `mermaid.render` by the bare baseline
// (support/bareMermaid.ts, loaded into the page with `PreviewPage.loadScript`).
import * as assert from 'node:assert/strict';
import { createAnalyzer } from '../../../src/core';
import { architectureDiagram, diagramFor, MAX_DIAGRAM_EDGES } from '../../../src/core/diagram';
import type { LayoutEngine } from '../../../src/webview/layout';
import { designLinesFor, generateDesign } from '../../support/generate';
import type { PreviewPage } from './harness';

/** Where the bare baseline is served (see harness.ts). */
export const BARE_MERMAID = '/baseline/bare-mermaid.js';

/** The generated design whose architecture has `nodes` components (client, lb, 4 databases, services). */
export function designWithComponents(nodes: number): string {
  return generateDesign(designLinesFor(nodes - 6));
}

/** The core's architecture flowchart of that design, and whether the preview would draw it (edge and text caps). */
export function architectureOf(nodes: number): { text: string; nodes: number; edges: number; capped: boolean } {
  const design = createAnalyzer().analyse(designWithComponents(nodes)).design;
  const diagram = architectureDiagram(design);
  const shown = diagramFor(design, 'architecture');
  if ('text' in shown) assert.equal(shown.text, diagram.text, 'the preview gets the same text');
  return { text: diagram.text, nodes: diagram.nodes.length, edges: (diagram.text.match(/ -->/g) ?? []).length, capped: !('text' in shown) };
}

export interface BareRender {
  ms: number;
  /** `g.node` elements in the SVG. */
  nodes: number;
  error?: string;
}

/**
 * One `mermaid.render` of `text` by the bare baseline (loaded with `loadScript`), with the
 * preview's configuration and `layout`; the time covers the render only.
 */
export function bareRender(preview: PreviewPage, text: string, layout: LayoutEngine, maxEdges = MAX_DIAGRAM_EDGES, extra: Record<string, unknown> = {}): Promise<BareRender> {
  return preview.page.evaluate(
    async ({ text, layout, maxEdges, extra }) => {
      type Mermaid = { initialize(c: unknown): void; render(id: string, t: string): Promise<{ svg: string }> };
      const mermaid = (window as unknown as { bareMermaid: Mermaid }).bareMermaid;
      const w = window as unknown as { __bareCount?: number };
      w.__bareCount = (w.__bareCount ?? 0) + 1;
      mermaid.initialize({
        startOnLoad: false,
        securityLevel: 'strict',
        theme: 'default',
        suppressErrorRendering: true,
        maxTextSize: 100_000,
        maxEdges,
        htmlLabels: true,
        flowchart: { useMaxWidth: false },
        layout,
        ...extra,
      });
      const started = performance.now();
      try {
        const { svg } = await mermaid.render(`bare${w.__bareCount}`, text);
        const ms = performance.now() - started;
        const template = document.createElement('template');
        template.innerHTML = svg;
        return { ms, nodes: template.content.querySelectorAll('g.node').length };
      } catch (error) {
        return { ms: performance.now() - started, nodes: 0, error: String(error).slice(0, 300) };
      }
    },
    { text, layout, maxEdges, extra },
  );
}

export function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
