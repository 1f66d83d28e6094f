/**
 * Quick fixes from the core's `problem.fixes`: did-you-mean replacements (and YAML 1.1
 * literals), creating a missing component, connection or requirement. Every edit is
 * one minimal insert or replacement in the document's own indentation and line breaks;
 * the YAML is never re-serialised.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { Design, Problem, ProblemFix, Section, SectionName, Span } from '../../core';
import type { Positions } from '../positions';
import { indentUnit, itemColumns, lastContent, lineEnd, sectionStart } from '../textLayout';
import { toDiagnostic } from './diagnostics';
import type { DocumentAnalysis } from './types';

export interface CodeActionRequest {
  uri: string;
  version: number;
  /** The requested range, in offsets. */
  span: Span;
  /** Diagnostics the client sent (reused so it can link the fix to them). */
  diagnostics: Diagnostic[];
  documentChanges: boolean;
}

export function codeActions(analysis: DocumentAnalysis, positions: Positions, request: CodeActionRequest): CodeAction[] {
  const out: CodeAction[] = [];
  for (const problem of analysis.problems) {
    if (!problem.fixes || problem.fixes.length === 0) continue;
    if (problem.start > request.span.end || problem.end < request.span.start) continue;
    const own = toDiagnostic(problem, positions);
    const diagnostic = request.diagnostics.find((d) => d.code === own.code && sameRange(d, own)) ?? own;
    for (const fix of problem.fixes) {
      const built = buildFix(analysis, positions, problem, fix);
      if (!built) continue;
      const edits: TextEdit[] = [{ range: positions.range(built.span), newText: built.text }];
      const edit: WorkspaceEdit = request.documentChanges
        ? { documentChanges: [{ textDocument: { uri: request.uri, version: request.version }, edits }] }
        : { changes: { [request.uri]: edits } };
      out.push({ title: built.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: built.preferred || undefined, edit });
    }
  }
  return out;
}

interface BuiltFix {
  title: string;
  /** Replaced span (empty for an insert). */
  span: Span;
  text: string;
  preferred: boolean;
}

export function buildFix(analysis: DocumentAnalysis, positions: Positions, problem: Problem, fix: ProblemFix): BuiltFix | undefined {
  const { text, design } = analysis;
  const eol = positions.eol;
  switch (fix.kind) {
    case 'replace': {
      const literal = problem.code === 'sysdesign/yaml-1.1-boolean' || problem.code === 'sysdesign/yaml-1.1-number';
      return { title: literal ? `Write ${fix.text}` : `Change to "${fix.text}"`, span: { start: problem.start, end: problem.end }, text: fix.text, preferred: true };
    }
    case 'create-component': {
      const edit = appendToList(text, eol, design, 'components', design.components, [`- id: ${fix.id}`, `  kind: service`], `{ id: ${fix.id}, kind: service }`, ['groups', 'connections', 'flows']);
      return edit && { title: `Create component "${fix.id}"`, ...edit, preferred: false };
    }
    case 'create-connection': {
      const edit = appendToList(text, eol, design, 'connections', design.connections, [`- ${fix.from} -> ${fix.to}`], `${fix.from} -> ${fix.to}`, ['flows']);
      return edit && { title: `Add connection "${fix.from} -> ${fix.to}"`, ...edit, preferred: true };
    }
    case 'create-requirement': {
      const edit = createRequirement(text, eol, design, fix.id);
      return edit && { title: `Create requirement "${fix.id}"`, ...edit, preferred: false };
    }
  }
  return undefined;
}

type Insertion = { span: Span; text: string };

/**
 * Adds an item to the top-level list `name`: after its last item with that item's
 * indentation, inside `[...]` for a flow list, under an empty key, or as a new section
 * placed before the first of `before` (else at the end).
 */
function appendToList(text: string, eol: string, design: Design, name: SectionName, items: Span[], lines: string[], flowItem: string, before: SectionName[]): Insertion | undefined {
  const section = design.sections.find((s) => s.name === name);
  const unit = indentUnit(text);
  if (!section) return newSection(text, eol, design, [`${name}:`, ...lines.map((l) => ' '.repeat(unit) + l)], before);
  const last = items[items.length - 1];
  const columns = last ? itemColumns(text, last) : undefined;
  if (last && columns) return at(lineEnd(text, lastContent(text, { start: last.start, end: Math.max(last.end, section.end) })), eol + indentItem(lines, columns.dash, columns.content, eol));
  return appendToEmptyOrFlow(text, eol, section, lines, flowItem, unit, items.length > 0);
}

