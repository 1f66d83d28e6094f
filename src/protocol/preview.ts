/**
 * The diagram preview's messages (types, plus the request's descriptor): the `sysdesign/diagrams`
 * request between the language server and the VS Code client, and the messages between
 * the client and the preview webview. The webview is untrusted territory: everything it
 * sends is validated by the extension (`src/extension/preview/messages.ts`).
 */
import type { DiagramNode, FlowDirection, PanelShape } from '../core/diagram/types';

export type { FlowDirection, PanelShape };
import type { Range } from './range';
import { defineRequest } from './request';

// ---------------------------------------------------------------------------
// Language server <-> client: `sysdesign/diagrams`

export interface DiagramsParams {
  /** The document's URI as the client sent it in `didOpen`. */
  uri: string;
  /** How to draw the overview and which focus view to add (issue #17); a bad field is ignored. */
  options?: DiagramViewOptions;
}

/** What the preview asks of the flowchart views; the server checks every field and ignores what does not fit. */
export interface DiagramViewOptions {
  /** Groups the overview draws expanded, by id (strings of at most 200 characters, at most 1,000 of them). */
  expanded?: string[];
  /** A component id: the answer then has its focus view (`focus:<id>`) after the overview. */
  focus?: string;
  /** Forces the direction of the architecture, the overview and the focus view. */
  direction?: FlowDirection;
  /**
   * The size of the preview's diagram area in CSS pixels: without `direction`, the overview
   * and the focus view take the direction that fits it best (a square when absent).
   */
  panel?: PanelShape;
}

/** `null` when the server does not have the document open. */
export type DiagramsResult = PreviewDiagrams | PreviewStale | null;

/** `sysdesign/diagrams`: every diagram of one open document, for the preview. */
export const DiagramsRequest = defineRequest<DiagramsParams, DiagramsResult>('sysdesign/diagrams');

/** What the preview shows for one version of a design. */
export interface PreviewDiagrams {
  stale?: false;
  uri: string;
  /** The document version the diagrams were computed from. */
  version: number;
  /** The design's `name`, when it has one. */
  name?: string;
  /** Architecture first, then the overview (when the design has one) and the focus view asked for, each dry run, the data model (when there is one). */
  views: PreviewView[];
  /** The steps of each dry run, for stepping through it on the architecture diagram. */
  flows: PreviewFlow[];
  /** The estimate as rows of words (`Read QPS` / `3.47k/s`), already formatted. */
  estimates: EstimateSection[];
  /** The load at peak on the architecture's components and connections (the heat map, the bar chart, edge weights). */
  load?: PreviewLoad;
  /** The architecture built up stage by stage (story mode); absent when it has fewer than two stages. */
  story?: PreviewStory;
  /** The design's scenarios, for the preview's scenario picker; absent when it has none. */
  scenarios?: PreviewScenarios;
  /** What each component costs a month (SPEC 5.4), for the Estimates tab's chart; absent when nothing is priced. */
  cost?: PreviewCost;
  /** The design against another version of it (`sysdesign/compare`); absent when it is not compared. */
  comparison?: PreviewComparison;
}

/** What changed since the version a design is compared with (issue #18), formatted. */
export interface PreviewComparison {
  /** The other version, for people: `HEAD`, a file name. */
  against: string;
  /** `3 removed, 2 changed; 22 figures moved`, or `no differences`. */
  summary: string;
  /** Architecture nodes of components added or changed since then (ids as in `PreviewView.nodes`). */
  addedNodes: string[];
  changedNodes: string[];
  /** Components that are gone (not drawn). */
  removed: string[];
  changes: Array<{ change: 'added' | 'removed' | 'changed'; section: string; id: string; fields: Array<{ field: string; before: string; after: string }> }>;
  /** The figures that moved: `Peak requests`, `10.5k/s`, `20.9k/s`, `+10.5k/s, ×2`. */
  metrics: Array<{ label: string; before: string; after: string; difference: string }>;
}

/**
 * Story mode (issue #17): the stages in order, each with the architecture's node ids
 * (`PreviewView.nodes` of the `architecture` view: components, and a group's subgraph with
 * its first member) that appear in it. The preview shows stage k by hiding the nodes of
 * the later stages and every edge with an end among them, so the layout stays put.
 */
export interface PreviewStory {
  stages: Array<{
    /** Plain text: `Stage 2: Load balancer, Web server`. */
    title: string;
    nodeIds: string[];
  }>;
}

export interface PreviewCost {
  /** The design's total, formatted: `≈ $3.58M/month`. */
  total: string;
  /** Priced components, the most expensive first. */
  components: Array<{
    id: string;
    /** Of the most expensive one, 0 to 1. */ share: number;
    text: string;
    /** Its prices, formatted: `instance $470 · storage $2.52k`. */ breakdown: string;
  }>;
}

