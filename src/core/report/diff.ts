/**
 * What a change to a design changes, by meaning rather than by line (`sysdesign diff`):
 * each requirement, input, API, data model, component, connection, dry run and scenario
 * added, removed or changed, field by field as written, and the figures of the estimate
 * that moved. Comments, layout, key order and the form of an arrow (short or long) are
 * not changes. The result is plain data (ids and texts, no spans), so the editor can send
 * it to a webview as it is; `diffText` and `diffMarkdown` lay it out for a terminal and
 * for a pull-request comment.
 */
import { codeSpan, escapeMarkdown, visibleText } from '../diagram/encode';
import { formatBandwidth, formatBytes, formatDistinct, formatDuration, formatMoney, formatPercent, formatRate } from '../quantity';
import {
  COST_FIELDS,
  type Analysis,
  type ApiField,
  type Component,
  type ComponentLoad,
  type Design,
  type Estimation,
  type FlowEstimate,
  type Group,
  type NonFunctional,
  type Severity,
  type Sourced,
  type Step,
  type Totals,
} from '../types';
import { COMPONENT_FIELDS, ESTIMATION_FIELDS, TRAFFIC_FIELDS } from '../scenarios';
import { changeText, peak, sumOf } from './compare';
import { NONE } from './estimateReport';

/** Where a change is, named as the document's keys name it. */
export type DiffSection =
  | 'design'
  | 'requirements'
  | 'questions'
  | 'out_of_scope'
  | 'non_functional'
  | 'notes'
  | 'estimation'
  | 'values'
  | 'traffic'
  | 'apis'
  | 'data_models'
  | 'components'
  | 'groups'
  | 'connections'
  | 'flows'
  | 'scenarios';

export interface FieldChange {
  /**
   * The field as the design names it (`replicas`, `cost.instance`, `fields.user_id`,
   * `request.caption`, `set.dau`), `step 3` for a dry run's third step, or `value` for an
   * entry that is one figure (`dau`, `latency.view-feed`, a named value).
   */
  field: string;
  /** The text as written; null where the field is not written. */
  before: string | null;
  after: string | null;
}

export interface DesignChange {
  section: DiffSection;
  /** The id, `from -> to` for a connection, or the figure's path for an input or a target (`dau`, `latency.view-feed`). */
  id: string;
  change: 'added' | 'removed' | 'changed';
  /** What changed; for an entry added or removed, every field it has. Absent when there is none to show. */
  fields?: FieldChange[];
}

export interface MetricChange {
  /** Stable across versions: a total's field (`peak_per_second`), `flows.<id>.<field>` or `components.<id>.<field>`. */
  key: string;
  label: string;
  /** In base units as in the estimate; null where it cannot be computed (or the flow or component is not there). */
  before: number | null;
  after: number | null;
  /** `after - before`; null unless both are known. */
  difference: number | null;
  /** `after / before`; null unless both are known and `before` is not 0. */
  ratio: number | null;
  /** Formatted for people; `difference` is empty unless both are known. */
  text: { before: string; after: string; difference: string };
}

export interface DiffSummary {
  added: number;
  removed: number;
  changed: number;
  /** How many figures moved. */
  metrics: number;
  differs: boolean;
}

export interface DesignDiff {
  changes: DesignChange[];
  metrics: MetricChange[];
  summary: DiffSummary;
}

/** How the two sides are named in the output: file names, or `HEAD:file` for a git revision. */
export interface DiffNames {
  before: string;
  after: string;
}

export function designDiff(before: Analysis, after: Analysis): DesignDiff {
  const was = sectionsOf(before.design);
  const now = sectionsOf(after.design);
  const changes = was.flatMap(([section, items], i) => sectionChanges(section, items, now[i][1]));
  const metrics = metricChanges(before, after);
  const count = (change: DesignChange['change']) => changes.filter((c) => c.change === change).length;
  return {
    changes,
    metrics,
    summary: { added: count('added'), removed: count('removed'), changed: count('changed'), metrics: metrics.length, differs: changes.length + metrics.length > 0 },
  };
}

