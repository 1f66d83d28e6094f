/**
 * The domain words of sysdesign, fixed once and used by every layer.
 *
 * Every position is a UTF-16 offset into the analysed text (what JavaScript string
 * indices count), `end` exclusive. Editor layers turn offsets into line/character
 * with their own document model; the core never thinks in lines.
 *
 * Why one file of ~500 lines: it holds declarations only (no logic), in three sections
 * that read top to bottom as the pipeline does (spans and problems, the model of a
 * design, the estimate and the Analysis), and every layer imports it, mostly with
 * `import type`. Split into files, each name would still be re-exported from here,
 * and the estimate section is the one the load work (`load/`, `estimate.ts`) is
 * changing now; split it when that settles, if the sections grow apart.
 */

/** A half-open range of offsets `[start, end)` in the analysed text. */
export interface Span {
  start: number;
  end: number;
}

/** A name as written in the document: an id where it is defined, or a reference to one. */
export interface Ident extends Span {
  name: string;
}

/** A piece of free text as written (a label, a description), with its span. */
export interface Text extends Span {
  text: string;
}

export type Severity = 'error' | 'warning' | 'info';

/**
 * A stable problem code such as `sysdesign/unknown-component`. Codes are an
 * interface: tools filter on them, so a code is never renamed once shipped.
 */
export type ProblemCode = `sysdesign/${string}`;

/** A machine-readable hint that lets an editor offer a quick fix. */
export type ProblemFix =
  /** Replace the problem's span with `text` ("did you mean"). */
  | { kind: 'replace'; text: string }
  /** Add a component with this id to `components`. */
  | { kind: 'create-component'; id: string }
  /** Add a connection `from -> to` to `connections`. */
  | { kind: 'create-connection'; from: string; to: string }
  /** Add a functional requirement with this id. */
  | { kind: 'create-requirement'; id: string }
  /** Set `field: value` on the component with this id (replacing the field's value if it has one). */
  | { kind: 'set-component-field'; id: string; field: string; value: string };

export interface Problem extends Span {
  code: ProblemCode;
  severity: Severity;
  /** One sentence a person understands, naming the offending text. */
  message: string;
  fixes?: ProblemFix[];
}

/** The value of an estimation, latency or availability field before evaluation. */
export interface QuantitySource extends Span {
  /**
   * The expression text. For a plain or quoted scalar without escapes, `text[i]`
   * sits at document offset `start + i`, so expression errors map to exact characters.
   * When that cannot hold (escapes, folded lines) `exact` is false and errors cover
   * the whole span.
   */
  text: string;
  exact: boolean;
}

// ---------------------------------------------------------------------------
// The model of a design (section 2 of the spec). Built from the YAML tree with
// every id, reference and value keeping its span. Missing or ill-typed fields are
// simply absent here: the schema reports them.
// ---------------------------------------------------------------------------

export const SECTION_NAMES = [
  'sysdesign',
  'name',
  'description',
  'requirements',
  'estimation',
  'apis',
  'data_models',
  'components',
  'groups',
  'connections',
  'flows',
  'scenarios',
] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

/** A top-level key of the document: the key's span and the whole entry's span. */
export interface Section extends Span {
  name: SectionName;
  key: Span;
}

export const REQUIREMENT_OPS = ['create', 'read', 'update', 'delete', 'search', 'other'] as const;
export type RequirementOp = (typeof REQUIREMENT_OPS)[number];

export interface Question extends Span {
  q?: Text;
  a?: Text;
}

/**
 * Where a figure or a requirement comes from (`source:` or `sources:`), e.g. a report
 * with its year, or "interviewer". Shown next to the figure in the export and hovers.
 */
export interface Sourced {
  sources?: Text[];
}

export interface Requirement extends Span, Sourced {
  id: Ident;
  text?: Text;
  op?: RequirementOp;
  /** Important requirements need a dry run (default true). */
  important: boolean;
}

export const CONSISTENCY_MODELS = ['strong', 'eventual', 'causal', 'read-your-writes'] as const;

/** One entry of a map of targets by requirement or flow id (`latency`, `availability`). */
export interface Target extends Span {
  /** A requirement id, a flow id, or `default`. */
  key: Ident;
  value: QuantitySource;
}

