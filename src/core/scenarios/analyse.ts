/**
 * Each scenario gets the whole analysis (SPEC 5.3): its design (`applyScenario`), its
 * figures, its estimate with the load, and the checks. A problem the base design does
 * not have is the scenario's: it is reported on the scenario's line (where it is not
 * already inside the scenario) with the scenario's id in its message.
 */
import type { Check } from '../checks/check';
import { computeEstimate } from '../estimate';
import { LoadCache } from '../load';
import { evaluateFigures } from '../quantities';
import type { QuantityCache } from '../quantityCache';
import type { SymbolTable } from '../symbols';
import type { Conventions, Design, Problem, Scenario, ScenarioAnalysis } from '../types';
import { applyScenario } from './apply';

export interface ScenarioContext {
  design: Design;
  symbols: SymbolTable;
  checks: readonly Check[];
  /** The base design's problems: what is not among them is the scenario's own. */
  baseProblems: readonly Problem[];
  defaultConventions?: Partial<Conventions>;
  /** An analyzer's caches: the base's evaluated quantities (most figures of a scenario are the base's), and a load cache per scenario id. */
  quantities?: QuantityCache;
  loads?: Map<string, LoadCache>;
}

export function analyseScenarios(context: ScenarioContext): { scenarios: ScenarioAnalysis[]; problems: Problem[] } {
  const seen = new Set<string>();
  const scenarios: ScenarioAnalysis[] = [];
  const problems: Problem[] = [];
  const base = new Set(context.baseProblems.map(problemKey));
  for (const scenario of context.design.scenarios) {
    // A repeated id is a duplicate-id problem; the first scenario of an id is the one analysed.
    if (seen.has(scenario.id.name)) continue;
    seen.add(scenario.id.name);
    const analysis = analyseScenario(context, scenario, base);
    scenarios.push(analysis);
    for (const p of analysis.summary.problems) problems.push(p);
  }
  // The load caches of scenarios that are gone go with them.
  for (const id of context.loads?.keys() ?? []) if (!seen.has(id)) context.loads?.delete(id);
  return { scenarios, problems };
}

function analyseScenario(context: ScenarioContext, scenario: Scenario, baseKeys: ReadonlySet<string>): ScenarioAnalysis {
  const { design, problems: pathProblems } = applyScenario(context.design, scenario);
  const found: Problem[] = [...pathProblems];
  const evaluated = evaluateFigures(design, undefined, context.defaultConventions, context.quantities, true);
  let load = context.loads?.get(scenario.id.name);
  if (context.loads && !load) context.loads.set(scenario.id.name, (load = new LoadCache()));
  const estimate = computeEstimate(design, evaluated.figures, load);
  for (const p of evaluated.problems) found.push(p);
  const report = (p: Problem) => found.push(p);
  for (const check of context.checks) {
    try {
      check.run({ design, symbols: context.symbols, figures: evaluated.figures, estimate, report });
    } catch {
      // The base analysis runs the same checks under its guard and reports a failing one.
    }
  }

  const failed = new Set(scenario.fail.map((f) => f.name));
  const brokenFlows: string[] = [];
  const brokenRequirements: string[] = [];
  for (const flow of design.flows) {
    // A broken dry run is the scenario's result, not a problem: its lens, the comparison and the preview show it.
    if (!flow.steps.some((s) => failed.has(s.from.name) || failed.has(s.to.name))) continue;
    brokenFlows.push(flow.id.name);
    const requirement = flow.requirement?.name;
    if (requirement !== undefined && !brokenRequirements.includes(requirement)) brokenRequirements.push(requirement);
  }

  const own: Problem[] = [];
  const seen = new Set<string>();
  for (const p of found) {
    if (baseKeys.has(problemKey(p))) continue;
    const inside = p.start >= scenario.start && p.end <= scenario.end;
    const tagged = p.message.startsWith(`Scenario "${scenario.id.name}"`) ? p.message : `Scenario "${scenario.id.name}": ${p.message}`;
    // A problem elsewhere in the design is shown on the scenario's id (its fixes would edit the
    // base), as a warning: the scenario is well written, it shows where the design gives way.
    const severity = p.severity === 'error' ? 'warning' : p.severity;
    const placed: Problem = inside ? { ...p, message: tagged } : { code: p.code, severity, message: tagged, start: scenario.id.start, end: scenario.id.end };
    const key = problemKey(placed) + placed.message;
    if (seen.has(key)) continue;
    seen.add(key);
    own.push(placed);
  }

  return {
    scenario,
    design,
    quantities: evaluated.quantities,
    estimate,
    summary: {
      id: scenario.id.name,
      label: scenario.label?.text ?? null,
      failed: [...failed],
      broken_requirements: brokenRequirements,
      broken_flows: brokenFlows,
      dau: estimate.dau,
      totals: estimate.totals,
      availability: estimate.availability,
      flows: estimate.flows,
      components: estimate.components,
      connections: estimate.connections,
      cost: estimate.cost,
      problems: own,
    },
  };
}

function problemKey(p: Problem): string {
  return `${p.code}:${p.start}:${p.end}`;
}
