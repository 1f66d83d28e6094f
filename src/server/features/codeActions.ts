/**
 * Quick fixes from the core's `problem.fixes`: did-you-mean replacements (and YAML 1.1
 * literals), creating a missing component, connection or requirement, setting a
 * component's replicas or shards to what its load needs. The edits come
 * from `../edits/yamlEdits.ts`, the one module that writes YAML (a new fix adds a case
 * here and, if it needs a new kind of edit, a function there).
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { Problem, ProblemFix, Span } from '../../core';
import type { Positions } from '../positions';
import { appendToNestedList, appendToSection, editDocument, setField, toTextEdit, type OffsetEdit } from '../edits/yamlEdits';
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
      const edits: TextEdit[] = [toTextEdit(built.edit, positions.range)];
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
  edit: OffsetEdit;
  preferred: boolean;
}

export function buildFix(analysis: DocumentAnalysis, positions: Positions, problem: Problem, fix: ProblemFix): BuiltFix | undefined {
  const { text, design } = analysis;
  const doc = editDocument(text, positions.eol);
  switch (fix.kind) {
    case 'replace': {
      const literal = problem.code === 'sysdesign/yaml-1.1-boolean' || problem.code === 'sysdesign/yaml-1.1-number';
      return { title: literal ? `Write ${fix.text}` : `Change to "${fix.text}"`, edit: { start: problem.start, end: problem.end, newText: fix.text }, preferred: true };
    }
    case 'create-component': {
      const item = {
        lines: [
          [0, `id: ${fix.id}`],
          [0, 'kind: service'],
        ] as const,
        flow: `{ id: ${fix.id}, kind: service }`,
      };
      const edit = appendToSection(doc, design, 'components', design.components, item);
      return edit && { title: `Create component "${fix.id}"`, edit, preferred: false };
    }
    case 'create-connection': {
      const arrow = `${fix.from} -> ${fix.to}`;
      const edit = appendToSection(doc, design, 'connections', design.connections, { lines: [[0, arrow]], flow: arrow });
      return edit && { title: `Add connection "${arrow}"`, edit, preferred: true };
    }
    case 'create-requirement': {
      const requirements = design.requirements;
      // `requirements:` with a value that is not a map: leave it to the user.
      if (!requirements && design.sections.some((s) => s.name === 'requirements')) return undefined;
      const list = { parentName: 'requirements', parent: requirements, child: 'functional', items: requirements?.functional ?? [], place: 'first' } as const;
      const edit = appendToNestedList(doc, design, list, {
        lines: [
          [0, `id: ${fix.id}`],
          [0, `text: TODO describe ${fix.id}`],
        ],
      });
      return edit && { title: `Create requirement "${fix.id}"`, edit, preferred: false };
    }
    case 'set-component-field': {
      const component = design.components.find((c) => c.id.name === fix.id);
      const edit = component && setField(doc, component, fix.field, fix.value);
      return edit && { title: `Set ${fix.field}: ${fix.value} on "${fix.id}"`, edit, preferred: true };
    }
  }
  return undefined;
}

function sameRange(a: Diagnostic, b: Diagnostic): boolean {
  return (
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character &&
    a.range.end.line === b.range.end.line &&
    a.range.end.character === b.range.end.character
  );
}
