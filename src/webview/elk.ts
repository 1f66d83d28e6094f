// The ELK layout for Mermaid (`@mermaid-js/layout-elk`, with elkjs' `elk.bundled.js`:
// it lays out in the page's thread, no worker, no eval) as a script of its own,
// dist/webview/elk.js. The preview loads it only when a diagram is laid out with ELK
// (elkLoader.ts): measured, ELK is slower than dagre on our diagrams at every size, so
// only someone who asks for it (`sysdesign.preview.layout: elk`) pays for its 5 MB
// (0.2.3, the release for Mermaid 11.17, carries its own copy of Mermaid's core).
//
// It hands Mermaid's layout loader definition over in one global, which the preview
// takes and deletes as soon as this script has run.
import layouts from '@mermaid-js/layout-elk';

const elk = layouts.find((l) => l.name === 'elk');
if (elk) (globalThis as { sysdesignElkLayout?: unknown }).sysdesignElkLayout = elk;
