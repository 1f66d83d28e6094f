import { formatBytes, formatCount, formatRate } from '../quantity';
import type { Span } from '../types';
import type { Check } from './check';

const DAY = 86400;

/**
 * Figures no real system has (issue #15): a slip of a unit or a magnitude (`20B/day` for
 * `20/day`, `5GB` for `5KB`) passes every dimension check and silently multiplies the
 * whole estimate. Each bound is far past the largest published system, so a warning
 * means a mistake, not an ambitious design; README "Plausibility" lists them.
 */
export const PLAUSIBLE = {
  /** People on Earth, about 8.1 billion (UN, 2024), rounded up. */
  people: 10e9,
  /** One request every 10 seconds, all day and night, from every user: 8,640 a day. */
  perUserPerSecond: 10_000 / DAY,
  /** A request or a stored record of 10 GB (a large video upload is a few GB). */
  sizeBytes: 10e9,
  /**
   * A billion requests per second at peak: the largest published figures are in the tens of
   * millions (e.g. Cloudflare's ~100 million HTTP requests per second at peak across its
   * whole network, 2024; Google Search ~100k/s on average).
   */
  peakPerSecond: 1e9,
} as const;

export const magnitudes: Check = {
  codes: ['sysdesign/implausible-figure'],
  run({ design, figures, estimate, report }) {
    const est = design.estimation;
    if (!est) return;
    const warn = (source: Span, message: string) => report({ code: 'sysdesign/implausible-figure', severity: 'warning', message, start: source.start, end: source.end });

    for (const [source, value, what] of [
      [est.users, figures.users, 'users'],
      [est.dau, figures.dau, 'daily active users'],
      [est.concurrent, figures.concurrent, 'concurrent users'],
    ] as const) {
      if (source && value !== null && value > PLAUSIBLE.people) {
        warn(source, `${formatCount(value)} ${what} is more than the people on Earth (about 8 billion); check the magnitude (\`M\`, \`B\`).`);
      }
    }
    figures.traffic.forEach((t, i) => {
      const line = estimate.traffic[i];
      if (t.traffic.perUser && t.perUser !== null && t.perUser > PLAUSIBLE.perUserPerSecond) {
        warn(
          t.traffic.perUser,
          `${formatRate(t.perUser)} per user is more than one request every 10 seconds, day and night, from every user; check the unit (\`/day\`, \`/s\`) and the magnitude.`,
        );
      }
      if (t.traffic.size && t.sizeBytes !== null && t.sizeBytes > PLAUSIBLE.sizeBytes) {
        warn(t.traffic.size, `${formatBytes(t.sizeBytes)} per request is more than any real request or record (10 GB); check the unit (\`KB\`, \`MB\`, \`GB\`).`);
      }
      if (line && line.peak_per_second !== null && line.peak_per_second > PLAUSIBLE.peakPerSecond) {
        warn(
          t.traffic.perUser ?? t.traffic.rate ?? t.traffic.id,
          `"${line.id}" peaks at ${formatRate(line.peak_per_second)}, more than any published system (tens of millions per second); check its rate and \`dau\`.`,
        );
      }
    });
  },
};
