// Export: the diagram as a standalone SVG file (valid XML, with its size and a
// background) and as a PNG drawn through a canvas. Our own marks (focus, highlight,
// dry-run step) are removed first.
import { HIGHLIGHT_CLASS, NODE_ATTRIBUTE, STEP_CLASS, svgSize } from './svgNodes';
import type { Brightness } from './theme';

const BACKGROUND: Record<Brightness, string> = { light: '#ffffff', dark: '#1e1e1e' };
/** Canvas limits of Chromium are far higher, but a PNG beyond ~64 megapixels helps nobody. */
const MAX_PIXELS = 64_000_000;
const PNG_SCALE = 2;

/** The SVG as a standalone file. */
export function serializeSvg(svg: SVGSVGElement, brightness: Brightness): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  for (const element of copy.querySelectorAll(`[${NODE_ATTRIBUTE}]`)) {
    element.removeAttribute(NODE_ATTRIBUTE);
    element.removeAttribute('tabindex');
    element.removeAttribute('role');
    element.removeAttribute('aria-label');
  }
  for (const element of copy.querySelectorAll(`.${HIGHLIGHT_CLASS}, .${STEP_CLASS}`)) element.classList.remove(HIGHLIGHT_CLASS, STEP_CLASS);
  const { width, height } = svgSize(svg);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(Math.ceil(width)));
  copy.setAttribute('height', String(Math.ceil(height)));
  copy.style.removeProperty('max-width');
  copy.style.backgroundColor = BACKGROUND[brightness];
  // XMLSerializer writes XML (`<br/>`, escaped text): Mermaid's own markup is HTML-ish and not a valid SVG file.
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
}

/** The SVG drawn on a canvas at twice its size, as base64 PNG (without the `data:` prefix). */
export async function renderPng(svgText: string, size: { width: number; height: number }, brightness: Brightness): Promise<string> {
  const image = new Image();
  await new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the browser could not draw the SVG'));
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  });
  let scale = PNG_SCALE;
  if (size.width * size.height * scale * scale > MAX_PIXELS) scale = Math.sqrt(MAX_PIXELS / (size.width * size.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(size.width * scale));
  canvas.height = Math.max(1, Math.round(size.height * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  context.fillStyle = BACKGROUND[brightness];
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const url = canvas.toDataURL('image/png');
  const comma = url.indexOf(',');
  if (!url.startsWith('data:image/png;base64,') || comma < 0) throw new Error('the canvas did not produce a PNG');
  return url.slice(comma + 1);
}
