/** `sysdesign/analysis`: the five steps and their items with ranges, for the tree view. */
import { COMPONENT_KINDS, designSteps, type Design, type Problem, type RequirementOp, type SectionName, type Span, type StepItem, type StepKey } from '../../core';
import type { AnalysisSummary, ProblemTotals, StepInsertion, StepItemSummary } from '../../protocol';
import type { Positions } from '../positions';
import { indentUnit, itemColumns, lastContent, lineEnd, sectionStart } from '../textLayout';
import type { DocumentAnalysis } from './types';

export function analysisSummary(analysis: DocumentAnalysis, positions: Positions, document: { uri: string; version: number }): AnalysisSummary {
  const item = (i: StepItem): StepItemSummary => ({
    kind: i.kind,
    key: i.key,
    label: i.label,
    description: i.description,
    detail: i.detail,
    range: positions.range(i),
    errors: i.problems.errors,
    warnings: i.problems.warnings,
    messages: i.problems.messages,
    children: i.children?.map(item),
  });
  const insertions = stepInsertions(analysis, positions);
  return {
    uri: document.uri,
    version: document.version,
    name: analysis.design.name?.text,
    problems: totals(analysis.problems),
    steps: designSteps(analysis).map((s) => ({
      key: s.key,
      number: s.number,
      title: s.title,
      status: s.status,
      description: s.description,
      missing: s.missing,
      ranges: s.sections.map((span) => positions.range(span)),
      errors: s.problems.errors,
      warnings: s.problems.warnings,
      messages: s.problems.messages,
      items: s.items.map(item),
      insertions: insertions.get(s.key) ?? [],
    })),
  };
}

