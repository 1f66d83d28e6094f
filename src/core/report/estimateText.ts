/**
 * The estimate report as plain-text tables for a terminal (`sysdesign estimate`): a
 * title per section, item sections with a header row, named figures as label and value.
 */
import { cellsOf, labelledValue, NONE, type EstimateReport } from './estimateReport';
import type { Comparison } from './compare';
import type { EstimateInputs } from './inputs';

/** What the estimate starts from (`estimateInputs`): the inputs as written with their results, then the named values. */
export function inputsText({ inputs, values }: EstimateInputs): string[] {
  const out: string[] = [];
  if (inputs.length > 0) {
    out.push('Inputs');
    out.push(
      ...textTable(inputs.map((row) => [row.name === undefined ? row.label : `${row.label} ${row.name}`, row.expression, row.result === undefined ? '' : `= ${row.result}`])),
    );
  }
  if (values.length > 0) {
    if (out.length > 0) out.push('');
    out.push('Values');
    out.push(...textTable([['Name', 'Expression', 'Value'], ...values.map((row) => [row.label, row.expression, row.result ?? NONE])]));
  }
  return out;
}

export function estimateText(report: EstimateReport): string[] {
  const out: string[] = [];
  for (const section of report.sections) {
    if (out.length > 0) out.push('');
    out.push(section.title);
    if (section.layout === 'items') {
      // Every row of an item section has the same figures, so the first names the columns.
      const header = [section.heading, ...cellsOf(section.rows[0]).map((f) => f.label)];
      out.push(...textTable([header, ...section.rows.map((row) => [row.label, ...cellsOf(row).map((f) => f.text)])]));
    } else {
      out.push(...textTable(section.rows.map(labelledValue).map(({ label, value }) => [label, value])));
    }
  }
  return out;
}

/** The base and every scenario side by side, each scenario's change from the base in parentheses. */
export function comparisonText(comparison: Comparison): string[] {
  const header = ['', ...comparison.columns.map((c) => c.label)];
  const rows = comparison.rows.map((r) => [r.label, ...r.cells.map((c) => (c.change ? `${c.text} (${c.change})` : c.text))]);
  return textTable([header, ...rows]);
}

/** Columns padded to their widest cell, two spaces apart, indented by two. */
function textTable(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => `  ${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')}`.trimEnd());
}
