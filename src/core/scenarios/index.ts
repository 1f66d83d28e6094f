/**
 * Scenarios (SPEC 5.3): `paths.ts` resolves a `set` path, `apply.ts` builds a scenario's
 * design, `analyse.ts` runs the whole analysis on it and keeps the problems that are its own.
 */
export { analyseScenarios, type ScenarioContext } from './analyse';
export { applyScenario } from './apply';
export { COMPONENT_FIELDS, ESTIMATION_FIELDS, pathReference, pathSegments, resolvePath, TRAFFIC_FIELDS, type PathTarget } from './paths';
