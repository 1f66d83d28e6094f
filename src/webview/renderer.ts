// The only module that talks to Mermaid. Renders run one at a time (Mermaid keeps global
// state), each in an offscreen host so the visible diagram is untouched until the caller
// swaps the result in; a render whose result nobody wants any more is skipped before it
// starts.
import mermaid from 'mermaid';
import { elkLayoutLoader } from './elkLoader';
import type { LayoutEngine } from './layout';
import type { MermaidTheme } from './theme';

// dagre is Mermaid's default and built in; ELK (the layered algorithm Mermaid calls
// `elk`) is loaded from its own script the first time a diagram asks for it.
// `document.currentScript` is preview.js while this bundle's modules initialise.
mermaid.registerLayoutLoaders([elkLayoutLoader(document.currentScript)]);

/** Mermaid's own defaults, stated: the core caps diagrams to the same numbers and says so in words. */
const MAX_TEXT_SIZE = 50_000;
const MAX_EDGES = 500;

export interface RenderedSvg {
  /** Mermaid's SVG markup (sanitised by Mermaid in strict mode). */
  svg: string;
  /** The `id` of the SVG root, which Mermaid also uses to scope its CSS. */
  id: string;
  /** Milliseconds spent in `mermaid.render`. */
  ms: number;
}

export class Renderer {
  private queue: Promise<unknown> = Promise.resolve();
  private configured: string | undefined;
  private counter = 0;
  /** How many times Mermaid rendered (for tests and measurements). */
  renders = 0;

  constructor(private readonly host: HTMLElement) {}

  /**
   * Renders `text` with `theme`, laid out by `layout`; resolves undefined when `wanted()`
   * is false by the time the render would start (a newer one superseded it). Rejects with
   * Mermaid's error.
   */
  render(text: string, theme: MermaidTheme, layout: LayoutEngine, wanted: () => boolean = () => true): Promise<RenderedSvg | undefined> {
    const job = this.queue.then(() => (wanted() ? this.renderNow(text, theme, layout) : undefined));
    this.queue = job.catch(() => undefined);
    return job;
  }

  /** Resolves when every render asked for so far has finished. */
  idle(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  private async renderNow(text: string, theme: MermaidTheme, layout: LayoutEngine): Promise<RenderedSvg> {
    const configuration = `${theme} ${layout}`;
    if (this.configured !== configuration) {
      mermaid.initialize({
        startOnLoad: false,
        securityLevel: 'strict',
        theme,
        // Ours, from a closed set (layout.ts); the diagram text never carries configuration.
        layout,
        // Errors come back to us as exceptions and are shown as text; Mermaid must not draw its own error SVG.
        suppressErrorRendering: true,
        maxTextSize: MAX_TEXT_SIZE,
        maxEdges: MAX_EDGES,
        htmlLabels: true,
        // Natural size: zoom and pan are ours.
        flowchart: { useMaxWidth: false },
        sequence: { useMaxWidth: false },
        er: { useMaxWidth: false },
      });
      this.configured = configuration;
    }
    const id = `sdm${++this.counter}`;
    const started = performance.now();
    try {
      const { svg } = await mermaid.render(id, text, this.host);
      this.renders++;
      return { svg, id, ms: performance.now() - started };
    } finally {
      // Mermaid leaves its measuring element behind when it fails.
      this.host.replaceChildren();
    }
  }
}
