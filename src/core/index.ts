/**
 * The public face of the core (`sysdesign/core`): everything the language server, the
 * CLI and other tools need, nothing else.
 */
export { createAnalyzer, analyseText, type Analyzer, type AnalyzerOptions } from './analyse';
export { CHECKS } from './checks';
export { downtimeBudget } from './estimate';
export { collectSymbols, SYMBOL_NOUNS, SymbolTable, type SymbolDefinition, type SymbolKind, type SymbolReference } from './symbols';
export { parseArrow, parseFieldDefinition } from './model';
export {
  describeDimension,
  evaluateQuantity,
  formatBytes,
  formatCount,
  formatDuration,
  formatMoney,
  formatPercent,
  formatQuantity,
  formatRate,
  type Dimension,
  type Expectation,
  type Quantity,
  type QuantityResult,
} from './quantity';
export { closest } from './suggest';
export * from './types';
export { LineIndex } from './lineIndex';
/** The longest text the analyzer checks; longer gives one `sysdesign/file-too-large` problem. */
export { MAX_TEXT_LENGTH } from './yaml/prechecks';
export { designSteps, type DesignStep, type StepItem, type StepItemKind, type StepKey, type StepStatus, type ProblemCount } from './steps';
export * from './diagram';
export * from './report';
