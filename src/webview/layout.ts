// Which layout engine draws a diagram: a pure function of the diagram's size and the
// `sysdesign.preview.layout` setting. The preview has Mermaid's default, dagre, and
// ELK (`@mermaid-js/layout-elk`, loaded on first use: elkLoader.ts).
//
// `auto` would switch to ELK from the size at which ELK renders faster. Measured in
// Chromium on the core's own architecture flowcharts of 10 to 500 components (with and
// without groups), there is no such size: dagre was faster at every one, ELK 1.3 to 3
// times as slow at 10 to 200 nodes and 8 times as slow at 500 (bench/README.md,
// "Preview layout by size"; test/webview/layout.webview.test.ts re-checks it). So `auto`
// is dagre, and ELK is there for whoever prefers its drawing and asks for it.
//
// The engine reaches Mermaid only through our own `mermaid.initialize` configuration
// (`layout`), never through the diagram text: a document cannot choose it.
import type { PreviewLayoutSetting, PreviewViewKind } from '../protocol';

/** The layout engines the preview has. */
export type LayoutEngine = 'dagre' | 'elk';

/**
 * From this many nodes on, `auto` lays an architecture out with ELK: never, because no
 * measured size was faster with ELK (see above). A new measurement that finds one
 * changes this number and nothing else.
 */
export const ELK_FROM_NODES = Number.POSITIVE_INFINITY;

/**
 * The engine for a diagram of `view` with `nodes` drawn nodes (components and groups).
 * Only the architecture (a flowchart) changes engine by size: the dry runs are sequence
 * diagrams (no layout engine), and the data model was not measured, so it keeps
 * Mermaid's default whatever the setting says.
 */
export function chooseLayout(setting: PreviewLayoutSetting, view: PreviewViewKind, nodes: number, elkFromNodes = ELK_FROM_NODES): LayoutEngine {
  if (view !== 'architecture') return 'dagre';
  if (setting === 'dagre' || setting === 'elk') return setting;
  return nodes >= elkFromNodes ? 'elk' : 'dagre';
}
