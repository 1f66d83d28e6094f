// The baseline of the preview's timings: Mermaid alone, with the same ELK layout loader
// the preview registers, and nothing of ours. The harness bundles this file with esbuild
// (the same sources and versions as dist/webview/preview.js) and serves it to the page.
import elkLayouts from '@mermaid-js/layout-elk';
import mermaid from 'mermaid';

mermaid.registerLayoutLoaders(elkLayouts.filter((l) => l.name === 'elk'));
(globalThis as unknown as { bareMermaid: typeof mermaid }).bareMermaid = mermaid;