/** The scenarios of a design and the one shown (SPEC 5.3). */
export interface PreviewScenarios {
  /** Each scenario's id and its label (the id when it has none). */
  choices: Array<{ id: string; label: string }>;
  /** The scenario the preview shows, absent for the base design. */
  active?: {
    id: string;
    label: string;
    /** Its headline: `peak 105k/s · 98 instances needed · down: feed-cache`. */
    headline: string;
    /** Components it takes down, and the architecture nodes that draw them. */
    failed: string[];
    failedNodes: string[];
    /** Dry runs that cross a failed component (their view keys are `flow:<id>`). */
    brokenFlows: string[];
  };
}

/**
 * Utilisation at peak in four bands: `low` under 50 % (20 points under a target below
 * 70 %), `target` up to the design's `target_utilisation` (70 % unless set), `high` under
 * 100 %, `saturated` at 100 % or more; `unknown` when there is no load or no capacity.
 */
export type UtilisationBand = 'low' | 'target' | 'high' | 'saturated' | 'unknown';

export const UTILISATION_BANDS: readonly UtilisationBand[] = ['low', 'target', 'high', 'saturated', 'unknown'];

export interface PreviewLoad {
  /** `target_utilisation` as a fraction, and as the legend shows it (`70%`). */
  target: number;
  targetText: string;
  /** The legend's words per band, e.g. `50–70% (target)`. */
  bands: Array<{ band: UtilisationBand; text: string }>;
  /** Every component with a load estimate, sorted by utilisation (highest first, unknown last). */
  components: PreviewComponentLoad[];
  /** Architecture edges by their generated node ids, with their peak rate. */
  edges: PreviewEdgeLoad[];
}

export interface PreviewComponentLoad {
  /** The component id as written. */
  id: string;
  /** Its architecture node (`n3`), when it is drawn. */
  nodeId?: string;
  /** A fraction (1 = 100 %), or null when unknown. */
  utilisation: number | null;
  band: UtilisationBand;
  /** Formatted by the server: `25.5k/s`, `10 × 2k/s`, `127%`, `needs 19`, `12 ms`. */
  peak: string;
  sizing: string;
  utilisationText: string;
  needs?: string;
  wait?: string;
  /** One line for a tooltip: `api: peak 25.5k/s · 10 × 2k/s · 127% · needs 19`. */
  summary: string;
  /** Whether any flow reaches it (a node nothing reaches gets no tooltip). */
  reached: boolean;
  /** Down in the scenario shown: drawn dashed and faded, whatever its band. */
  failed?: true;
}

export interface PreviewEdgeLoad {
  /** Generated node ids of the edge's ends. */
  from: string;
  to: string;
  /** `1.2k/s`, formatted by the server. */
  peak: string;
  /** Stroke weight 1 (lightest) to 4 (the busiest edge), relative to the busiest edge. */
  weight: 1 | 2 | 3 | 4;
}

/**
 * The YAML cannot be read (syntax error, too deep, too large): the preview keeps its last
 * good diagram and shows `message` as a warning.
 */
export interface PreviewStale {
  stale: true;
  uri: string;
  version: number;
  /** The first fatal YAML problem, e.g. `Line 12: Missing closing "quote`. */
  message: string;
}

export type PreviewViewKind = 'architecture' | 'overview' | 'focus' | 'flow' | 'er';

export interface PreviewView {
  /** Stable across versions: `architecture`, `overview`, `focus:<id>`, `er`, `flow:<id>`. */
  key: string;
  kind: PreviewViewKind;
  /** For a tab: `Architecture`, `Dry run: upload-photo-dry-run`, `Data model`. */
  title: string;
  /** The Mermaid text (all document text in it encoded); absent when `error` says why there is no diagram. */
  text?: string;
  /** One sentence, shown instead of a diagram (nothing to draw, over Mermaid's limits). */
  error?: string;
  /** The drawn things and where they are defined. */
  nodes: PreviewNode[];
  /** A focus view's dry runs that cross its component (their view keys are `flow:<id>`). */
  flows?: string[];
}

export type PreviewNodeKind = DiagramNode['kind'];

export interface PreviewNode {
  /** The generated Mermaid id (`n0`, `g0`, `p0`, `e0`), never document text. */
  nodeId: string;
  kind: PreviewNodeKind;
  /** The id as written in the document. */
  id: string;
  /** The whole definition: the cursor anywhere in it highlights the node. */
  range: Range;
  /** The id where it is defined: what a click on the node selects. */
  selection: Range;
  /** Where the id is used (connections, steps, members, `store`): the cursor there highlights it too. */
  references: Range[];
}

export interface PreviewFlow {
  /** The key of the flow's view (`flow:<id>`). */
  key: string;
  id: string;
  /** The flow's rate, formatted: `rate 120/s · peak 360/s · 85 ms at peak`, when known. */
  rate?: string;
  steps: PreviewStep[];
}

export interface PreviewStep {
  /** Component ids as written. */
  from: string;
  to: string;
  /** The architecture nodes of `from` and `to`, when those components are drawn. */
  fromNode?: string;
  toNode?: string;
  label?: string;
  /** The queueing wait at peak of `to`, formatted (`wait 3.2 ms at peak`), when known. */
  wait?: string;
  /** The whole step, selected in the editor when the preview steps onto it. */
  range: Range;
}

