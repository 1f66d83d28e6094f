import type { Analysis, ScenarioAnalysis, SymbolTable } from '../../core';

/**
 * What the core gives for one version of a document: the analysis and its symbol table;
 * `shown` is the scenario whose figures it carries, when a scenario is active (`scenarioView`).
 */
export type DocumentAnalysis = Analysis & { symbols: SymbolTable; shown?: ScenarioAnalysis };
