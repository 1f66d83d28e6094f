/**
 * `sysdesign/diagrams`: every diagram of a design for the preview (the architecture,
 * each dry run, the data model) as Mermaid text with its node source map in LSP ranges,
 * the steps of each dry run mapped onto the architecture's nodes, and the estimate as
 * formatted rows. When the YAML itself is broken the answer is `stale`, so the preview
 * keeps its last good diagram instead of drawing a half-parsed design.
 */
import {
  briefLine,
  diagramFor,
  estimateReport,
  labelledValue,
  listViews,
  NONE,
  type Design,
  type DiagramNode,
  type Estimate,
  type Problem,
  type SymbolKind,
} from '../../core';
import type { EstimateRow, EstimateSection, PreviewDiagrams, PreviewFlow, PreviewNode, PreviewNodeKind, PreviewStale, PreviewView, Range } from '../../protocol';
import type { Positions } from '../positions';
import type { DocumentAnalysis } from './types';

/** The problems that mean "the YAML cannot be read as one design" (the core then stays quiet). */
const FATAL_YAML_CODES = new Set(['sysdesign/yaml-syntax', 'sysdesign/yaml-multiple-documents', 'sysdesign/yaml-too-deep', 'sysdesign/file-too-large']);

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

/** The estimate report as the preview's rows: an item's figures in one line, named figures as label and value. */
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
