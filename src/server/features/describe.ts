/**
 * What an id is, in a few Markdown lines: used by hover and by completion details.
 */
import { scenarioComparison, SYMBOL_NOUNS, type ScenarioAnalysis, type Sourced, type SymbolDefinition } from '../../core';
import { explainComponentCost, explainComponentLoad } from '../../core/load';
import { formatEvaluated } from '../format';
import type { DocumentAnalysis } from './types';

/** How hovers and completion name each kind of id (shared with the core's messages). */
export const KIND_NOUN = SYMBOL_NOUNS;

/** A one-line detail for completion lists, e.g. `service · PostgreSQL`. */
export function detailOf(analysis: DocumentAnalysis, def: SymbolDefinition): string {
  const d = analysis.design;
  switch (def.kind) {
    case 'component': {
      const c = d.components.find((x) => x.id === def.ident);
      return [c?.kind ?? 'component', c?.label?.text, c?.tech?.text].filter(Boolean).join(' · ');
    }
    case 'requirement': {
      const r = d.requirements?.functional.find((x) => x.id === def.ident);
      return [r?.op, r?.text?.text].filter(Boolean).join(' · ') || 'requirement';
    }
    case 'flow': {
      const f = d.flows.find((x) => x.id === def.ident);
      return f ? `flow · ${f.steps.length} steps${f.requirement ? ` · ${f.requirement.name}` : ''}` : 'flow';
    }
    case 'value': {
      const v = d.estimation?.values.find((x) => x.name === def.ident);
      const q = v ? analysis.quantities.get(v.value.start) : undefined;
      const shown = q && v ? formatEvaluated(q, analysis.estimate.conventions, v.value.text) : undefined;
      return shown ? `${v?.value.text} = ${shown}` : (v?.value.text ?? 'value');
    }
    default:
      return KIND_NOUN[def.kind];
  }
}

