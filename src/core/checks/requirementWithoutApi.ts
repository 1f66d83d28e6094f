import type { Check } from './check';

/** Step 3 serves step 1: each functional requirement is reachable through some API. Quiet until `apis` has entries. */
export const requirementWithoutApi: Check = {
  codes: ['sysdesign/requirement-without-api'],
  run({ design, report }) {
    if (design.apis.length === 0) return;
    const served = new Set(design.apis.flatMap((a) => (a.requirement ? [a.requirement.name] : [])));
    for (const r of design.requirements?.functional ?? []) {
      if (served.has(r.id.name)) continue;
      report({
        code: 'sysdesign/requirement-without-api',
        severity: 'warning',
        message: `No API serves "${r.id.name}"; add one with \`requirement: ${r.id.name}\`.`,
        start: r.id.start,
        end: r.id.end,
      });
    }
  },
};
