import type { Check } from './check';

/**
 * The rule of step 5: every important functional requirement gets a dry run from start
 * to end. Quiet until the author has started step 5 (components or flows exist).
 */
export const missingDryRun: Check = {
  codes: ['sysdesign/missing-dry-run'],
  run({ design, report }) {
    if (design.components.length === 0 && design.flows.length === 0) return;
    const covered = new Set(design.flows.flatMap((f) => (f.requirement ? [f.requirement.name] : [])));
    for (const r of design.requirements?.functional ?? []) {
      if (!r.important || covered.has(r.id.name)) continue;
      report({
        code: 'sysdesign/missing-dry-run',
        severity: 'warning',
        message: `"${r.id.name}" is important but has no dry run; add a flow with \`requirement: ${r.id.name}\` that walks the request from start to end (or mark it \`important: false\`).`,
        start: r.id.start,
        end: r.id.end,
      });
    }
  },
};
