/**
 * The analysis as the editor shows it while a scenario is active: the scenario's design,
 * estimate and quantities (the base's where the scenario has none, such as the base's
 * own `dau: 10M` line), the base's text, problems and symbols. Lenses, hovers, inlay
 * hints, the steps and the preview read this view; everything that edits text or reports
 * problems reads the base.
 */
import { briefScenario, type ScenarioAnalysis } from '../../core';
import type { ScenarioChoice, ScenarioState } from '../../protocol';
import type { Positions } from '../positions';
import type { DocumentAnalysis } from './types';

const views = new WeakMap<DocumentAnalysis, Map<string, DocumentAnalysis>>();

export function scenarioView(analysis: DocumentAnalysis, id: string | undefined): DocumentAnalysis {
  if (id === undefined) return analysis;
  const scenario = analysis.scenarios.find((s) => s.scenario.id.name === id);
  if (!scenario) return analysis;
  let byId = views.get(analysis);
  if (!byId) views.set(analysis, (byId = new Map()));
  let view = byId.get(id);
  if (!view) {
    const quantities = new Map(analysis.quantities);
    for (const [start, q] of scenario.quantities) quantities.set(start, q);
    view = { ...analysis, design: scenario.design, estimate: { ...scenario.estimate, scenarios: analysis.estimate.scenarios }, quantities, shown: scenario, base: analysis };
    byId.set(id, view);
  }
  return view;
}

export function scenarioState(analysis: DocumentAnalysis, positions: Positions, active: string | undefined): ScenarioState {
  const scenarios: ScenarioChoice[] = analysis.scenarios.map((s: ScenarioAnalysis) => ({
    id: s.scenario.id.name,
    ...(s.scenario.label ? { label: s.scenario.label.text } : {}),
    headline: briefScenario(s.summary, analysis.estimate.conventions),
    range: positions.range(s.scenario),
  }));
  return { active: active !== undefined && scenarios.some((s) => s.id === active) ? active : null, scenarios };
}