export interface NonFunctional extends Span {
  /** The design-wide availability target: the value of `availability`, or its `default` when it is a map. */
  availability?: QuantitySource;
  /** `availability` written as a map (SPEC 2): every entry, `default` included; empty when it is one value. */
  availabilityTargets: Target[];
  latency: Target[];
  consistency?: Text;
  durability?: QuantitySource;
  notes: Text[];
}

export interface Requirements extends Span {
  questions: Question[];
  functional: Requirement[];
  outOfScope: Text[];
  nonFunctional?: NonFunctional;
}

export const CONVENTION_NAMES = ['seconds_per_day', 'days_per_month', 'days_per_year', 'peak_factor', 'target_utilisation'] as const;
export type ConventionName = (typeof CONVENTION_NAMES)[number];

export interface Conventions {
  seconds_per_day: number;
  days_per_month: number;
  days_per_year: number;
  peak_factor: number;
  /** The utilisation at peak that sizing aims for (0.7 = 70 %): instances and shards needed keep under it. */
  target_utilisation: number;
}

export const DEFAULT_CONVENTIONS: Readonly<Conventions> = Object.freeze({
  seconds_per_day: 86400,
  days_per_month: 30,
  days_per_year: 365,
  peak_factor: 2,
  target_utilisation: 0.7,
});

/** `name: value`, or a value's long form `name: { value: ..., source: ... }` (its sources). */
export interface NamedQuantity extends Span, Sourced {
  name: Ident;
  value: QuantitySource;
}

export type TrafficKind = 'read' | 'write';

export interface Traffic extends Span, Sourced {
  id: Ident;
  kind?: TrafficKind;
  /** Requests per daily active user per unit of time, e.g. `2/day`. */
  perUser?: QuantitySource;
  /** An absolute rate, e.g. `500/s`; used when `per_user` is absent. */
  rate?: QuantitySource;
  /** Bytes stored (write) or served (read) per request. */
  size?: QuantitySource;
  peakFactor?: QuantitySource;
}

/** The component fields a design may give defaults for, per kind (`estimation.defaults.<kind>.<field>`). */
export const KIND_DEFAULT_FIELDS = ['capacity', 'storage_capacity', 'max_connections'] as const;
export type KindDefaultField = (typeof KIND_DEFAULT_FIELDS)[number];

/** The prices of a component (SPEC 5.4): per instance and time, per byte and time, per byte sent, per request, per time. */
export const COST_FIELDS = ['instance', 'storage', 'transfer', 'requests', 'fixed'] as const;
export type CostField = (typeof COST_FIELDS)[number];

/** A `cost:` map as written: each price a quantity. */
export interface CostSource extends Span, Partial<Record<CostField, QuantitySource>> {
  /**
   * Made by a scenario that sets one price of a component without a `cost` map: it changes
   * that price and keeps the others, where a map written in the design replaces them all.
   */
  keepsDefaults?: true;
}

/** `estimation.defaults.<kind>`: a design's own defaults for one component kind. */
export interface KindDefaultsSource extends Span {
  kind: Ident;
  fields: NamedQuantity[];
  /** `estimation.defaults.<kind>.cost`: prices that replace the product's table field by field. */
  cost?: CostSource;
}

export interface Estimation extends Span {
  conventions: NamedQuantity[];
  users?: QuantitySource;
  dau?: QuantitySource;
  /** Users online at once (a count), usable in expressions as `concurrent`. */
  concurrent?: QuantitySource;
  defaults: KindDefaultsSource[];
  values: NamedQuantity[];
  traffic: Traffic[];
  retention?: QuantitySource;
  replication?: QuantitySource;
  cacheHotRatio?: QuantitySource;
  serverCapacity?: QuantitySource;
}

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** A request or response field of an API: its name and its type as one line (`[string]`, `{ id: string }`). */
export interface ApiField {
  name: Text;
  type: string;
}

export interface Api extends Span {
  id: Ident;
  method?: HttpMethod;
  path?: Text;
  requirement?: Ident;
  description?: Text;
  request: ApiField[];
  response: ApiField[];
}

/** One column of a table: `user_id: uuid fk users.user_id`. */
export interface Field extends Span {
  name: Ident;
  /** The whole definition text, e.g. `uuid fk users.user_id`. */
  definition?: Text;
  /** The type word, e.g. `uuid`, `varchar(200)`. */
  type?: Text;
  pk: boolean;
  index: boolean;
  unique: boolean;
  /** `fk table.field`: references to a data model and one of its fields. */
  fk?: { table: Ident; field?: Ident };
}

