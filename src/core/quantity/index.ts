/**
 * The quantity language of estimation fields (spec 2.2): lexing, parsing, dimension
 * checking, evaluation and formatting. Pure: no Node APIs, no I/O.
 */

export type { Dimension, Quantity } from './dimension';
export { describeDimension, dimensionSymbol, dimensionPhrase, sameDimension, saneConventions, COUNT, BYTES, TIME, RATE, BANDWIDTH, MONEY } from './dimension';
export type { EvaluateOptions, QuantityResult, BReading } from './evaluate';
export { evaluateQuantity, referencedNames } from './evaluate';
export type { QuantityError } from './errors';
export { QUANTITY_CODES } from './errors';
export type { Expectation } from './expectation';
export { FIELD_EXPECTATIONS } from './expectation';
export {
  formatCount,
  formatRate,
  formatBytes,
  formatBandwidth,
  formatDistinct,
  formatDuration,
  formatMoney,
  formatMoneyPerTime,
  formatMoneyPerByte,
  formatMoneyPerByteTime,
  formatPercent,
  formatQuantity,
  readablePeriod,
} from './format';
export { MAX_LENGTH, MAX_DEPTH } from './parser';
export type { QuantityTokenType, QuantityToken } from './lexer';
export { quantityTokens } from './lexer';
export { formatEvaluated, formatValue, repeatsSource } from './shown';
