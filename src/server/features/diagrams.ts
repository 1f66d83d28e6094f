/**
 * `sysdesign/diagrams`: every diagram of a design for the preview (the architecture,
 * each dry run, the data model) as Mermaid text with its node source map in LSP ranges,
 * the steps of each dry run mapped onto the architecture's nodes, and the estimate as
 * formatted rows. When the YAML itself is broken the answer is `stale`, so the preview
 * keeps its last good diagram instead of drawing a half-parsed design.
 */
import {
  briefLine,
  briefScenario,
  diagramFor,
  estimateReport,
  formatCount,
  formatDuration,
  formatPercent,
  formatRate,
  labelledValue,
  NONE,
  COST_FIELDS,
  formatMoney,
  scenarioComparison,
  type Design,
  type DiagramNode,
  type Estimate,
  type Problem,
  type ScenarioAnalysis,
  type SymbolKind,
} from '../../core';
import type {
  DiagramViewOptions,
  EstimateRow,
  EstimateSection,
  PreviewComponentLoad,
  PreviewCost,
  PreviewDiagrams,
  PreviewEdgeLoad,
  PreviewFlow,
  PreviewLoad,
  PreviewNode,
  PreviewNodeKind,
  PreviewScenarios,
  PreviewStale,
  PreviewView,
  Range,
  UtilisationBand,
} from '../../protocol';
import type { Positions } from '../positions';
import { previewComparison, type Baseline } from './comparison';
import type { DocumentAnalysis } from './types';
import { crossingFlows, previewKind, previewStory, shownViews } from './viewOptions';

/** The problems that mean "the YAML cannot be read as one design" (the core then stays quiet). */
const FATAL_YAML_CODES = new Set(['sysdesign/yaml-syntax', 'sysdesign/yaml-multiple-documents', 'sysdesign/yaml-too-deep', 'sysdesign/file-too-large']);

/** What the preview shows besides the design itself. */
export interface DiagramsOptions {
  /** The version the design is compared with (`sysdesign/compare`). */
  comparison?: Baseline;
  /** How to draw the overview and the architecture, and which focus view to add (checked by `viewOptions`). */
  views?: DiagramViewOptions;
}

export function diagrams(
  analysis: DocumentAnalysis,
  positions: Positions,
  document: { uri: string; version: number },
  options: DiagramsOptions = {},
): PreviewDiagrams | PreviewStale {
  const fatal = fatalProblem(analysis.problems);
  if (fatal) {
    const line = positions.position(fatal.start).line + 1;
    return { stale: true, uri: document.uri, version: document.version, message: `Line ${line}: ${fatal.message}` };
  }
  const { design } = analysis;
  const references = referencesByName(analysis, positions);
  const node = (n: DiagramNode): PreviewNode => ({
    nodeId: n.nodeId,
    kind: n.kind,
    id: n.id,
    range: positions.range(definitionSpan(analysis.text, n)),
    selection: positions.range({ start: n.idStart, end: n.idEnd }),
    references: references.get(symbolKey(SYMBOL_OF[n.kind], n.id)) ?? [],
  });

  const views: PreviewView[] = [];
  let architectureNodes: DiagramNode[] = [];
  const drawing = { direction: options.views?.direction, panel: options.views?.panel, estimate: analysis.estimate };
  for (const info of shownViews(design, options.views ?? {})) {
    const kind = previewKind(info.view);
    const result = diagramFor(design, info.view, drawing);
    if ('error' in result) {
      views.push({ key: info.key, kind, title: info.title, error: result.error, nodes: [] });
      continue;
    }
    if (kind === 'architecture') architectureNodes = result.nodes;
    views.push({ key: info.key, kind, title: info.title, text: result.text, nodes: result.nodes.map(node), ...crossingFlows(design, info.view) });
  }
  // The story reveals the architecture as drawn: none without one.
  const story = architectureNodes.length > 0 ? previewStory(design) : undefined;

  const scenarios = previewScenarios(analysis, architectureNodes);
  if (scenarios?.active) {
    // A dry run the scenario breaks says so on its tab.
    const broken = new Set(scenarios.active.brokenFlows.map((id) => `flow:${id}`));
    for (const v of views) if (broken.has(v.key)) v.title = `${v.title} (broken)`;
  }
  return {
    uri: document.uri,
    version: document.version,
    name: design.name?.text,
    views,
    flows: flowSteps(analysis.text, design, architectureNodes, positions, analysis.estimate),
    estimates: [...estimateSections(analysis.estimate), ...comparisonSections((analysis.base ?? analysis).estimate)],
    load: previewLoad(analysis.estimate, architectureNodes, new Set(analysis.shown?.summary.failed ?? [])),
    ...(story ? { story } : {}),
    ...(scenarios ? { scenarios } : {}),
    ...previewCost(analysis.estimate),
    ...(options.comparison ? { comparison: previewComparison(options.comparison, analysis.base ?? analysis, architectureNodes) } : {}),
  };
}

