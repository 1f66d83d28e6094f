import type { Analysis, SymbolTable } from '../../core';

/** What the core gives for one version of a document: the analysis and its symbol table. */
export type DocumentAnalysis = Analysis & { symbols: SymbolTable };
