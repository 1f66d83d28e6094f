/**
 * Code lenses with the computed numbers (SPEC 3): the headline totals above
 * `estimation`, each traffic line's numbers above it, the downtime budget above
 * `availability`, and each flow's hops, composite availability and latency against its
 * target; each scenario's headline. Lenses show text only and run nothing, except a
 * scenario's, which selects it (the client's `sysdesign.selectScenario`).
 */
import type { CodeLens, Command } from 'vscode-languageserver';
import { briefLine, briefScenario, downtimeBudget, downtimeSection, estimateReport, type ReportSection, type Span } from '../../core';
import type { Positions } from '../positions';
import type { DocumentAnalysis } from './types';

/** A lens that only shows its title. */
export function textOnly(title: string): Command {
  return { title, command: '' };
}

/** The figures of a traffic line a lens has room for. */
const TRAFFIC_LENS = ['per_second', 'peak_per_second', 'bytes_per_second', 'storage_bytes_per_day'] as const;

/** What a click on a scenario's lens runs: the client's *Select Scenario* with the document and the scenario (or `null`, the base). */
export const SELECT_SCENARIO_COMMAND = 'sysdesign.selectScenario';
/** What *Focus* on a component's lens runs: the client's focus view of that component in the preview (issue #17). */
export const FOCUS_COMPONENT_COMMAND = 'sysdesign.focusComponent';

export function codeLenses(analysis: DocumentAnalysis, positions: Positions, uri?: string): CodeLens[] {
  const { design, estimate } = analysis;
  const lenses: CodeLens[] = [];
  const lens = (span: Span, title: string) => lenses.push({ range: positions.range(span), command: textOnly(title) });
  const select = (span: Span, title: string, scenario: string | null) =>
    lenses.push({ range: positions.range(span), command: { title, command: SELECT_SCENARIO_COMMAND, arguments: [uri, scenario] } });

  // While a scenario is shown, every figure below is its own: say so where the figures start.
  const shown = analysis.shown;
  const first = design.sections.find((s) => s.name === 'estimation') ?? design.sections.find((s) => s.name === 'components');
  if (shown && first && uri !== undefined) select(first.key, `Showing scenario "${shown.scenario.label?.text ?? shown.scenario.id.name}": show the base design`, null);
  const report = estimateReport(estimate);
  const section = (key: ReportSection['key']) => report.sections.find((s) => s.key === key);

  const estSection = design.sections.find((s) => s.name === 'estimation');
  const totals = section('totals');
  if (estSection && totals) {
    const row = (key: string) => totals.rows.find((r) => r.key === key);
    const qps: string[] = [];
    for (const r of [row('reads'), row('writes')]) {
      const [average, peak] = r?.figures ?? [];
      if (r && average && average.value !== null) qps.push(`${r.label} ${average.text}${peak && peak.value !== null ? ` (peak ${peak.text})` : ''}`);
    }
    const briefs = (keys: string[]) =>
      keys.flatMap((key) => {
        const r = row(key);
        const brief = r ? briefLine(r) : '';
        return brief === '' ? [] : [brief];
      });
    qps.push(...briefs(['read_write_ratio']));
    const storage = briefs(['storage_per_day', 'storage_per_month', 'storage_per_year', 'storage_total']);
    const other = briefs(['ingress', 'egress', 'cache', 'servers']);
    if (qps.length > 0) lens(estSection.key, qps.join(' · '));
    if (storage.length > 0) lens(estSection.key, `Storage ${storage.join(' · ')}`);
    if (other.length > 0) lens(estSection.key, other.join(' · '));
    if (qps.length + storage.length + other.length === 0) lens(estSection.key, 'No totals yet: add dau and traffic lines with per_user (or rate) and size');
  }

  const traffic = section('traffic');
  (design.estimation?.traffic ?? []).forEach((line, i) => {
    const row = traffic?.rows[i];
    if (!row) return;
    lens(line.id, briefLine(row, TRAFFIC_LENS) || `${line.id.name}: no rate yet (per_user with dau, or rate)`);
  });

  const nf = design.requirements?.nonFunctional;
  // The budget per year is the headline; without it the shorter periods add nothing.
  const downtimeLens = (span: Span, downtime: ReportSection | undefined) => {
    if (downtime && typeof downtime.rows[0]?.figures[0]?.value === 'number') {
      lens(
        span,
        `Downtime budget ${downtime.rows
          .map((r) => briefLine(r))
          .filter((b) => b !== '')
          .join(' · ')}`,
      );
    }
  };
  if (nf?.availabilityTargets.length) {
    // Each target of a map by requirement or flow has its own budget; `default` is the design's.
    const { days_per_month, days_per_year } = estimate.conventions;
    for (const target of nf.availabilityTargets) {
      const value = analysis.quantities.get(target.value.start)?.value ?? null;
      if (target.key.name === 'default') downtimeLens(target.value, section('availability'));
      else if (value !== null) downtimeLens(target.value, downtimeSection(downtimeBudget(value, days_per_month, days_per_year)));
    }
  } else if (nf?.availability) {
    downtimeLens(nf.availability, section('availability'));
  }

  // Each scenario's headline (SPEC 5.3), and a click that shows it in the editor.
  for (const s of analysis.scenarios) {
    lens(s.scenario.id, briefScenario(s.summary, estimate.conventions));
    if (uri === undefined) continue;
    if (shown?.scenario.id.name === s.scenario.id.name) select(s.scenario.id, 'Shown: show the base design', null);
    else select(s.scenario.id, 'Show in the editor', s.scenario.id.name);
  }

  const flows = section('flows');
  design.flows.forEach((flow, i) => {
    const row = flows?.rows[i];
    if (row) lens(flow.id, briefLine(row));
  });

  // What the design costs a month (SPEC 5.4), above `components`.
  const componentsKey = design.sections.find((s) => s.name === 'components')?.key;
  const costTotals = section('cost_totals');
  if (componentsKey && costTotals) {
    const briefs = costTotals.rows.map((r) => briefLine(r)).filter((b) => b !== '');
    if (briefs.length > 0) lens(componentsKey, `Cost ${briefs.join(' · ')}`);
  }

  // Each component's load and whether it holds (SPEC 5.2), then its cost; nothing for a component that has neither.
  const components = section('components');
  const costs = new Map((section('cost')?.rows ?? []).map((r) => [r.key, r]));
  const byId = new Map((components?.rows ?? []).map((r) => [r.key, r]));
  for (const component of design.components) {
    const row = byId.get(component.id.name);
    const cost = costs.get(component.id.name)?.figures.find((f) => f.key === 'cost_per_month')?.brief;
    const title = [row ? briefLine(row) : '', cost ?? ''].filter((t) => t !== '').join(' · ');
    if (title !== '') lens(component.id, title);
    // Only for a client that can run it (one that sent the document's URI).
    if (uri !== undefined)
      lenses.push({ range: positions.range(component.id), command: { title: 'Focus', command: FOCUS_COMPONENT_COMMAND, arguments: [uri, component.id.name] } });
    byId.delete(component.id.name);
    costs.delete(component.id.name);
  }
  return lenses;
}
