/**
 * The five steps of a design, each with its status, a one-line summary and its items.
 * Read by the tree view (through the language server) and usable by any tool.
 *
 * Status rules follow the process, not the file: a step is `done` when it says what
 * an interviewer expects of it (e.g. requirements need functional ones, out-of-scope
 * and non-functional targets; the design needs a dry run of every important
 * requirement), `problems` when errors or warnings sit inside it, `incomplete` when
 * started but short of done, `missing` when not started.
 */
import { neededText } from './load/explain';
import { formatBytes, formatDuration, formatPercent, formatRate } from './quantity';
import type { Analysis, Problem, Span } from './types';

export type StepKey = 'requirements' | 'estimation' | 'api' | 'data-model' | 'design';
export type StepStatus = 'missing' | 'incomplete' | 'problems' | 'done';

export type StepItemKind = 'requirement' | 'out-of-scope' | 'target' | 'traffic' | 'total' | 'api' | 'data-model' | 'component' | 'connection' | 'flow' | 'folder';

export interface ProblemCount {
  errors: number;
  warnings: number;
  /** The first few messages, for a tooltip. */
  messages: string[];
}

export interface StepItem extends Span {
  kind: StepItemKind;
  /** Stable within a document version: `component:api`, `flow:view-feed-dry-run`. */
  key: string;
  label: string;
  description?: string;
  /** A component's kind, a requirement's op, an API's method: for icons. */
  detail?: string;
  problems: ProblemCount;
  children?: StepItem[];
}

export interface DesignStep {
  key: StepKey;
  /** 1 to 5. */
  number: number;
  title: string;
  status: StepStatus;
  /** "4 functional, 3 non-functional", "11.6k read QPS · 36.5 TB", ... */
  description: string;
  /** What is still needed for `done`, in words. */
  missing: string[];
  /** The section keys this step lives in, for reveal and for inserting items. */
  sections: Span[];
  problems: ProblemCount;
  items: StepItem[];
}

const MAX_MESSAGES = 5;

