/**
 * The back-of-the-envelope estimate of SPEC 2.3: figures in, numbers out. Pure
 * arithmetic on base units; a number that cannot be computed is null, never a guess.
 */
import { computeLoad, costEstimate, roundNoise, writeLoadInputs, type Load, type LoadCache, type LoadResult } from './load';
import { componentsById } from './lookups';
import type { Figures } from './quantities';
import type { AvailabilityEstimate, Design, Estimate, Flow, FlowEstimate, Totals, TrafficEstimate } from './types';

/** Downtime budgets use real days: a year of downtime is not shortened by `seconds_per_day: 100000`. */
const SECONDS_PER_CALENDAR_DAY = 86400;

/** `cache`, an analyzer's, skips the load model and the flow estimates when none of their inputs changed. */
export function computeEstimate(design: Design, figures: Figures, cache?: LoadCache): Estimate {
  const { conventions: conv } = figures;
  const retentionDays = figures.retentionSeconds === null ? null : figures.retentionSeconds / conv.seconds_per_day;

  const traffic: TrafficEstimate[] = figures.traffic.map((t) => {
    const kind = t.traffic.kind ?? null;
    // `per_user` wins over `rate` when both are written (the schema says which to use).
    const perSecond = t.traffic.perUser !== undefined ? mul(figures.dau, t.perUser) : t.rate;
    const peakFactor = t.peakFactor ?? conv.peak_factor;
    const perDay = mul(perSecond, conv.seconds_per_day);
    const isWrite = kind === 'write';
    const storagePerDay = isWrite ? mul(perDay, t.sizeBytes) : null;
    return {
      id: t.traffic.id.name,
      kind,
      per_day: perDay,
      per_second: perSecond,
      peak_per_second: mul(perSecond, peakFactor),
      size_bytes: t.sizeBytes,
      bytes_per_second: mul(perSecond, t.sizeBytes),
      storage_bytes_per_day: storagePerDay,
      records_total: isWrite ? mul(perDay, retentionDays) : null,
    };
  });

  const reads = traffic.filter((t) => t.kind === 'read');
  const writes = traffic.filter((t) => t.kind === 'write');
  const readPerSecond = sum(reads.map((t) => t.per_second));
  const writePerSecond = sum(writes.map((t) => t.per_second));
  const peakRead = sum(reads.map((t) => t.peak_per_second));
  const peakWrite = sum(writes.map((t) => t.peak_per_second));
  const storagePerDay = sum(writes.map((t) => t.storage_bytes_per_day));
  const readBytesPerDay = sum(reads.map((t) => mul(t.per_day, t.size_bytes)));
  const peakTotal = sum([peakRead, peakWrite]);
  const retained = mul(storagePerDay, retentionDays);

  const totals: Totals = {
    read_per_second: readPerSecond,
    write_per_second: writePerSecond,
    peak_read_per_second: peakRead,
    peak_write_per_second: peakWrite,
    read_write_ratio: readPerSecond !== null && writePerSecond !== null && writePerSecond > 0 ? readPerSecond / writePerSecond : null,
    ingress_bytes_per_second: sum(writes.map((t) => t.bytes_per_second)),
    egress_bytes_per_second: sum(reads.map((t) => t.bytes_per_second)),
    storage_bytes_per_day: storagePerDay,
    storage_bytes_per_month: mul(storagePerDay, conv.days_per_month),
    storage_bytes_per_year: mul(storagePerDay, conv.days_per_year),
    storage_bytes_retained: retained,
    storage_bytes_total: mul(retained, figures.replication ?? 1),
    cache_bytes: mul(figures.cacheHotRatio, readBytesPerDay),
    servers: peakTotal !== null && figures.serverCapacity !== null && figures.serverCapacity > 0 ? Math.max(1, Math.ceil(roundNoise(peakTotal / figures.serverCapacity))) : null,
  };

  const values: Record<string, number> = {};
  for (const v of design.estimation?.values ?? []) {
    const n = figures.values.get(v.name.name);
    if (n !== null && n !== undefined && !Object.hasOwn(values, v.name.name)) {
      Object.defineProperty(values, v.name.name, { value: n, enumerable: true, writable: true, configurable: true });
    }
  }

  const loadAndFlows = (): LoadResult => {
    const load = computeLoad(design, figures, traffic, figures.retentionSeconds);
    return { components: load.components, connections: load.connections, flows: flowEstimates(design, figures, load) };
  };
  const { components, connections, flows } = cache ? cache.get((add) => writeLoadInputs(add, design, figures, traffic), loadAndFlows) : loadAndFlows();
  return {
    conventions: { ...conv },
    dau: figures.dau,
    users: figures.users,
    concurrent: figures.concurrent,
    values,
    traffic,
    totals,
    availability: downtimeBudget(figures.availabilityTarget, conv.days_per_month, conv.days_per_year),
    flows,
    components,
    connections,
    cost: costEstimate(components, traffic, figures.dau, conv),
    scenarios: [],
  };
}