function appendToEmptyOrFlow(text: string, eol: string, section: Section, lines: string[], flowItem: string, unit: number, hasItems: boolean): Insertion | undefined {
  const value = text.slice(section.key.end, section.end);
  const open = value.indexOf('[');
  if (open >= 0 && /^\s*:\s*$/.test(value.slice(0, open))) {
    const close = text.lastIndexOf(']', section.end);
    if (close < section.key.end + open) return undefined;
    const inside = text.slice(section.key.end + open + 1, close);
    const nonEmpty = hasItems || inside.trim().length > 0;
    return at(close, `${nonEmpty ? ', ' : ''}${flowItem}`);
  }
  if (!/^\s*:\s*(?:#.*)?\s*$/.test(value)) return undefined;
  const keyColumn = section.key.start - (text.lastIndexOf('\n', section.key.start - 1) + 1);
  const dash = keyColumn + unit;
  return at(lineEnd(text, section.key.end), eol + indentItem(lines, dash, dash + 2, eol));
}

function createRequirement(text: string, eol: string, design: Design, id: string): Insertion | undefined {
  const unit = indentUnit(text);
  const item = [`- id: ${id}`, `  text: TODO describe ${id}`];
  const req = design.requirements;
  const section = design.sections.find((s) => s.name === 'requirements');
  if (!section || !req) {
    if (section) return undefined; // `requirements:` with a value that is not a map: leave it to the user.
    return newSection(text, eol, design, ['requirements:', `${' '.repeat(unit)}functional:`, ...item.map((l) => ' '.repeat(unit * 2) + l)], ['estimation', 'apis', 'data_models', 'components', 'groups', 'connections', 'flows']);
  }
  const last = req.functional[req.functional.length - 1];
  const columns = last ? itemColumns(text, last) : undefined;
  if (last && columns) return at(lineEnd(text, lastContent(text, last)), eol + indentItem(item, columns.dash, columns.content, eol));
  // No items yet: under an empty `functional:`, or a new `functional:` as the map's first key.
  const body = text.slice(req.start, req.end);
  const m = /^([ \t]*)functional[ \t]*:[ \t]*(?:#.*)?$/m.exec(body);
  const childColumn = req.start - (text.lastIndexOf('\n', req.start - 1) + 1);
  if (m) {
    const keyStart = req.start + m.index + m[1].length;
    const keyEnd = req.start + m.index + m[0].length;
    const dash = keyStart - (text.lastIndexOf('\n', keyStart - 1) + 1) + unit;
    return at(keyEnd, eol + indentItem(item, dash, dash + 2, eol));
  }
  if (/(?:^|\n)[ \t]*functional[ \t]*:/.test(body)) return undefined; // a flow list or odd shape: leave it
  const lineStart = text.lastIndexOf('\n', req.start - 1) + 1;
  if (text.slice(lineStart, req.start).trim() !== '') return undefined; // flow map `requirements: { ... }`
  const dash = childColumn + unit;
  return at(lineStart, ' '.repeat(childColumn) + 'functional:' + eol + indentItem(item, dash, dash + 2, eol) + eol);
}

/** A new top-level section before the first section in `before` (and the comments right above it), else at the end of the document. */
function newSection(text: string, eol: string, design: Design, lines: string[], before: SectionName[]): Insertion {
  const block = lines.join(eol) + eol;
  const next = design.sections.find((s) => before.includes(s.name));
  if (next) {
    return at(sectionStart(text, next.key.start), block + eol);
  }
  const end = text.length;
  const lead = end === 0 ? '' : text.endsWith('\n') ? eol : eol + eol;
  return at(end, lead + block);
}

/** Item lines: the first after a dash at `dash`, the others at `content`. */
function indentItem(lines: string[], dash: number, content: number, eol: string): string {
  const first = ' '.repeat(dash) + '-' + ' '.repeat(Math.max(1, content - dash - 1)) + lines[0].replace(/^- /, '');
  const rest = lines.slice(1).map((l) => ' '.repeat(content) + l.replace(/^ {2}/, ''));
  return [first, ...rest].join(eol);
}

function at(offset: number, insert: string): Insertion {
  return { span: { start: offset, end: offset }, text: insert };
}

function sameRange(a: Diagnostic, b: Diagnostic): boolean {
  return a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character && a.range.end.line === b.range.end.line && a.range.end.character === b.range.end.character;
}