/** Markdown describing a definition: what it is and its main fields. */
export function describeDefinition(analysis: DocumentAnalysis, def: SymbolDefinition): string {
  const d = analysis.design;
  const name = def.ident.name;
  const lines: string[] = [];
  const head = (what: string) => lines.push(`**${escape(name)}**: ${what}`);
  switch (def.kind) {
    case 'component': {
      const c = d.components.find((x) => x.id === def.ident);
      head(`${c?.kind ? `\`${c.kind}\` ` : ''}component`);
      if (c?.label) lines.push(`- label: ${escape(c.label.text)}`);
      if (c?.tech) lines.push(`- tech: ${escape(c.tech.text)}`);
      if (c?.replicas !== undefined) lines.push(`- replicas: ${c.replicas.text}`);
      if (c?.availability) lines.push(`- availability: ${escape(c.availability.text)}`);
      if (c?.latency) lines.push(`- latency: ${escape(c.latency.text)}`);
      if (c) lines.push(...sourceLines(c));
      const outgoing = d.connections.filter((x) => x.from.name === name).map((x) => x.to.name);
      const incoming = d.connections.filter((x) => x.to.name === name).map((x) => x.from.name);
      if (outgoing.length > 0) lines.push(`- calls: ${outgoing.map(code).join(', ')}`);
      if (incoming.length > 0) lines.push(`- called by: ${incoming.map(code).join(', ')}`);
      const load = c ? analysis.estimate.components[d.components.indexOf(c)] : undefined;
      if (load && load.id === name) {
        lines.push('', ...explainComponentLoad(load, analysis.estimate.conventions));
        const cost = explainComponentCost(load, analysis.estimate.conventions);
        if (cost.length > 0) lines.push('', ...cost);
      }
      break;
    }
    case 'requirement': {
      const r = d.requirements?.functional.find((x) => x.id === def.ident);
      head(`functional requirement${r?.op ? ` (\`${r.op}\`)` : ''}`);
      if (r?.text) lines.push('', escape(r.text.text));
      if (r?.sources) lines.push('', ...sourceLines(r));
      const flows = d.flows.filter((f) => f.requirement?.name === name).map((f) => f.id.name);
      const apis = d.apis.filter((a) => a.requirement?.name === name).map((a) => `${a.method ?? ''} ${a.path?.text ?? a.id.name}`.trim());
      lines.push('');
      if (apis.length > 0) lines.push(`- API: ${apis.map(code).join(', ')}`);
      if (flows.length > 0) lines.push(`- dry run: ${flows.map(code).join(', ')}`);
      else if (r?.important !== false) lines.push('- no dry run yet');
      if (r?.important === false) lines.push('- not important (no dry run needed)');
      break;
    }
    case 'group': {
      const g = d.groups.find((x) => x.id === def.ident);
      head('group');
      if (g?.label) lines.push(`- label: ${escape(g.label.text)}`);
      if (g) lines.push(`- members: ${g.members.map((m) => code(m.name)).join(', ')}`);
      break;
    }
    case 'api': {
      const a = d.apis.find((x) => x.id === def.ident);
      head('API endpoint');
      if (a?.method || a?.path) lines.push(`- ${code(`${a.method ?? ''} ${a.path?.text ?? ''}`.trim())}`);
      if (a?.requirement) lines.push(`- requirement: ${code(a.requirement.name)}`);
      break;
    }
    case 'data-model': {
      const m = d.dataModels.find((x) => x.id === def.ident);
      head('data model');
      if (m?.store) lines.push(`- stored in: ${code(m.store.name)}`);
      if (m) lines.push(`- fields: ${m.fields.map((f) => code(f.name.name)).join(', ') || 'none'}`);
      break;
    }
    case 'field': {
      const m = d.dataModels.find((x) => x.id.name === def.container);
      const f = m?.fields.find((x) => x.name === def.ident);
      head(`field of ${code(def.container ?? '?')}`);
      if (f?.definition) lines.push(`- ${code(f.definition.text)}`);
      break;
    }
    case 'flow': {
      const index = d.flows.findIndex((x) => x.id === def.ident);
      const f = d.flows[index];
      head('flow (dry run)');
      if (f?.requirement) lines.push(`- requirement: ${code(f.requirement.name)}`);
      if (f)
        lines.push(
          `- ${f.steps.length} steps: ${f.steps
            .map((s) => `${s.from.name} → ${s.to.name}`)
            .slice(0, 12)
            .join(', ')}${f.steps.length > 12 ? ', …' : ''}`,
        );
      break;
    }
    case 'traffic': {
      const index = d.estimation?.traffic.findIndex((x) => x.id === def.ident) ?? -1;
      const t = d.estimation?.traffic[index];
      head(`${t?.kind ?? ''} traffic line`.trim());
      if (t) lines.push(...sourceLines(t));
      break;
    }
    case 'scenario': {
      head('scenario');
      const s = analysis.scenarios.find((x) => x.scenario.id === def.ident);
      if (s) lines.push(...describeScenario(analysis, s));
      break;
    }
    case 'value': {
      const v = d.estimation?.values.find((x) => x.name === def.ident);
      head('named value');
      if (v) {
        const q = analysis.quantities.get(v.value.start);
        const shown = q ? formatEvaluated(q, analysis.estimate.conventions, v.value.text) : undefined;
        lines.push(`- ${code(v.value.text)}${shown ? ` = **${escape(shown)}**` : ''}`, ...sourceLines(v));
      }
      break;
    }
  }
  return lines.join('\n');
}

/**
 * What a scenario changes and what that does to the headline figures, each beside the
 * base's and with how it is summed, so its lens can be traced.
 */
function describeScenario(analysis: DocumentAnalysis, s: ScenarioAnalysis): string[] {
  const lines: string[] = [];
  if (s.scenario.label) lines.push(`- label: ${escape(s.scenario.label.text)}`);
  for (const setting of s.scenario.set) {
    const q = s.quantities.get(setting.value.start);
    const shown = q ? formatEvaluated(q, s.estimate.conventions, setting.value.text) : undefined;
    lines.push(`- sets ${code(setting.path.text)} to ${code(setting.value.text)}${shown ? ` = **${escape(shown)}**` : ''}`);
  }
  if (s.summary.failed.length > 0) lines.push(`- down: ${s.summary.failed.map(code).join(', ')}`);
  if (s.summary.broken_flows.length > 0) {
    lines.push(`- broken: ${s.summary.broken_flows.map(code).join(', ')} (requirements ${s.summary.broken_requirements.map(code).join(', ') || 'none'})`);
  }
  const comparison = scenarioComparison((analysis.base ?? analysis).estimate);
  const column = comparison.columns.findIndex((c) => c.key === s.scenario.id.name);
  if (column < 0) return lines;
  lines.push('', '**Against the base**');
  for (const row of comparison.rows) {
    const cell = row.cells[column];
    lines.push(`- ${row.label}: ${escape(cell.text)}${cell.change ? ` (${escape(cell.change)})` : ''}, base ${escape(row.cells[0].text)}`);
  }
  lines.push(
    '',
    "Peak requests: the reads and writes of every traffic line at peak; instances (needed): summed over the components with load, needed at the target utilisation; cost: the sum of each component's cost per month.",
  );
  return lines;
}

/** `- source: …` for each source a requirement, value, traffic line or component cites. */
export function sourceLines(item: Sourced): string[] {
  return (item.sources ?? []).map((t) => `- source: ${escape(t.text)}`);
}

export function code(s: string): string {
  const ticks = s.includes('`') ? '``' : '`';
  return `${ticks}${s.replace(/\n/g, ' ')}${ticks}`;
}

/** Markdown-escapes text from the document so it shows as written. */
export function escape(s: string): string {
  return s.replace(/[\\`*_[\]<>]/g, '\\$&');
}
