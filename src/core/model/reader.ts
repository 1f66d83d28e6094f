/**
 * The YAML node -> model part readers, one method per kind of part (a section, a list item,
 * a scalar as text, id or quantity). Tolerant: a node of the wrong shape reads as
 * `undefined` (the schema reports it), so a half-written design still yields a useful model.
 */
import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import type { Node as YamlNode, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { spanOf } from '../yaml';
import {
  COMPONENT_KINDS,
  COST_FIELDS,
  HTTP_METHODS,
  REQUIREMENT_OPS,
  type Api,
  type ApiField,
  type Arrow,
  type Component,
  type ComponentKind,
  type Connection,
  type CostSource,
  type DataModel,
  type Estimation,
  type Field,
  type Flow,
  type Group,
  type HttpMethod,
  type Ident,
  type Target,
  type NamedQuantity,
  type NonFunctional,
  type QuantitySource,
  type Requirement,
  type RequirementOp,
  type Requirements,
  type Scenario,
  type ScenarioSetting,
  type KindDefaultsSource,
  type Step,
  type Span,
  type Sourced,
  type Text,
  type Traffic,
} from '../types';
import { parseArrow } from './arrows';
import type { ModelCache } from './cache';
import { parseFieldDefinition } from './fields';

const KIND_SET = new Set<string>(COMPONENT_KINDS);
const OP_SET = new Set<string>(REQUIREMENT_OPS);
const METHOD_SET = new Set<string>(HTTP_METHODS);

/**
 * The most items of one list the model reads: the schema's largest `maxItems` (connections).
 * Here rather than in `index.ts`, which imports the `Reader`: no import cycle.
 */
export const MAX_LIST_ITEMS = 5000;

type Entries = Map<string, { key: Scalar; value: YamlNode | null; pair: Pair }>;

export class Reader {
  constructor(
    private readonly source: string,
    private readonly cache?: ModelCache,
  ) {}

  /** The map's entries by key (first one wins; duplicates are reported by the parser stage). */
  entries(node: YamlNode | null | undefined): Entries | undefined {
    if (!isMap(node)) return undefined;
    const out: Entries = new Map();
    for (const pair of (node as YAMLMap).items as Pair<YamlNode, YamlNode | null>[]) {
      if (isScalar(pair.key) && !out.has(String(pair.key.value))) {
        out.set(String(pair.key.value), { key: pair.key, value: pair.value ?? null, pair });
      }
    }
    return out;
  }

  /**
   * The items of a sequence read by `item`; `kind` names the reading for the cache. Past
   * MAX_LIST_ITEMS (the schema's largest `maxItems`, which it reports) the rest is not
   * read, so a generated list of 80,000 items costs the checks no more than 5,000.
   */
  list<T>(node: YamlNode | null | undefined, kind: string, item: (node: YamlNode) => T | undefined): T[] {
    if (!isSeq(node)) return [];
    const out: T[] = [];
    for (const child of (node as YAMLSeq<YamlNode>).items.slice(0, MAX_LIST_ITEMS)) {
      if (child === null || child === undefined) continue;
      const value = this.cache && child.range ? this.cache.read(kind, child, child.range[0], () => item(child)) : item(child);
      if (value !== undefined) out.push(value);
    }
    return out;
  }

  /** A scalar's text with its span: the characters between the quotes for quoted scalars. */
  text(node: YamlNode | null | undefined): Text | undefined {
    if (!isScalar(node) || node.value === null || typeof node.value === 'object') return undefined;
    const value = String(node.value);
    const span = spanOf(node);
    // A broken quoted scalar (e.g. a tab in a continuation line) can span its opening quote only.
    if ((node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) && span.end - span.start >= 2) {
      return { text: value, start: span.start + 1, end: span.end - 1 };
    }
    return { text: value, start: span.start, end: span.end };
  }

  /**
   * A string scalar as an id. Numbers count too (`id: 404` is the id "404"), since the
   * schema reports them; the model should still let the editor navigate.
   */
  ident(node: YamlNode | null | undefined): Ident | undefined {
    const t = this.text(node);
    if (!t || t.text.length === 0) return undefined;
    return { name: t.text, start: t.start, end: t.end };
  }

  quantity(node: YamlNode | null | undefined): QuantitySource | undefined {
    if (!isScalar(node) || node.value === null || typeof node.value === 'object' || typeof node.value === 'boolean') return undefined;
    const span = spanOf(node);
    const raw = this.source.slice(span.start, span.end);
    if (node.type === Scalar.PLAIN) {
      // Numbers keep their source text (`10,000` is a string anyway; `1e6` stays `1e6`).
      return raw === String(node.value) || typeof node.value === 'number'
        ? { text: raw, start: span.start, end: span.end, exact: true }
        : { text: String(node.value), start: span.start, end: span.end, exact: false };
    }
    if ((node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) && raw.length >= 2) {
      const inner = raw.slice(1, -1);
      if (inner === node.value) return { text: inner, start: span.start + 1, end: span.end - 1, exact: true };
    }
    return { text: String(node.value), start: span.start, end: span.end, exact: false };
  }

  bool(node: YamlNode | null | undefined): boolean | undefined {
    return isScalar(node) && typeof node.value === 'boolean' ? node.value : undefined;
  }

  /** A whole number from 1 (`stage: 2`); anything else is left out, as the schema reports it. */
  positiveInteger(node: YamlNode | null | undefined): number | undefined {
    return isScalar(node) && typeof node.value === 'number' && Number.isSafeInteger(node.value) && node.value >= 1 ? node.value : undefined;
  }

  span(node: YamlNode): Span {
    return spanOf(node);
  }

  requirements(node: YamlNode | null): Requirements | undefined {
    const e = this.entries(node);
    if (!e || !node) return undefined;
    return {
      ...this.span(node),
      questions: this.list(e.get('questions')?.value, 'question', (item) => {
        const q = this.entries(item);
        return q ? { ...this.span(item), q: this.text(q.get('q')?.value), a: this.text(q.get('a')?.value) } : undefined;
      }),
      functional: this.list(e.get('functional')?.value, 'requirement', (item) => this.requirement(item)),
      outOfScope: this.list(e.get('out_of_scope')?.value, 'text', (item) => this.text(item)),
      nonFunctional: this.nonFunctional(e.get('non_functional')?.value ?? null),
    };
  }

  requirement(node: YamlNode): Requirement | undefined {
    const e = this.entries(node);
    const id = this.ident(e?.get('id')?.value);
    if (!e || !id) return undefined;
    const op = this.text(e.get('op')?.value)?.text;
    return {
      ...this.span(node),
      id,
      text: this.text(e.get('text')?.value),
      op: op !== undefined && OP_SET.has(op) ? (op as RequirementOp) : undefined,
      important: this.bool(e.get('important')?.value) ?? true,
      ...this.sources(e),
    };
  }

  nonFunctional(node: YamlNode | null): NonFunctional | undefined {
    const e = this.entries(node);
    if (!e || !node) return undefined;
    const availability = e.get('availability')?.value ?? null;
    // `availability` is one target, or a map of targets like `latency` (its `default` is the design-wide one).
    const availabilityTargets = this.targets(availability);
    return {
      ...this.span(node),
      availability: isMap(availability) ? availabilityTargets.find((t) => t.key.name === 'default')?.value : this.quantity(availability),
      availabilityTargets,
      latency: this.targets(e.get('latency')?.value ?? null),
      consistency: this.text(e.get('consistency')?.value),
      durability: this.quantity(e.get('durability')?.value),
      notes: this.list(e.get('notes')?.value, 'text', (item) => this.text(item)),
    };
  }

  /** A map of targets by requirement or flow id (`latency`, `availability`); empty when it is not a map. */
  targets(node: YamlNode | null): Target[] {
    const e = this.entries(node);
    if (!e) return [];
    return [...e.values()].flatMap(({ key, value }): Target[] => {
      const q = this.quantity(value);
      const k = this.ident(key);
      return q && k ? [{ key: k, value: q, start: k.start, end: q.end }] : [];
    });
  }

  namedQuantities(node: YamlNode | null | undefined): NamedQuantity[] {
    const e = this.entries(node);
    if (!e) return [];
    const out: NamedQuantity[] = [];
    for (const { key, value, pair } of e.values()) {
      const read = (): NamedQuantity | undefined => {
        const name = this.ident(key);
        // The long form `name: { value: 2/day, source: ... }` gives the value its sources.
        const long = isMap(value) ? this.entries(value) : undefined;
        const q = this.quantity(long ? long.get('value')?.value : value);
        return name && q ? { name, value: q, ...(long ? this.sources(long) : {}), start: name.start, end: q.end } : undefined;
      };
      // Keyed by the pair (key and value both count), at the key's offset.
      const named = this.cache && key.range ? this.cache.read('named-quantity', pair, key.range[0], read) : read();
      if (named) out.push(named);
    }
    return out;
  }

  estimation(node: YamlNode | null): Estimation | undefined {
    const e = this.entries(node);
    if (!e || !node) return undefined;
    return {
      ...this.span(node),
      conventions: this.namedQuantities(e.get('conventions')?.value),
      users: this.quantity(e.get('users')?.value),
      dau: this.quantity(e.get('dau')?.value),
      concurrent: this.quantity(e.get('concurrent')?.value),
      defaults: this.kindDefaults(e.get('defaults')?.value),
      values: this.namedQuantities(e.get('values')?.value),
      traffic: this.list(e.get('traffic')?.value, 'traffic', (item) => this.traffic(item)),
      retention: this.quantity(e.get('retention')?.value),
      replication: this.quantity(e.get('replication')?.value),
      cacheHotRatio: this.quantity(e.get('cache_hot_ratio')?.value),
      serverCapacity: this.quantity(e.get('server_capacity')?.value),
    };
  }

  /** `estimation.defaults`: per kind, the fields a design sets for every component of that kind. */
  kindDefaults(node: YamlNode | null | undefined): KindDefaultsSource[] {
    const e = this.entries(node);
    if (!e) return [];
    const out: KindDefaultsSource[] = [];
    for (const { key, value } of e.values()) {
      const kind = this.ident(key);
      if (!kind || !KIND_SET.has(kind.name)) continue;
      const cost = this.cost(this.entries(value)?.get('cost')?.value);
      out.push({ kind, fields: this.namedQuantities(value), ...(cost ? { cost } : {}), start: kind.start, end: value?.range?.[1] ?? kind.end });
    }
    return out;
  }

  traffic(node: YamlNode): Traffic | undefined {
    const e = this.entries(node);
    const id = this.ident(e?.get('id')?.value);
    if (!e || !id) return undefined;
    const kind = this.text(e.get('kind')?.value)?.text;
    return {
      ...this.span(node),
      id,
      kind: kind === 'read' || kind === 'write' ? kind : undefined,
      perUser: this.quantity(e.get('per_user')?.value),
      rate: this.quantity(e.get('rate')?.value),
      size: this.quantity(e.get('size')?.value),
      peakFactor: this.quantity(e.get('peak_factor')?.value),
      ...this.sources(e),
    };
  }

  /** `source: text` or `sources: [text, ...]` (both may be written; `source` comes first). */
  sources(e: Entries): Sourced {
    const one = this.text(e.get('source')?.value);
    const many = this.list(e.get('sources')?.value, 'text', (item) => this.text(item));
    const sources = [...(one ? [one] : []), ...many].filter((t) => t.text.trim() !== '');
    return sources.length > 0 ? { sources } : {};
  }

  /** API request or response fields; a nested type reads as one line (`[string]`, `{ id: string }`). */
  apiFields(node: YamlNode | null | undefined): ApiField[] {
    return [...(this.entries(node)?.values() ?? [])].flatMap(({ key, value }) => {
      const name = this.text(key);
      return name ? [{ name, type: this.typeText(value, 0) }] : [];
    });
  }

  private typeText(node: YamlNode | null | undefined, depth: number): string {
    if (depth > 8) return '…';
    if (isSeq(node)) return `[${(node as YAMLSeq<YamlNode>).items.map((item) => this.typeText(item, depth + 1)).join(', ')}]`;
    const e = this.entries(node);
    if (e) return `{ ${[...e.entries()].map(([name, { value }]) => `${name}: ${this.typeText(value, depth + 1)}`).join(', ')} }`;
    return this.text(node)?.text ?? '';
  }

  api(node: YamlNode): Api | undefined {
    const e = this.entries(node);
    const id = this.ident(e?.get('id')?.value);
    if (!e || !id) return undefined;
    const method = this.text(e.get('method')?.value)?.text;
    return {
      ...this.span(node),
      id,
      method: method !== undefined && METHOD_SET.has(method) ? (method as HttpMethod) : undefined,
      path: this.text(e.get('path')?.value),
      requirement: this.ident(e.get('requirement')?.value),
      description: this.text(e.get('description')?.value),
      request: this.apiFields(e.get('request')?.value),
      response: this.apiFields(e.get('response')?.value),
    };
  }

  dataModel(node: YamlNode): DataModel | undefined {
    const e = this.entries(node);
    const id = this.ident(e?.get('id')?.value);
    if (!e || !id) return undefined;
    const fields: Field[] = [];
    for (const { key, value } of this.entries(e.get('fields')?.value)?.values() ?? []) {
      const name = this.ident(key);
      if (!name) continue;
      const definition = this.text(value);
      fields.push({ ...parseFieldDefinition(definition), name, definition, start: name.start, end: value?.range?.[1] ?? name.end });
    }
    return { ...this.span(node), id, store: this.ident(e.get('store')?.value), description: this.text(e.get('description')?.value), fields };
  }

  component(node: YamlNode): Component | undefined {
    const e = this.entries(node);
    const id = this.ident(e?.get('id')?.value);
    if (!e || !id) return undefined;
    const kind = this.text(e.get('kind')?.value)?.text;
    return {
      ...this.span(node),
      id,
      kind: kind !== undefined && KIND_SET.has(kind) ? (kind as ComponentKind) : undefined,
      label: this.text(e.get('label')?.value),
      tech: this.text(e.get('tech')?.value),
      description: this.text(e.get('description')?.value),
      ...this.sources(e),
      replicas: this.quantity(e.get('replicas')?.value),
      shards: this.quantity(e.get('shards')?.value),
      capacity: this.quantity(e.get('capacity')?.value),
      storageCapacity: this.quantity(e.get('storage_capacity')?.value),
      connections: this.quantity(e.get('connections')?.value),
      maxConnections: this.quantity(e.get('max_connections')?.value),
      availability: this.quantity(e.get('availability')?.value),
      latency: this.quantity(e.get('latency')?.value),
      cost: this.cost(e.get('cost')?.value),
      stage: this.positiveInteger(e.get('stage')?.value),
    };
  }

  /** A `cost:` map: the prices it gives (an empty map is still a map, and prices nothing). */
  cost(node: YamlNode | null | undefined): CostSource | undefined {
    const e = this.entries(node);
    if (!e || !node) return undefined;
    const out: CostSource = this.span(node);
    for (const field of COST_FIELDS) {
      const q = this.quantity(e.get(field)?.value);
      if (q) out[field] = q;
    }
    return out;
  }

  scenario(node: YamlNode): Scenario | undefined {
    const e = this.entries(node);
    const id = this.ident(e?.get('id')?.value);
    if (!e || !id) return undefined;
    const set: ScenarioSetting[] = [];
    for (const { key, value } of this.entries(e.get('set')?.value)?.values() ?? []) {
      const path = this.text(key);
      const q = this.quantity(value);
      if (!path || !q) continue;
      set.push({ path, exact: this.source.slice(path.start, path.end) === path.text, value: q, start: path.start, end: q.end });
    }
    return {
      ...this.span(node),
      id,
      label: this.text(e.get('label')?.value),
      set,
      fail: this.list(e.get('fail')?.value, 'ident', (item) => this.ident(item)),
    };
  }

  group(node: YamlNode): Group | undefined {
    const e = this.entries(node);
    const id = this.ident(e?.get('id')?.value);
    if (!e || !id) return undefined;
    return {
      ...this.span(node),
      id,
      label: this.text(e.get('label')?.value),
      members: this.list(e.get('members')?.value, 'ident', (item) => this.ident(item)),
    };
  }

  connection(node: YamlNode): Connection | undefined {
    const arrow = this.arrow(node);
    if (!arrow) return undefined;
    const e = isMap(node) ? this.entries(node) : undefined;
    const longForm = e?.has('from') === true;
    return {
      ...arrow,
      async: (longForm && this.bool(e?.get('async')?.value)) || false,
      latency: longForm ? this.quantity(e?.get('latency')?.value) : undefined,
    };
  }

  flow(node: YamlNode): Flow | undefined {
    const e = this.entries(node);
    const id = this.ident(e?.get('id')?.value);
    if (!e || !id) return undefined;
    return {
      ...this.span(node),
      id,
      requirement: this.ident(e.get('requirement')?.value),
      traffic: this.ident(e.get('traffic')?.value),
      rate: this.quantity(e.get('rate')?.value),
      peakFactor: this.quantity(e.get('peak_factor')?.value),
      description: this.text(e.get('description')?.value),
      steps: this.list(e.get('steps')?.value, 'step', (item) => this.step(item)),
    };
  }

  /** An arrow plus its load fields, from the long form or the short form's value map. */
  step(node: YamlNode): Step | undefined {
    const arrow = this.arrow(node);
    if (!arrow) return undefined;
    const e = this.stepFields(node);
    const kind = this.text(e?.get('kind')?.value)?.text;
    return {
      ...arrow,
      calls: this.quantity(e?.get('calls')?.value),
      async: this.bool(e?.get('async')?.value) ?? false,
      size: this.quantity(e?.get('size')?.value),
      kind: kind === 'read' || kind === 'write' ? kind : undefined,
    };
  }

  /** The map that holds a step's fields: the long form itself, or the value of `a -> b: { ... }`. */
  private stepFields(node: YamlNode): Entries | undefined {
    const e = this.entries(node);
    if (!e) return undefined;
    if (e.has('from') || e.has('to')) return e;
    if (e.size !== 1) return undefined;
    const [{ value }] = e.values();
    return this.entries(value);
  }

  /** The three written forms of `a -> b: label`. */
  arrow(node: YamlNode): Arrow | undefined {
    const span = this.span(node);
    if (isScalar(node)) {
      const t = this.text(node);
      if (!t) return undefined;
      const parsed = parseArrow(t.text, t.start, true);
      return parsed ? { ...parsed, ...span } : undefined;
    }
    const e = this.entries(node);
    if (!e) return undefined;
    if (e.has('from') || e.has('to')) {
      const from = this.ident(e.get('from')?.value);
      const to = this.ident(e.get('to')?.value);
      if (!from || !to) return undefined;
      return { ...span, from, to, label: this.text(e.get('label')?.value) };
    }
    if (e.size !== 1) return undefined;
    const [{ key, value }] = e.values();
    const t = this.text(key);
    if (!t) return undefined;
    const parsed = parseArrow(t.text, t.start, false);
    if (!parsed) return undefined;
    // `a -> b: { label: ..., calls: ... }` carries its label inside the map.
    const label = isMap(value) ? this.text(this.entries(value)?.get('label')?.value) : this.text(value);
    return { ...span, from: parsed.from, to: parsed.to, label: label && label.text.length > 0 ? label : undefined };
  }
}