function previewCost(estimate: Estimate): { cost?: PreviewCost } {
  if (estimate.cost.per_month === null) return {};
  const priced = estimate.components.filter((c) => c.cost_per_month !== null).sort((a, b) => (b.cost_per_month ?? 0) - (a.cost_per_month ?? 0));
  const most = Math.max(...priced.map((c) => c.cost_per_month ?? 0));
  return {
    cost: {
      total: `≈ ${formatMoney(estimate.cost.per_month)}/month`,
      components: priced.map((c) => ({
        id: c.id,
        share: most > 0 && Number.isFinite(most) ? (c.cost_per_month ?? 0) / most : 0,
        text: formatMoney(c.cost_per_month ?? 0),
        breakdown: COST_FIELDS.flatMap((f) => {
          const v = c.cost_breakdown[f];
          return v === null ? [] : [`${f} ${formatMoney(v)}`];
        }).join(' · '),
      })),
    },
  };
}

function previewScenarios(analysis: DocumentAnalysis, architectureNodes: readonly DiagramNode[]): PreviewScenarios | undefined {
  if (analysis.scenarios.length === 0) return undefined;
  const label = (s: ScenarioAnalysis) => s.scenario.label?.text ?? s.scenario.id.name;
  const choices = analysis.scenarios.map((s) => ({ id: s.scenario.id.name, label: label(s) }));
  const shown = analysis.shown;
  if (!shown) return { choices };
  const failed = shown.summary.failed;
  const failedNodes = architectureNodes.filter((n) => n.kind === 'component' && failed.includes(n.id)).map((n) => n.nodeId);
  return {
    choices,
    active: {
      id: shown.scenario.id.name,
      label: label(shown),
      headline: briefScenario(shown.summary, analysis.estimate.conventions),
      failed,
      failedNodes,
      brokenFlows: shown.summary.broken_flows,
    },
  };
}

/**
 * A definition as the cursor sees it: from the start of its line when only indentation
 * and the list dash come before it (`  - id: api`), to its last character.
 */
function definitionSpan(text: string, span: { start: number; end: number }): { start: number; end: number } {
  let start = span.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '-')) start--;
  if (start > 0 && text[start - 1] !== '\n') start = span.start;
  return trimmedEnd(text, { start, end: span.end });
}

/** A span without the line breaks and spaces it ends with (a YAML item runs up to the next one). */
function trimmedEnd(text: string, span: { start: number; end: number }): { start: number; end: number } {
  let end = Math.min(span.end, text.length);
  while (end > span.start && /\s/.test(text[end - 1])) end--;
  return { start: span.start, end };
}

function fatalProblem(problems: readonly Problem[]): Problem | undefined {
  return problems.find((p) => p.severity === 'error' && FATAL_YAML_CODES.has(p.code));
}

const SYMBOL_OF: Readonly<Record<PreviewNodeKind, SymbolKind>> = {
  component: 'component',
  participant: 'component',
  group: 'group',
  entity: 'data-model',
};

function symbolKey(kind: SymbolKind, name: string): string {
  return `${kind}\u0000${name}`;
}