export interface DataModel extends Span {
  id: Ident;
  store?: Ident;
  description?: Text;
  fields: Field[];
}

export const COMPONENT_KINDS = [
  'client',
  'dns',
  'cdn',
  'load-balancer',
  'api-gateway',
  'service',
  'worker',
  'function',
  'cache',
  'sql-database',
  'nosql-database',
  'object-store',
  'queue',
  'stream',
  'search',
  'external',
] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

export interface Component extends Span, Sourced {
  id: Ident;
  kind?: ComponentKind;
  label?: Text;
  tech?: Text;
  description?: Text;
  /** Copies; any copy serves a read, every copy of a stateful kind applies every write. */
  replicas?: QuantitySource;
  /** Partitions; each holds 1/shards of the data and of the load (default 1). */
  shards?: QuantitySource;
  /** Requests per second one instance handles (default per kind). */
  capacity?: QuantitySource;
  /** Bytes one instance holds (stateful kinds; default per kind). */
  storageCapacity?: QuantitySource;
  /** Connections held open at peak, over all instances. */
  connections?: QuantitySource;
  /** Connections one instance holds open (default per kind). */
  maxConnections?: QuantitySource;
  availability?: QuantitySource;
  latency?: QuantitySource;
  /** Its prices; replaces the kind's default prices (a price left out is 0). */
  cost?: CostSource;
  /** When it enters the story of the design (a positive whole number; diagram/story.ts has the rule for components without one). */
  stage?: number;
}

/** Kinds whose every copy applies every write and that hold data (SPEC 5.2). */
export const STATEFUL_KINDS: ReadonlySet<ComponentKind> = new Set<ComponentKind>(['cache', 'sql-database', 'nosql-database', 'object-store', 'queue', 'stream', 'search']);

export interface Group extends Span {
  id: Ident;
  label?: Text;
  members: Ident[];
}

/** `a -> b: label` in any of its written forms. */
export interface Arrow extends Span {
  from: Ident;
  to: Ident;
  label?: Text;
}

export interface Connection extends Arrow {
  async: boolean;
  latency?: QuantitySource;
}

/** A step of a dry run, with the fields that say how much load it carries (SPEC 5.1). */
export interface Step extends Arrow {
  /** Times the step happens per run of the flow (default 1), e.g. `10%` for a cache miss. */
  calls?: QuantitySource;
  /** Counted for load, left out of the flow's latency. */
  async: boolean;
  /** Bytes carried per call (default: the traffic line's size). */
  size?: QuantitySource;
  /** Read or write (default: the traffic line's kind). */
  kind?: TrafficKind;
}

export interface Flow extends Span {
  id: Ident;
  requirement?: Ident;
  /** The traffic line whose requests run this flow. */
  traffic?: Ident;
  /** An absolute rate for the flow, when no traffic line runs it. */
  rate?: QuantitySource;
  peakFactor?: QuantitySource;
  description?: Text;
  steps: Step[];
}

export interface Design {
  /** Top-level keys in document order. */
  sections: Section[];
  version?: number;
  name?: Text;
  description?: Text;
  requirements?: Requirements;
  estimation?: Estimation;
  apis: Api[];
  dataModels: DataModel[];
  components: Component[];
  groups: Group[];
  connections: Connection[];
  flows: Flow[];
  scenarios: Scenario[];
}

/** One `set` entry of a scenario: a path over the design and the value it takes (SPEC 5.3). */
export interface ScenarioSetting extends Span {
  /** The path as written, e.g. `components.photo-db.replicas`. */
  path: Text;
  /** Whether `path` is exactly the document's text at its span (a plain key), so its segments have exact spans. */
  exact: boolean;
  value: QuantitySource;
}

/** `scenarios[]`: the design with some figures changed (`set`) and some components down (`fail`). */
export interface Scenario extends Span {
  id: Ident;
  label?: Text;
  set: ScenarioSetting[];
  fail: Ident[];
}

// ---------------------------------------------------------------------------
// The estimate (section 2.3), with exactly the field names of section 4's JSON.
// Base units: seconds, bytes, requests. `null` when not computable, never a guess.
// ---------------------------------------------------------------------------

