import type { Check } from './check';

/**
 * A traffic line must be able to produce numbers: it needs a rate (`per_user` with
 * `dau`, or `rate`), and a write line needs a `size` once `retention` asks for storage.
 * No total may be silently partial: a read line without a size, while other reads or the
 * cache are sized, would drop out of egress and cache memory without a word, and a `rate`
 * beside `per_user` would be ignored.
 */
export const trafficInputs: Check = {
  codes: ['sysdesign/traffic-without-rate', 'sysdesign/missing-dau', 'sysdesign/write-without-size', 'sysdesign/read-without-size', 'sysdesign/rate-ignored'],
  run({ design, report }) {
    const est = design.estimation;
    if (!est) return;
    // Reads are summed into egress and cache memory once any read has a size or the cache is sized.
    const readsSized = est.traffic.some((t) => t.kind === 'read' && t.size) || est.cacheHotRatio !== undefined;
    for (const t of est.traffic) {
      if (t.perUser && t.rate) {
        report({
          code: 'sysdesign/rate-ignored',
          severity: 'warning',
          message: `Traffic line "${t.id.name}" has both \`per_user\` and \`rate\`; \`per_user\` is used and \`rate\` (${t.rate.text}) is ignored. Remove one.`,
          start: t.rate.start,
          end: t.rate.end,
        });
      }
      if (t.kind === 'read' && !t.size && readsSized) {
        report({
          code: 'sysdesign/read-without-size',
          severity: 'warning',
          message: `Read "${t.id.name}" has no size, so it adds nothing to egress and cache memory; add \`size:\` (bytes served per request, e.g. \`10KB\`).`,
          start: t.id.start,
          end: t.id.end,
        });
      }
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