// ---------------------------------------------------------------------------
// Changes: each section as items with an id and their fields as written, compared
// field by field. A small table per section says what an item holds.
// ---------------------------------------------------------------------------

/** A field's text as written: one text, a list compared item by item (the steps), or not written. */
type Written = string | string[] | undefined;
type ItemField = [name: string, text: Written];

interface Item {
  id: string;
  fields: ItemField[];
}

/** Every section in document order, the same sections for both sides. */
function sectionsOf(design: Design): Array<[DiffSection, Item[]]> {
  const requirements = design.requirements;
  const estimation = design.estimation;
  return [
    [
      'design',
      figures([
        ['name', design.name?.text],
        ['description', design.description?.text],
      ]),
    ],
    [
      'requirements',
      (requirements?.functional ?? []).map((r) => ({
        id: r.id.name,
        // `important` reads true unless written false, so only `false` says anything.
        fields: [['text', r.text?.text], ['op', r.op], ['important', r.important ? undefined : 'false'], sourcesOf(r)],
      })),
    ],
    ['questions', (requirements?.questions ?? []).flatMap((q) => (q.q ? [{ id: q.q.text, fields: [['a', q.a?.text]] }] : []))],
    ['out_of_scope', (requirements?.outOfScope ?? []).map((t) => ({ id: t.text, fields: [] }))],
    ['non_functional', figures(targetsOf(requirements?.nonFunctional))],
    ['notes', (requirements?.nonFunctional?.notes ?? []).map((t) => ({ id: t.text, fields: [] }))],
    ['estimation', figures(inputsOf(estimation))],
    ['values', (estimation?.values ?? []).map((v) => ({ id: v.name.name, fields: [['value', v.value.text], sourcesOf(v)] }))],
    [
      'traffic',
      (estimation?.traffic ?? []).map((t) => ({
        id: t.id.name,
        fields: [['kind', t.kind], ...Object.entries(TRAFFIC_FIELDS).map(([name, key]): ItemField => [name, t[key]?.text]), sourcesOf(t)],
      })),
    ],
    [
      'apis',
      design.apis.map((a) => ({
        id: a.id.name,
        fields: [
          ['method', a.method],
          ['path', a.path?.text],
          ['requirement', a.requirement?.name],
          ['description', a.description?.text],
          ...apiFields('request', a.request),
          ...apiFields('response', a.response),
        ],
      })),
    ],
    [
      'data_models',
      design.dataModels.map((m) => ({
        id: m.id.name,
        fields: [['store', m.store?.name], ['description', m.description?.text], ...m.fields.map((f): ItemField => [`fields.${f.name.name}`, f.definition?.text ?? ''])],
      })),
    ],
    ['components', design.components.map((c) => componentItem(c, design.groups))],
    // Members are read on their components (`group`), so a move shows once, where it happened.
    ['groups', design.groups.map((g) => ({ id: g.id.name, fields: [['label', g.label?.text]] }))],
    [
      'connections',
      design.connections.map((c) => ({
        id: `${c.from.name} -> ${c.to.name}`,
        fields: [
          ['label', c.label?.text],
          ['async', c.async ? 'true' : undefined],
          ['latency', c.latency?.text],
        ],
      })),
    ],
    [
      'flows',
      design.flows.map((f) => ({
        id: f.id.name,
        fields: [
          ['requirement', f.requirement?.name],
          ['traffic', f.traffic?.name],
          ['rate', f.rate?.text],
          ['peak_factor', f.peakFactor?.text],
          ['description', f.description?.text],
          ['step', f.steps.map(stepText)],
        ],
      })),
    ],
    [
      'scenarios',
      design.scenarios.map((s) => ({
        id: s.id.name,
        fields: [['label', s.label?.text], ...s.set.map((x): ItemField => [`set.${x.path.text}`, x.value.text]), ['fail', joined(s.fail.map((f) => f.name))]],
      })),
    ],
  ];
}

