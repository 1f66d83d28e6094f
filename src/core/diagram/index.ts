/**
 * Diagrams of a design as Mermaid text: the architecture (flowchart), its overview with
 * the groups collapsed and the focus on one component (flowcharts too), each dry run
 * (sequence diagram) and the data model (ER diagram), plus the Markdown design document
 * that embeds them, and the architecture's story stage by stage. Pure: the core never
 * imports Mermaid; the webview renders the text, the CLI prints it, GitHub renders the
 * Markdown.
 */
export type { Diagram, DiagramNode, DiagramResult, FlowchartOptions, FlowDirection, PanelShape } from './types';
export {
  diagramFor,
  focusView,
  listViews,
  parseView,
  viewExists,
  viewKey,
  MAX_DIAGRAM_EDGES,
  MAX_DIAGRAM_TEXT,
  type DiagramLimits,
  type DiagramOptions,
  type DiagramView,
  type DiagramViewInfo,
} from './views';
export { architectureDiagram } from './flowchart';
export { hasOverview } from './overview';
export { focusFlows } from './focus';
export { architectureStory, type StoryStage } from './story';
export { sequenceDiagram } from './sequence';
export { erDiagram } from './er';
export { codeSpan, decodeLabel, encodeLabel, escapeMarkdown, visibleText } from './encode';
export { FAMILY_STYLES, KIND_LOOKS, familyClass, type KindFamily, type Shape } from './shapes';
export { designMarkdown, type MarkdownInput } from './markdown';
