/**
 * `sysdesign/diagrams`: every diagram of a design for the preview (the architecture,
 * each dry run, the data model) as Mermaid text with its node source map in LSP ranges,
 * the steps of each dry run mapped onto the architecture's nodes, and the estimate as
 * formatted rows. When the YAML itself is broken the answer is `stale`, so the preview
 * keeps its last good diagram instead of drawing a half-parsed design.
 */
import {
  diagramFor,
  formatBytes,
  formatCount,
  formatDuration,
  formatPercent,
  formatRate,
  listViews,
  type Design,
  type DiagramNode,
  type Estimate,
  type Problem,
  type SymbolKind,
} from '../../core';
import { formatBandwidth } from '../../core/quantity';
import type { EstimateRow, EstimateSection, PreviewDiagrams, PreviewFlow, PreviewNode, PreviewNodeKind, PreviewStale, PreviewView, Range } from '../../protocol';
import type { Positions } from '../positions';
import type { DocumentAnalysis } from './types';

/** The problems that mean "the YAML cannot be read as one design" (the core then stays quiet). */
const FATAL_YAML_CODES = new Set(['sysdesign/yaml-syntax', 'sysdesign/yaml-multiple-documents', 'sysdesign/yaml-too-deep', 'sysdesign/file-too-large']);

/** Shown for a value the estimate cannot compute (`null`): never a guess. */
const NONE = '—';

export function diagrams(analysis: DocumentAnalysis, positions: Positions, document: { uri: string; version: number }): PreviewDiagrams | PreviewStale {
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
  for (const info of listViews(design)) {
    const kind = info.view === 'architecture' ? 'architecture' : info.view === 'er' ? 'er' : 'flow';
    const result = diagramFor(design, info.view);
    if ('error' in result) {
      views.push({ key: info.key, kind, title: info.title, error: result.error, nodes: [] });
      continue;
    }
    if (kind === 'architecture') architectureNodes = result.nodes;
    views.push({ key: info.key, kind, title: info.title, text: result.text, nodes: result.nodes.map(node) });
  }

  return {
    uri: document.uri,
    version: document.version,
    name: design.name?.text,
    views,
    flows: flowSteps(analysis.text, design, architectureNodes, positions),
    estimates: estimateSections(analysis.estimate),
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

function flowSteps(text: string, design: Design, architectureNodes: readonly DiagramNode[], positions: Positions): PreviewFlow[] {
  const nodeOf = new Map<string, string>();
  for (const n of architectureNodes) if (n.kind === 'component') nodeOf.set(n.id, n.nodeId);
  const seen = new Set<string>();
  const flows: PreviewFlow[] = [];
  for (const flow of design.flows) {
    // `listViews` shows the first flow of an id; a duplicate is reported by the checks.
    if (seen.has(flow.id.name)) continue;
    seen.add(flow.id.name);
    flows.push({
      key: `flow:${flow.id.name}`,
      id: flow.id.name,
      steps: flow.steps.map((step) => ({
        from: step.from.name,
        to: step.to.name,
        fromNode: nodeOf.get(step.from.name),
        toNode: nodeOf.get(step.to.name),
        label: step.label?.text,
        range: positions.range(trimmedEnd(text, step)),
      })),
    });
  }
  return flows;
}

/** The estimate in words, section by section, with the same formatters as code lenses and the Markdown export. */
export function estimateSections(estimate: Estimate): EstimateSection[] {
  const conv = estimate.conventions;
  const n = (x: number | null, f: (v: number) => string) => (x === null ? NONE : f(x));
  const rate = (v: number) => formatRate(v, conv);
  const bandwidth = (v: number) => formatBandwidth(v, conv);
  const sections: EstimateSection[] = [];

  if (estimate.traffic.length > 0) {
    sections.push({
      title: 'Traffic',
      rows: estimate.traffic.map((t): EstimateRow => {
        const parts = [`${n(t.per_second, rate)} avg`, `${n(t.peak_per_second, rate)} peak`];
        if (t.size_bytes !== null) parts.push(`${formatBytes(t.size_bytes)} each`);
        if (t.bytes_per_second !== null) parts.push(bandwidth(t.bytes_per_second));
        if (t.storage_bytes_per_day !== null) parts.push(`${formatBytes(t.storage_bytes_per_day)}/day stored`);
        if (t.records_total !== null) parts.push(`${formatCount(t.records_total)} records kept`);
        return { label: t.kind ? `${t.id} (${t.kind})` : t.id, value: parts.join(' · ') };
      }),
    });
  }

  const t = estimate.totals;
  sections.push({
    title: 'Totals',
    rows: [
      { label: 'Reads (average / peak)', value: `${n(t.read_per_second, rate)} / ${n(t.peak_read_per_second, rate)}` },
      { label: 'Writes (average / peak)', value: `${n(t.write_per_second, rate)} / ${n(t.peak_write_per_second, rate)}` },
      { label: 'Read:write ratio', value: n(t.read_write_ratio, (v) => `${formatCount(v)}:1`) },
      { label: 'Ingress (writes)', value: n(t.ingress_bytes_per_second, bandwidth) },
      { label: 'Egress (reads)', value: n(t.egress_bytes_per_second, bandwidth) },
      { label: 'New storage per day', value: n(t.storage_bytes_per_day, formatBytes) },
      { label: 'New storage per month', value: n(t.storage_bytes_per_month, formatBytes) },
      { label: 'New storage per year', value: n(t.storage_bytes_per_year, formatBytes) },
      { label: 'Storage in total (retention × replication)', value: n(t.storage_bytes_total, formatBytes) },
      { label: 'Cache memory', value: n(t.cache_bytes, formatBytes) },
      { label: 'Servers', value: n(t.servers, (v) => String(v)) },
    ],
  });

  const a = estimate.availability;
  if (a.target !== null) {
    // Downtime budgets are calendar time, whatever `seconds_per_day` says.
    sections.push({
      title: `Availability ${formatPercent(a.target)}: downtime budget`,
      rows: [
        { label: 'Per year', value: n(a.downtime_seconds_per_year, (v) => formatDuration(v)) },
        { label: 'Per month', value: n(a.downtime_seconds_per_month, (v) => formatDuration(v)) },
        { label: 'Per week', value: n(a.downtime_seconds_per_week, (v) => formatDuration(v)) },
        { label: 'Per day', value: n(a.downtime_seconds_per_day, (v) => formatDuration(v)) },
      ],
    });
  }

  if (estimate.flows.length > 0) {
    sections.push({
      title: 'Dry runs',
      rows: estimate.flows.map((f) => {
        const parts = [`${f.hops} hop${f.hops === 1 ? '' : 's'}`];
        if (f.availability !== null) parts.push(`availability ${formatPercent(f.availability)}${against(f.availability, f.availability_target, (x, y) => x >= y, formatPercent)}`);
        if (f.latency_seconds !== null) parts.push(`latency ${formatDuration(f.latency_seconds)}${against(f.latency_seconds, f.latency_target_seconds, (x, y) => x <= y, (v) => formatDuration(v))}`);
        return { label: f.id, value: parts.join(' · ') };
      }),
    });
  }
  return sections;
}

function against(value: number, target: number | null, ok: (value: number, target: number) => boolean, format: (v: number) => string): string {
  return target === null ? '' : ` ${ok(value, target) ? '✓' : '✗'} (target ${format(target)})`;
}