/** Figures that are entries of their own (`dau`, `latency.view-feed`): one item each, its text the `value`. */
function figures(pairs: Array<[string, string | undefined]>): Item[] {
  return pairs.flatMap(([id, text]) => (text === undefined ? [] : [{ id, fields: [['value', text]] }]));
}

/** The targets by the paths a reader knows them by; `availability` is one figure or a map like `latency`. */
function targetsOf(nf: NonFunctional | undefined): Array<[string, string | undefined]> {
  if (!nf) return [];
  const availability: Array<[string, string | undefined]> =
    nf.availabilityTargets.length > 0 ? nf.availabilityTargets.map((t) => [`availability.${t.key.name}`, t.value.text]) : [['availability', nf.availability?.text]];
  return [
    ...availability,
    ...nf.latency.map((t): [string, string] => [`latency.${t.key.name}`, t.value.text]),
    ['consistency', nf.consistency?.text],
    ['durability', nf.durability?.text],
  ];
}

/** The estimation's inputs by the paths a scenario's `set` uses (`dau`, `conventions.peak_factor`, `defaults.cache.capacity`). */
function inputsOf(e: Estimation | undefined): Array<[string, string | undefined]> {
  if (!e) return [];
  return [
    ...Object.entries(ESTIMATION_FIELDS).map(([name, key]): [string, string | undefined] => [name, e[key]?.text]),
    ...e.conventions.map((c): [string, string] => [`conventions.${c.name.name}`, c.value.text]),
    ...e.defaults.flatMap((d) => [
      ...d.fields.map((f): [string, string] => [`defaults.${d.kind.name}.${f.name.name}`, f.value.text]),
      ...COST_FIELDS.map((price): [string, string | undefined] => [`defaults.${d.kind.name}.cost.${price}`, d.cost?.[price]?.text]),
    ]),
  ];
}

function componentItem(c: Component, groups: Group[]): Item {
  const group = joined(groups.filter((g) => g.members.some((m) => m.name === c.id.name)).map((g) => g.id.name));
  // `cost: {}` prices nothing where no map keeps the kind's defaults: a difference no price shows.
  const emptyCost = c.cost !== undefined && COST_FIELDS.every((price) => c.cost?.[price] === undefined);
  return {
    id: c.id.name,
    fields: [
      ['kind', c.kind],
      ['label', c.label?.text],
      ['tech', c.tech?.text],
      ['description', c.description?.text],
      ['group', group],
      ...Object.entries(COMPONENT_FIELDS).map(([name, key]): ItemField => [name, c[key]?.text]),
      ['cost', emptyCost ? '{}' : undefined],
      ...COST_FIELDS.map((price): ItemField => [`cost.${price}`, c.cost?.[price]?.text]),
      sourcesOf(c),
    ],
  };
}

function apiFields(side: 'request' | 'response', fields: ApiField[]): ItemField[] {
  return fields.map((f) => [`${side}.${f.name.text}`, f.type]);
}

function sourcesOf(item: Sourced): ItemField {
  return ['sources', joined((item.sources ?? []).map((s) => s.text))];
}

function joined(texts: string[]): string | undefined {
  return texts.length > 0 ? texts.join(', ') : undefined;
}

/** A step as its short form says it: `a -> b: label`, or `a -> b: { label: ..., calls: ... }` when it carries load fields. */
function stepText(s: Step): string {
  const arrow = `${s.from.name} -> ${s.to.name}`;
  const load = written([
    ['calls', s.calls?.text],
    ['size', s.size?.text],
    ['kind', s.kind],
    ['async', s.async ? 'true' : undefined],
  ]);
  if (load.length === 0) return s.label ? `${arrow}: ${s.label.text}` : arrow;
  const fields = s.label ? [['label', s.label.text], ...load] : load;
  return `${arrow}: { ${fields.map(([name, text]) => `${name}: ${text}`).join(', ')} }`;
}

function written(pairs: Array<[string, string | undefined]>): Array<[string, string]> {
  return pairs.filter((pair): pair is [string, string] => pair[1] !== undefined);
}

