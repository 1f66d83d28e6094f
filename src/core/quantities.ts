/**
 * Evaluates every quantity field of a design with the dimension its field expects.
 * Produces plain numbers in base units for the estimate, the evaluated quantities for
 * hover and inlay hints, and the quantity problems at document offsets.
 */
import { describeDimension, evaluateQuantity, FIELD_EXPECTATIONS, type Expectation, type Quantity, type QuantityError, type QuantityResult } from './quantity';
import { conventionsKey, QuantityCache } from './quantityCache';
import type { SymbolTable } from './symbols';
import {
  CONVENTION_NAMES,
  COST_FIELDS,
  DEFAULT_CONVENTIONS,
  type Component,
  type ComponentKind,
  type Connection,
  type CostField,
  type CostSource,
  type Flow,
  type KindDefaultField,
  type Step,
  type Conventions,
  type Design,
  type EvaluatedQuantity,
  type Problem,
  type QuantitySource,
  type Traffic,
} from './types';

/** The cache lives in its own file; analyzers import it from here with the evaluation it serves. */
export { QuantityCache } from './quantityCache';

export interface TrafficFigures {
  traffic: Traffic;
  /** Requests per second per daily active user. */
  perUser: number | null;
  /** Requests per second, absolute. */
  rate: number | null;
  sizeBytes: number | null;
  peakFactor: number | null;
}

/** The numbers of a design, in base units (seconds, bytes, requests), null where not given or not computable. */
export interface Figures {
  conventions: Conventions;
  values: Map<string, number | null>;
  users: number | null;
  dau: number | null;
  traffic: TrafficFigures[];
  retentionSeconds: number | null;
  replication: number | null;
  cacheHotRatio: number | null;
  serverCapacity: number | null;
  /** The design-wide availability target: `availability`, or its `default` when it is a map. */
  availabilityTarget: number | null;
  /** Availability targets by requirement or flow id when `availability` is a map, `default` included. */
  availabilityTargets: Map<string, number | null>;
  /** Latency targets in seconds by requirement or flow id; `default` under the key "default". */
  latencyTargets: Map<string, number | null>;
  componentAvailability: Map<Component, number | null>;
  componentLatency: Map<Component, number | null>;
  connectionLatency: Map<Connection, number | null>;
  concurrent: number | null;
  /** The sizing fields of each component that has any (SPEC 5.2). */
  components: Map<Component, ComponentFigures>;
  /** `calls` and `size` of each step that has them. */
  steps: Map<Step, StepFigures>;
  /** `rate` and `peak_factor` of each flow that has them. */
  flows: Map<Flow, { rate: number | null; peakFactor: number | null }>;
  /** `estimation.defaults.<kind>.<field>`, with the text as written for hovers. */
  kindDefaults: Map<ComponentKind, Map<KindDefaultField, { value: number; shown: string }>>;
  /** The prices of each component with a `cost` map (SPEC 5.4), in base units (USD per second, byte, byte-second, request). */
  costs: Map<Component, CostFigures>;
  /** `estimation.defaults.<kind>.cost.<field>`, with the text as written for hovers. */
  kindCosts: Map<ComponentKind, Map<CostField, { value: number; shown: string }>>;
}

/** The prices a `cost` map gives; null where one is written but does not evaluate. */
export type CostFigures = Partial<Record<CostField, number | null>>;

export interface ComponentFigures {
  replicas: number | null;
  shards: number | null;
  capacity: number | null;
  storageCapacity: number | null;
  connections: number | null;
  maxConnections: number | null;
}

export interface StepFigures {
  calls: number | null;
  size: number | null;
}

export interface EvaluatedFigures {
  figures: Figures;
  quantities: Map<number, EvaluatedQuantity>;
  problems: Problem[];
}

/** Names defined outside `values` (they have no symbol of their own to refer to). */
const PER_DAY_NAMES = new Set(['users', 'dau', 'concurrent']);

/**
 * The largest count a sizing field may take. Past it, products of loads overflow the
 * precision people read (and a typo such as `replicas: 1e30` is likelier than a design).
 */
export const MAX_COUNT = 1e9;

const PLAIN_NUMBER = /^\s*-?\d+(\.\d+)?\s*$/;

