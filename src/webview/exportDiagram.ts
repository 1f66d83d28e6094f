// An export of the shown diagram: the rendering on screen when it is already in the
// wanted theme, else a fresh offscreen render; then standalone SVG text, or a PNG as
// base64 (exporter.ts).
import type { ExportFormat, ExportTheme, PreviewView } from '../protocol';
import { renderPng, serializeSvg } from './exporter';
import { withoutLoad } from './heatMap';
import type { LayoutEngine } from './layout';
import { parseSvg, renderingKey, type Rendering } from './renderCache';
import type { Renderer } from './renderer';
import { svgSize } from './svgNodes';
import { exportBrightness, mermaidTheme, type Brightness } from './theme';

export interface ExportInput {
  view: PreviewView & { text: string };
  /** The view's cached rendering, if any. */
  cached: Rendering | undefined;
  layout: LayoutEngine;
  /** What the preview shows now. */
  current: Brightness;
  theme: ExportTheme;
  format: ExportFormat;
}

/** SVG text or PNG base64 of `input.view`. */
export async function exportDiagram(renderer: Renderer, input: ExportInput): Promise<string> {
  const { view, cached, layout, current } = input;
  const wanted = exportBrightness(input.theme, current);
  let svg: SVGSVGElement | undefined;
  if (wanted === current && cached && cached.key === renderingKey(mermaidTheme(current), layout, view.text)) {
    svg = cached.svg;
  } else {
    const result = await renderer.render(view.text, mermaidTheme(wanted), layout);
    svg = result ? parseSvg(result.svg) : undefined;
  }
  if (!svg) throw new Error('Mermaid returned no SVG');
  const shown = svg;
  const text = withoutLoad(shown, () => serializeSvg(shown, wanted));
  return input.format === 'svg' ? text : await renderPng(text, svgSize(svg), wanted);
}