function sectionChanges(section: DiffSection, before: Item[], after: Item[]): DesignChange[] {
  const was = byId(before);
  const now = byId(after);
  const out: DesignChange[] = [];
  for (const [id, item] of was) {
    const next = now.get(id);
    if (next === undefined) out.push(entry(section, id, 'removed', fieldChanges(item.fields, [])));
    else {
      const fields = fieldChanges(item.fields, next.fields);
      if (fields.length > 0) out.push(entry(section, id, 'changed', fields));
    }
  }
  for (const [id, item] of now) if (!was.has(id)) out.push(entry(section, id, 'added', fieldChanges([], item.fields)));
  return out;
}

function entry(section: DiffSection, id: string, change: DesignChange['change'], fields: FieldChange[]): DesignChange {
  return fields.length > 0 ? { section, id, change, fields } : { section, id, change };
}

/** Items by id; a repeated id (reported by the checks) keeps its place as `id (2)`, so nothing is lost. */
function byId(items: Item[]): Map<string, Item> {
  const out = new Map<string, Item>();
  for (const item of items) {
    let id = item.id;
    for (let n = 2; out.has(id); n++) id = `${item.id} (${n})`;
    out.set(id, item);
  }
  return out;
}

function fieldChanges(before: ItemField[], after: ItemField[]): FieldChange[] {
  const was = new Map(before);
  const now = new Map(after);
  return [...new Set([...was.keys(), ...now.keys()])].flatMap((name) => {
    const a = was.get(name);
    const b = now.get(name);
    if (typeof a === 'object' || typeof b === 'object') return listChanges(name, typeof a === 'object' ? a : [], typeof b === 'object' ? b : []);
    return a === b ? [] : [{ field: name, before: a ?? null, after: b ?? null }];
  });
}

/**
 * A list compared item by item after its common start and end, so one step inserted,
 * removed or changed is one field (`step 3`), not every step after it. Numbered from 1,
 * by the position in the new list (in the old one for what was removed).
 */
