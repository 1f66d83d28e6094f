export { computeLoad, type Load } from './componentLoad';
export { roundNoise } from './round';
export { componentPrices, costEstimate, secondsPerMonth, type Price } from './cost';
export { LoadCache, writeLoadInputs, type AddInput, type LoadResult } from './cache';
export { erlangC, erlangCWait } from './erlang';
export { KIND_DEFAULTS, type KindDefaults, type SourcedFigure } from './defaults';
export { flowRate, type FlowRate } from './flowRates';
export { explainComponentCost, explainComponentLoad, instancesText, neededText, originText } from './explain';
