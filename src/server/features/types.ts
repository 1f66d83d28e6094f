import type { Analysis, ScenarioAnalysis, SymbolTable } from '../../core';

/**
 * What the core gives for one version of a document: the analysis and its symbol table;
 * `shown` is the scenario whose figures it carries, when a scenario is active (`scenarioView`),
 * and `base` then the analysis of the design as written.
 */
export type DocumentAnalysis = Analysis & { symbols: SymbolTable; shown?: ScenarioAnalysis; base?: Analysis };
