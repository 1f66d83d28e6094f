/**
 * Code lenses with the computed numbers (SPEC 3): the headline totals above
 * `estimation`, each traffic line's numbers above it, the downtime budget above
 * `availability`, and each flow's hops, composite availability and latency against its
 * target. Lenses show text only; their command runs nothing.
 */
import type { CodeLens, Command } from 'vscode-languageserver';
import { formatBytes, formatCount, formatDuration, formatPercent, formatRate, type Span } from '../../core';
import { componentLensText, flowLoadParts } from '../../core/load';
import { formatBandwidth } from '../../core/quantity';
import type { Positions } from '../positions';
import type { DocumentAnalysis } from './types';

/** A lens that only shows its title. */
export function textOnly(title: string): Command {
  return { title, command: '' };
}

export function codeLenses(analysis: DocumentAnalysis, positions: Positions): CodeLens[] {
  const { design, estimate } = analysis;
  const conv = estimate.conventions;
  const lenses: CodeLens[] = [];
  const lens = (span: Span, title: string) => lenses.push({ range: positions.range(span), command: textOnly(title) });
  const rate = (x: number) => formatRate(x, conv);

  const estSection = design.sections.find((s) => s.name === 'estimation');
  if (estSection) {
    const t = estimate.totals;
    const qps: string[] = [];
    if (t.read_per_second !== null) qps.push(`Reads ${rate(t.read_per_second)}${t.peak_read_per_second !== null ? ` (peak ${rate(t.peak_read_per_second)})` : ''}`);
    if (t.write_per_second !== null) qps.push(`Writes ${rate(t.write_per_second)}${t.peak_write_per_second !== null ? ` (peak ${rate(t.peak_write_per_second)})` : ''}`);
    if (t.read_write_ratio !== null) qps.push(`${formatCount(t.read_write_ratio)}:1 read:write`);
    const storage: string[] = [];
    if (t.storage_bytes_per_day !== null) storage.push(`${formatBytes(t.storage_bytes_per_day)}/day`);
    if (t.storage_bytes_per_month !== null) storage.push(`${formatBytes(t.storage_bytes_per_month)}/month`);
    if (t.storage_bytes_per_year !== null) storage.push(`${formatBytes(t.storage_bytes_per_year)}/year`);
    if (t.storage_bytes_total !== null) storage.push(`${formatBytes(t.storage_bytes_total)} total`);
    const other: string[] = [];
    if (t.ingress_bytes_per_second !== null) other.push(`In ${formatBandwidth(t.ingress_bytes_per_second, conv)}`);
    if (t.egress_bytes_per_second !== null) other.push(`Out ${formatBandwidth(t.egress_bytes_per_second, conv)}`);
    if (t.cache_bytes !== null) other.push(`Cache ${formatBytes(t.cache_bytes)}`);
    if (t.servers !== null) other.push(`Servers ${t.servers}`);
    if (qps.length > 0) lens(estSection.key, qps.join(' · '));
    if (storage.length > 0) lens(estSection.key, `Storage ${storage.join(' · ')}`);
    if (other.length > 0) lens(estSection.key, other.join(' · '));
    if (qps.length + storage.length + other.length === 0) lens(estSection.key, 'No totals yet: add dau and traffic lines with per_user (or rate) and size');
  }

  (design.estimation?.traffic ?? []).forEach((line, i) => {
    const e = estimate.traffic[i];
    if (!e) return;
    const parts: string[] = [];
    if (e.per_second !== null) parts.push(`${rate(e.per_second)} avg`);
    if (e.peak_per_second !== null) parts.push(`${rate(e.peak_per_second)} peak`);
    if (e.bytes_per_second !== null) parts.push(`${formatBandwidth(e.bytes_per_second, conv)} ${e.kind === 'write' ? 'in' : 'out'}`);
    if (e.storage_bytes_per_day !== null) parts.push(`${formatBytes(e.storage_bytes_per_day)}/day stored`);
    lens(line.id, parts.length > 0 ? parts.join(' · ') : `${line.id.name}: no rate yet (per_user with dau, or rate)`);
  });

  const availability = design.requirements?.nonFunctional?.availability;
  const a = estimate.availability;
  if (availability && a.downtime_seconds_per_year !== null) {
    const parts = [`${formatDuration(a.downtime_seconds_per_year)}/year`];
    if (a.downtime_seconds_per_month !== null) parts.push(`${formatDuration(a.downtime_seconds_per_month)}/month`);
    if (a.downtime_seconds_per_week !== null) parts.push(`${formatDuration(a.downtime_seconds_per_week)}/week`);
    if (a.downtime_seconds_per_day !== null) parts.push(`${formatDuration(a.downtime_seconds_per_day)}/day`);
    lens(availability, `Downtime budget ${parts.join(' · ')}`);
  }

  design.flows.forEach((flow, i) => {
    const e = estimate.flows[i];
    if (!e) return;
    const parts = [`${e.hops} hop${e.hops === 1 ? '' : 's'}`];
    if (e.availability !== null) {
      const target = e.availability_target;
      parts.push(target === null ? `availability ${formatPercent(e.availability)}` : `availability ${formatPercent(e.availability)} ${e.availability >= target ? '✓' : '✗'} (target ${formatPercent(target)})`);
    }
    if (e.latency_seconds !== null) {
      const target = e.latency_target_seconds;
      parts.push(target === null ? `latency ${formatDuration(e.latency_seconds)}` : `latency ${formatDuration(e.latency_seconds)} ${e.latency_seconds <= target ? '✓' : '✗'} (target ${formatDuration(target)})`);
    }
    parts.push(...flowLoadParts(e, conv));
    lens(flow.id, parts.join(' · '));
  });

  // Each component's load and whether it holds (SPEC 5.2); nothing for a component nothing sizes.
  design.components.forEach((component, i) => {
    const load = estimate.components[i];
    if (!load || load.id !== component.id.name) return;
    const title = componentLensText(load, conv);
    if (title) lens(component.id, title);
  });
  return lenses;
}
