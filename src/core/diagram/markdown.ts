/**
 * A design document in Markdown that a reviewer reads top to bottom: the five steps as
 * sections and tables with every description, API field and answer, the estimate with
 * each figure's expression and where it comes from (`source`), the load, capacity and
 * cost tables, every dry run step by step, the scenarios side by side, and every
 * diagram as a ```mermaid block (GitHub renders them).
 *
 * User text is escaped (`escapeMarkdown`, `codeSpan`) so a label can never become
 * markup, a link, HTML or a table cell of its own; diagram text is already encoded.
 */
import { cellsOf, estimateInputs, estimateReport, NONE, scenarioComparison, type Figure, type InputRow, type ReportRow, type ReportSection } from '../report';
import type { ApiField, Design, Estimate, EvaluatedQuantity, Sourced, Text } from '../types';
import { codeSpan, escapeMarkdown } from './encode';
import { diagramFor, type DiagramView } from './views';

export interface MarkdownInput {
  design: Design;
  estimate: Estimate;
  /** Evaluated quantities by source offset (from the Analysis), to show computed values. */
  quantities?: ReadonlyMap<number, EvaluatedQuantity>;
}

const NOT_YET = '_Not written yet._';

/** Estimate sections whose report title would read ambiguously in the whole document (section 5 has "Dry runs" too). */
const SECTION_TITLES: Partial<Record<ReportSection['key'], string>> = { traffic: 'Traffic figures', flows: 'Dry runs: availability and latency' };

