/**
 * The preview's comparison (issue #18): the design against another version of it (a file,
 * or the file's last committed version), as the core's `designDiff` says, formatted for the
 * webview: the architecture nodes of components added or changed since then, the ones gone,
 * every change field by field, and the figures that moved.
 */
import { designDiff, diffSummaryText, NONE, type Analysis, type DiagramNode } from '../../core';
import type { PreviewComparison } from '../../protocol';

/** The version a document is compared with: its name for people, and its analysis. */
export interface Baseline {
  name: string;
  analysis: Analysis;
}

/** `current` is the design as written (never a scenario's): a comparison is between two versions of the text. */
export function previewComparison(baseline: Baseline, current: Analysis, architectureNodes: readonly DiagramNode[]): PreviewComparison {
  const diff = designDiff(baseline.analysis, current);
  const nodeOf = new Map(architectureNodes.filter((n) => n.kind === 'component').map((n) => [n.id, n.nodeId]));
  const components = diff.changes.filter((c) => c.section === 'components');
  const nodesOf = (change: 'added' | 'changed') => components.flatMap((c) => (c.change === change && nodeOf.has(c.id) ? [nodeOf.get(c.id)!] : []));
  return {
    against: baseline.name,
    summary: diffSummaryText(diff.summary),
    addedNodes: nodesOf('added'),
    changedNodes: nodesOf('changed'),
    removed: components.filter((c) => c.change === 'removed').map((c) => c.id),
    changes: diff.changes.map((c) => ({
      change: c.change,
      section: c.section,
      id: c.id,
      fields: (c.fields ?? []).map((f) => ({ field: f.field, before: f.before ?? NONE, after: f.after ?? NONE })),
    })),
    metrics: diff.metrics.map((m) => ({ label: m.label, before: m.text.before, after: m.text.after, difference: m.text.difference })),
  };
}
