/**
 * The estimate as data for people: labelled, formatted figures in sections that every
 * surface lays out (lenses, preview, Markdown, CLI), plus the CLI's text layout; and
 * what a change to a design changes (`diff.ts`).
 */
export {
  briefLine,
  cellsOf,
  downtimeSection,
  estimateReport,
  figureOf,
  labelledValue,
  NONE,
  type EstimateReport,
  type Figure,
  type FigureUnit,
  type ReportRow,
  type ReportSection,
} from './estimateReport';
export { comparisonText, estimateText, inputsText } from './estimateText';
export { briefScenario, scenarioComparison, type Comparison, type ComparisonColumn, type ComparisonRow } from './compare';
export { estimateInputs, type EstimateInputs, type InputRow } from './inputs';
export {
  designDiff,
  diffMarkdown,
  diffSummaryText,
  diffText,
  type DesignChange,
  type DesignDiff,
  type DiffNames,
  type DiffSection,
  type DiffSummary,
  type FieldChange,
  type MetricChange,
} from './diff';