export interface TrafficEstimate {
  id: string;
  kind: TrafficKind | null;
  per_day: number | null;
  per_second: number | null;
  peak_per_second: number | null;
  size_bytes: number | null;
  bytes_per_second: number | null;
  /** Writes only: new bytes per day (per day x size). */
  storage_bytes_per_day: number | null;
  /** Writes only: records kept (per day x retention in days). */
  records_total: number | null;
}

export interface Totals {
  read_per_second: number | null;
  write_per_second: number | null;
  peak_read_per_second: number | null;
  peak_write_per_second: number | null;
  /** Reads per write; null without both. */
  read_write_ratio: number | null;
  ingress_bytes_per_second: number | null;
  egress_bytes_per_second: number | null;
  storage_bytes_per_day: number | null;
  storage_bytes_per_month: number | null;
  storage_bytes_per_year: number | null;
  /** New bytes per day x retention: one copy, as published figures quote it. */
  storage_bytes_retained: number | null;
  /** New bytes per day x retention x replication. */
  storage_bytes_total: number | null;
  /** cache_hot_ratio x a day's read bytes. */
  cache_bytes: number | null;
  /** ceil(peak read + write per second / server_capacity). */
  servers: number | null;
}

export interface AvailabilityEstimate {
  /** The target as a fraction, e.g. 0.9999. */
  target: number | null;
  downtime_seconds_per_year: number | null;
  downtime_seconds_per_month: number | null;
  downtime_seconds_per_week: number | null;
  downtime_seconds_per_day: number | null;
}

export interface FlowEstimate {
  id: string;
  hops: number;
  /** Composite availability of the components crossed, where given. */
  availability: number | null;
  availability_target: number | null;
  latency_seconds: number | null;
  latency_target_seconds: number | null;
  /** Runs of the flow per second (average), from its traffic line or `rate`; null when nothing runs it. */
  rate_per_second: number | null;
  peak_per_second: number | null;
  /** `latency_seconds` plus the queueing waits at peak of the components crossed; null when one is saturated. */
  latency_peak_seconds: number | null;
  /** Ids of components crossed that run as one instance. */
  single_points_of_failure: string[];
  /** Ids of components crossed that are at or past 100 % utilisation at peak. */
  saturated: string[];
}

/** Where a component's capacity (or another sized figure) came from, for hovers. */
export interface FigureOrigin {
  /** `component`: its own field; `design`: `estimation.defaults`; `server_capacity`; `built-in`: the product's table. */
  from: 'component' | 'design' | 'server_capacity' | 'built-in';
  /** The figure as written or as the table shows it, e.g. `2k/s`. */
  shown: string;
  /** For a built-in default: where it comes from (a document and URL, or the reasoning of an assumption). */
  source?: string;
  year?: number;
  assumption?: boolean;
}

/** One flow's share of a component's load, for the hover's breakdown. */
export interface LoadShare {
  flow: string;
  peak_per_second: number;
  kind: TrafficKind;
}

/** The load on one component at peak and whether it holds (SPEC 5.2, 5.6). */
export interface ComponentLoad {
  id: string;
  kind: ComponentKind | null;
  peak_per_second: number | null;
  peak_reads_per_second: number | null;
  peak_writes_per_second: number | null;
  /** Average bytes per second it receives (write requests) and sends (read responses). */
  bytes_in_per_second: number | null;
  bytes_out_per_second: number | null;
  /** Bytes held, one copy: written bytes x retention (databases, object stores, streams, search). */
  stored_bytes: number | null;
  /** Connections held open at peak, over all instances. */
  connections: number | null;
  capacity_per_second: number | null;
  replicas: number;
  shards: number;
  /** shards x replicas. */
  instances: number;
  /** Load per instance / capacity at peak (a fraction). */
  utilisation: number | null;
  instances_needed: number | null;
  shards_needed: number | null;
  queue_wait_seconds: number | null;
  survives_instance_loss: boolean | null;
  /** The sum of `cost_breakdown`; null when it has no price that applies. */
  cost_per_month: number | null;
  /** USD per month by price (SPEC 5.4); null where it has no such price or the usage is unknown. */
  cost_breakdown: CostBreakdown;
  /** Where each price it pays came from (its `cost` map, the design's defaults, the product's table). */
  cost_origins: Partial<Record<CostField, FigureOrigin>>;
  storage_capacity_bytes: number | null;
  max_connections: number | null;
  /** Workers per instance (Little's law), when it has a latency and a capacity. */
  workers: number | null;
  origins: { capacity?: FigureOrigin; storage_capacity?: FigureOrigin; max_connections?: FigureOrigin };
  by_flow: LoadShare[];
}

