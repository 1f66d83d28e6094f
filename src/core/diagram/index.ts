/**
 * Diagrams of a design as Mermaid text: the architecture (flowchart), each dry run
 * (sequence diagram) and the data model (ER diagram), plus the Markdown design document
 * that embeds them. Pure: the core never imports Mermaid; the webview renders the text,
 * the CLI prints it, GitHub renders the Markdown.
 */
export type { Diagram, DiagramNode, DiagramResult } from './types';
export { diagramFor, listViews, parseView, viewKey, MAX_DIAGRAM_EDGES, MAX_DIAGRAM_TEXT, type DiagramLimits, type DiagramView, type DiagramViewInfo } from './views';
export { architectureDiagram } from './flowchart';
export { sequenceDiagram } from './sequence';
export { erDiagram } from './er';
export { codeSpan, decodeLabel, encodeLabel, escapeMarkdown, visibleText } from './encode';
export { FAMILY_STYLES, KIND_LOOKS, familyClass, type KindFamily, type Shape } from './shapes';
export { designMarkdown, type MarkdownInput } from './markdown';