export function designSteps(analysis: Analysis): DesignStep[] {
  const { design, estimate, problems } = analysis;
  const count = (span: Span | undefined): ProblemCount => countProblems(problems, span);
  const sectionSpans = (...names: string[]): Span[] => design.sections.filter((s) => names.includes(s.name));
  const countAll = (spans: Span[]): ProblemCount => merge(spans.map((s) => count(s)));

  // 1 Requirements
  const req = design.requirements;
  const functional = req?.functional ?? [];
  const nf = req?.nonFunctional;
  const availabilityCount = nf?.availabilityTargets.length || (nf?.availability ? 1 : 0);
  const nfCount = availabilityCount + (nf?.latency.length ?? 0) + (nf?.consistency ? 1 : 0) + (nf?.durability ? 1 : 0);
  const reqItems: StepItem[] = [
    ...functional.map((r) => item('requirement', `requirement:${r.id.name}`, r.id.name, r, count(r), { description: r.text?.text, detail: r.op })),
    ...(req?.outOfScope ?? []).map((o, i) => item('out-of-scope', `out-of-scope:${i}`, o.text, o, count(o), { description: 'out of scope' })),
  ];
  if (nf?.availabilityTargets.length) {
    for (const t of nf.availabilityTargets) {
      const isDefault = t.key.name === 'default';
      reqItems.push(
        item('target', `target:availability:${t.key.name}`, `availability ${t.key.name} ${t.value.text}`, t, count(t), isDefault ? { description: downtimeText(analysis) } : {}),
      );
    }
  } else if (nf?.availability) {
    reqItems.push(item('target', 'target:availability', `availability ${nf.availability.text}`, nf.availability, count(nf.availability), { description: downtimeText(analysis) }));
  }
  for (const t of nf?.latency ?? []) reqItems.push(item('target', `target:latency:${t.key.name}`, `latency ${t.key.name} ${t.value.text}`, t, count(t)));
  const reqMissing: string[] = [];
  if (functional.length === 0) reqMissing.push('functional requirements');
  if ((req?.outOfScope.length ?? 0) === 0) reqMissing.push('what is out of scope');
  if (availabilityCount === 0) reqMissing.push('an availability target');
  if ((nf?.latency.length ?? 0) === 0) reqMissing.push('latency targets');
  const reqSections = sectionSpans('requirements');
  const reqStep = step({
    key: 'requirements',
    number: 1,
    title: 'Requirements',
    started: req !== undefined,
    missing: reqMissing,
    problems: countAll(reqSections),
    sections: reqSections,
    items: reqItems,
    description: `${functional.length} functional, ${nfCount} non-functional`,
  });

  // 2 Estimation
  const est = design.estimation;
  const trafficItems = (est?.traffic ?? []).map((t, i) => {
    const e = estimate.traffic[i];
    const parts: string[] = [];
    if (e?.per_second != null) parts.push(`${formatRate(e.per_second)} ${t.kind ?? ''}`.trim());
    if (e?.peak_per_second != null) parts.push(`peak ${formatRate(e.peak_per_second)}`);
    if (e?.storage_bytes_per_day != null) parts.push(`${formatBytes(e.storage_bytes_per_day)}/day`);
    return item('traffic', `traffic:${t.id.name}`, t.id.name, t, count(t), { description: parts.join(' · ') || 'no numbers yet', detail: t.kind });
  });
  const totals = estimate.totals;
  const estMissing: string[] = [];
  if (!est?.dau && !(est?.traffic ?? []).some((t) => t.rate)) estMissing.push('daily active users (dau)');
  if (trafficItems.length === 0) estMissing.push('traffic lines');
  if (estimate.traffic.some((t) => t.per_second === null)) estMissing.push('a rate for every traffic line');
  if (estimate.traffic.some((t) => t.kind === 'write') && !est?.retention) estMissing.push('retention');
  const estSummary: string[] = [];
  if (totals.read_per_second !== null) estSummary.push(`${formatRate(totals.read_per_second).replace(/\/s$/, '')} read QPS`);
  if (totals.write_per_second !== null) estSummary.push(`${formatRate(totals.write_per_second).replace(/\/s$/, '')} write QPS`);
  if (totals.storage_bytes_total !== null) estSummary.push(formatBytes(totals.storage_bytes_total));
  else if (totals.storage_bytes_per_year !== null) estSummary.push(`${formatBytes(totals.storage_bytes_per_year)}/year`);
  const estSections = sectionSpans('estimation');
  const estStep = step({
    key: 'estimation',
    number: 2,
    title: 'Estimation',
    started: est !== undefined,
    missing: estMissing,
    problems: countAll(estSections),
    sections: estSections,
    items: trafficItems,
    description: estSummary.join(' · ') || 'no numbers yet',
  });

  // 3 API
  const servedRequirements = new Set(design.apis.flatMap((a) => (a.requirement ? [a.requirement.name] : [])));
  const apiItems = design.apis.map((a) =>
    item('api', `api:${a.id.name}`, `${a.method ?? '?'} ${a.path?.text ?? '?'}`, a, count(a), {
      description: a.requirement ? `→ ${a.requirement.name}` : a.id.name,
      detail: a.method,
    }),
  );
  const unserved = functional.filter((r) => !servedRequirements.has(r.id.name));
  const apiMissing = apiItems.length === 0 ? ['endpoints'] : unserved.length > 0 ? [`an API for ${unserved.map((r) => r.id.name).join(', ')}`] : [];
  const apiSections = sectionSpans('apis');
  const apiStep = step({
    key: 'api',
    number: 3,
    title: 'API',
    started: design.apis.length > 0,
    missing: apiMissing,
    problems: countAll(apiSections),
    sections: apiSections,
    items: apiItems,
    description: plural(design.apis.length, 'endpoint'),
  });

  // 4 Data model
  const dmItems = design.dataModels.map((m) =>
    item('data-model', `data-model:${m.id.name}`, m.id.name, m, count(m), { description: [plural(m.fields.length, 'field'), m.store?.name].filter(Boolean).join(' · ') }),
  );
  const dmMissing: string[] = [];
  if (dmItems.length === 0) dmMissing.push('tables or collections');
  const withoutKey = design.dataModels.filter((m) => !m.fields.some((f) => f.pk));
  if (withoutKey.length > 0) dmMissing.push(`a primary key in ${withoutKey.map((m) => m.id.name).join(', ')}`);
  const withoutStore = design.dataModels.filter((m) => !m.store);
  if (withoutStore.length > 0) dmMissing.push(`a store for ${withoutStore.map((m) => m.id.name).join(', ')}`);
  const dmSections = sectionSpans('data_models');
  const dmStep = step({
    key: 'data-model',
    number: 4,
    title: 'Data Model',
    started: design.dataModels.length > 0,
    missing: dmMissing,
    problems: countAll(dmSections),
    sections: dmSections,
    items: dmItems,
    description: plural(design.dataModels.length, 'table'),
  });

  // 5 Design
  const important = functional.filter((r) => r.important);
  const covered = new Set(design.flows.flatMap((f) => (f.requirement ? [f.requirement.name] : [])));
  const coveredCount = important.filter((r) => covered.has(r.id.name)).length;
  const componentItems = design.components.map((c, i) => {
    const u = estimate.components[i]?.utilisation;
    const described = [c.kind, c.tech?.text, c.replicas && c.replicas.text !== '1' ? `×${c.replicas.text}` : undefined, u == null ? undefined : formatPercent(u)];
    return item('component', `component:${c.id.name}`, c.id.name, c, count(c), { description: described.filter(Boolean).join(' · '), detail: c.kind });
  });
  // The busiest components first: where a reviewer looks before anything else.
  const target = estimate.conventions.target_utilisation;
  const busiest = design.components
    .map((c, i) => ({ c, load: estimate.components[i] }))
    .filter((x) => x.load?.utilisation != null)
    .sort((a, b) => (b.load.utilisation ?? 0) - (a.load.utilisation ?? 0))
    .slice(0, 5);
  const overTarget = busiest.filter((x) => (x.load.utilisation ?? 0) > target).length;
  const bottleneckItems = busiest.map(({ c, load }) =>
    item('component', `bottleneck:${c.id.name}`, c.id.name, c, count(c), {
      description: [formatPercent(load.utilisation ?? 0), neededText(load)].filter(Boolean).join(' · '),
      detail: c.kind,
    }),
  );
  const connectionItems = design.connections.map((c, i) =>
    item('connection', `connection:${i}`, `${c.from.name} → ${c.to.name}`, c, count(c), {
      description: [c.label?.text, c.async ? 'async' : undefined].filter(Boolean).join(' · ') || undefined,
    }),
  );
  const flowItems = design.flows.map((f, i) => {
    const e = estimate.flows[i];
    const parts = [plural(f.steps.length, 'hop')];
    if (e?.availability != null) parts.push(formatPercent(e.availability));
    if (e?.latency_seconds != null) {
      const target = e.latency_target_seconds;
      parts.push(
        target === null ? formatDuration(e.latency_seconds) : `${formatDuration(e.latency_seconds)} / ${formatDuration(target)} ${e.latency_seconds <= target ? '✓' : '✗'}`,
      );
    }
    return item('flow', `flow:${f.id.name}`, f.id.name, f, count(f), { description: parts.join(' · '), detail: f.requirement?.name });
  });
  const designSections = sectionSpans('components', 'groups', 'connections', 'flows', 'scenarios');
  const designItems: StepItem[] = [];
  if (componentItems.length > 0) designItems.push(folder('components', `Components (${componentItems.length})`, componentItems));
  if (connectionItems.length > 0) designItems.push(folder('connections', `Connections (${connectionItems.length})`, connectionItems));
  if (flowItems.length > 0 || important.length > 0) designItems.push(folder('flows', `Dry runs (${coveredCount}/${important.length})`, flowItems));
  // Last: the items repeat components listed above, and the cursor follows the first match.
  if (bottleneckItems.length > 0)
    designItems.push(folder('bottlenecks', overTarget > 0 ? `Bottlenecks (${overTarget} over ${formatPercent(target)})` : 'Busiest (all under target)', bottleneckItems));
  const designMissing: string[] = [];
  if (componentItems.length === 0) designMissing.push('components');
  if (connectionItems.length === 0) designMissing.push('connections');
  const uncovered = important.filter((r) => !covered.has(r.id.name));
  if (uncovered.length > 0) designMissing.push(`a dry run of ${uncovered.map((r) => r.id.name).join(', ')}`);
  const designStep = step({
    key: 'design',
    number: 5,
    title: 'Design',
    started: design.components.length > 0 || design.flows.length > 0,
    missing: designMissing,
    problems: countAll(designSections),
    sections: designSections,
    items: designItems,
    description: `${plural(design.components.length, 'component')} · ${coveredCount}/${important.length} dry runs`,
  });

  return [reqStep, estStep, apiStep, dmStep, designStep];
}

