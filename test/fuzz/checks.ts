/**
 * One fuzz case through the whole pipeline, and what must hold for any text:
 * analyse (parse, schema, model, quantities, estimate, checks), the five steps, every
 * diagram (architecture, each dry run, ER) with the preview's caps and without, the
 * Markdown export, the CLI's line/column mapping, and (when the case has a base design)
 * the incremental analyzer, which must equal a fresh analysis.
 *
 * Returns the reasons the case failed (empty: it passed). Anything thrown is caught
 * and reported here; only an abort or a hang escapes, and the parent catches those.
 */
import { isDeepStrictEqual } from 'node:util';
import { analyseText, createInstrumentedAnalyzer } from '../../src/core/analyse';
import { designMarkdown, diagramFor, listViews, viewKey, type Diagram, type DiagramView } from '../../src/core/diagram';
import { LineIndex } from '../../src/core/lineIndex';
import { designSteps, type StepItem } from '../../src/core/steps';
import type { Analysis, Span } from '../../src/core/types';
import { ER_LINES, FLOWCHART_LINES, SEQUENCE_LINES } from '../support/mermaidShapes';

export interface PipelineInput {
  text: string;
  /** A previous version of the document: analysed first by the same analyzer. */
  base?: string;
}

const NODE_ID = /^[ngpe]\d+$/;
const UNLIMITED = { maxText: Infinity, maxEdges: Infinity };

export function runPipeline(input: PipelineInput): string[] {
  const failures: string[] = [];
  const fail = (reason: string) => {
    if (failures.length < 10) failures.push(reason.length > 400 ? `${reason.slice(0, 399)}…` : reason);
  };
  const { text } = input;
  let analysis: Analysis | undefined;
  try {
    analysis = analyseText(text);
  } catch (error) {
    fail(`analyseText threw: ${describe(error)}`);
  }
  if (analysis) {
    stage(fail, 'analysis', () => checkAnalysis(text, analysis!, fail));
    stage(fail, 'designSteps', () => checkSteps(text, analysis!, fail));
    stage(fail, 'diagrams', () => checkDiagrams(text, analysis!, fail));
    stage(fail, 'designMarkdown', () => checkMarkdown(analysis!, fail));
    stage(fail, 'lines', () => {
      // What `sysdesign check` and `estimate --json` do with each problem.
      const lines = new LineIndex(text);
      for (const p of analysis!.problems) {
        const a = lines.position(p.start);
        const b = lines.position(p.end);
        if (!(a.line >= 1 && a.column >= 1 && b.line >= a.line)) fail(`LineIndex mapped ${p.start}-${p.end} to ${a.line}:${a.column}-${b.line}:${b.column}`);
      }
    });
  }
  if (input.base !== undefined && analysis) stage(fail, 'incremental', () => checkIncremental(input.base!, text, analysis!, fail));
  return failures;
}

function stage(fail: (reason: string) => void, name: string, work: () => void): void {
  try {
    work();
  } catch (error) {
    fail(`${name} threw: ${describe(error)}`);
  }
}

export function describe(error: unknown): string {
  if (error instanceof Error) {
    const frames = (error.stack ?? '')
      .split('\n')
      .slice(1, 4)
      .map((l) => l.trim())
      .join(' | ');
    return `${error.name}: ${error.message.split('\n')[0]}${frames ? ` (${frames})` : ''}`;
  }
  return String(error);
}

function inside(text: string, span: Span): boolean {
  return Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= text.length;
}

function checkAnalysis(text: string, a: Analysis, fail: (reason: string) => void): void {
  if (a.text !== text) fail('analysis.text is not the analysed text');
  for (const p of a.problems) {
    if (p.code === 'sysdesign/internal-error') fail(`internal error: ${p.message}`);
    if (!inside(text, p)) fail(`problem ${p.code} has range ${p.start}-${p.end} outside the text (length ${text.length})`);
    if (!p.message) fail(`problem ${p.code} has no message`);
  }
  for (const [key, value] of Object.entries(a.estimate.totals)) {
    if (!(value === null || Number.isFinite(value) || value === Infinity)) fail(`estimate total ${key} is ${value}`);
  }
  JSON.stringify(a.estimate);
  walkSpans(a.design, 'design', (where, span) => fail(`${where} has range ${span.start}-${span.end} outside the text (length ${text.length})`), text);
  for (const q of a.quantities.values()) {
    if (!inside(text, q)) fail(`evaluated quantity ${q.field} has range ${q.start}-${q.end} outside the text`);
  }
}

/** Every object of the model with a `start` and an `end` (ids, labels, quantities, items) lies inside the text. */
function walkSpans(value: unknown, where: string, bad: (where: string, span: Span) => void, text: string): void {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => walkSpans(v, `${where}[${i}]`, bad, text));
    return;
  }
  const o = value as Record<string, unknown>;
  if (typeof o.start === 'number' && typeof o.end === 'number' && !inside(text, o as unknown as Span)) bad(where, o as unknown as Span);
  for (const [key, v] of Object.entries(o)) walkSpans(v, `${where}.${key}`, bad, text);
}

function checkSteps(text: string, a: Analysis, fail: (reason: string) => void): void {
  const walk = (items: StepItem[]) => {
    for (const item of items) {
      if (!inside(text, item)) fail(`step item ${item.key} has range ${item.start}-${item.end} outside the text`);
      if (item.children) walk(item.children);
    }
  };
  const steps = designSteps(a);
  if (steps.length !== 5) fail(`designSteps returned ${steps.length} steps`);
  for (const step of steps) {
    walk(step.items);
    for (const s of step.sections) if (!inside(text, s)) fail(`step ${step.key} has a section range ${s.start}-${s.end} outside the text`);
  }
}