function totals(problems: Problem[]): ProblemTotals {
  const out: ProblemTotals = { errors: 0, warnings: 0, infos: 0 };
  for (const p of problems) {
    if (p.severity === 'error') out.errors++;
    else if (p.severity === 'warning') out.warnings++;
    else out.infos++;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Adding an item to a step (the tree's "Add" action): where the text goes and what it
// says, as a snippet in the document's own indentation and line breaks. Always one
// insert, never a rewrite of the YAML: after the list's last item, under its empty key,
// or as a new section in step order. A list in a shape no insert fits (flow style, a
// scalar) offers nothing, and the client says so.
// ---------------------------------------------------------------------------

/** One line of an item: `depth` 0 is the item's content column (the first line follows its dash). */
type ItemLine = readonly [depth: number, text: string];

interface DocText {
  text: string;
  eol: string;
  /** The document's indentation step. */
  unit: number;
}

interface Placement {
  offset: number;
  text: string;
}

const SECTION_ORDER: readonly SectionName[] = ['requirements', 'estimation', 'apis', 'data_models', 'components', 'groups', 'connections', 'flows'];
const WRITE_OPS: ReadonlySet<RequirementOp> = new Set(['create', 'update', 'delete']);
const METHOD_BY_OP: Record<RequirementOp, string> = { create: 'POST', read: 'GET', update: 'PATCH', delete: 'DELETE', search: 'GET', other: 'POST' };

function stepInsertions(analysis: DocumentAnalysis, positions: Positions): Map<StepKey, StepInsertion[]> {
  const { text, design } = analysis;
  const doc: DocText = { text, eol: positions.eol, unit: indentUnit(text) };
  const out = new Map<StepKey, StepInsertion[]>();
  const offer = (step: StepKey, kind: string, label: string, placement: Placement | undefined, folder?: string) => {
    if (!placement) return;
    const list = out.get(step) ?? [];
    list.push({ kind, label, ...(folder ? { folder } : {}), position: positions.position(placement.offset), snippet: placement.text });
    out.set(step, list);
  };
  const req = design.requirements;
  const functional = req?.functional ?? [];
  const est = design.estimation;

  // 1 Requirements: a functional requirement.
  const requirementId = fresh('new-requirement', functional.map((r) => r.id.name));
  offer(
    'requirements',
    'requirement',
    'Functional requirement',
    nestedListInsert(doc, design, 'requirements', req, 'functional', functional, [
      [0, `id: ${placeholder(1, requirementId)}`],
      [0, `text: ${placeholder(2, 'A user does something')}`],
      [0, `op: \${3|create,read,update,delete,search,other|}`],
    ]),
  );

  // 2 Estimation: a traffic line, named after the first requirement that has none.
  const trafficIds = (est?.traffic ?? []).map((t) => t.id.name);
  const forTraffic = functional.find((r) => !trafficIds.includes(r.id.name));
  const trafficKinds = forTraffic?.op && WRITE_OPS.has(forTraffic.op) ? 'write,read' : 'read,write';
  offer(
    'estimation',
    'traffic',
    'Traffic line',
    nestedListInsert(doc, design, 'estimation', est, 'traffic', est?.traffic ?? [], [
      [0, `id: ${placeholder(1, forTraffic?.id.name ?? fresh('new-traffic', trafficIds))}`],
      [0, `kind: \${2|${trafficKinds}|}`],
      [0, `per_user: ${placeholder(3, '10/day')}`],
      [0, `size: ${placeholder(4, '1KB')}`],
    ]),
  );

  // 3 API: an endpoint for the first requirement that has none.
  const served = new Set(design.apis.flatMap((a) => (a.requirement ? [a.requirement.name] : [])));
  const forApi = functional.find((r) => !served.has(r.id.name));
  const method = METHOD_BY_OP[forApi?.op ?? 'read'];
  const apiLines: ItemLine[] = [
    [0, `id: ${placeholder(1, fresh(forApi?.id.name ?? 'new-api', design.apis.map((a) => a.id.name)))}`],
    [0, `method: \${2|${[method, ...['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => m !== method)].join(',')}|}`],
    [0, `path: ${placeholder(3, '/v1/items')}`],
  ];
  if (forApi) apiLines.push([0, `requirement: ${placeholder(4, forApi.id.name)}`]);
  offer('api', 'api', 'API endpoint', listInsert(doc, design, 'apis', design.apis, apiLines));

  // 4 Data model: a table, stored in the first database when there is one.
  const database = design.components.find((c) => c.kind === 'sql-database' || c.kind === 'nosql-database');
  const tableLines: ItemLine[] = [[0, `id: ${placeholder(1, fresh('new_table', design.dataModels.map((m) => m.id.name)))}`]];
  if (database) tableLines.push([0, `store: ${placeholder(2, database.id.name)}`]);
  tableLines.push([0, 'fields:'], [1, `${placeholder(3, 'id')}: ${placeholder(4, 'uuid pk')}`]);
  offer('data-model', 'data-model', 'Table', listInsert(doc, design, 'data_models', design.dataModels, tableLines));

  // 5 Design: a component, a connection, a dry run.
  const componentIds = design.components.map((c) => c.id.name);
  const kinds = ['service', ...COMPONENT_KINDS.filter((k) => k !== 'service')].join(',');
  offer(
    'design',
    'component',
    'Component',
    listInsert(doc, design, 'components', design.components, [
      [0, `id: ${placeholder(1, fresh('new-component', componentIds))}`],
      [0, `kind: \${2|${kinds}|}`],
    ]),
    'folder:components',
  );
  offer(
    'design',
    'connection',
    'Connection',
    listInsert(doc, design, 'connections', design.connections, [[0, `${placeholder(1, componentIds[0] ?? 'from')} -> ${placeholder(2, componentIds[1] ?? 'to')}`]]),
    'folder:connections',
  );
  const covered = new Set(design.flows.flatMap((f) => (f.requirement ? [f.requirement.name] : [])));
  const forFlow = functional.find((r) => r.important && !covered.has(r.id.name));
  const hop = design.connections[0] ? [design.connections[0].from.name, design.connections[0].to.name] : [componentIds[0] ?? 'client', componentIds[1] ?? 'service'];
  const flowLines: ItemLine[] = [[0, `id: ${placeholder(1, fresh(forFlow ? `${forFlow.id.name}-dry-run` : 'new-dry-run', design.flows.map((f) => f.id.name)))}`]];
  if (forFlow) flowLines.push([0, `requirement: ${placeholder(2, forFlow.id.name)}`]);
  flowLines.push([0, 'steps:'], [1, `- ${placeholder(3, hop[0])} -> ${placeholder(4, hop[1])}: ${placeholder(5, 'request')}`]);
  offer('design', 'flow', 'Dry run', listInsert(doc, design, 'flows', design.flows, flowLines), 'folder:flows');

  return out;
}

/** An item of the top-level list `name`. */
function listInsert(doc: DocText, design: Design, name: SectionName, items: readonly Span[], lines: readonly ItemLine[]): Placement | undefined {
  const section = design.sections.find((s) => s.name === name);
  if (!section) return newSection(doc, design, name, [`${name}:`, itemText(doc, lines, doc.unit, doc.unit + 2)]);
  return appendItem(doc, section.key, items, section.end, lines);
}

/** An item of the list `child` inside the top-level map `parentName` (`requirements.functional`, `estimation.traffic`). */
function nestedListInsert(doc: DocText, design: Design, parentName: SectionName, parent: Span | undefined, child: string, items: readonly Span[], lines: readonly ItemLine[]): Placement | undefined {
  const { text, eol, unit } = doc;
  const section = design.sections.find((s) => s.name === parentName);
  if (!section) return newSection(doc, design, parentName, [`${parentName}:`, `${' '.repeat(unit)}${child}:`, itemText(doc, lines, unit * 2, unit * 2 + 2)]);
  if (items.length > 0) return appendItem(doc, undefined, items, 0, lines);
  const keyColumn = columnOf(text, section.key.start);
  if (!parent) {
    // `requirements:` with nothing under it yet.
    if (!emptyKey(doc, section.key, keyColumn)) return undefined;
    const column = keyColumn + unit;
    return { offset: lineEnd(text, section.key.end), text: `${eol}${' '.repeat(column)}${child}:${eol}${itemText(doc, lines, column + unit, column + unit + 2)}` };
  }
  const column = columnOf(text, parent.start);
  const lineStart = text.lastIndexOf('\n', parent.start - 1) + 1;
  if (text.slice(lineStart, parent.start).trim() !== '') return undefined; // a flow map `requirements: { ... }`
  const body = text.slice(lineStart, Math.max(parent.end, section.end));
  const keyLine = new RegExp(`^ {${column}}${child}[ \\t]*:`, 'm').exec(body);
  if (keyLine) {
    const start = lineStart + keyLine.index + column;
    return appendItem(doc, { start, end: start + child.length }, items, 0, lines);
  }
  // No such key yet: a new one after the map's last entry.
  return { offset: lineEnd(text, lastContent(text, parent)), text: `${eol}${' '.repeat(column)}${child}:${eol}${itemText(doc, lines, column + unit, column + unit + 2)}` };
}

/**
 * After the last item, with its indentation; or, for a list without (readable) items, right
 * under its key with the indentation of the items there or one step deeper than the key.
 */
function appendItem(doc: DocText, key: Span | undefined, items: readonly Span[], endHint: number, lines: readonly ItemLine[]): Placement | undefined {
  const { text, eol } = doc;
  const last = items[items.length - 1];
  if (last) {
    const columns = itemColumns(text, last);
    if (!columns) return undefined; // a flow list `[a, b]`
    return { offset: lineEnd(text, lastContent(text, { start: last.start, end: Math.max(last.end, endHint) })), text: eol + itemText(doc, lines, columns.dash, columns.content) };
  }
  if (!key) return undefined;
  const keyColumn = columnOf(text, key.start);
  const dash = emptyKey(doc, key, keyColumn);
  return dash === undefined ? undefined : { offset: lineEnd(text, key.end), text: eol + itemText(doc, lines, dash, dash + 2) };
}

/**
 * The dash column for the first item under `key:` when its value is empty or a block list
 * (`undefined` for a scalar, a flow collection or a map).
 */
function emptyKey(doc: DocText, key: Span, keyColumn: number): number | undefined {
  const { text } = doc;
  const end = lineEnd(text, key.end);
  if (!/^[ \t]*:[ \t]*(?:#.*)?$/.test(text.slice(key.end, end))) return undefined;
  // The first line with content after the key says what the value is.
  const re = /\r?\n([ \t]*)([^\s#][^\r\n]*)?/g;
  re.lastIndex = end;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[2] === undefined) continue; // blank or comment-only line
    const indent = m[1].length;
    const isItem = /^-(?:\s|$)/.test(m[2]);
    if (isItem && indent >= keyColumn) return indent;
    if (indent > keyColumn) return undefined;
    break;
  }
  return keyColumn + doc.unit;
}

/** A new top-level section before the next one in step order (and the comments right above it), else at the end. */
function newSection(doc: DocText, design: Design, name: SectionName, lines: string[]): Placement {
  const { text, eol } = doc;
  const after = SECTION_ORDER.slice(SECTION_ORDER.indexOf(name) + 1);
  const next = design.sections.find((s) => after.includes(s.name));
  const block = lines.join(eol) + eol;
  if (next) {
    return { offset: sectionStart(text, next.key.start), text: block + eol };
  }
  const lead = text.length === 0 ? '' : text.endsWith('\n') ? eol : eol + eol;
  return { offset: text.length, text: lead + block };
}

/** The item's lines: the first after a dash at `dash`, the others at `content` plus their depth. */
function itemText(doc: DocText, lines: readonly ItemLine[], dash: number, content: number): string {
  return lines
    .map(([depth, line], i) => (i === 0 ? `${' '.repeat(dash)}-${' '.repeat(Math.max(1, content - dash - 1))}${line}` : `${' '.repeat(content + depth * doc.unit)}${line}`))
    .join(doc.eol);
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** `base`, or `base-2`, `base-3`, ... when that id is taken. */
function fresh(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  let n = 2;
  while (taken.includes(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/** A snippet placeholder; the default text (maybe an id from the document) is escaped. */
function placeholder(n: number, value: string): string {
  return `\${${n}:${value.replace(/[\\$}]/g, '\\$&')}}`;
}
