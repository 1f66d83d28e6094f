/**
 * Inlay hints after estimation values: what an expression comes to (`= 4 MB`) and what
 * the line adds up to (`× dau = 3.47k/s`, `→ 4 TB/day`). Nothing where the hint would
 * repeat what is written (`10M`, `2/day`, `20%`).
 */
import type { InlayHint } from 'vscode-languageserver';
import { formatBytes, formatRate, type EvaluatedQuantity, type Span } from '../../core';
import { neededText } from '../../core/load';
import { formatBandwidth, formatPercent } from '../../core/quantity';
import { formatEvaluated, repeatsSource } from '../format';
import type { Positions } from '../positions';
import type { DocumentAnalysis } from './types';

export function inlayHints(analysis: DocumentAnalysis, positions: Positions, span: Span): InlayHint[] {
  const hints = componentHints(analysis, positions, span);
  const est = analysis.design.estimation;
  if (!est) return hints;
  const { estimate } = analysis;
  const conv = estimate.conventions;
  const extra = new Map<number, string>();
  est.traffic.forEach((t, i) => {
    const e = estimate.traffic[i];
    if (!e) return;
    if (t.perUser && e.per_second !== null) extra.set(t.perUser.start, `× dau = ${formatRate(e.per_second, conv)}`);
    if (t.size) {
      if (e.kind === 'write' && e.storage_bytes_per_day !== null) extra.set(t.size.start, `→ ${formatBytes(e.storage_bytes_per_day)}/day`);
      else if (e.bytes_per_second !== null) extra.set(t.size.start, `→ ${formatBandwidth(e.bytes_per_second, conv)}`);
    }
  });
  const totals = estimate.totals;
  if (est.retention && totals.storage_bytes_total !== null) extra.set(est.retention.start, `→ ${formatBytes(totals.storage_bytes_total)} stored`);
  if (est.cacheHotRatio && totals.cache_bytes !== null) extra.set(est.cacheHotRatio.start, `→ cache ${formatBytes(totals.cache_bytes)}`);
  if (est.serverCapacity && totals.servers !== null) extra.set(est.serverCapacity.start, `→ ${totals.servers} server${totals.servers === 1 ? '' : 's'}`);

  const quantities = [...analysis.quantities.values()]
    .filter((q) => q.start >= est.start && q.end <= est.end && q.end >= span.start && q.start <= span.end)
    .sort((a, b) => a.start - b.start);
  for (const q of quantities) {
    const parts: string[] = [];
    const value = valueHint(analysis, q);
    if (value) parts.push(`= ${value}`);
    const more = extra.get(q.start);
    if (more) parts.push(more);
    if (parts.length === 0) continue;
    hints.push({ position: positions.position(q.end), label: parts.join(' '), paddingLeft: true });
  }
  return hints.sort((a, b) => positions.offset(a.position) - positions.offset(b.position));
}

/** After `replicas:` and `shards:` of a component with load: its utilisation, and what it needs when that differs. */
function componentHints(analysis: DocumentAnalysis, positions: Positions, span: Span): InlayHint[] {
  const hints: InlayHint[] = [];
  analysis.design.components.forEach((c, i) => {
    const load = analysis.estimate.components[i];
    if (!load || load.id !== c.id.name || load.utilisation === null) return;
    const field = c.shards ?? c.replicas;
    if (!field || field.end < span.start || field.start > span.end) return;
    const need = neededText(load);
    hints.push({ position: positions.position(field.end), label: `→ ${formatPercent(load.utilisation)} at peak${need ? `, ${need}` : ''}`, paddingLeft: true });
  });
  return hints;
}

/** The formatted value, unless it only repeats the source. */
function valueHint(analysis: DocumentAnalysis, q: EvaluatedQuantity): string | undefined {
  const source = analysis.text.slice(q.start, q.end);
  if (/^\s*[-+]?[\d.,_]+(?:e[-+]?\d+)?\s*$/i.test(source)) return undefined;
  // `rate: 1M/min` gets `= 16.7k/s`; `uploads * 2` gets `= 2M/min (33.3k/s)`.
  const shown = formatEvaluated(q, analysis.estimate.conventions, source);
  return shown === undefined || repeatsSource(shown, source) ? undefined : shown;
}
