/**
 * The load of the dry runs on each component and connection, and whether each component
 * holds it (SPEC 5.1, 5.2). Pure arithmetic on the figures; null wherever an input is
 * missing, never a guess.
 *
 * A step is a request to its `to` component unless it runs against the direction of the
 * connection it follows (a reply), which adds no load. Each request adds the flow's rate
 * x `calls` to its target and its connection, reads and writes apart.
 */
import { componentsById } from '../lookups';
import type { Figures } from '../quantities';
import { STATEFUL_KINDS, type Component, type ComponentLoad, type Connection, type ConnectionLoad, type Design, type Flow, type TrafficEstimate, type TrafficKind } from '../types';
import { sizedFigure } from './capacity';
import { componentCost, componentPrices } from './cost';
import { erlangCWait } from './erlang';
import { flowRate, type FlowRate } from './flowRates';
import { roundNoise } from './round';

/** Kinds whose stored bytes are what was written over the retention (a cache evicts, a queue drains). */
const RETAINING_KINDS = new Set(['sql-database', 'nosql-database', 'object-store', 'stream', 'search']);

/** Callers whose reads are billed as transfer out (SPEC 5.4): the internet, not the design's own components. */
const EGRESS_CALLERS = new Set(['client', 'external']);

export interface Load {
  components: ComponentLoad[];
  connections: ConnectionLoad[];
  /** Each flow's rate, for flows that run at one. */
  rates: Map<Flow, FlowRate>;
  /** Components by id (first definition wins), for the flows' queueing waits. */
  byId: Map<string, ComponentLoad>;
}

interface Tally {
  peakReads: number;
  peakWrites: number;
  bytesIn: number;
  bytesOut: number;
  /** Average requests per second, for what it is billed per request. */
  requests: number;
  /** Average bytes per second sent on reads called by a client or an external system, for transfer. */
  egressBytes: number;
  /** Average bytes per second written with a known size, for what the component stores. */
  writtenBytes: number;
  /** Has any request with a rate reached it. */
  reached: boolean;
  byFlow: Map<string, { peak: number; kind: TrafficKind }>;
}

export function computeLoad(design: Design, figures: Figures, traffic: readonly TrafficEstimate[], retentionSeconds: number | null): Load {
  const lines = new Map<string, TrafficEstimate>();
  for (const t of traffic) if (!lines.has(t.id)) lines.set(t.id, t);
  const components = componentsById(design);
  // from -> to -> the first connection written that way (nested maps: no key strings per step).
  const forward = new Map<string, Map<string, Connection>>();
  for (const c of design.connections) {
    let targets = forward.get(c.from.name);
    if (!targets) forward.set(c.from.name, (targets = new Map()));
    if (!targets.has(c.to.name)) targets.set(c.to.name, c);
  }
  const tallies = new Map<string, Tally>();
  const connectionTallies = new Map<Connection, { peak: number; bytes: number }>();
  const rates = new Map<Flow, FlowRate>();

  for (const flow of design.flows) {
    const rate = flowRate(flow, figures, lines);
    if (!rate) continue;
    rates.set(flow, rate);
    for (const step of flow.steps) {
      const connection = forward.get(step.from.name)?.get(step.to.name);
      // A step back along a connection is its reply: the request already counted.
      if (!connection && forward.get(step.to.name)?.has(step.from.name)) continue;
      const own = figures.steps.get(step);
      const calls = step.calls ? (own?.calls ?? null) : 1;
      if (calls === null) continue;
      const kind: TrafficKind = step.kind ?? rate.kind ?? 'read';
      const size = step.size ? (own?.size ?? null) : rate.sizeBytes;
      const avg = rate.perSecond * calls;
      const peak = rate.peakPerSecond * calls;
      const bytes = size === null ? 0 : avg * size;
      if (connection) {
        const ct = connectionTallies.get(connection) ?? { peak: 0, bytes: 0 };
        ct.peak += peak;
        ct.bytes += bytes;
        connectionTallies.set(connection, ct);
      }
      if (!components.has(step.to.name)) continue;
      const t = tallies.get(step.to.name) ?? newTally();
      tallies.set(step.to.name, t);
      t.reached = true;
      if (kind === 'write') {
        t.peakWrites += peak;
        t.bytesIn += bytes;
        t.writtenBytes += bytes;
      } else {
        t.peakReads += peak;
        t.bytesOut += bytes;
        if (EGRESS_CALLERS.has(components.get(step.from.name)?.kind ?? '')) t.egressBytes += bytes;
      }
      t.requests += avg;
      const share = t.byFlow.get(flow.id.name) ?? { peak: 0, kind };
      share.peak += peak;
      if (kind === 'write') share.kind = 'write';
      t.byFlow.set(flow.id.name, share);
    }
  }

  const serverCapacityText = design.estimation?.serverCapacity?.text;
  const byId = new Map<string, ComponentLoad>();
  const out = design.components.map((c) => {
    const load = componentLoad(c, tallies.get(c.id.name), figures, retentionSeconds, serverCapacityText);
    if (!byId.has(c.id.name)) byId.set(c.id.name, load);
    return load;
  });
  return {
    components: out,
    connections: design.connections.map((c) => {
      const t = connectionTallies.get(c);
      return { from: c.from.name, to: c.to.name, peak_per_second: t ? t.peak : null, bytes_per_second: t ? t.bytes : null };
    }),
    rates,
    byId,
  };
}