export interface EstimateSection {
  title: string;
  rows: EstimateRow[];
}

export interface EstimateRow {
  label: string;
  value: string;
}

// ---------------------------------------------------------------------------
// Client <-> webview

/** The `sysdesign.preview.theme` setting: follow VS Code, or always light or dark. */
export type PreviewThemeSetting = 'auto' | 'light' | 'dark';
/** The `sysdesign.preview.layout` setting: the architecture's layout engine by size (`auto`), or always one. */
export type PreviewLayoutSetting = 'auto' | 'dagre' | 'elk';
export type ExportFormat = 'svg' | 'png';
/** The theme an export is drawn in: light (the default: documents are mostly white), dark, or what the preview shows. */
export type ExportTheme = 'light' | 'dark' | 'current';

/** Zoom and pan of one view, in CSS pixels of the preview. */
export interface ViewTransform {
  scale: number;
  x: number;
  y: number;
}

/**
 * The webview's persisted state (`setState`), handed back to the extension's
 * `WebviewPanelSerializer` after a window reload. Validated there like any message.
 */
export interface PreviewState {
  /** The previewed document. */
  uri: string;
  /** The view shown, by key. */
  view?: string;
  /** Zoom and pan per view key. */
  transforms?: Record<string, ViewTransform>;
  /** The overview's expanded groups and the component in focus (issue #17), asked for again after a reload. */
  expanded?: string[];
  focus?: string;
}

/** The webview's initial state, in the `data-state` attribute of its body (escaped JSON). */
export interface PreviewInitialState extends PreviewState {
  theme: PreviewThemeSetting;
  /** Absent means `auto`. */
  layout?: PreviewLayoutSetting;
}

/** Extension -> webview. */
export type ToWebviewMessage =
  | { type: 'update'; diagrams: PreviewDiagrams }
  | { type: 'stale'; version: number; message: string }
  /** The document is gone or cannot be read. */
  | { type: 'unavailable'; message: string }
  /** The preview now shows another document (it follows the active editor). */
  | { type: 'document'; uri: string }
  /** The node whose definition (or a reference to it) holds the editor's cursor, in `view`. */
  | { type: 'highlight'; view: string; nodeId: string | null }
  | { type: 'showView'; view: string }
  | { type: 'theme'; theme: PreviewThemeSetting }
  | { type: 'layout'; layout: PreviewLayoutSetting }
  | { type: 'export'; requestId: number; format: ExportFormat; theme: ExportTheme };

/** Webview -> extension. The extension accepts nothing else (see `parseWebviewMessage`). */
export type FromWebviewMessage =
  /** Loaded: send the diagrams. */
  | { type: 'ready' }
  /** The user clicked (or pressed Enter on) a node of `view`: reveal its definition. */
  | { type: 'reveal'; view: string; nodeId: string }
  /** The user switched views (highlights are per view). */
  | { type: 'viewChanged'; view: string }
  /** Stepping through a dry run: select step `step` (0-based) of the flow whose view is `view`. */
  | { type: 'selectStep'; view: string; step: number }
  /** The toolbar's export buttons: the extension asks where to save. */
  | { type: 'exportRequest'; format: ExportFormat }
  /** The scenario picker: show this scenario (its id), or the base design (`null`). */
  | { type: 'selectScenario'; scenario: string | null }
  /** The comparison line's button: stop comparing the design with another version. */
  | { type: 'stopComparing' }
  /**
   * What to draw (issue #17): the overview's expanded groups, the component in focus (or
   * none), and the size of the diagram area (the overview and focus views fit their
   * direction to it). The extension asks the server again with these.
   */
  | { type: 'viewOptions'; expanded: string[]; focus: string | null; panel?: PanelShape }
  /** The answer to an `export`: SVG text, or a PNG as base64. */
  | { type: 'exported'; requestId: number; format: ExportFormat; data: string }
  | { type: 'exportFailed'; requestId: number; message: string };

/** The scenario a preview update shows (`undefined` for the base), so an update of the same version with another scenario is news. */
export function shownScenario(diagrams: PreviewDiagrams | undefined): string | undefined {
  return diagrams?.scenarios?.active?.id;
}

/**
 * What a preview update shows besides the document's version: the scenario, the version
 * compared with, and the overview and focus views as drawn for the panel (a group expanded,
 * another component in focus). An update with another one is news at the same document version.
 */
export function shownContext(diagrams: PreviewDiagrams | undefined): string {
  const comparison = diagrams?.comparison ? `${diagrams.comparison.against}\u0000${diagrams.comparison.summary}` : '';
  const views = (diagrams?.views ?? []).filter((v) => v.kind === 'overview' || v.kind === 'focus').map((v) => `${v.key}\u0000${v.text ?? v.error ?? ''}`);
  return [shownScenario(diagrams) ?? '', comparison, ...views].join('\u0000');
}