/** A component's cost per month by price, in USD. */
export type CostBreakdown = Record<CostField, number | null>;

/** What the design costs (SPEC 5.4), in USD; null where not computable. */
export interface CostEstimate {
  per_month: number | null;
  /** per_month / (requests per month over all traffic lines / 1000). */
  per_thousand_requests: number | null;
  per_dau_per_month: number | null;
}

export interface ConnectionLoad {
  from: string;
  to: string;
  peak_per_second: number | null;
  bytes_per_second: number | null;
}

export interface Estimate {
  conventions: Conventions;
  dau: number | null;
  users: number | null;
  concurrent: number | null;
  values: Record<string, number>;
  traffic: TrafficEstimate[];
  totals: Totals;
  availability: AvailabilityEstimate;
  flows: FlowEstimate[];
  components: ComponentLoad[];
  connections: ConnectionLoad[];
  cost: CostEstimate;
  /** Each scenario's analysis beside the base (SPEC 5.3, 5.6); empty without `scenarios`. */
  scenarios: ScenarioEstimate[];
}

/** A scenario's figures (SPEC 5.6): the base's fields, recomputed with its settings and failures. */
export interface ScenarioEstimate extends Pick<Estimate, 'dau' | 'totals' | 'availability' | 'flows' | 'components' | 'connections' | 'cost'> {
  id: string;
  label: string | null;
  /** The components it takes down. */
  failed: string[];
  /** Requirements whose dry run crosses a failed component. */
  broken_requirements: string[];
  /** Dry runs that cross a failed component. */
  broken_flows: string[];
  /** The problems found only in this scenario, as reported on its line. */
  problems: Problem[];
}

/** Everything known about one version of a document. */
export interface Analysis {
  /** The text this analysis is for. */
  text: string;
  design: Design;
  /** Sorted by start offset. */
  problems: Problem[];
  estimate: Estimate;
  /** Evaluated quantities by the start offset of their source, for hover and inlay hints. */
  quantities: Map<number, EvaluatedQuantity>;
  /** Each scenario's analysis, in the order of `scenarios` (the first of a repeated id only). */
  scenarios: ScenarioAnalysis[];
}

/** A scenario's whole analysis (SPEC 5.3): its design, its quantities and its estimate. */
export interface ScenarioAnalysis {
  scenario: Scenario;
  /** The scenario's design: the base with its settings applied. */
  design: Design;
  /** Evaluated quantities of the scenario's design, for hovers while the scenario is shown. */
  quantities: Map<number, EvaluatedQuantity>;
  /** The scenario's whole estimate, as the base's (its `scenarios` empty). */
  estimate: Estimate;
  /** What the JSON and the comparison show of it (SPEC 5.6). */
  summary: ScenarioEstimate;
}

/** The periods a rate may be written and shown per, besides a second (`/min`, `per day`). */
export type Period = 'min' | 'h' | 'day' | 'week' | 'month' | 'year';

/** What hover and inlay hints show for one quantity field. */
export interface EvaluatedQuantity extends Span {
  /** The value in base units, or null when the expression has errors. */
  value: number | null;
  /** The dimension as written for people, e.g. `bytes`, `1/s`, `bytes/s`. */
  dimension: string;
  /** Where a `B` was read, and as what. */
  bReadings: Array<Span & { meaning: 'bytes' | 'billion' }>;
  /** The names (from `values`, `users`, `dau`) the expression uses, at document offsets. */
  names: Ident[];
  /** The field this quantity fills, e.g. `size`, `per_user`, `values.caption`. */
  field: string;
  /** Present when the value reads as a percentage: made of percentages and bare numbers (`Quantity.reads`). */
  percent?: true;
  /** The period a rate was written per, when longer than a second (`1M/min`: `min`; `Quantity.per`). */
  per?: Period;
}
