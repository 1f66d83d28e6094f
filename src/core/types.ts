/**
 * The domain words of sysdesign, fixed once and used by every layer.
 *
 * Every position is a UTF-16 offset into the analysed text (what JavaScript string
 * indices count), `end` exclusive. Editor layers turn offsets into line/character
 * with their own document model; the core never thinks in lines.
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
  | { kind: 'create-requirement'; id: string };

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

export interface Requirement extends Span {
  id: Ident;
  text?: Text;
  op?: RequirementOp;
  /** Important requirements need a dry run (default true). */
  important: boolean;
}

export const CONSISTENCY_MODELS = ['strong', 'eventual', 'causal', 'read-your-writes'] as const;

export interface LatencyTarget extends Span {
  /** A requirement id, a flow id, or `default`. */
  key: Ident;
  value: QuantitySource;
}

export interface NonFunctional extends Span {
  availability?: QuantitySource;
  latency: LatencyTarget[];
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

export const CONVENTION_NAMES = ['seconds_per_day', 'days_per_month', 'days_per_year', 'peak_factor'] as const;
export type ConventionName = (typeof CONVENTION_NAMES)[number];

export interface Conventions {
  seconds_per_day: number;
  days_per_month: number;
  days_per_year: number;
  peak_factor: number;
}

export const DEFAULT_CONVENTIONS: Readonly<Conventions> = Object.freeze({
  seconds_per_day: 86400,
  days_per_month: 30,
  days_per_year: 365,
  peak_factor: 2,
});

export interface NamedQuantity extends Span {
  name: Ident;
  value: QuantitySource;
}

export type TrafficKind = 'read' | 'write';

export interface Traffic extends Span {
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

export interface Estimation extends Span {
  conventions: NamedQuantity[];
  users?: QuantitySource;
  dau?: QuantitySource;
  values: NamedQuantity[];
  traffic: Traffic[];
  retention?: QuantitySource;
  replication?: QuantitySource;
  cacheHotRatio?: QuantitySource;
  serverCapacity?: QuantitySource;
}

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface Api extends Span {
  id: Ident;
  method?: HttpMethod;
  path?: Text;
  requirement?: Ident;
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

export interface Component extends Span {
  id: Ident;
  kind?: ComponentKind;
  label?: Text;
  tech?: Text;
  replicas?: number;
  availability?: QuantitySource;
  latency?: QuantitySource;
}

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

export type Step = Arrow;

export interface Flow extends Span {
  id: Ident;
  requirement?: Ident;
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
}

export interface Estimate {
  conventions: Conventions;
  values: Record<string, number>;
  traffic: TrafficEstimate[];
  totals: Totals;
  availability: AvailabilityEstimate;
  flows: FlowEstimate[];
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
}

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
}