/** What a sizing field must be, checked after evaluation (RELIABILITY: 0, negative, fractional, huge). */
interface Bounds {
  /** A whole number (replicas, shards, connections per instance). */
  whole?: boolean;
  /** The least value allowed; `exclusive` when it must be more than that. */
  min: number;
  exclusive?: boolean;
  max: number;
  /** Said after "must be ..." in the message. */
  says: string;
  /** The schema already rejects a plain number under `min` here (one diagnostic per mistake, not two). */
  schemaChecksMin?: boolean;
}

const WHOLE_AT_LEAST_ONE: Bounds = {
  whole: true,
  min: 1,
  schemaChecksMin: true,
  max: MAX_COUNT,
  says: `a whole number from 1 to ${MAX_COUNT.toExponential(0).replace('e+', 'e')}`,
};
const POSITIVE_RATE: Bounds = { min: 0, exclusive: true, max: 1e12, says: 'more than 0 and at most 1e12 per second' };
const POSITIVE_BYTES: Bounds = { min: 0, exclusive: true, max: 1e21, says: 'more than 0 bytes' };
const NON_NEGATIVE_COUNT: Bounds = { min: 0, max: 1e15, says: 'a count from 0 to 1e15' };
const PRICE: Bounds = { min: 0, max: Number.MAX_VALUE, says: 'a price of $0 or more' };
const CALLS: Bounds = { min: 0, exclusive: true, schemaChecksMin: true, max: MAX_COUNT, says: 'more than 0 (remove a step that never happens) and at most 1e9' };

/**
 * How deep values may be defined in terms of other values (`a: b + 1`, `b: c + 1`, ...).
 * Values are evaluated recursively on first use, so a long chain would overflow the stack
 * (about 600 levels did) and give results that depend on the stack left; deeper chains are
 * reported instead. Real designs use a handful of levels.
 */
export const MAX_VALUE_DEPTH = 32;

/** A number as a message shows it: short, and never `Infinity` or `NaN` as if they were figures. */
function formatForMessage(value: number): string {
  if (Number.isNaN(value)) return 'not a number';
  if (!Number.isFinite(value)) return 'too large to compute';
  return Number.parseFloat(value.toPrecision(6)).toString();
}

/**
 * `continuing`: this evaluation belongs to the same analysis as the cache's last one (a
 * scenario of the design just evaluated), so it shares that generation instead of starting one.
 */
