/**
 * YAML tree -> Design. Every id, reference, label and quantity keeps its exact span.
 * Tolerant by design: a field of the wrong shape is left out of the model (the schema
 * reports it), so a half-written design still yields a useful model for the editor.
 */
import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import type { Node as YamlNode, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { spanOf } from './yaml';
import {
  COMPONENT_KINDS,
  HTTP_METHODS,
  REQUIREMENT_OPS,
  SECTION_NAMES,
  type Api,
  type Arrow,
  type Component,
  type ComponentKind,
  type Connection,
  type DataModel,
  type Design,
  type Estimation,
  type Field,
  type Flow,
  type Group,
  type HttpMethod,
  type Ident,
  type LatencyTarget,
  type NamedQuantity,
  type NonFunctional,
  type QuantitySource,
  type Requirement,
  type RequirementOp,
  type Requirements,
  type KindDefaultsSource,
  type Section,
  type SectionName,
  type Step,
  type Span,
  type Text,
  type Traffic,
} from './types';

const SECTION_SET = new Set<string>(SECTION_NAMES);
const KIND_SET = new Set<string>(COMPONENT_KINDS);
const OP_SET = new Set<string>(REQUIREMENT_OPS);
const METHOD_SET = new Set<string>(HTTP_METHODS);

export function emptyDesign(): Design {
  return { sections: [], apis: [], dataModels: [], components: [], groups: [], connections: [], flows: [] };
}

/**
 * Model parts by the YAML node they were read from, for an analyzer that analyses one
 * document version after another (`createAnalyzer`).
 *
 * Why this is sound: the incremental parser (`incremental.ts`) hands out the *same* node
 * object for a chunk whose text did not change, with only its ranges shifted by the
 * length of an edit before it; every other node is new. A part read from such a node is
 * therefore the part read before, with every offset shifted by the same amount. A part
 * depends on nothing outside its node (the text it slices is the node's own), and it is
 * cached per reading (`kind`): a node moved from `components` to `groups` by an edit of
 * the section key is read again as a group.
 *
 * Two generations of Maps: a part not read during a whole analysis is dropped after the
 * next one, so memory follows the document whatever the garbage collector does.
 */
export class ModelCache {
  private current = new Map<object, CachedPart>();
  private previous = new Map<object, CachedPart>();

  /** Starts an analysis. */
  nextGeneration(): void {
    this.previous = this.current;
    this.current = new Map();
  }

  /** The part `read` makes of `node`, from the cache when this node was read as `kind` before. */
  read<T>(kind: string, node: object, start: number, read: () => T): T {
    const first = this.current.get(node) ?? this.previous.get(node);
    for (let entry = first; entry !== undefined; entry = entry.next) {
      if (entry.kind !== kind) continue;
      if (entry.start !== start) {
        entry.part = shiftSpans(entry.part, start - entry.start);
        entry.start = start;
      }
      this.current.set(node, first!);
      return entry.part as T;
    }
    const part = read();
    this.current.set(node, { kind, start, part, next: first });
    return part;
  }
}

interface CachedPart {
  kind: string;
  /** The node's start offset when `part` was read or last shifted. */
  start: number;
  part: unknown;
  /** The same node read another way. */
  next: CachedPart | undefined;
}

/**
 * A copy of a model part with every offset moved by `delta`. Offsets are exactly the
 * `start` and `end` properties (every `Span` of types.ts); the original is never mutated,
 * since an earlier analysis may still hold it.
 */
export function shiftSpans(value: unknown, delta: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => shiftSpans(item, delta));
  // A spread copy keeps the original's shape (hidden class): copies of copies stay as fast
  // to make and to read as the parts the model built (property by property, they were not).
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const key in out) {
    const v = out[key];
    if (typeof v === 'number') {
      if (key === 'start' || key === 'end') out[key] = v + delta;
    } else if (v !== null && typeof v === 'object') {
      out[key] = shiftSpans(v, delta);
    }
  }
  return out;
}

/** The most items of one list the model reads: the schema's largest `maxItems` (connections). */
export const MAX_LIST_ITEMS = 5000;

/**
 * Reads the model from the document's root node. `text` is the analysed text. With a
 * `cache`, list items and named quantities read from unchanged nodes are reused.
 */
export function buildDesign(root: YamlNode | null, text: string, cache?: ModelCache): Design {
  const design = emptyDesign();
  cache?.nextGeneration();
  if (!isMap(root)) return design;
  const read = new Reader(text, cache);
  for (const pair of root.items as Pair<YamlNode, YamlNode | null>[]) {
    if (!isScalar(pair.key)) continue;
    const name = String(pair.key.value);
    const key = spanOf(pair.key);
    if (SECTION_SET.has(name)) {
      const end = pair.value?.range ? pair.value.range[1] : key.end;
      design.sections.push({ name: name as SectionName, key, start: key.start, end: Math.max(end, key.end) } satisfies Section);
    }
    const value = pair.value;
    switch (name) {
      case 'sysdesign':
        if (isScalar(value) && typeof value.value === 'number') design.version = value.value;
        break;
      case 'name':
        design.name = read.text(value);
        break;
      case 'description':
        design.description = read.text(value);
        break;
      case 'requirements':
        design.requirements = read.requirements(value);
        break;
      case 'estimation':
        design.estimation = read.estimation(value);
        break;
      case 'apis':
        design.apis = read.list(value, 'api', (item) => read.api(item));
        break;
      case 'data_models':
        design.dataModels = read.list(value, 'data-model', (item) => read.dataModel(item));
        break;
      case 'components':
        design.components = read.list(value, 'component', (item) => read.component(item));
        break;
      case 'groups':
        design.groups = read.list(value, 'group', (item) => read.group(item));
        break;
      case 'connections':
        design.connections = read.list(value, 'connection', (item) => read.connection(item));
        break;
      case 'flows':
        design.flows = read.list(value, 'flow', (item) => read.flow(item));
        break;
    }
  }
  return design;
}