function listChanges(name: string, before: string[], after: string[]): FieldChange[] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  const out: FieldChange[] = [];
  for (let i = start; i < Math.max(before.length, after.length) - end; i++) {
    const a = i < before.length - end ? before[i] : undefined;
    const b = i < after.length - end ? after[i] : undefined;
    if (a !== b) out.push({ field: `${name} ${i + 1}`, before: a ?? null, after: b ?? null });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Metrics: the headline figures of the estimate, then each dry run's and each
// component's, where either side has them.
// ---------------------------------------------------------------------------

/** One side of the comparison, with its flows and components by id. */
interface Side {
  analysis: Analysis;
  flows: Map<string, FlowEstimate>;
  components: Map<string, ComponentLoad>;
}

interface MetricSpec {
  key: string;
  label: string;
  of: (side: Side) => number | null;
  /** With more significant digits when asked, so that two figures that differ read differently (`formatDistinct`). */
  format: (x: number, significant?: number) => string;
}

function metricChanges(before: Analysis, after: Analysis): MetricChange[] {
  const sides = [sideOf(before), sideOf(after)] as const;
  return metricSpecs(sides[0], sides[1]).flatMap((spec) => {
    const row = metricRow(spec, spec.of(sides[0]), spec.of(sides[1]));
    return row ? [row] : [];
  });
}

function sideOf(analysis: Analysis): Side {
  const { flows, components } = analysis.estimate;
  return { analysis, flows: new Map(flows.map((f) => [f.id, f])), components: new Map(components.map((c) => [c.id, c])) };
}

function metricSpecs(before: Side, after: Side): MetricSpec[] {
  const conventions = after.analysis.estimate.conventions;
  const rate = (x: number, significant?: number) => formatRate(x, conventions, significant);
  const integer = (x: number) => String(x);
  // Latencies are calendar time, whatever `seconds_per_day` says (as the estimate report reads them).
  const duration = (x: number, significant?: number) => formatDuration(x, undefined, significant);
  const total = (of: (t: Totals) => number | null) => (side: Side) => of(side.analysis.estimate.totals);
  const summed = (of: (c: ComponentLoad) => number | null) => (side: Side) => sumOf(side.analysis.estimate.components, of);
  const problems = (severity: Severity) => (side: Side) => side.analysis.problems.filter((p) => p.severity === severity).length;
  const flow = (id: string, of: (f: FlowEstimate) => number | null) => (side: Side) => {
    const found = side.flows.get(id);
    return found ? of(found) : null;
  };
  const component = (id: string, of: (c: ComponentLoad) => number | null) => (side: Side) => {
    const found = side.components.get(id);
    return found ? of(found) : null;
  };
  return [
    { key: 'peak_read_per_second', label: 'Peak reads', of: total((t) => t.peak_read_per_second), format: rate },
    { key: 'peak_write_per_second', label: 'Peak writes', of: total((t) => t.peak_write_per_second), format: rate },
    { key: 'peak_per_second', label: 'Peak requests', of: (side) => peak(side.analysis.estimate.totals), format: rate },
    { key: 'storage_bytes_per_day', label: 'New storage per day', of: total((t) => t.storage_bytes_per_day), format: formatBytes },
    { key: 'storage_bytes_total', label: 'Storage in total', of: total((t) => t.storage_bytes_total), format: formatBytes },
    { key: 'egress_bytes_per_second', label: 'Egress', of: total((t) => t.egress_bytes_per_second), format: (x, s) => formatBandwidth(x, conventions, s) },
    { key: 'cache_bytes', label: 'Cache memory', of: total((t) => t.cache_bytes), format: formatBytes },
    { key: 'instances', label: 'Instances', of: summed((c) => c.instances), format: integer },
    { key: 'instances_needed', label: 'Instances needed', of: summed((c) => c.instances_needed), format: integer },
    { key: 'cost_per_month', label: 'Cost per month', of: (side) => side.analysis.estimate.cost.per_month, format: formatMoney },
    { key: 'errors', label: 'Errors', of: problems('error'), format: integer },
    { key: 'warnings', label: 'Warnings', of: problems('warning'), format: integer },
    ...unionOf(before.flows, after.flows).flatMap((id): MetricSpec[] => [
      { key: `flows.${id}.availability`, label: `${id} availability`, of: flow(id, (f) => f.availability), format: formatPercent },
      { key: `flows.${id}.latency_seconds`, label: `${id} latency`, of: flow(id, (f) => f.latency_seconds), format: duration },
      { key: `flows.${id}.latency_peak_seconds`, label: `${id} latency at peak`, of: flow(id, (f) => f.latency_peak_seconds), format: duration },
    ]),
    ...unionOf(before.components, after.components).flatMap((id): MetricSpec[] => [
      { key: `components.${id}.utilisation`, label: `${id} utilisation`, of: component(id, (c) => c.utilisation), format: formatPercent },
      { key: `components.${id}.instances_needed`, label: `${id} instances needed`, of: component(id, (c) => c.instances_needed), format: integer },
    ]),
  ];
}

/** The ids of both sides: the old ones in their order, then the new ones. */
function unionOf(before: Map<string, unknown>, after: Map<string, unknown>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])];
}

function metricRow(spec: MetricSpec, before: number | null, after: number | null): MetricChange | undefined {
  if (same(before, after)) return undefined;
  const shown = (x: number | null) => (x === null ? NONE : spec.format(x));
  if (before === null || after === null) {
    return { key: spec.key, label: spec.label, before, after, difference: null, ratio: null, text: { before: shown(before), after: shown(after), difference: '' } };
  }
  const [textBefore, textAfter] = formatDistinct(before, after, spec.format);
  return {
    key: spec.key,
    label: spec.label,
    before,
    after,
    difference: after - before,
    ratio: before !== 0 ? after / before : null,
    text: { before: textBefore, after: textAfter, difference: changeText(before, after, spec.format) },
  };
}

