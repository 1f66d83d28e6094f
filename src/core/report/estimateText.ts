/**
 * The estimate report as plain-text tables for a terminal (`sysdesign estimate`): a
 * title per section, item sections with a header row, named figures as label and value.
 */
import { cellsOf, labelledValue, type EstimateReport } from './estimateReport';

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

/** Columns padded to their widest cell, two spaces apart, indented by two. */
function textTable(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => `  ${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')}`.trimEnd());
}