/** Where each component, group and data model is referred to, so the cursor on a reference highlights its node. */
function referencesByName(analysis: DocumentAnalysis, positions: Positions): Map<string, Range[]> {
  const out = new Map<string, Range[]>();
  for (const ref of analysis.symbols.references) {
    if (ref.container !== undefined) continue;
    const definition = analysis.symbols.resolve(ref);
    if (!definition || (definition.kind !== 'component' && definition.kind !== 'group' && definition.kind !== 'data-model')) continue;
    const key = symbolKey(definition.kind, definition.ident.name);
    const ranges = out.get(key) ?? [];
    ranges.push(positions.range(ref.ident));
    out.set(key, ranges);
  }
  return out;
}

function flowSteps(text: string, design: Design, architectureNodes: readonly DiagramNode[], positions: Positions, estimate: Estimate): PreviewFlow[] {
  const nodeOf = new Map<string, string>();
  for (const n of architectureNodes) if (n.kind === 'component') nodeOf.set(n.id, n.nodeId);
  const conventions = estimate.conventions;
  const waitOf = new Map<string, string>();
  for (const c of estimate.components) {
    const wait = waitText(c.queue_wait_seconds, conventions);
    if (wait !== undefined && !waitOf.has(c.id)) waitOf.set(c.id, `${wait} at peak`);
  }
  const rateOf = new Map<string, string>();
  for (const f of estimate.flows) {
    const parts: string[] = [];
    if (f.rate_per_second !== null) parts.push(`rate ${formatRate(f.rate_per_second, conventions)}`);
    if (f.peak_per_second !== null) parts.push(`peak ${formatRate(f.peak_per_second, conventions)}`);
    if (f.latency_peak_seconds !== null) parts.push(`${formatDuration(f.latency_peak_seconds, conventions)} at peak`);
    else if (f.saturated.length > 0) parts.push(`saturated: ${f.saturated.join(', ')}`);
    if (parts.length > 0 && !rateOf.has(f.id)) rateOf.set(f.id, parts.join(' · '));
  }
  const seen = new Set<string>();
  const flows: PreviewFlow[] = [];
  for (const flow of design.flows) {
    // `listViews` shows the first flow of an id; a duplicate is reported by the checks.
    if (seen.has(flow.id.name)) continue;
    seen.add(flow.id.name);
    flows.push({
      key: `flow:${flow.id.name}`,
      id: flow.id.name,
      rate: rateOf.get(flow.id.name),
      steps: flow.steps.map((step) => ({
        from: step.from.name,
        to: step.to.name,
        fromNode: nodeOf.get(step.from.name),
        toNode: nodeOf.get(step.to.name),
        label: step.label?.text,
        wait: waitOf.get(step.to.name),
        range: positions.range(trimmedEnd(text, step)),
      })),
    });
  }
  return flows;
}

/** A queueing wait in words: under half a millisecond it is noise (`wait < 0.5 ms`), as in the estimate report. */
function waitText(seconds: number | null, conventions: Estimate['conventions']): string | undefined {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return undefined;
  return seconds < 0.0005 ? 'wait < 0.5 ms' : `wait ${formatDuration(seconds, conventions)}`;
}

/** The band of a utilisation at peak (see `UtilisationBand`). */
export function utilisationBand(utilisation: number | null, target: number): UtilisationBand {
  if (utilisation === null || Number.isNaN(utilisation)) return 'unknown';
  if (utilisation >= 1) return 'saturated';
  if (utilisation > target) return 'high';
  if (utilisation >= lowEdge(target)) return 'target';
  return 'low';
}

/** Where the target band starts: 50 %, or 20 points under a lower target. */
function lowEdge(target: number): number {
  return Math.max(0, Math.min(0.5, target - 0.2));
}

