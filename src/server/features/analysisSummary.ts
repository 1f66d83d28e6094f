/** `sysdesign/analysis`: the five steps and their items with ranges, for the tree view. */
import { COMPONENT_KINDS, designSteps, type Problem, type RequirementOp, type StepItem, type StepKey } from '../../core';
import type { AnalysisSummary, ProblemTotals, StepInsertion, StepItemSummary } from '../../protocol';
import type { Positions } from '../positions';
import { appendToNestedList, appendToSection, editDocument, type ItemLine, type OffsetEdit } from '../edits/yamlEdits';
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
    ...(analysis.shown ? { scenario: { id: analysis.shown.scenario.id.name, ...(analysis.shown.scenario.label ? { label: analysis.shown.scenario.label.text } : {}) } } : {}),
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
// Adding an item to a step (the tree's "Add" action): what the item says, as a snippet;
// where it goes is `../edits/yamlEdits.ts` (after the list's last item, under its empty
// key, or as a new section in canonical order). The snippets have no flow form, so a
// list in flow style (or a scalar) offers nothing, and the client says so.
// ---------------------------------------------------------------------------

const WRITE_OPS: ReadonlySet<RequirementOp> = new Set(['create', 'update', 'delete']);
const METHOD_BY_OP: Record<RequirementOp, string> = { create: 'POST', read: 'GET', update: 'PATCH', delete: 'DELETE', search: 'GET', other: 'POST' };

function stepInsertions(analysis: DocumentAnalysis, positions: Positions): Map<StepKey, StepInsertion[]> {
  const { text, design } = analysis;
  const doc = editDocument(text, positions.eol);
  const out = new Map<StepKey, StepInsertion[]>();
  const offer = (step: StepKey, kind: string, label: string, edit: OffsetEdit | undefined, folder?: string) => {
    if (!edit) return;
    const list = out.get(step) ?? [];
    list.push({ kind, label, ...(folder ? { folder } : {}), position: positions.position(edit.start), snippet: edit.newText });
    out.set(step, list);
  };
  const req = design.requirements;
  const functional = req?.functional ?? [];
  const est = design.estimation;

  // 1 Requirements: a functional requirement.
  const requirementId = fresh(
    'new-requirement',
    functional.map((r) => r.id.name),
  );
  offer(
    'requirements',
    'requirement',
    'Functional requirement',
    appendToNestedList(
      doc,
      design,
      { parentName: 'requirements', parent: req, child: 'functional', items: functional, place: 'last' },
      {
        lines: [
          [0, `id: ${placeholder(1, requirementId)}`],
          [0, `text: ${placeholder(2, 'A user does something')}`],
          [0, `op: \${3|create,read,update,delete,search,other|}`],
        ],
      },
    ),
  );

  // 2 Estimation: a traffic line, named after the first requirement that has none.
  const trafficIds = (est?.traffic ?? []).map((t) => t.id.name);
  const forTraffic = functional.find((r) => !trafficIds.includes(r.id.name));
  const trafficKinds = forTraffic?.op && WRITE_OPS.has(forTraffic.op) ? 'write,read' : 'read,write';
  offer(
    'estimation',
    'traffic',
    'Traffic line',
    appendToNestedList(
      doc,
      design,
      { parentName: 'estimation', parent: est, child: 'traffic', items: est?.traffic ?? [], place: 'last' },
      {
        lines: [
          [0, `id: ${placeholder(1, forTraffic?.id.name ?? fresh('new-traffic', trafficIds))}`],
          [0, `kind: \${2|${trafficKinds}|}`],
          [0, `per_user: ${placeholder(3, '10/day')}`],
          [0, `size: ${placeholder(4, '1KB')}`],
        ],
      },
    ),
  );

  // 3 API: an endpoint for the first requirement that has none.
  const served = new Set(design.apis.flatMap((a) => (a.requirement ? [a.requirement.name] : [])));
  const forApi = functional.find((r) => !served.has(r.id.name));
  const method = METHOD_BY_OP[forApi?.op ?? 'read'];
  const apiLines: ItemLine[] = [
    [
      0,
      `id: ${placeholder(
        1,
        fresh(
          forApi?.id.name ?? 'new-api',
          design.apis.map((a) => a.id.name),
        ),
      )}`,
    ],
    [0, `method: \${2|${[method, ...['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => m !== method)].join(',')}|}`],
    [0, `path: ${placeholder(3, '/v1/items')}`],
  ];
  if (forApi) apiLines.push([0, `requirement: ${placeholder(4, forApi.id.name)}`]);
  offer('api', 'api', 'API endpoint', appendToSection(doc, design, 'apis', design.apis, { lines: apiLines }));

  // 4 Data model: a table, stored in the first database when there is one.
  const database = design.components.find((c) => c.kind === 'sql-database' || c.kind === 'nosql-database');
  const tableLines: ItemLine[] = [
    [
      0,
      `id: ${placeholder(
        1,
        fresh(
          'new_table',
          design.dataModels.map((m) => m.id.name),
        ),
      )}`,
    ],
  ];
  if (database) tableLines.push([0, `store: ${placeholder(2, database.id.name)}`]);
  tableLines.push([0, 'fields:'], [1, `${placeholder(3, 'id')}: ${placeholder(4, 'uuid pk')}`]);
  offer('data-model', 'data-model', 'Table', appendToSection(doc, design, 'data_models', design.dataModels, { lines: tableLines }));

  // 5 Design: a component, a connection, a dry run.
  const componentIds = design.components.map((c) => c.id.name);
  const kinds = ['service', ...COMPONENT_KINDS.filter((k) => k !== 'service')].join(',');
  offer(
    'design',
    'component',
    'Component',
    appendToSection(doc, design, 'components', design.components, {
      lines: [
        [0, `id: ${placeholder(1, fresh('new-component', componentIds))}`],
        [0, `kind: \${2|${kinds}|}`],
      ],
    }),
    'folder:components',
  );
  offer(
    'design',
    'connection',
    'Connection',
    appendToSection(doc, design, 'connections', design.connections, { lines: [[0, `${placeholder(1, componentIds[0] ?? 'from')} -> ${placeholder(2, componentIds[1] ?? 'to')}`]] }),
    'folder:connections',
  );
  const covered = new Set(design.flows.flatMap((f) => (f.requirement ? [f.requirement.name] : [])));
  const forFlow = functional.find((r) => r.important && !covered.has(r.id.name));
  const hop = design.connections[0] ? [design.connections[0].from.name, design.connections[0].to.name] : [componentIds[0] ?? 'client', componentIds[1] ?? 'service'];
  const flowLines: ItemLine[] = [
    [
      0,
      `id: ${placeholder(
        1,
        fresh(
          forFlow ? `${forFlow.id.name}-dry-run` : 'new-dry-run',
          design.flows.map((f) => f.id.name),
        ),
      )}`,
    ],
  ];
  if (forFlow) flowLines.push([0, `requirement: ${placeholder(2, forFlow.id.name)}`]);
  flowLines.push([0, 'steps:'], [1, `- ${placeholder(3, hop[0])} -> ${placeholder(4, hop[1])}: ${placeholder(5, 'request')}`]);
  offer('design', 'flow', 'Dry run', appendToSection(doc, design, 'flows', design.flows, { lines: flowLines }), 'folder:flows');

  return out;
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