function componentLoad(c: Component, t: Tally | undefined, figures: Figures, retentionSeconds: number | null, serverCapacityText: string | undefined): ComponentLoad {
  const own = figures.components.get(c);
  const replicas = own?.replicas ?? 1;
  const shards = own?.shards ?? 1;
  const instances = replicas * shards;
  const stateful = c.kind !== undefined && STATEFUL_KINDS.has(c.kind);
  const capacity = sizedFigure(c, 'capacity', figures, serverCapacityText);
  const storageCapacity = stateful ? sizedFigure(c, 'storage_capacity', figures) : null;
  const maxConnections = sizedFigure(c, 'max_connections', figures);
  const target = figures.conventions.target_utilisation;

  const reached = t?.reached === true;
  const peakReads = reached ? roundNoise(t.peakReads) : null;
  const peakWrites = reached ? roundNoise(t.peakWrites) : null;
  const peak = reached ? roundNoise(t.peakReads + t.peakWrites) : null;
  const stored =
    reached && c.kind !== undefined && RETAINING_KINDS.has(c.kind) && retentionSeconds !== null && t.writtenBytes > 0 ? roundNoise(t.writtenBytes * retentionSeconds) : null;
  const connections = own?.connections ?? null;
  const cap = capacity?.value ?? null;

  // Load on the busiest instance: stateless kinds spread every request over every instance;
  // stateful kinds spread reads over every copy while each copy of a shard applies its writes.
  const perInstance = peakReads === null || peakWrites === null ? null : stateful ? peakReads / instances + peakWrites / shards : (peakReads + peakWrites) / instances;
  const utilisation = perInstance === null || cap === null ? null : roundNoise(perInstance / cap);

  // The fewest instances (stateless) or shards (stateful, replicas kept) under the target.
  const needs: number[] = [];
  if (peakReads !== null && peakWrites !== null && cap !== null) {
    needs.push(stateful ? (peakReads / replicas + peakWrites) / (cap * target) : (peakReads + peakWrites) / (cap * target));
  }
  if (connections !== null && maxConnections) needs.push(connections / (maxConnections.value * (stateful ? replicas : 1)));
  if (stored !== null && storageCapacity) needs.push(stored / storageCapacity.value);
  const needed = needs.length === 0 ? null : Math.max(1, ...needs.map((n) => Math.ceil(roundNoise(n))));
  const shardsNeeded = stateful && needed !== null ? needed : null;
  const instancesNeeded = needed === null ? null : stateful ? needed * replicas : needed;

  let survives: boolean | null = null;
  if (utilisation !== null && cap !== null && peakReads !== null && peakWrites !== null) {
    if (stateful) survives = replicas >= 2 && peakReads / (shards * (replicas - 1)) + peakWrites / shards < cap;
    else survives = instances >= 2 && (peakReads + peakWrites) / (instances - 1) < cap;
  }

  // Little's law: a component that takes `latency` per request and handles `capacity` per
  // second works on capacity x latency requests at once. Each shard is one M/M/c queue.
  const latency = figures.componentLatency.get(c) ?? null;
  const workers = cap !== null && latency !== null && latency > 0 ? Math.max(1, Math.floor(roundNoise(cap * latency))) : null;
  const wait = workers !== null && utilisation !== null && latency !== null ? erlangCWait(replicas * workers, utilisation, latency) : null;

  const cost = componentCost(
    componentPrices(c, figures),
    // Every replica keeps a copy on its own disk, and each copy is billed.
    { instances, storedBytes: stored === null ? null : stored * replicas, egressBytesPerSecond: reached ? t.egressBytes : null, requestsPerSecond: reached ? t.requests : null },
    figures.conventions,
  );

  return {
    id: c.id.name,
    kind: c.kind ?? null,
    peak_per_second: peak,
    peak_reads_per_second: peakReads,
    peak_writes_per_second: peakWrites,
    bytes_in_per_second: reached ? t.bytesIn : null,
    bytes_out_per_second: reached ? t.bytesOut : null,
    stored_bytes: stored,
    connections,
    capacity_per_second: cap,
    replicas,
    shards,
    instances,
    utilisation,
    instances_needed: instancesNeeded,
    shards_needed: shardsNeeded,
    queue_wait_seconds: wait === null ? null : roundNoise(wait),
    survives_instance_loss: survives,
    ...cost,
    storage_capacity_bytes: storageCapacity?.value ?? null,
    max_connections: maxConnections?.value ?? null,
    workers,
    origins: {
      ...(capacity ? { capacity: capacity.origin } : {}),
      ...(storageCapacity ? { storage_capacity: storageCapacity.origin } : {}),
      ...(maxConnections ? { max_connections: maxConnections.origin } : {}),
    },
    by_flow: t ? [...t.byFlow].map(([flow, s]) => ({ flow, peak_per_second: s.peak, kind: s.kind })) : [],
  };
}

function newTally(): Tally {
  return { peakReads: 0, peakWrites: 0, bytesIn: 0, bytesOut: 0, requests: 0, egressBytes: 0, writtenBytes: 0, reached: false, byFlow: new Map() };
}
