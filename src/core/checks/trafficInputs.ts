import type { Check } from './check';

/**
 * A traffic line must be able to produce numbers: it needs a rate (`per_user` with
 * `dau`, or `rate`), and a write line needs a `size` once `retention` asks for storage.
 */
export const trafficInputs: Check = {
  codes: ['sysdesign/traffic-without-rate', 'sysdesign/missing-dau', 'sysdesign/write-without-size'],
  run({ design, report }) {
    const est = design.estimation;
    if (!est) return;
    for (const t of est.traffic) {
      if (!t.perUser && !t.rate) {
        report({
          code: 'sysdesign/traffic-without-rate',
          severity: 'warning',
          message: `Traffic line "${t.id.name}" has no rate; add \`per_user\` (e.g. \`2/day\`, per daily active user) or \`rate\` (e.g. \`500/s\`).`,
          start: t.id.start,
          end: t.id.end,
        });
      } else if (t.perUser && !est.dau) {
        report({
          code: 'sysdesign/missing-dau',
          severity: 'warning',
          message: '`per_user` counts requests per daily active user, but `dau` is not set; add `dau:` to the estimation.',
          start: t.perUser.start,
          end: t.perUser.end,
        });
      }
      if (t.kind === 'write' && !t.size && est.retention) {
        report({
          code: 'sysdesign/write-without-size',
          severity: 'warning',
          message: `Write "${t.id.name}" has no size, so it adds nothing to storage over the retention of ${est.retention.text}; add \`size:\` (e.g. \`2KB\`).`,
          start: t.id.start,
          end: t.id.end,
        });
      }
    }
  },
};