/** Equal, or apart by rounding only: summing the same loads in another order must not make a row. */
function same(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

// ---------------------------------------------------------------------------
// Layouts: plain lines for a terminal, Markdown for a pull-request comment.
// ---------------------------------------------------------------------------

const SIGNS: Record<DesignChange['change'], string> = { added: '+', removed: '-', changed: '~' };

/** `1 added, 4 removed, 3 changed; 21 figures moved`, or `no differences`. */
export function diffSummaryText(s: DiffSummary): string {
  if (!s.differs) return 'no differences';
  const counts = (['added', 'removed', 'changed'] as const).filter((k) => s[k] > 0).map((k) => `${s[k]} ${k}`);
  const design = counts.length > 0 ? counts.join(', ') : 'no change as written';
  return s.metrics > 0 ? `${design}; ${s.metrics} figure${s.metrics === 1 ? '' : 's'} moved` : design;
}

/** An entry that is one figure changes only its `value`, which reads best on the entry's own line. */
function isFigure(c: DesignChange): c is DesignChange & { fields: [FieldChange] } {
  return c.fields?.length === 1 && c.fields[0].field === 'value';
}

/** The diff for a terminal: a summary line, each change with its fields, each figure that moved. */
export function diffText(d: DesignDiff, names: DiffNames): string[] {
  const out = [`${visibleText(names.before)} → ${visibleText(names.after)}: ${diffSummaryText(d.summary)}`];
  const shown = (text: string | null) => (text === null ? NONE : visibleText(text));
  const values = (c: DesignChange, f: FieldChange) => {
    if (c.change === 'added') return shown(f.after);
    if (c.change === 'removed') return shown(f.before);
    return `${shown(f.before)} → ${shown(f.after)}`;
  };
  if (d.changes.length > 0) out.push('', 'Changes');
  for (const c of d.changes) {
    const head = `  ${SIGNS[c.change]} ${c.section} ${visibleText(c.id)}`;
    if (isFigure(c)) out.push(`${head}: ${values(c, c.fields[0])}`);
    else out.push(head, ...(c.fields ?? []).map((f) => `      ${visibleText(f.field)}: ${values(c, f)}`));
  }
  if (d.metrics.length > 0) out.push('', 'Figures');
  for (const m of d.metrics) out.push(`  ${visibleText(m.label)}: ${m.text.before} → ${m.text.after}${m.text.difference ? ` (${m.text.difference})` : ''}`);
  return out;
}

/**
 * The diff as a pull-request comment: a heading naming the file, the summary, a table of
 * the changes and one of the figures. Every piece of user text is escaped or a code span.
 */
export function diffMarkdown(d: DesignDiff, names: DiffNames): string {
  const lines = [`### Design diff: ${codeSpan(names.after, false)}`, '', `${codeSpan(names.before, false)} → ${codeSpan(names.after, false)}: ${diffSummaryText(d.summary)}.`];
  if (d.changes.length > 0) {
    lines.push('', '| Change | Section | Id | Before | After |', '| --- | --- | --- | --- | --- |');
    for (const c of d.changes) lines.push(`| ${c.change} | ${c.section} | ${codeSpan(c.id, true)} | ${markdownFields(c, 'before')} | ${markdownFields(c, 'after')} |`);
  }
  if (d.metrics.length > 0) {
    lines.push('', '| Figure | Before | After | Change |', '| --- | ---: | ---: | ---: |');
    // The figures are our own text, as the design document prints them; only the label carries an id.
    for (const m of d.metrics) lines.push(`| ${escapeMarkdown(m.label)} | ${m.text.before} | ${m.text.after} | ${m.text.difference} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** One side of a change as a table cell: `field: `text``, a field a line; empty on the side an entry is missing from. */
function markdownFields(c: DesignChange, side: 'before' | 'after'): string {
  if (c.change === (side === 'before' ? 'added' : 'removed')) return '';
  const cell = (text: string | null) => (text === null ? NONE : codeSpan(text, true));
  if (isFigure(c)) return cell(c.fields[0][side]);
  return (c.fields ?? []).map((f) => `${escapeMarkdown(f.field)}: ${cell(f[side])}`).join('<br>');
}
