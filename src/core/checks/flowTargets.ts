import { formatDistinct, formatDuration, formatPercent } from '../quantity';
import type { Check } from './check';

/** A duration and its target, as texts that differ whenever they differ (never "200 ms, over its 200 ms target"). */
const durations = (a: number, b: number) => formatDistinct(a, b, (x, significant) => formatDuration(x, undefined, significant));

/** A dry run that misses its requirement's availability or latency target is a design problem worth seeing early. */
export const flowTargets: Check = {
  codes: ['sysdesign/flow-availability', 'sysdesign/flow-latency'],
  run({ design, estimate, report }) {
    design.flows.forEach((flow, i) => {
      const e = estimate.flows[i];
      if (!e) return;
      if (e.availability !== null && e.availability_target !== null && e.availability < e.availability_target - 1e-12) {
        const [availability, target] = formatDistinct(e.availability, e.availability_target, formatPercent);
        report({
          code: 'sysdesign/flow-availability',
          severity: 'warning',
          message: `"${flow.id.name}" crosses components with a composite availability of ${availability}, below the ${target} target; add replicas or remove a hop.`,
          start: flow.id.start,
          end: flow.id.end,
        });
      }
      if (e.latency_seconds !== null && e.latency_target_seconds !== null && e.latency_seconds > e.latency_target_seconds + 1e-12) {
        const [latency, target] = durations(e.latency_seconds, e.latency_target_seconds);
        report({
          code: 'sysdesign/flow-latency',
          severity: 'warning',
          message: `"${flow.id.name}" takes ${latency} end to end, over its ${target} target.`,
          start: flow.id.start,
          end: flow.id.end,
        });
      } else if (e.latency_peak_seconds !== null && e.latency_target_seconds !== null && e.latency_peak_seconds > e.latency_target_seconds + 1e-12) {
        const [latency, target] = durations(e.latency_peak_seconds, e.latency_target_seconds);
        report({
          code: 'sysdesign/flow-latency',
          severity: 'warning',
          message: `"${flow.id.name}" takes ${latency} end to end at peak (${formatDuration(e.latency_seconds ?? 0)} plus queueing), over its ${target} target.`,
          start: flow.id.start,
          end: flow.id.end,
        });
      }
    });
  },
};