type Entries = Map<string, { key: Scalar; value: YamlNode | null; pair: Pair }>;

class Reader {
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
    };
  }

  nonFunctional(node: YamlNode | null): NonFunctional | undefined {
    const e = this.entries(node);
    if (!e || !node) return undefined;
    const latency = this.entries(e.get('latency')?.value);
    return {
      ...this.span(node),
      availability: this.quantity(e.get('availability')?.value),
      latency: latency
        ? [...latency.values()].flatMap(({ key, value }): LatencyTarget[] => {
            const q = this.quantity(value);
            const k = this.ident(key);
            return q && k ? [{ key: k, value: q, start: k.start, end: q.end }] : [];
          })
        : [],
      consistency: this.text(e.get('consistency')?.value),
      durability: this.quantity(e.get('durability')?.value),
      notes: this.list(e.get('notes')?.value, 'text', (item) => this.text(item)),
    };
  }

  namedQuantities(node: YamlNode | null | undefined): NamedQuantity[] {
    const e = this.entries(node);
    if (!e) return [];
    const out: NamedQuantity[] = [];
    for (const { key, value, pair } of e.values()) {
      const read = (): NamedQuantity | undefined => {
        const name = this.ident(key);
        const q = this.quantity(value);
        return name && q ? { name, value: q, start: name.start, end: q.end } : undefined;
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
      out.push({ kind, fields: this.namedQuantities(value), start: kind.start, end: value?.range?.[1] ?? kind.end });
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
    };
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
    return { ...this.span(node), id, store: this.ident(e.get('store')?.value), fields };
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
      replicas: this.quantity(e.get('replicas')?.value),
      shards: this.quantity(e.get('shards')?.value),
      capacity: this.quantity(e.get('capacity')?.value),
      storageCapacity: this.quantity(e.get('storage_capacity')?.value),
      connections: this.quantity(e.get('connections')?.value),
      maxConnections: this.quantity(e.get('max_connections')?.value),
      availability: this.quantity(e.get('availability')?.value),
      latency: this.quantity(e.get('latency')?.value),
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

/**
 * `a -> b` or, when `allowLabel`, `a -> b: label`, as written at `offset`. Only the
 * arrow's structure is checked here; the schema checks the id spelling.
 */
export function parseArrow(text: string, offset: number, allowLabel: boolean): Pick<Arrow, 'from' | 'to' | 'label'> | undefined {
  const arrowAt = text.indexOf('->');
  if (arrowAt < 0) return undefined;
  const from = trimmed(text, 0, arrowAt, offset);
  let toEnd = text.length;
  let label: Text | undefined;
  if (allowLabel) {
    const colon = text.indexOf(':', arrowAt + 2);
    if (colon >= 0) {
      toEnd = colon;
      const l = trimmed(text, colon + 1, text.length, offset);
      if (l) label = { text: l.name, start: l.start, end: l.end };
    }
  }
  const to = trimmed(text, arrowAt + 2, toEnd, offset);
  if (!from || !to) return undefined;
  return { from, to, label };
}

function trimmed(text: string, start: number, end: number, offset: number): Ident | undefined {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end > start ? { name: text.slice(start, end), start: offset + start, end: offset + end } : undefined;
}

/**
 * `uuid pk`, `varchar(200) unique`, `uuid fk users.user_id`, `timestamp index`.
 * The first word is the type (parentheses included); then modifiers in any order.
 */
export function parseFieldDefinition(definition: Text | undefined): Pick<Field, 'type' | 'pk' | 'index' | 'unique' | 'fk'> {
  const out: Pick<Field, 'type' | 'pk' | 'index' | 'unique' | 'fk'> = { pk: false, index: false, unique: false };
  if (!definition) return out;
  const words: Ident[] = [];
  const text = definition.text;
  const re = /[^\s(]+(?:\([^)]*\))?|\([^)]*\)/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    words.push({ name: m[0], start: definition.start + m.index, end: definition.start + m.index + m[0].length });
  }
  if (words.length === 0) return out;
  out.type = { text: words[0].name, start: words[0].start, end: words[0].end };
  for (let i = 1; i < words.length; i++) {
    const w = words[i].name.toLowerCase();
    if (w === 'pk') out.pk = true;
    else if (w === 'index') out.index = true;
    else if (w === 'unique') out.unique = true;
    else if (w === 'fk' && i + 1 < words.length) {
      const target = words[++i];
      const dot = target.name.indexOf('.');
      out.fk =
        dot < 0
          ? { table: target }
          : {
              table: { name: target.name.slice(0, dot), start: target.start, end: target.start + dot },
              field: dot + 1 < target.name.length ? { name: target.name.slice(dot + 1), start: target.start + dot + 1, end: target.end } : undefined,
            };
    }
  }
  return out;
}
