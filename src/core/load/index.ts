export { computeLoad, roundNoise, type Load } from './componentLoad';
export { LoadCache, writeLoadInputs, type AddInput, type LoadResult } from './cache';
export { erlangC, erlangCWait } from './erlang';
export { KIND_DEFAULTS, type KindDefaults, type SourcedFigure } from './defaults';
export { flowRate, type FlowRate } from './flowRates';
export { explainComponentLoad, instancesText, neededText, originText } from './explain';