export function designMarkdown(input: MarkdownInput): string {
  const { design } = input;
  const out: string[] = [];
  out.push(`# ${design.name?.text ? escapeMarkdown(design.name.text) : 'Untitled design'}`, '');
  if (design.description?.text) out.push(escapeMarkdown(design.description.text), '');

  requirements(design, out);
  estimation(input, out);
  apis(design, out);
  dataModels(design, out);
  architecture(design, out);
  scenarios(input, out);
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

function requirements(design: Design, out: string[]): void {
  out.push('## 1. Requirements', '');
  const r = design.requirements;
  if (!r || (r.questions.length === 0 && r.functional.length === 0 && r.outOfScope.length === 0 && !r.nonFunctional)) {
    out.push(NOT_YET, '');
    return;
  }
  if (r.questions.length > 0) {
    out.push('### Questions', '');
    out.push(
      ...table(
        ['Question', 'Answer'],
        r.questions.map((q) => [cell(q.q?.text), cell(q.a?.text)]),
      ),
      '',
    );
  }
  if (r.functional.length > 0) {
    out.push('### Functional requirements', '');
    const sourced = r.functional.some((f) => f.sources);
    out.push(
      ...table(
        ['Requirement', 'Operation', 'Important', 'Description', ...(sourced ? ['Source'] : [])],
        r.functional.map((f) => [code(f.id.name), f.op ?? NONE, f.important ? 'yes' : 'no', cell(f.text?.text), ...(sourced ? [sourcesCell(f)] : [])]),
      ),
      '',
    );
  }
  if (r.outOfScope.length > 0) {
    out.push('### Out of scope', '', ...r.outOfScope.map((t) => `- ${escapeMarkdown(t.text)}`), '');
  }
  const nf = r.nonFunctional;
  if (nf) {
    out.push('### Non-functional requirements', '');
    const rows: string[][] = [];
    for (const a of nf.availabilityTargets) rows.push([a.key.name === 'default' ? 'Availability (default)' : `Availability of ${code(a.key.name)}`, code(a.value.text)]);
    if (nf.availability && nf.availabilityTargets.length === 0) rows.push(['Availability', code(nf.availability.text)]);
    for (const l of nf.latency) rows.push([l.key.name === 'default' ? 'Latency (default)' : `Latency of ${code(l.key.name)}`, code(l.value.text)]);
    if (nf.consistency) rows.push(['Consistency', cell(nf.consistency.text)]);
    if (nf.durability) rows.push(['Durability', code(nf.durability.text)]);
    if (rows.length > 0) out.push(...table(['Target', 'Value'], rows), '');
    if (nf.notes.length > 0) out.push(...nf.notes.map((t) => `- ${escapeMarkdown(t.text)}`), '');
  }
}

function estimation(input: MarkdownInput, out: string[]): void {
  const { design, estimate } = input;
  const e = design.estimation;
  out.push('## 2. Estimation', '');
  if (!e) {
    out.push(NOT_YET, '');
    return;
  }
  const { inputs, values } = estimateInputs(design, estimate, input.quantities);
  if (inputs.length > 0) {
    const label = (row: InputRow) => (row.name === undefined ? row.label : `${row.label} ${code(row.name)}`);
    out.push(
      ...table(
        ['Input', 'Value'],
        inputs.map((row) => [label(row), `${code(row.expression)}${row.result === undefined ? '' : ` = ${row.result}`}`]),
      ),
      '',
    );
  }
  if (values.length > 0) {
    const sourced = values.some((row) => row.sources);
    out.push('### Values', '');
    out.push(
      ...table(
        ['Name', 'Expression', 'Value', ...(sourced ? ['Source'] : [])],
        values.map((row) => [code(row.label), code(row.expression), row.result ?? NONE, ...(sourced ? [row.sources ? row.sources.map(escapeMarkdown).join('; ') : NONE] : [])]),
      ),
      '',
    );
  }
  if (e.traffic.length > 0) {
    // The lines as written, so each computed figure below can be traced to its expression.
    const sourced = e.traffic.some((t) => t.sources);
    const written = (q: { text: string } | undefined) => (q ? code(q.text) : NONE);
    out.push('### Traffic lines', '');
    out.push(
      ...table(
        ['Traffic', 'Kind', 'Per user', 'Rate', 'Size', 'Peak factor', ...(sourced ? ['Source'] : [])],
        e.traffic.map((t) => [code(t.id.name), t.kind ?? NONE, written(t.perUser), written(t.rate), written(t.size), written(t.peakFactor), ...(sourced ? [sourcesCell(t)] : [])]),
      ),
      '',
    );
  }

  for (const section of estimateReport(estimate).sections) {
    out.push(`### ${SECTION_TITLES[section.key] ?? section.title}`, '');
    for (const rows of tablesOf(section)) {
      const columns = cellsOf(rows[0]);
      const right = columns.flatMap((f, i) => (f.unit === 'word' ? [] : [i + 1]));
      // Item rows are labelled by an id written in the design, shown as code.
      const label = (row: ReportRow) => (section.layout === 'items' ? code(row.label) : row.label);
      // Words (a kind, the ids of single points of failure) come from the design: escaped like any text of it.
      const text = (f: Figure) => (f.unit === 'word' && f.value !== null ? cell(f.text) : f.text);
      out.push(
        ...table(
          [section.heading, ...columns.map((f) => f.label)],
          rows.map((row) => [label(row), ...cellsOf(row).map(text)]),
          right,
        ),
        '',
      );
    }
  }
}

/** A section as Markdown tables: consecutive rows with the same columns share one. */
function tablesOf(section: ReportSection): ReportRow[][] {
  const tables: ReportRow[][] = [];
  const columnsOf = (row: ReportRow) =>
    cellsOf(row)
      .map((f) => f.label)
      .join('\u0000');
  for (const row of section.rows) {
    const last = tables[tables.length - 1];
    if (last && columnsOf(last[0]) === columnsOf(row)) last.push(row);
    else tables.push([row]);
  }
  return tables;
}

function apis(design: Design, out: string[]): void {
  out.push('## 3. API', '');
  if (design.apis.length === 0) {
    out.push(NOT_YET, '');
    return;
  }
  out.push(
    ...table(
      ['Endpoint', 'API', 'Requirement'],
      design.apis.map((api) => {
        const endpoint = [api.method, api.path?.text].filter((x) => x !== undefined).join(' ');
        return [endpoint === '' ? NONE : code(endpoint), code(api.id.name), api.requirement ? code(api.requirement.name) : NONE];
      }),
    ),
    '',
  );
  const seen = new Set<string>();
  for (const api of design.apis) {
    if (seen.has(api.id.name) || (!api.description && api.request.length === 0 && api.response.length === 0)) continue;
    seen.add(api.id.name);
    out.push(`### ${escapeMarkdown(api.id.name)}`, '');
    if (api.description?.text) out.push(escapeMarkdown(api.description.text), '');
    const rows = [...fieldRows('request', api.request), ...fieldRows('response', api.response)];
    if (rows.length > 0) out.push(...table(['Field', 'In', 'Type'], rows), '');
  }
}

function fieldRows(side: 'request' | 'response', fields: ApiField[]): string[][] {
  return fields.map((f) => [code(f.name.text), side, f.type === '' ? NONE : code(f.type)]);
}

function dataModels(design: Design, out: string[]): void {
  out.push('## 4. Data model', '');
  if (design.dataModels.length === 0) {
    out.push(NOT_YET, '');
    return;
  }
  diagram(design, 'er', out);
  for (const model of design.dataModels) {
    out.push(`### ${escapeMarkdown(model.id.name)}`, '');
    if (model.description?.text) out.push(escapeMarkdown(model.description.text), '');
    if (model.store) out.push(`Stored in ${codeSpan(model.store.name, false)}.`, '');
    if (model.fields.length === 0) continue;
    out.push(
      ...table(
        ['Field', 'Type', 'Keys'],
        model.fields.map((f) => {
          const keys: string[] = [];
          if (f.pk) keys.push('primary key');
          if (f.fk) keys.push(`foreign key to ${code(f.fk.field ? `${f.fk.table.name}.${f.fk.field.name}` : f.fk.table.name)}`);
          if (f.unique) keys.push('unique');
          if (f.index) keys.push('index');
          return [code(f.name.name), f.type ? code(f.type.text) : NONE, keys.length > 0 ? keys.join(', ') : NONE];
        }),
      ),
      '',
    );
  }
}

function architecture(design: Design, out: string[]): void {
  out.push('## 5. Design', '');
  if (design.components.length === 0 && design.flows.length === 0) {
    out.push(NOT_YET, '');
    return;
  }
  if (design.components.length > 0) {
    out.push('### Architecture', '');
    diagram(design, 'architecture', out);
    const sourced = design.components.some((c) => c.sources);
    out.push(
      ...table(
        ['Component', 'Kind', 'Label', 'Tech', 'Replicas', 'Description', ...(sourced ? ['Source'] : [])],
        design.components.map((c) => [
          code(c.id.name),
          c.kind ?? NONE,
          cell(c.label?.text),
          cell(c.tech?.text),
          c.replicas === undefined ? NONE : code(c.replicas.text),
          cell(c.description?.text),
          ...(sourced ? [sourcesCell(c)] : []),
        ]),
      ),
      '',
    );
  }
  if (design.connections.length > 0) {
    out.push('### Connections', '');
    out.push(
      ...table(
        ['From', 'To', 'Label', 'Async', 'Latency'],
        design.connections.map((c) => [code(c.from.name), code(c.to.name), cell(c.label?.text), c.async ? 'yes' : 'no', c.latency ? code(c.latency.text) : NONE]),
      ),
      '',
    );
  }
  if (design.flows.length > 0) {
    out.push('### Dry runs', '');
    const seen = new Set<string>();
    for (const flow of design.flows) {
      if (seen.has(flow.id.name)) continue;
      seen.add(flow.id.name);
      out.push(`#### ${escapeMarkdown(flow.id.name)}`, '');
      if (flow.description?.text) out.push(escapeMarkdown(flow.description.text), '');
      if (flow.requirement) out.push(`Requirement: ${codeSpan(flow.requirement.name, false)}.`, '');
      diagram(design, { kind: 'flow', id: flow.id.name }, out);
      // The steps as text too: a review reads them, and a diff of them shows what moved.
      out.push(
        ...flow.steps.map((step, i) => {
          const fields = [step.calls && `calls ${code(step.calls.text)}`, step.size && `size ${code(step.size.text)}`, step.kind, step.async && 'async'].filter(Boolean);
          return `${i + 1}. ${code(step.from.name)} → ${code(step.to.name)}${step.label?.text ? `: ${escapeMarkdown(step.label.text)}` : ''}${fields.length > 0 ? ` (${fields.join(', ')})` : ''}`;
        }),
        '',
      );
    }
  }
}

/** Each scenario as written, then the base and every scenario side by side. */
function scenarios(input: MarkdownInput, out: string[]): void {
  const { design, estimate } = input;
  if (design.scenarios.length === 0) return;
  out.push('## Scenarios', '');
  for (const scenario of design.scenarios) {
    const changes = [...scenario.set.map((s) => `${code(s.path.text)} = ${code(s.value.text)}`), ...scenario.fail.map((f) => `${code(f.name)} fails`)];
    out.push(`- ${code(scenario.id.name)}${scenario.label?.text ? ` (${escapeMarkdown(scenario.label.text)})` : ''}: ${changes.length > 0 ? changes.join('; ') : 'no changes'}`);
  }
  out.push('');
  if (estimate.scenarios.length === 0) return;
  const comparison = scenarioComparison(estimate);
  out.push(
    ...table(
      ['Figure', ...comparison.columns.map((c) => (c.key === 'base' ? 'Base' : code(c.key)))],
      // Figures are ours and shown as they are; words (busiest, over capacity) name ids of the design.
      comparison.rows.map((row) => [row.label, ...row.cells.map((c) => `${typeof c.value === 'string' ? cell(c.text) : c.text}${c.change ? ` (${c.change})` : ''}`)]),
      comparison.columns.map((_, i) => i + 1),
    ),
    '',
  );
}

/** A ```mermaid block, or a quoted note when the diagram cannot be drawn. */
function diagram(design: Design, view: DiagramView, out: string[]): void {
  const result = diagramFor(design, view);
  if ('error' in result) out.push(`> ${escapeMarkdown(result.error)}`, '');
  else out.push('```mermaid', result.text.trimEnd(), '```', '');
}

function code(text: string): string {
  return codeSpan(text, true);
}

/** A figure's or a requirement's sources in a table cell, `;` between them. */
function sourcesCell(item: Sourced): string {
  return item.sources ? item.sources.map((t: Text) => escapeMarkdown(t.text)).join('; ') : NONE;
}

function cell(text: string | undefined): string {
  return text === undefined || text.trim() === '' ? NONE : escapeMarkdown(text);
}

/** A GFM table; `right` lists the columns of numbers, aligned right. */
function table(header: string[], rows: string[][], right: number[] = []): string[] {
  const align = header.map((_, i) => (right.includes(i) ? '---:' : '---'));
  return [`| ${header.join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}