export function downtimeBudget(target: number | null, daysPerMonth: number, daysPerYear: number): AvailabilityEstimate {
  const allowed = target === null ? null : 1 - target;
  const over = (days: number): number | null => (allowed === null ? null : roundNoise(allowed * days * SECONDS_PER_CALENDAR_DAY));
  return {
    target,
    downtime_seconds_per_year: over(daysPerYear),
    downtime_seconds_per_month: over(daysPerMonth),
    downtime_seconds_per_week: over(7),
    downtime_seconds_per_day: over(1),
  };
}

/** Kinds never listed as a flow's single point of failure: run by others, or distributed by nature. */
const NOT_A_SINGLE_POINT = new Set(['client', 'external', 'dns', 'cdn']);

/**
 * A dry run's composite availability (components in series, each crossed once; with
 * `replicas: n`, 1-(1-a)^n) and its latency (each component crossed once, plus every
 * connection each step travels, replies included; async steps and steps over async
 * connections are left out), then at peak with the queueing wait of each component.
 */
function flowEstimates(design: Design, figures: Figures, load: Load): FlowEstimate[] {
  const components = componentsById(design);
  // Either direction of a connection serves a step; the first one written wins.
  const connections = new Map<string, Design['connections'][number]>();
  for (const c of design.connections) {
    const forward = `${c.from.name}\u0000${c.to.name}`;
    const backward = `${c.to.name}\u0000${c.from.name}`;
    if (!connections.has(forward)) connections.set(forward, c);
    if (!connections.has(backward)) connections.set(backward, c);
  }
  return design.flows.map((flow) => flowEstimate({ components, connections, figures, load }, flow));
}

interface FlowContext {
  components: Map<string, Design['components'][number]>;
  connections: Map<string, Design['connections'][number]>;
  figures: Figures;
  load: Load;
}

function flowEstimate({ components, connections, figures, load }: FlowContext, flow: Design['flows'][number]): FlowEstimate {
  const crossed = new Set<string>();
  // Components the response waits for: crossed by a step that is not async.
  const waitedFor = new Set<string>();
  let latency: number | null = null;
  for (const step of flow.steps) {
    crossed.add(step.from.name);
    crossed.add(step.to.name);
    const connection = connections.get(`${step.from.name}\u0000${step.to.name}`);
    if (step.async || connection?.async) continue;
    waitedFor.add(step.from.name);
    waitedFor.add(step.to.name);
    const hop = connection ? figures.connectionLatency.get(connection) : undefined;
    if (hop !== undefined && hop !== null) latency = (latency ?? 0) + hop;
  }
  let availability: number | null = null;
  let wait = 0;
  const saturated: string[] = [];
  const singlePoints: string[] = [];
  for (const id of crossed) {
    const component = components.get(id);
    if (!component) continue;
    const figured = load.byId.get(id);
    if (waitedFor.has(id)) {
      const own = figures.componentLatency.get(component);
      if (own !== undefined && own !== null) latency = (latency ?? 0) + own;
      if (figured?.queue_wait_seconds !== null && figured?.queue_wait_seconds !== undefined) wait += figured.queue_wait_seconds;
    }
    if (figured?.utilisation !== null && figured?.utilisation !== undefined && figured.utilisation >= 1) saturated.push(id);
    if (figured && figured.instances === 1 && !NOT_A_SINGLE_POINT.has(component.kind ?? '')) singlePoints.push(id);
    const a = figures.componentAvailability.get(component);
    if (a === undefined || a === null) continue;
    const replicas = figured?.replicas ?? 1;
    availability = (availability ?? 1) * (1 - Math.pow(1 - a, replicas));
  }
  const rate = load.rates.get(flow);
  const latencyTarget = targetFor(flow, figures.latencyTargets);
  const availabilityTarget = figures.availabilityTargets.size > 0 ? targetFor(flow, figures.availabilityTargets) : figures.availabilityTarget;
  return {
    id: flow.id.name,
    hops: flow.steps.length,
    availability,
    availability_target: availabilityTarget,
    latency_seconds: latency === null ? null : roundNoise(latency),
    latency_target_seconds: latencyTarget,
    rate_per_second: rate ? roundNoise(rate.perSecond) : null,
    peak_per_second: rate ? roundNoise(rate.peakPerSecond) : null,
    latency_peak_seconds: latency === null || saturated.length > 0 || !rate ? null : roundNoise(latency + wait),
    single_points_of_failure: singlePoints,
    saturated,
  };
}

/** A flow's target from a map of targets: by the flow's id, else its requirement's, else `default`. */
function targetFor(flow: Flow, targets: Map<string, number | null>): number | null {
  const pick = (key: string | undefined): number | null | undefined => (key === undefined ? undefined : targets.get(key));
  return pick(flow.id.name) ?? pick(flow.requirement?.name) ?? pick('default') ?? null;
}

function mul(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a * b;
}

/** Sum of the numbers present; null only when none is. */
function sum(xs: Array<number | null>): number | null {
  let total: number | null = null;
  for (const x of xs) if (x !== null) total = (total ?? 0) + x;
  return total;
}
