/**
 * What an analyzer keeps between versions to skip the load model (SPEC 5.1, 5.2) and the
 * flow estimates when none of their inputs changed, as when someone types a label, a
 * description or a field the load does not read. Most keystrokes are such keystrokes, and
 * at 10,000 lines the load and the flows were about a sixth of one (bench/README.md).
 *
 * The inputs are written as one flat list of primitives (`writeLoadInputs`) and compared
 * with the last list element by element as they are written: no hashing, no string keys,
 * no allocation. `writeLoadInputs` must add everything `computeLoad` and the flow
 * estimates read; `test/unit/loadCache.unit.test.ts` changes each input in turn and checks
 * the analyzer's result against a fresh analysis, as the random-edit test does for every
 * cache.
 */
import type { CostFigures, Figures } from '../quantities';
import { COST_FIELDS, type ComponentLoad, type ConnectionLoad, type CostSource, type Design, type FlowEstimate, type TrafficEstimate } from '../types';

/** What the cache holds: the part of the estimate the load model makes. */
export interface LoadResult {
  components: ComponentLoad[];
  connections: ConnectionLoad[];
  flows: FlowEstimate[];
}

/** Takes the inputs one by one (see `InputList`). */
export type AddInput = (value: unknown) => void;

export class LoadCache {
  private readonly inputs = new InputList();
  private result: LoadResult | undefined;
  /** Computations skipped and done, for tests and benchmarks. */
  readonly stats = { reused: 0, computed: 0 };

  /** `compute()`, or its last result when the inputs `write` gives equal the last ones. */
  get(write: (add: AddInput) => void, compute: () => LoadResult): LoadResult {
    const changed = this.inputs.record(write);
    if (!changed && this.result !== undefined) {
      this.stats.reused++;
      return this.result;
    }
    this.stats.computed++;
    // Forgotten first: a computation that throws must not leave the last result paired with new inputs.
    this.result = undefined;
    this.result = compute();
    return this.result;
  }
}

/**
 * The last list of inputs, compared with the next one as it is written: one array kept
 * across analyses and overwritten in place from the first input that differs, so an
 * analysis allocates nothing for it and reads it once.
 */
class InputList {
  private readonly values: unknown[] = [];
  private length = 0;
  private changed = false;
  private readonly add: AddInput = (value) => {
    const at = this.length++;
    if (this.changed) this.values[at] = value;
    else if (at >= this.values.length || !Object.is(this.values[at], value)) {
      this.changed = true;
      this.values[at] = value;
    }
  };

  /** Records the inputs `write` adds; says whether they differ from the last ones. */
  record(write: (add: AddInput) => void): boolean {
    this.length = 0;
    this.changed = false;
    write(this.add);
    if (this.length !== this.values.length) {
      this.changed = true;
      this.values.length = this.length;
    }
    return this.changed;
  }
}

/**
 * Every input of the load model and of the flow estimates, in a fixed order; each list is
 * preceded by its length, so two different designs never give the same list. Component,
 * connection, flow and step objects are read only through the fields below.
 */
export function writeLoadInputs(add: AddInput, design: Design, figures: Figures, traffic: readonly TrafficEstimate[]): void {
  const { conventions } = figures;
  add(figures.retentionSeconds);
  add(conventions.target_utilisation);
  add(conventions.peak_factor);
  add(conventions.days_per_month);
  add(conventions.seconds_per_day);
  add(figures.serverCapacity);
  add(design.estimation?.serverCapacity?.text);
  add(figures.availabilityTarget);

  add(traffic.length);
  for (const t of traffic) {
    add(t.id);
    add(t.per_second);
    add(t.peak_per_second);
    add(t.kind);
    add(t.size_bytes);
  }
  add(figures.kindDefaults.size);
  for (const [kind, fields] of figures.kindDefaults) {
    add(kind);
    add(fields.size);
    for (const [field, { value, shown }] of fields) {
      add(field);
      add(value);
      add(shown);
    }
  }
  add(figures.kindCosts.size);
  for (const [kind, prices] of figures.kindCosts) {
    add(kind);
    add(prices.size);
    for (const [field, { value, shown }] of prices) {
      add(field);
      add(value);
      add(shown);
    }
  }
  for (const targets of [figures.latencyTargets, figures.availabilityTargets]) {
    add(targets.size);
    for (const [key, value] of targets) {
      add(key);
      add(value);
    }
  }

  add(design.connections.length);
  for (const c of design.connections) {
    add(c.from.name);
    add(c.to.name);
    add(c.async);
    add(figures.connectionLatency.get(c));
  }

  add(design.components.length);
  for (const c of design.components) {
    add(c.id.name);
    add(c.kind);
    add(c.capacity?.text);
    add(c.storageCapacity?.text);
    add(c.maxConnections?.text);
    add(figures.componentLatency.get(c));
    add(figures.componentAvailability.get(c));
    const own = figures.components.get(c);
    add(own !== undefined);
    if (own) {
      add(own.replicas);
      add(own.shards);
      add(own.capacity);
      add(own.storageCapacity);
      add(own.connections);
      add(own.maxConnections);
    }
    writeCostInputs(add, c.cost, figures.costs.get(c));
  }

  add(design.flows.length);
  for (const flow of design.flows) {
    add(flow.id.name);
    add(flow.requirement?.name);
    add(flow.traffic?.name);
    add(flow.rate?.text);
    const own = figures.flows.get(flow);
    add(own !== undefined);
    if (own) {
      add(own.rate);
      add(own.peakFactor);
    }
    add(flow.steps.length);
    for (const step of flow.steps) {
      add(step.from.name);
      add(step.to.name);
      add(step.kind);
      add(step.async);
      add(step.calls !== undefined);
      add(step.size !== undefined);
      const figured = figures.steps.get(step);
      add(figured !== undefined);
      if (figured) {
        add(figured.calls);
        add(figured.size);
      }
    }
  }
}

/** A component's `cost` map: whether it has one, how it applies, and each price as written and as figured. */
function writeCostInputs(add: AddInput, cost: CostSource | undefined, figured: CostFigures | undefined): void {
  add(cost !== undefined);
  if (!cost) return;
  add(cost.keepsDefaults);
  for (const field of COST_FIELDS) {
    add(cost[field]?.text);
    add(figured?.[field]);
  }
}