function linesFor(view: DiagramView): RegExp[] {
  if (view === 'er') return ER_LINES;
  return view === 'sequence' || (typeof view === 'object' && view.kind === 'flow') ? SEQUENCE_LINES : FLOWCHART_LINES;
}

/** Generated Mermaid: no configuration, no raw HTML, only the generated line shapes and ids. */
export function mermaidProblems(mermaid: string, allowed: RegExp[]): string[] {
  const out: string[] = [];
  if (mermaid.includes('%%')) out.push('Mermaid text contains %% (a comment or %%{init}%% configuration)');
  if (/<script/i.test(mermaid)) out.push('Mermaid text contains <script');
  if (!mermaid.endsWith('\n') || mermaid.endsWith('\n\n')) out.push('Mermaid text does not end with exactly one newline');
  for (const line of mermaid.replace(/\n$/, '').split('\n')) {
    if (!allowed.some((r) => r.test(line))) {
      out.push(`unexpected Mermaid line ${JSON.stringify(line.length > 120 ? `${line.slice(0, 120)}…` : line)}`);
      break;
    }
  }
  return out;
}

function checkDiagrams(text: string, a: Analysis, fail: (reason: string) => void): void {
  const focus = a.design.components[0] ? [{ kind: 'focus' as const, id: a.design.components[0].id.name }] : [];
  const views: DiagramView[] = [...listViews(a.design).map((v) => v.view), { kind: 'overview' }, ...focus, 'sequence', 'er'];
  for (const view of views) {
    const key = viewKey(view);
    const capped = diagramFor(a.design, view);
    const full = diagramFor(a.design, view, UNLIMITED);
    if ('error' in capped && typeof capped.error !== 'string') fail(`${key}: error is not a sentence`);
    if ('text' in capped && (!('text' in full) || capped.text !== full.text)) fail(`${key}: the capped and uncapped diagrams differ`);
    if (!('text' in full)) continue;
    const diagram: Diagram = full;
    for (const problem of mermaidProblems(diagram.text, linesFor(view))) fail(`${key}: ${problem}`);
    for (const node of diagram.nodes) {
      if (!NODE_ID.test(node.nodeId)) fail(`${key}: node id ${JSON.stringify(node.nodeId)} is not a generated id`);
      if (!inside(text, node) || !inside(text, { start: node.idStart, end: node.idEnd })) fail(`${key}: node ${node.nodeId} has a range outside the text`);
    }
  }
}

function checkMarkdown(a: Analysis, fail: (reason: string) => void): void {
  const markdown = designMarkdown(a);
  if (!markdown.endsWith('\n')) fail('Markdown does not end with a newline');
  const blocks = [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
  for (const block of blocks) {
    const first = block.split('\n', 1)[0];
    const allowed = first === 'flowchart LR' ? FLOWCHART_LINES : first === 'sequenceDiagram' ? SEQUENCE_LINES : first === 'erDiagram' ? ER_LINES : undefined;
    if (!allowed) {
      fail(`Markdown has a mermaid block starting ${JSON.stringify(first.slice(0, 60))}`);
      continue;
    }
    for (const problem of mermaidProblems(block, allowed)) fail(`Markdown mermaid block: ${problem}`);
  }
  // Outside code (fences and spans), no raw HTML: every `<` from the document is escaped.
  const prose = stripCodeSpans(markdown.replace(/^```[\s\S]*?^```$/gm, ''));
  const html = /(?<!\\)<[A-Za-z!/?]/.exec(prose);
  if (html) fail(`Markdown has raw HTML outside code: ${JSON.stringify(prose.slice(Math.max(0, html.index - 20), html.index + 30))}`);
}

/**
 * Removes GFM code spans: a run of n backticks up to the next run of exactly n. Outside
 * a span a backslash escapes the next character, so an escaped backtick opens no span;
 * inside a span a backslash is literal.
 */
export function stripCodeSpans(markdown: string): string {
  let out = '';
  let i = 0;
  while (i < markdown.length) {
    if (markdown[i] === '\\') {
      out += markdown.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (markdown[i] !== '`') {
      out += markdown[i++];
      continue;
    }
    let n = 0;
    while (markdown[i + n] === '`') n++;
    const close = new RegExp(`(?<!\`)\`{${n}}(?!\`)`, 'g');
    close.lastIndex = i + n;
    const m = close.exec(markdown);
    if (m) {
      i = m.index + n;
    } else {
      out += markdown.slice(i, i + n);
      i += n;
    }
  }
  return out;
}

function checkIncremental(base: string, text: string, fresh: Analysis, fail: (reason: string) => void): void {
  const { analyzer, stats } = createInstrumentedAnalyzer();
  analyzer.analyse(base);
  const reused = analyzer.analyse(text);
  if (stats.parserCrashes > 0) fail(`the incremental parser threw ${stats.parserCrashes} time(s) (the analyzer fell back to a full parse)`);
  for (const part of ['problems', 'design', 'estimate', 'quantities'] as const) {
    if (!isDeepStrictEqual(reused[part], fresh[part])) fail(`incremental analysis (${stats.parse.path}) differs from a fresh analysis in ${part}`);
  }
}