export function evaluateFigures(
  design: Design,
  symbols: SymbolTable | undefined,
  defaults: Partial<Conventions> = {},
  cache?: QuantityCache,
  continuing = false,
): EvaluatedFigures {
  const problems: Problem[] = [];
  const quantities = new Map<number, EvaluatedQuantity>();
  const est = design.estimation;
  if (!continuing) cache?.nextGeneration();
  const conventionKeys = new Map<Conventions, string>();

  const run = (
    source: QuantitySource,
    expect: Expectation,
    field: string,
    conventions: Conventions,
    lookup?: (name: string) => Quantity | null | undefined,
    knownNames?: Iterable<string>,
  ): Quantity | null => {
    const evaluate = (): QuantityResult => evaluateQuantity(source.text, { expect, field, conventions, lookup, knownNames, syntax: cache });
    let result: QuantityResult;
    let dimension: string | undefined;
    if (cache) {
      let key = conventionKeys.get(conventions);
      if (key === undefined) conventionKeys.set(conventions, (key = conventionsKey(conventions)));
      ({ result, dimension } = cache.evaluate(source.text, expect, key, evaluate));
    } else {
      result = evaluate();
    }
    const at = (e: { start: number; end: number }) => (source.exact ? { start: source.start + e.start, end: source.start + e.end } : { start: source.start, end: source.end });
    for (const error of result.errors) problems.push(toProblem(error, at(error)));
    if (expect === 'any') for (const b of result.bReadings) if (b.literal) problems.push(ambiguousB(source.text, b.literal, at(b.literal)));
    const names = result.names.map((n) => ({ name: n.name, ...at(n) }));
    quantities.set(source.start, {
      start: source.start,
      end: source.end,
      field,
      value: result.quantity?.value ?? null,
      dimension: result.quantity ? (dimension ?? describeDimension(result.quantity.dim)) : '',
      bReadings: result.bReadings.map((b) => ({ meaning: b.meaning, ...at(b) })),
      names,
      ...(result.quantity?.reads === 'percent' ? { percent: true } : {}),
      ...(result.quantity?.per !== undefined ? { per: result.quantity.per } : {}),
    });
    if (symbols) for (const n of names) if (!PER_DAY_NAMES.has(n.name)) symbols.refer(['value'], n, 'expression');
    return result.quantity;
  };

  // Conventions first: every other quantity depends on them, and they depend on nothing.
  const conventions: Conventions = { ...DEFAULT_CONVENTIONS, ...defaults };
  for (const c of est?.conventions ?? []) {
    if (!(CONVENTION_NAMES as readonly string[]).includes(c.name.name)) continue;
    const q = run(c.value, 'count', `conventions.${c.name.name}`, DEFAULT_CONVENTIONS);
    if (q === null) continue;
    if (c.name.name === 'target_utilisation' && q.value > 1) {
      problems.push({
        code: 'sysdesign/quantity-range',
        severity: 'error',
        message: `target_utilisation must be at most 100% (a fraction of capacity); it is ${formatForMessage(q.value * 100)}%.`,
        start: c.value.start,
        end: c.value.end,
      });
      continue;
    }
    if (!(q.value > 0) || !Number.isFinite(q.value)) {
      problems.push({ code: 'sysdesign/quantity-range', severity: 'error', message: `${c.name.name} must be a positive number.`, start: c.value.start, end: c.value.end });
      continue;
    }
    conventions[c.name.name as keyof Conventions] = q.value;
  }

  // Named values may use each other, `users` and `dau`; evaluated on first use, cycles reported once.
  const definitions = new Map<string, { source: QuantitySource; expect: Expectation; field: string; nameStart: number; nameEnd: number }>();
  for (const v of est?.values ?? []) {
    if (!definitions.has(v.name.name))
      definitions.set(v.name.name, { source: v.value, expect: 'any', field: `values.${v.name.name}`, nameStart: v.name.start, nameEnd: v.name.end });
  }
  if (est?.users) definitions.set('users', { source: est.users, expect: 'count', field: 'users', nameStart: est.users.start, nameEnd: est.users.end });
  if (est?.dau) definitions.set('dau', { source: est.dau, expect: 'count', field: 'dau', nameStart: est.dau.start, nameEnd: est.dau.end });
  if (est?.concurrent)
    definitions.set('concurrent', { source: est.concurrent, expect: 'count', field: 'concurrent', nameStart: est.concurrent.start, nameEnd: est.concurrent.end });
  const known = [...new Set([...definitions.keys(), ...PER_DAY_NAMES])];
  const results = new Map<string, Quantity | null | 'pending'>();
  let depth = 0;
  const lookup = (name: string): Quantity | null | undefined => {
    const def = definitions.get(name);
    if (!def) return PER_DAY_NAMES.has(name) ? null : undefined;
    const done = results.get(name);
    if (done === 'pending') {
      problems.push({
        code: 'sysdesign/quantity-cycle',
        severity: 'error',
        message: `"${name}" is defined in terms of itself; break the cycle with a number.`,
        start: def.nameStart,
        end: def.nameEnd,
      });
      results.set(name, null);
      return null;
    }
    if (done !== undefined) return done;
    if (depth >= MAX_VALUE_DEPTH) {
      problems.push({
        code: 'sysdesign/quantity-too-deep',
        severity: 'error',
        message: `"${name}" is reached through more than ${MAX_VALUE_DEPTH} values defined in terms of each other; define some of them with numbers.`,
        start: def.nameStart,
        end: def.nameEnd,
      });
      results.set(name, null);
      return null;
    }
    results.set(name, 'pending');
    depth++;
    let q: Quantity | null;
    try {
      q = run(def.source, def.expect, def.field, conventions, lookup, known);
    } finally {
      depth--;
    }
    // `users`, `dau` and `concurrent` are numbers of people, whatever they are written as.
    if (q !== null && q.reads !== undefined && PER_DAY_NAMES.has(name)) q = { value: q.value, dim: q.dim };
    // A cycle found below may already have settled this name to null.
    if (results.get(name) === 'pending') results.set(name, q);
    return (results.get(name) as Quantity | null) ?? null;
  };
  const values = new Map<string, number | null>();
  for (const name of definitions.keys()) values.set(name, lookup(name)?.value ?? null);

  const number = (source: QuantitySource | undefined, expect: Expectation, field: string): number | null =>
    source ? (run(source, expect, field, conventions, lookup, known)?.value ?? null) : null;

  const traffic: TrafficFigures[] = (est?.traffic ?? []).map((t) => ({
    traffic: t,
    perUser: number(t.perUser, 'rate', 'per_user'),
    rate: number(t.rate, 'rate', 'rate'),
    sizeBytes: number(t.size, 'bytes', 'size'),
    peakFactor: number(t.peakFactor, 'count', 'peak_factor'),
  }));

  const nf = design.requirements?.nonFunctional;
  const latencyTargets = new Map<string, number | null>();
  for (const target of nf?.latency ?? []) latencyTargets.set(target.key.name, number(target.value, 'time', `latency.${target.key.name}`));
  const availabilityTargets = new Map<string, number | null>();
  for (const target of nf?.availabilityTargets ?? []) availabilityTargets.set(target.key.name, number(target.value, 'ratio', 'availability'));
  if (nf?.durability) number(nf.durability, 'ratio', 'durability');

  const componentAvailability = new Map<Component, number | null>();
  const componentLatency = new Map<Component, number | null>();
  for (const c of design.components) {
    if (c.availability) componentAvailability.set(c, number(c.availability, 'ratio', 'availability'));
    if (c.latency) componentLatency.set(c, number(c.latency, 'time', 'latency'));
  }
  const connectionLatency = new Map<Connection, number | null>();
  for (const c of design.connections) if (c.latency) connectionLatency.set(c, number(c.latency, 'time', 'latency'));

  /** A sizing field's number, or null with a problem when it is out of its bounds. */
  const bounded = (source: QuantitySource | undefined, expect: Expectation, field: string, bounds: Bounds): number | null => {
    const value = number(source, expect, field);
    if (value === null || source === undefined) return null;
    const low = bounds.exclusive ? value <= bounds.min : value < bounds.min;
    if (low && bounds.schemaChecksMin && PLAIN_NUMBER.test(source.text)) return null;
    if (!Number.isFinite(value) || low || value > bounds.max || (bounds.whole && !Number.isInteger(Math.round(value * 1e9) / 1e9))) {
      problems.push({
        code: 'sysdesign/quantity-range',
        severity: 'error',
        message: `${field} must be ${bounds.says}; it is ${formatForMessage(value)}.`,
        start: source.start,
        end: source.end,
      });
      return null;
    }
    return bounds.whole ? Math.round(value) : value;
  };

  const components = new Map<Component, ComponentFigures>();
  for (const c of design.components) {
    if (!(c.replicas || c.shards || c.capacity || c.storageCapacity || c.connections || c.maxConnections)) continue;
    components.set(c, {
      replicas: bounded(c.replicas, 'count', 'replicas', WHOLE_AT_LEAST_ONE),
      shards: bounded(c.shards, 'count', 'shards', WHOLE_AT_LEAST_ONE),
      capacity: bounded(c.capacity, 'rate', 'capacity', POSITIVE_RATE),
      storageCapacity: bounded(c.storageCapacity, 'bytes', 'storage_capacity', POSITIVE_BYTES),
      connections: bounded(c.connections, 'count', 'connections', NON_NEGATIVE_COUNT),
      maxConnections: bounded(c.maxConnections, 'count', 'max_connections', WHOLE_AT_LEAST_ONE),
    });
  }
  const steps = new Map<Step, StepFigures>();
  const flows = new Map<Flow, { rate: number | null; peakFactor: number | null }>();
  for (const flow of design.flows) {
    if (flow.rate || flow.peakFactor) {
      flows.set(flow, {
        rate: bounded(flow.rate, 'rate', 'rate', { min: 0, max: 1e15, says: 'a rate from 0 to 1e15 per second' }),
        peakFactor: bounded(flow.peakFactor, 'count', 'peak_factor', { min: 0, exclusive: true, max: 1e6, says: 'more than 0' }),
      });
    }
    for (const step of flow.steps) {
      if (step.calls || step.size)
        steps.set(step, { calls: bounded(step.calls, 'count', 'calls', CALLS), size: bounded(step.size, 'bytes', 'size', { min: 0, max: 1e21, says: 'a size from 0 bytes' }) });
    }
  }
  const kindDefaults = new Map<ComponentKind, Map<KindDefaultField, { value: number; shown: string }>>();
  const defaultBounds: Record<KindDefaultField, [Expectation, Bounds]> = {
    capacity: ['rate', POSITIVE_RATE],
    storage_capacity: ['bytes', POSITIVE_BYTES],
    max_connections: ['count', WHOLE_AT_LEAST_ONE],
  };
  for (const d of est?.defaults ?? []) {
    const kind = d.kind.name as ComponentKind;
    const fields = kindDefaults.get(kind) ?? new Map<KindDefaultField, { value: number; shown: string }>();
    for (const f of d.fields) {
      if (!Object.hasOwn(defaultBounds, f.name.name)) continue;
      const name = f.name.name as KindDefaultField;
      const [expect, bounds] = defaultBounds[name];
      const value = bounded(f.value, expect, `defaults.${kind}.${name}`, bounds);
      if (value !== null && !fields.has(name)) fields.set(name, { value, shown: f.value.text });
    }
    kindDefaults.set(kind, fields);
  }

  /** A `cost` map's prices, each with the dimension its field expects (spec 5.4). */
  const prices = (cost: CostSource, prefix: string): CostFigures => {
    const out: CostFigures = {};
    for (const field of COST_FIELDS) if (cost[field]) out[field] = bounded(cost[field], FIELD_EXPECTATIONS[field], `${prefix}${field}`, PRICE);
    return out;
  };
  const costs = new Map<Component, CostFigures>();
  for (const c of design.components) if (c.cost) costs.set(c, prices(c.cost, 'cost.'));
  const kindCosts = new Map<ComponentKind, Map<CostField, { value: number; shown: string }>>();
  for (const d of est?.defaults ?? []) {
    if (!d.cost) continue;
    const kind = d.kind.name as ComponentKind;
    const fields = kindCosts.get(kind) ?? new Map<CostField, { value: number; shown: string }>();
    const figured = prices(d.cost, `defaults.${kind}.cost.`);
    for (const field of COST_FIELDS) {
      const value = figured[field];
      const source = d.cost[field];
      if (value !== undefined && value !== null && source && !fields.has(field)) fields.set(field, { value, shown: source.text });
    }
    kindCosts.set(kind, fields);
  }

  return {
    problems,
    quantities,
    figures: {
      conventions,
      values,
      users: values.get('users') ?? null,
      dau: values.get('dau') ?? null,
      traffic,
      retentionSeconds: number(est?.retention, 'time', 'retention'),
      replication: number(est?.replication, 'count', 'replication'),
      cacheHotRatio: number(est?.cacheHotRatio, 'ratio', 'cache_hot_ratio'),
      serverCapacity: number(est?.serverCapacity, 'rate', 'server_capacity'),
      availabilityTarget: nf?.availabilityTargets.length ? (availabilityTargets.get('default') ?? null) : number(nf?.availability, 'ratio', 'availability'),
      availabilityTargets,
      latencyTargets,
      componentAvailability,
      componentLatency,
      connectionLatency,
      concurrent: values.get('concurrent') ?? null,
      components,
      steps,
      flows,
      kindDefaults,
      costs,
      kindCosts,
    },
  };
}

/**
 * `100B` among the values, where no dimension is expected, reads as 100 billion; a size was
 * as likely meant (SPEC 2.2). Both readings are offered, each a literal that parses to
 * what it says: `100bn` or `100 bytes`.
 */
function ambiguousB(text: string, literal: { start: number; end: number }, span: { start: number; end: number }): Problem {
  const written = text.slice(literal.start, literal.end);
  const number = written.replace(/\s*B$/, '');
  return {
    code: 'sysdesign/quantity-ambiguous-b',
    severity: 'warning',
    message: `\`${written}\` reads as ${number} billion here (no unit is expected among the values); write \`${number}bn\` for a count or \`${number} bytes\` for a size.`,
    ...span,
    fixes: [
      { kind: 'replace', text: `${number}bn` },
      { kind: 'replace', text: `${number} bytes` },
    ],
  };
}

function toProblem(error: QuantityError, span: { start: number; end: number }): Problem {
  return { code: error.code, severity: 'error', message: error.message, ...span, fixes: error.fixes };
}
