/**
 * Rename an id everywhere it is defined and used: minimal edits on exactly the id's
 * characters (never a re-serialised YAML). Refused, with the reason, when the new name
 * is not a valid id or is already taken.
 */
import { LSPErrorCodes, ResponseError, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { SymbolDefinition, SymbolKind } from '../../core';
import type { Positions } from '../positions';
import { KIND_NOUN } from './describe';
import { definitionsOf, referencesTo, targetAt } from './navigation';
import type { DocumentAnalysis } from './types';

const ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Value names appear in expressions, where `-` is minus. */
const VALUE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_LENGTH = 64;
/** Names that mean something else where the kind is used. */
const RESERVED: Partial<Record<SymbolKind, readonly string[]>> = {
  value: ['users', 'dau'],
  requirement: ['default'],
  flow: ['default'],
};
/** Kinds that share a namespace: latency targets name a requirement or a flow. */
const SHARED: Partial<Record<SymbolKind, readonly SymbolKind[]>> = {
  requirement: ['requirement', 'flow'],
  flow: ['requirement', 'flow'],
};

function refuse(message: string): never {
  throw new ResponseError(LSPErrorCodes.RequestFailed, message);
}

/** The definition to rename at `offset`, or a refusal. */
function renameTarget(analysis: DocumentAnalysis, offset: number): SymbolDefinition {
  const target = targetAt(analysis, offset);
  if (!target) refuse('Only ids can be renamed: put the cursor on a component, requirement, flow, API, data model, field, group, traffic line or value name.');
  if (!target.definition) {
    const ref = target.reference!;
    refuse(`"${ref.ident.name}" is not defined, so there is nothing to rename; fix the name or create the ${KIND_NOUN[ref.kinds[0]]} first.`);
  }
  return target.definition;
}

export function prepareRename(analysis: DocumentAnalysis, positions: Positions, offset: number): { range: Range; placeholder: string } {
  renameTarget(analysis, offset);
  const hit = analysis.symbols.at(offset)!;
  const ident = hit.definition?.ident ?? hit.reference!.ident;
  if (analysis.text.slice(ident.start, ident.end) !== ident.name) refuse('This id is written with escapes or across lines; rename it by hand.');
  return { range: positions.range(ident), placeholder: ident.name };
}

export function rename(
  analysis: DocumentAnalysis,
  positions: Positions,
  document: { uri: string; version: number },
  offset: number,
  newName: string,
  documentChanges: boolean,
): WorkspaceEdit {
  const def = renameTarget(analysis, offset);
  const noun = KIND_NOUN[def.kind];
  const pattern = def.kind === 'value' ? VALUE_NAME : ID;
  if (newName.length > MAX_LENGTH) refuse(`"${newName.slice(0, 80)}" is too long: an id has at most ${MAX_LENGTH} characters.`);
  if (!pattern.test(newName)) {
    refuse(
      def.kind === 'value'
        ? `"${newName}" is not a valid value name: use letters, digits and "_", starting with a letter or "_" (no "-", which reads as minus).`
        : `"${newName}" is not a valid id: use letters, digits, "-" and "_", starting with a letter or "_".`,
    );
  }
  const spans = [...definitionsOf(analysis, def).map((d) => d.ident), ...referencesTo(analysis, def).map((r) => r.ident)];
  if (newName !== def.ident.name) {
    if (RESERVED[def.kind]?.includes(newName)) refuse(`"${newName}" is reserved here and cannot name a ${noun}.`);
    const clash = analysis.symbols.lookup(SHARED[def.kind] ?? [def.kind], newName, def.container);
    if (clash) {
      const where = positions.position(clash.ident.start);
      refuse(`A ${KIND_NOUN[clash.kind]} named "${newName}" already exists (line ${where.line + 1}); choose another name.`);
    }
  }
  for (const s of spans) {
    if (analysis.text.slice(s.start, s.end) !== def.ident.name) refuse(`"${def.ident.name}" is written with escapes or across lines at one of its uses; rename it by hand.`);
  }
  const seen = new Set<number>();
  const edits: TextEdit[] = [];
  for (const s of spans.sort((a, b) => a.start - b.start)) {
    if (seen.has(s.start) || newName === def.ident.name) continue;
    seen.add(s.start);
    edits.push({ range: positions.range(s), newText: newName });
  }
  return documentChanges ? { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits }] } : { changes: { [document.uri]: edits } };
}
