/** `sysdesign/analysis`: the five steps and their items with ranges, for the tree view. */
import { designSteps, type Problem, type StepItem } from '../../core';
import type { AnalysisSummary, ProblemTotals, StepItemSummary } from '../../protocol';
import type { Positions } from '../positions';
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
