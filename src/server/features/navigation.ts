/**
 * Go to definition and find references, for every id, from the core's symbol table
 * (the same table the checks use, so navigation and diagnostics never disagree).
 */
import type { Location } from 'vscode-languageserver';
import type { SymbolDefinition, SymbolReference } from '../../core';
import type { Positions } from '../positions';
import type { DocumentAnalysis } from './types';

export interface SymbolTarget {
  /** The definition the cursor is on or refers to; undefined for an unknown name. */
  definition?: SymbolDefinition;
  /** The reference under the cursor, when it is one. */
  reference?: SymbolReference;
}

export function targetAt(analysis: DocumentAnalysis, offset: number): SymbolTarget | undefined {
  const hit = analysis.symbols.at(offset);
  if (!hit) return undefined;
  if (hit.definition) return { definition: hit.definition };
  if (hit.reference) return { reference: hit.reference, definition: analysis.symbols.resolve(hit.reference) };
  return undefined;
}

export function sameSymbol(a: SymbolDefinition, b: SymbolDefinition): boolean {
  return a.kind === b.kind && a.ident.name === b.ident.name && a.container === b.container;
}

/** Every definition with the same kind and name (more than one only for duplicate ids). */
export function definitionsOf(analysis: DocumentAnalysis, def: SymbolDefinition): SymbolDefinition[] {
  return analysis.symbols.definitions.filter((d) => sameSymbol(d, def));
}

/** Every reference that resolves to `def`. */
export function referencesTo(analysis: DocumentAnalysis, def: SymbolDefinition): SymbolReference[] {
  return analysis.symbols.references.filter((r) => {
    const d = analysis.symbols.resolve(r);
    return d !== undefined && sameSymbol(d, def);
  });
}

export function definition(analysis: DocumentAnalysis, positions: Positions, uri: string, offset: number): Location | null {
  const target = targetAt(analysis, offset);
  if (!target?.definition) return null;
  return { uri, range: positions.range(target.definition.ident) };
}

export function references(analysis: DocumentAnalysis, positions: Positions, uri: string, offset: number, includeDeclaration: boolean): Location[] {
  const target = targetAt(analysis, offset);
  if (!target) return [];
  const spans = [];
  if (target.definition) {
    if (includeDeclaration) spans.push(...definitionsOf(analysis, target.definition).map((d) => d.ident));
    spans.push(...referencesTo(analysis, target.definition).map((r) => r.ident));
  } else if (target.reference) {
    // An unknown name: its other uses, so a typo can be found everywhere.
    const ref = target.reference;
    spans.push(
      ...analysis.symbols.references
        .filter((r) => r.ident.name === ref.ident.name && r.kinds[0] === ref.kinds[0] && r.container === ref.container && !analysis.symbols.resolve(r))
        .map((r) => r.ident),
    );
  }
  return spans.sort((a, b) => a.start - b.start).map((s) => ({ uri, range: positions.range(s) }));
}
