/**
 * Evaluates every quantity field of a design with the dimension its field expects.
 * Produces plain numbers in base units for the estimate, the evaluated quantities for
 * hover and inlay hints, and the quantity problems at document offsets.
 */
import { describeDimension, evaluateQuantity, type Expectation, type Quantity, type QuantityError, type QuantityResult } from './quantity';
import type { Syntax, SyntaxCache } from './quantity/evaluate';
import type { SymbolTable } from './symbols';
import {
  CONVENTION_NAMES,
  DEFAULT_CONVENTIONS,
  type Component,
  type Connection,
  type Conventions,
  type Design,
  type EvaluatedQuantity,
  type Problem,
  type QuantitySource,
  type Traffic,
} from './types';

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
  availabilityTarget: number | null;
  /** Latency targets in seconds by requirement or flow id; `default` under the key "default". */
  latencyTargets: Map<string, number | null>;
  componentAvailability: Map<Component, number | null>;
  componentLatency: Map<Component, number | null>;
  connectionLatency: Map<Connection, number | null>;
}

export interface EvaluatedFigures {
  figures: Figures;
  quantities: Map<number, EvaluatedQuantity>;
  problems: Problem[];
}

const PER_DAY_NAMES = new Set(['users', 'dau']);

/**
 * How deep values may be defined in terms of other values (`a: b + 1`, `b: c + 1`, ...).
 * Values are evaluated recursively on first use, so a long chain would overflow the stack
 * (about 600 levels did) and give results that depend on the stack left; deeper chains are
 * reported instead. Real designs use a handful of levels.
 */
export const MAX_VALUE_DEPTH = 32;

/**
 * What an analyzer keeps between versions to evaluate quantities faster:
 *
 * - Evaluations of expressions that use no names and have no errors. Such a result
 *   depends only on the text, what the field expects and the conventions: names are
 *   looked up only for names, and the field's name and the known names appear only in
 *   error messages. Found by the expression text (the model hands out the same string for
 *   an unchanged field, so a lookup does not hash a new string), then by expectation and
 *   conventions.
 * - The tokens and tree of every expression text (`SyntaxCache`), for the others.
 *
 * Memory follows the document: syntax not used during a whole analysis is dropped at the
 * next one, and evaluations not used for two analyses are swept out once they outnumber
 * the ones in use.
 */
export class QuantityCache implements SyntaxCache {
  private readonly byText = new Map<string, CachedEvaluation>();
  private generation = 0;
  private usedNow = 0;
  private usedBefore = 0;
  private syntaxNow = new Map<string, Syntax>();
  private syntaxBefore = new Map<string, Syntax>();

  /** Starts an analysis. */
  nextGeneration(): void {
    this.usedBefore = this.usedNow;
    this.usedNow = 0;
    this.generation++;
    if (this.byText.size > 2 * this.usedBefore + 1000) this.sweep();
    this.syntaxBefore = this.syntaxNow;
    this.syntaxNow = new Map();
  }

  /** The evaluation of `text` for a field expecting `expect` under the conventions named by `conventions`. */
  evaluate(text: string, expect: Expectation, conventions: string, evaluate: () => QuantityResult): { result: QuantityResult; dimension?: string } {
    const first = this.byText.get(text);
    for (let entry = first; entry !== undefined; entry = entry.next) {
      if (entry.expect !== expect || entry.conventions !== conventions) continue;
      if (entry.used !== this.generation) this.usedNow++;
      entry.used = this.generation;
      return entry;
    }
    const result = evaluate();
    if (result.errors.length > 0 || result.names.length > 0) return { result };
    const dimension = result.quantity ? describeDimension(result.quantity.dim) : '';
    this.byText.set(text, { expect, conventions, result, dimension, used: this.generation, next: first });
    this.usedNow++;
    return { result, dimension };
  }

  get(text: string): Syntax | undefined {
    let syntax = this.syntaxNow.get(text);
    if (syntax === undefined) {
      syntax = this.syntaxBefore.get(text);
      if (syntax !== undefined) this.syntaxNow.set(text, syntax);
    }
    return syntax;
  }

  set(text: string, syntax: Syntax): void {
    this.syntaxNow.set(text, syntax);
  }

  /** Drops the evaluations not used during this analysis or the one before. */
  private sweep(): void {
    for (const [text, first] of this.byText) {
      let kept: CachedEvaluation | undefined;
      for (let entry: CachedEvaluation | undefined = first; entry !== undefined; entry = entry.next) {
        if (entry.used >= this.generation - 1) kept = { ...entry, next: kept };
      }
      if (kept) this.byText.set(text, kept);
      else this.byText.delete(text);
    }
  }
}

