/**
 * How often each dry run runs (SPEC 5.1): `traffic: <id>` once per request of that line,
 * `rate:` (with its own `peak_factor`), or by default the traffic line whose id is the
 * flow's requirement. A flow with none of these carries no load.
 */
import type { Figures } from '../quantities';
import type { Flow, TrafficEstimate, TrafficKind } from '../types';

export interface FlowRate {
  /** Runs per second, average and at peak. */
  perSecond: number;
  peakPerSecond: number;
  /** The traffic line's kind and size, the defaults of the flow's steps. */
  kind: TrafficKind | null;
  sizeBytes: number | null;
  /** Where the rate comes from, for lenses and hovers. */
  from: { traffic: string } | { rate: string };
}

export function flowRate(flow: Flow, figures: Figures, traffic: ReadonlyMap<string, TrafficEstimate>): FlowRate | null {
  if (flow.traffic) return fromTraffic(traffic.get(flow.traffic.name));
  if (flow.rate) {
    const own = figures.flows.get(flow);
    if (!own || own.rate === null) return null;
    const peakFactor = own.peakFactor ?? figures.conventions.peak_factor;
    return { perSecond: own.rate, peakPerSecond: own.rate * peakFactor, kind: null, sizeBytes: null, from: { rate: flow.rate.text } };
  }
  return flow.requirement ? fromTraffic(traffic.get(flow.requirement.name)) : null;
}

function fromTraffic(line: TrafficEstimate | undefined): FlowRate | null {
  if (!line || line.per_second === null || line.peak_per_second === null) return null;
  return { perSecond: line.per_second, peakPerSecond: line.peak_per_second, kind: line.kind, sizeBytes: line.size_bytes, from: { traffic: line.id } };
}