/** What one step is made of, before its status is worked out. */
interface StepParts {
  key: StepKey;
  number: number;
  title: string;
  started: boolean;
  missing: string[];
  problems: ProblemCount;
  sections: Span[];
  items: StepItem[];
  description: string;
}

function step({ key, number, title, started, missing, problems, sections, items, description }: StepParts): DesignStep {
  const status: StepStatus = !started ? 'missing' : problems.errors + problems.warnings > 0 ? 'problems' : missing.length > 0 ? 'incomplete' : 'done';
  return {
    key,
    number,
    title,
    status,
    description: started ? description : 'not started',
    missing,
    sections: sections.map((s) => ({ start: s.start, end: s.end })),
    problems,
    items,
  };
}

function item(
  kind: StepItemKind,
  key: string,
  label: string,
  span: Span,
  problems: ProblemCount,
  { description, detail }: { description?: string; detail?: string } = {},
): StepItem {
  return { kind, key, label, description, detail, problems, start: span.start, end: span.end };
}

function folder(key: string, label: string, children: StepItem[]): StepItem {
  const start = children.length > 0 ? Math.min(...children.map((c) => c.start)) : 0;
  const end = children.length > 0 ? Math.max(...children.map((c) => c.end)) : 0;
  return { kind: 'folder', key: `folder:${key}`, label, problems: merge(children.map((c) => c.problems)), children, start, end };
}

function countProblems(problems: Problem[], span: Span | undefined): ProblemCount {
  const out: ProblemCount = { errors: 0, warnings: 0, messages: [] };
  if (!span) return out;
  for (const p of problems) {
    if (p.start < span.start || p.start > span.end) continue;
    if (p.severity === 'error') out.errors++;
    else if (p.severity === 'warning') out.warnings++;
    else continue;
    if (out.messages.length < MAX_MESSAGES) out.messages.push(p.message);
  }
  return out;
}

function merge(counts: ProblemCount[]): ProblemCount {
  const out: ProblemCount = { errors: 0, warnings: 0, messages: [] };
  for (const c of counts) {
    out.errors += c.errors;
    out.warnings += c.warnings;
    for (const m of c.messages) if (out.messages.length < MAX_MESSAGES) out.messages.push(m);
  }
  return out;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function downtimeText(analysis: Analysis): string | undefined {
  const year = analysis.estimate.availability.downtime_seconds_per_year;
  return year === null ? undefined : `${formatDuration(year)} downtime a year`;
}