/** The load of each component and connection at peak, formatted, for the heat map, the bar chart and edge weights. */
export function previewLoad(estimate: Estimate, architectureNodes: readonly DiagramNode[], failed: ReadonlySet<string> = new Set()): PreviewLoad | undefined {
  if (estimate.components.length === 0) return undefined;
  const conventions = estimate.conventions;
  const target = estimate.conventions.target_utilisation;
  const nodeOf = new Map<string, string>();
  for (const n of architectureNodes) if (n.kind === 'component' && !nodeOf.has(n.id)) nodeOf.set(n.id, n.nodeId);
  const seen = new Set<string>();
  const components: PreviewComponentLoad[] = [];
  for (const c of estimate.components) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    const utilisation = c.utilisation !== null && !Number.isNaN(c.utilisation) ? c.utilisation : null;
    const peak = c.peak_per_second !== null ? formatRate(c.peak_per_second, conventions) : NONE;
    const sizing = c.capacity_per_second !== null ? `${formatCount(c.instances)} × ${formatRate(c.capacity_per_second, conventions)}` : `${formatCount(c.instances)} × no capacity`;
    const utilisationText = utilisation !== null ? formatPercent(utilisation) : NONE;
    const needs = c.instances_needed !== null && c.instances_needed > c.instances ? `needs ${formatCount(c.instances_needed)}` : undefined;
    const wait = waitText(c.queue_wait_seconds, conventions);
    const summary = [`peak ${peak}`, sizing, utilisationText, needs, wait].filter((p): p is string => p !== undefined).join(' · ');
    components.push({
      id: c.id,
      nodeId: nodeOf.get(c.id),
      utilisation,
      band: utilisationBand(utilisation, target),
      peak,
      sizing,
      utilisationText,
      needs,
      wait,
      summary: failed.has(c.id) ? `${c.id}: down in this scenario` : `${c.id}: ${summary}`,
      // A failed component's tooltip says it is down, reached or not.
      reached: c.peak_per_second !== null || failed.has(c.id),
      ...(failed.has(c.id) ? { failed: true as const } : {}),
    });
  }
  components.sort((a, b) => (b.utilisation ?? -1) - (a.utilisation ?? -1) || a.id.localeCompare(b.id));

  const busiest = Math.max(0, ...estimate.connections.map((c) => (c.peak_per_second !== null && Number.isFinite(c.peak_per_second) ? c.peak_per_second : 0)));
  const edges: PreviewEdgeLoad[] = [];
  for (const c of estimate.connections) {
    const from = nodeOf.get(c.from);
    const to = nodeOf.get(c.to);
    if (from === undefined || to === undefined || c.peak_per_second === null) continue;
    const share = busiest > 0 && Number.isFinite(c.peak_per_second) ? c.peak_per_second / busiest : c.peak_per_second > 0 ? 1 : 0;
    const weight = (share >= 0.75 ? 4 : share >= 0.4 ? 3 : share >= 0.1 ? 2 : 1) as PreviewEdgeLoad['weight'];
    edges.push({ from, to, peak: formatRate(c.peak_per_second, conventions), weight });
  }

  const pct = (f: number) => formatPercent(f);
  const low = lowEdge(target);
  return {
    target,
    targetText: pct(target),
    bands: [
      { band: 'low', text: `under ${pct(low)}` },
      { band: 'target', text: `${pct(low)}–${pct(target)} (target)` },
      { band: 'high', text: `${pct(target)}–100%` },
      { band: 'saturated', text: '100%+ saturated' },
      { band: 'unknown', text: 'no load or capacity' },
    ],
    components,
    edges,
  };
}

/** The estimate report as the preview's rows: an item's figures in one line, named figures as label and value. */
/** The base and every scenario side by side (SPEC 5.3): one row per figure, each column with its change from the base. */
export function comparisonSections(base: Estimate): EstimateSection[] {
  if (base.scenarios.length === 0) return [];
  const comparison = scenarioComparison(base);
  return [
    {
      title: 'Base and scenarios',
      rows: comparison.rows.map((r) => ({
        label: r.label,
        value: r.cells.map((c, i) => `${comparison.columns[i].label}: ${c.text}${c.change ? ` (${c.change})` : ''}`).join(' · '),
      })),
    },
  ];
}

export function estimateSections(estimate: Estimate): EstimateSection[] {
  return estimateReport(estimate).sections.map((section) => ({
    title: section.title,
    rows: section.rows.map((row): EstimateRow => {
      if (section.layout === 'figures') return labelledValue(row);
      // Words (a traffic line's kind) qualify the id; the numbers make the line.
      const words = row.figures.flatMap((f) => (f.unit === 'word' && typeof f.value === 'string' ? [f.value] : []));
      return { label: words.length > 0 ? `${row.label} (${words.join(', ')})` : row.label, value: briefLine(row) || NONE };
    }),
  }));
}