interface CachedEvaluation {
  expect: Expectation;
  conventions: string;
  result: QuantityResult;
  /** `describeDimension` of the result. */
  dimension: string;
  /** The generation of the last analysis that used it. */
  used: number;
  /** Another evaluation of the same text. */
  next: CachedEvaluation | undefined;
}

/** The conventions as a cache key: every field evaluation may read. */
function conventionsKey(c: Conventions): string {
  return `${c.seconds_per_day}/${c.days_per_month}/${c.days_per_year}/${c.peak_factor}`;
}

export function evaluateFigures(design: Design, symbols: SymbolTable, defaults: Partial<Conventions> = {}, cache?: QuantityCache): EvaluatedFigures {
  const problems: Problem[] = [];
  const quantities = new Map<number, EvaluatedQuantity>();
  const est = design.estimation;
  cache?.nextGeneration();
  const conventionKeys = new Map<Conventions, string>();

  const run = (source: QuantitySource, expect: Expectation, field: string, conventions: Conventions, lookup?: (name: string) => Quantity | null | undefined, knownNames?: Iterable<string>): Quantity | null => {
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
    const at = (e: { start: number; end: number }) =>
      source.exact ? { start: source.start + e.start, end: source.start + e.end } : { start: source.start, end: source.end };
    for (const error of result.errors) problems.push(toProblem(error, at(error)));
    const names = result.names.map((n) => ({ name: n.name, ...at(n) }));
    quantities.set(source.start, {
      start: source.start,
      end: source.end,
      field,
      value: result.quantity?.value ?? null,
      dimension: result.quantity ? (dimension ?? describeDimension(result.quantity.dim)) : '',
      bReadings: result.bReadings.map((b) => ({ meaning: b.meaning, ...at(b) })),
      names,
    });
    for (const n of names) if (!PER_DAY_NAMES.has(n.name)) symbols.refer(['value'], n, 'expression');
    return result.quantity;
  };

  // Conventions first: every other quantity depends on them, and they depend on nothing.
  const conventions: Conventions = { ...DEFAULT_CONVENTIONS, ...defaults };
  for (const c of est?.conventions ?? []) {
    if (!(CONVENTION_NAMES as readonly string[]).includes(c.name.name)) continue;
    const q = run(c.value, 'count', `conventions.${c.name.name}`, DEFAULT_CONVENTIONS);
    if (q === null) continue;
    if (!(q.value > 0) || !Number.isFinite(q.value)) {
      problems.push({ code: 'sysdesign/quantity-range', severity: 'error', message: `${c.name.name} must be a positive number.`, start: c.value.start, end: c.value.end });
      continue;
    }
    conventions[c.name.name as keyof Conventions] = q.value;
  }

  // Named values may use each other, `users` and `dau`; evaluated on first use, cycles reported once.
  const definitions = new Map<string, { source: QuantitySource; expect: Expectation; field: string; nameStart: number; nameEnd: number }>();
  for (const v of est?.values ?? []) {
    if (!definitions.has(v.name.name)) definitions.set(v.name.name, { source: v.value, expect: 'any', field: `values.${v.name.name}`, nameStart: v.name.start, nameEnd: v.name.end });
  }
  if (est?.users) definitions.set('users', { source: est.users, expect: 'count', field: 'users', nameStart: est.users.start, nameEnd: est.users.end });
  if (est?.dau) definitions.set('dau', { source: est.dau, expect: 'count', field: 'dau', nameStart: est.dau.start, nameEnd: est.dau.end });
  const known = [...definitions.keys(), 'users', 'dau'];
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
  if (nf?.durability) number(nf.durability, 'ratio', 'durability');

  const componentAvailability = new Map<Component, number | null>();
  const componentLatency = new Map<Component, number | null>();
  for (const c of design.components) {
    if (c.availability) componentAvailability.set(c, number(c.availability, 'ratio', 'availability'));
    if (c.latency) componentLatency.set(c, number(c.latency, 'time', 'latency'));
  }
  const connectionLatency = new Map<Connection, number | null>();
  for (const c of design.connections) if (c.latency) connectionLatency.set(c, number(c.latency, 'time', 'latency'));

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
      availabilityTarget: number(nf?.availability, 'ratio', 'availability'),
      latencyTargets,
      componentAvailability,
      componentLatency,
      connectionLatency,
    },
  };
}

function toProblem(error: QuantityError, span: { start: number; end: number }): Problem {
  return { code: error.code, severity: 'error', message: error.message, ...span, fixes: error.fixes };
}
