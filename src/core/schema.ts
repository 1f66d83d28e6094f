/**
 * Validation of a document against the bundled JSON schema (`schemas/sysdesign.schema.json`),
 * with every error mapped to the smallest range of the YAML tree and worded for people.
 *
 * Pure: no Node APIs. Ajv is compiled once per process, lazily, and only ever on the bundled
 * schema (never on one named by a document).
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isAlias, isMap, isScalar, isSeq, type Node as YamlNode, type Pair } from 'yaml';
import schema from '../../schemas/sysdesign.schema.json';
import { closest, didYouMean } from './suggest';
import type { Problem, ProblemCode, ProblemFix, Span } from './types';

/** Most problems reported for one document; past this the rest are noise. */
const MAX_PROBLEMS = 1000;

/** Keywords of VS Code / yaml-language-server that ajv must accept as annotations. */
const ANNOTATION_KEYWORDS = [
  'patternErrorMessage',
  'markdownDescription',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'errorMessage',
  'deprecationMessage',
  'doNotSuggest',
  'suggestSortText',
  'defaultSnippets',
] as const;

/** Keys of the long arrow forms: an object with one of these is a long form missing from/to. */
const LONG_ARROW_KEYS = new Set(['from', 'to', 'label', 'async', 'latency', 'protocol', 'calls', 'size', 'kind']);

let validator: ValidateFunction | undefined;

function getValidator(): ValidateFunction {
  if (validator === undefined) {
    const ajv = new Ajv({
      allErrors: true,
      verbose: true,
      messages: false,
      strict: true,
      // `required` inside `if` (the arrow forms) names properties defined in the `then` branch.
      strictRequired: false,
      // Quantities are `["string", "number"]`.
      allowUnionTypes: true,
      unicodeRegExp: true,
    });
    for (const keyword of ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword });
    validator = ajv.compile(schema as object);
  }
  return validator;
}

// ---------------------------------------------------------------------------
// From a JSON Pointer to the YAML tree
// ---------------------------------------------------------------------------

/** One step of a path resolved in the YAML tree. */
interface Located {
  /** The node at this path; undefined when the pair has no value node (e.g. `name:`). */
  node: YamlNode | undefined;
  /** The key of the pair whose value this is, when the parent is a map. */
  key?: Span;
  /** True when the parent is a sequence (this is a list item). */
  item: boolean;
}

function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The string a key becomes in plain JSON (as `yaml`'s `toJS` makes it). */
function keyString(key: unknown): string | undefined {
  if (key === null || key === undefined) return '';
  if (isScalar(key)) return key.value === null || key.value === undefined ? '' : String(key.value);
  return undefined;
}

function nodeSpan(node: unknown): Span | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  if (!range) return undefined;
  return { start: range[0], end: range[1] };
}

/** Resolves paths in one YAML tree, indexing each map's keys once (last key wins, as in `toJS`). */
class TreeIndex {
  private readonly keys = new WeakMap<object, Map<string, Pair>>();

  constructor(private readonly root: YamlNode | null) {}

  pairs(map: YamlNode): Map<string, Pair> {
    let index = this.keys.get(map);
    if (index === undefined) {
      index = new Map();
      if (isMap(map)) {
        for (const pair of map.items) {
          const k = keyString(pair.key);
          if (k !== undefined) index.set(k, pair);
        }
      }
      this.keys.set(map, index);
    }
    return index;
  }

  /** The chain from the root to the deepest node of `segments` that exists in the tree. */
  resolve(segments: readonly string[]): { chain: Located[]; complete: boolean } {
    const chain: Located[] = [{ node: this.root ?? undefined, item: false }];
    let node: YamlNode | undefined = this.root ?? undefined;
    for (const segment of segments) {
      if (node === undefined) return { chain, complete: false };
      if (isMap(node)) {
        const pair = this.pairs(node).get(segment);
        if (pair === undefined) return { chain, complete: false };
        const value = (pair.value ?? undefined) as YamlNode | undefined;
        chain.push({ node: value, key: nodeSpan(pair.key) ?? nodeSpan(value), item: false });
        node = value;
      } else if (isSeq(node)) {
        if (!/^(0|[1-9][0-9]*)$/.test(segment)) return { chain, complete: false };
        const child = node.items[Number(segment)] as YamlNode | undefined;
        if (child === undefined) return { chain, complete: false };
        chain.push({ node: child ?? undefined, item: true });
        node = child ?? undefined;
      } else {
        // A scalar or an alias (whose target we do not follow): report on it.
        return { chain, complete: false };
      }
    }
    return { chain, complete: true };
  }

  /** The key span of the pair `name` in the map at `segments`. */
  keyOf(segments: readonly string[], name: string): Span | undefined {
    const { chain, complete } = this.resolve(segments);
    const node = chain[chain.length - 1].node;
    if (!complete || node === undefined || !isMap(node)) return undefined;
    const pair = this.pairs(node).get(name);
    return pair ? (nodeSpan(pair.key) ?? nodeSpan(pair.value)) : undefined;
  }

  /** The key span of the `n`th pair of the map at `segments`. */
  nthKey(segments: readonly string[], n: number): Span | undefined {
    const { chain, complete } = this.resolve(segments);
    const node = chain[chain.length - 1].node;
    if (!complete || node === undefined || !isMap(node)) return undefined;
    const pair = node.items[n];
    return pair ? (nodeSpan(pair.key) ?? nodeSpan(pair.value)) : undefined;
  }
}

const ZERO: Span = { start: 0, end: 0 };

function nonEmpty(span: Span | undefined): span is Span {
  return span !== undefined && span.end > span.start;
}

/** The first key of a map node, or undefined. */
function firstKey(node: YamlNode | undefined): Span | undefined {
  if (node === undefined || !isMap(node) || node.items.length === 0) return undefined;
  const pair = node.items[0];
  return nodeSpan(pair.key) ?? nodeSpan(pair.value);
}

/**
 * A short span naming the thing at the end of `chain`: the key that holds it, or for a list
 * item its first key, or the node itself; never the whole document.
 */
function headSpan(chain: Located[]): Span {
  const last = chain[chain.length - 1];
  if (nonEmpty(last.key)) return last.key;
  const first = firstKey(last.node);
  if (nonEmpty(first)) return first;
  if (isSeq(last.node) && last.node.items.length > 0) {
    const span = nodeSpan(last.node.items[0]);
    if (nonEmpty(span)) return span;
  }
  if (chain.length > 1 || isScalar(last.node) || isAlias(last.node)) {
    const span = nodeSpan(last.node);
    if (span) return span;
  }
  if (last.key) return last.key;
  return ZERO;
}

/**
 * The span of the value at the end of `chain`: a scalar's characters, a flow collection, or for
 * a block collection (which can span many lines) the key or first key that introduces it.
 */
function valueSpan(chain: Located[]): Span {
  const last = chain[chain.length - 1];
  const node = last.node;
  const span = nodeSpan(node);
  if (node === undefined || !nonEmpty(span)) return headSpan(chain);
  if ((isMap(node) || isSeq(node)) && !node.flow) return headSpan(chain);
  return span;
}

// ---------------------------------------------------------------------------
// Naming things by their path
// ---------------------------------------------------------------------------

/** Maps whose keys are free names: their keys are normalised to `*` like list indices. */
const FREE_KEY_MAPS = new Set([
  'requirements/non_functional/latency',
  'estimation/values',
  'data_models/*/fields',
  'apis/*/request',
  'apis/*/response',
]);

function normalise(segments: readonly string[]): string {
  const out: string[] = [];
  for (const segment of segments) {
    const parent = out.join('/');
    const free = /^[0-9]+$/.test(segment) || FREE_KEY_MAPS.has(parent) || /^apis\/\*\/(request|response)\//.test(parent + '/');
    out.push(free ? '*' : segment);
  }
  return out.join('/');
}

const THINGS: Record<string, string> = {
  '': 'the design',
  requirements: 'the requirements',
  'requirements/questions': 'the questions',
  'requirements/questions/*': 'a question',
  'requirements/functional': 'the functional requirements',
  'requirements/functional/*': 'a functional requirement',
  'requirements/out_of_scope': 'out_of_scope',
  'requirements/out_of_scope/*': 'an out-of-scope item',
  'requirements/non_functional': 'the non-functional requirements',
  'requirements/non_functional/latency': 'the latency targets',
  'requirements/non_functional/latency/*': 'a latency target',
  'requirements/non_functional/notes': 'the notes',
  'requirements/non_functional/notes/*': 'a note',
  estimation: 'the estimation',
  'estimation/conventions': 'the conventions',
  'estimation/values': 'the values',
  'estimation/values/*': 'a value',
  'estimation/traffic': 'the traffic lines',
  'estimation/traffic/*': 'a traffic line',
  apis: 'the APIs',
  'apis/*': 'an API',
  'apis/*/request': 'an API request',
  'apis/*/response': 'an API response',
  data_models: 'the data models',
  'data_models/*': 'a data model',
  'data_models/*/fields': 'the fields of a data model',
  'data_models/*/fields/*': 'a field',
  components: 'the components',
  'components/*': 'a component',
  groups: 'the groups',
  'groups/*': 'a group',
  'groups/*/members': 'the members of a group',
  'groups/*/members/*': 'a group member',
  connections: 'the connections',
  'connections/*': 'a connection',
  flows: 'the flows',
  'flows/*': 'a flow',
  'flows/*/steps': 'the steps of a flow',
  'flows/*/steps/*': 'a flow step',
};

/** A noun phrase for the thing at `segments`, e.g. `a component`. */
function thing(segments: readonly string[]): string {
  const path = normalise(segments);
  const known = THINGS[path];
  if (known !== undefined) return known;
  if (path.startsWith('apis/*/request') || path.startsWith('apis/*/response')) return 'an API field';
  const name = lastKey(segments);
  return name === undefined ? 'this item' : `"${name}"`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The last segment that is a map key (not a list index), or undefined. */
function lastKey(segments: readonly string[]): string | undefined {
  for (let i = segments.length - 1; i >= 0; i--) {
    if (!/^[0-9]+$/.test(segments[i])) return segments[i];
  }
  return undefined;
}

/** How a field is called in a message: `"replicas"`, or a list item's thing. */
function fieldName(segments: readonly string[]): string {
  const last = segments[segments.length - 1];
  if (last === undefined) return 'the design';
  if (/^[0-9]+$/.test(last)) return thing(segments);
  return `"${last}"`;
}

/** The pointer of the arrow item an arrow-branch error is about (the item, or the item of its label). */
function arrowItemPath(pointer: string): string {
  return isArrowItem(decodePointer(pointer)) !== undefined ? pointer : pointer.replace(/\/[^/]*$/, '');
}

function isArrowItem(segments: readonly string[]): 'connection' | 'step' | undefined {
  const path = normalise(segments);
  if (path === 'connections/*') return 'connection';
  if (path === 'flows/*/steps/*') return 'step';
  return undefined;
}

const ENUM_NAMES: Record<string, string> = {
  'components/*/kind': 'a component kind',
  'requirements/functional/*/op': 'an operation',
  'requirements/non_functional/consistency': 'a consistency model',
  'apis/*/method': 'an HTTP method',
  'estimation/traffic/*/kind': 'a traffic kind',
};

/** Common words and products people write for a component kind. */
const KIND_ALIASES: Record<string, string> = {
  lb: 'load-balancer',
  elb: 'load-balancer',
  alb: 'load-balancer',
  balancer: 'load-balancer',
  gateway: 'api-gateway',
  db: 'sql-database',
  database: 'sql-database',
  rdbms: 'sql-database',
  sql: 'sql-database',
  postgres: 'sql-database',
  postgresql: 'sql-database',
  mysql: 'sql-database',
  nosql: 'nosql-database',
  dynamodb: 'nosql-database',
  cassandra: 'nosql-database',
  mongodb: 'nosql-database',
  redis: 'cache',
  memcached: 'cache',
  s3: 'object-store',
  blob: 'object-store',
  storage: 'object-store',
  sqs: 'queue',
  rabbitmq: 'queue',
  kafka: 'stream',
  kinesis: 'stream',
  lambda: 'function',
  serverless: 'function',
  elasticsearch: 'search',
  browser: 'client',
  mobile: 'client',
  app: 'client',
  server: 'service',
  microservice: 'service',
  backend: 'service',
  consumer: 'worker',
  job: 'worker',
};

/** "Did you mean" for an enum value: edit distance, then the words of hyphenated names, then aliases. */
function suggestEnum(value: string, allowed: readonly string[], path: string): string | undefined {
  const direct = closest(value, allowed);
  if (direct !== undefined) return direct;
  const lower = value.toLowerCase();
  if (path === 'components/*/kind') {
    const alias = KIND_ALIASES[lower.replace(/[\s_-]/g, '')];
    if (alias !== undefined && allowed.includes(alias)) return alias;
  }
  // `databse` -> `database` -> the first kind with that word (`sql-database`).
  const words = new Map<string, string>();
  for (const candidate of allowed) {
    for (const word of candidate.split('-')) if (word.length > 2 && !words.has(word)) words.set(word, candidate);
  }
  const word = closest(value, words.keys()) ?? (words.has(lower) ? lower : undefined);
  return word === undefined ? undefined : words.get(word);
}

function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const short = text !== undefined && text.length > 60 ? `${text.slice(0, 57)}...` : (text ?? String(value));
  return `"${short}"`;
}

// ---------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map',
  null: 'nothing',
};

function foundName(data: unknown): string {
  if (data === null || data === undefined) return 'nothing';
  if (Array.isArray(data)) return 'a list';
  switch (typeof data) {
    case 'string':
      return 'a string';
    case 'number':
      return Number.isInteger(data) ? 'a number' : `the number ${data}`;
    case 'boolean':
      return `${data}`;
    case 'object':
      return 'a map';
    default:
      return typeof data;
  }
}

function typeMessage(segments: readonly string[], expected: string[], data: unknown): string {
  const found = foundName(data);
  const arrow = isArrowItem(segments);
  if (arrow !== undefined) {
    return `Expected ${arrow === 'connection' ? 'a connection' : 'a flow step'} here ("a -> b", "a -> b: label", or a map with from and to), found ${found}`;
  }
  const set = new Set(expected);
  let want: string;
  if (set.size === 2 && set.has('string') && set.has('number')) {
    want = 'a number or an expression such as 10M, 2/day, 2MB or 200ms';
  } else {
    const names = expected.map((t) => TYPE_NAMES[t] ?? t);
    want = names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
  }
  let hint = '';
  if (set.has('string') && !set.has('number') && (typeof data === 'number' || typeof data === 'boolean')) {
    hint = '; put it in quotes to make it text';
  } else if ((set.has('integer') || set.has('number')) && typeof data === 'string' && data.trim() !== '' && !Number.isNaN(Number(data))) {
    hint = '; write it without quotes';
  } else if (set.has('boolean') && typeof data === 'string' && /^(yes|no|on|off|y|n)$/i.test(data)) {
    hint = `; YAML 1.2 reads ${quote(data)} as text, write true or false`;
  }
  return `Expected ${want} here, found ${found}${hint}`;
}

// ---------------------------------------------------------------------------
// Errors to problems
// ---------------------------------------------------------------------------

type Schema = Record<string, unknown>;

function getByPointer(value: unknown, segments: readonly string[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function make(span: Span, code: ProblemCode, message: string, fixes?: ProblemFix[]): Problem {
  const problem: Problem = { start: span.start, end: span.end, code, severity: 'error', message };
  if (fixes !== undefined && fixes.length > 0) problem.fixes = fixes;
  return problem;
}

function joinNames(names: readonly string[]): string {
  const quoted = names.map((n) => `"${n}"`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

/**
 * Validate the plain-JSON value of a document; map each error to the smallest range in the
 * YAML tree. Ajv compiled once per process (lazily, on first use).
 */
export function validateSchema(value: unknown, root: YamlNode | null): Problem[] {
  const validate = getValidator();
  let errors: ErrorObject[];
  try {
    errors = validate(value) ? [] : [...(validate.errors ?? [])];
  } catch (e) {
    // A value that is not plain JSON (cyclic, too deep) makes ajv throw: say so, once.
    const reason = e instanceof Error && e.message ? `: ${e.message.slice(0, 200)}` : '';
    return [make(headSpan([{ node: root ?? undefined, item: false }]), 'sysdesign/invalid-value', `The document could not be checked against the schema${reason}`)];
  } finally {
    validate.errors = null;
  }
  if (errors.length === 0) return [];

  const tree = new TreeIndex(root);
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const push = (problem: Problem): void => {
    const id = `${problem.start}:${problem.end}:${problem.code}:${problem.message}`;
    if (seen.has(id)) return;
    seen.add(id);
    problems.push(problem);
  };

  // Paths with a type error: other complaints about the same value are noise.
  const wrongType = new Set<string>();
  for (const error of errors) if (error.keyword === 'type') wrongType.add(error.instancePath);

  // Errors of the one-key-map arrow branch (`a -> b: label`), by item. Two shapes get one
  // message instead of that branch's errors: an arrow key with more keys ("exactly one key"),
  // and a long form without from/to ("needs from and to").
  const arrowWithExtras = new Set<string>();
  const longFormsWithoutEnds = new Set<string>();
  for (const error of errors) {
    if (!error.schemaPath.startsWith('#/definitions/arrowMap')) continue;
    const path = arrowItemPath(error.instancePath);
    const item = getByPointer(value, decodePointer(path));
    if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
    const keys = Object.keys(item);
    if (keys.some((k) => k.includes('->'))) {
      if (keys.length > 1) arrowWithExtras.add(path);
    } else if (keys.some((k) => LONG_ARROW_KEYS.has(k))) {
      longFormsWithoutEnds.add(path);
    }
  }

  // Missing keys, grouped by the map they are missing from.
  const missing = new Map<string, string[]>();

  for (const error of errors) {
    const { keyword, instancePath } = error;
    if (keyword === 'if' || keyword === 'propertyNames' || keyword === 'anyOf' || keyword === 'oneOf' || keyword === 'not' || keyword === '$ref') continue;
    const segments = decodePointer(instancePath);
    const parentSchema = (error.parentSchema ?? {}) as Schema;

    if (error.schemaPath.startsWith('#/definitions/arrowMap')) {
      const itemPath = arrowItemPath(instancePath);
      if (arrowWithExtras.has(itemPath) && keyword !== 'maxProperties') continue;
      if (longFormsWithoutEnds.has(itemPath)) {
        const list = missing.get(itemPath) ?? [];
        for (const k of ['from', 'to']) if (!list.includes(k)) list.push(k);
        missing.set(itemPath, list);
        continue;
      }
    }

    if (keyword !== 'type' && keyword !== 'required' && keyword !== 'additionalProperties' && error.propertyName === undefined && wrongType.has(instancePath)) {
      continue;
    }

    switch (keyword) {
      case 'required': {
        const name = (error.params as { missingProperty: string }).missingProperty;
        const list = missing.get(instancePath) ?? [];
        if (!list.includes(name)) list.push(name);
        missing.set(instancePath, list);
        break;
      }

      case 'additionalProperties': {
        const key = (error.params as { additionalProperty: string }).additionalProperty;
        const allowed = Object.keys((parentSchema.properties ?? {}) as Schema);
        const span = tree.keyOf(segments, key) ?? headSpan(tree.resolve(segments).chain);
        const { text, suggestion } = didYouMean(key, allowed);
        const rest = suggestion !== undefined ? text : allowed.length > 0 ? `; expected one of: ${allowed.join(', ')}` : '';
        push(
          make(
            span,
            'sysdesign/unknown-key',
            `Unknown key ${quote(key)} in ${thing(segments)}${rest}`,
            suggestion !== undefined ? [{ kind: 'replace', text: suggestion }] : undefined,
          ),
        );
        break;
      }

      case 'type': {
        const expected = ([] as string[]).concat((error.params as { type: string | string[] }).type);
        if (segments.length === 0) {
          if (error.data === null || error.data === undefined) {
            push(make(ZERO, 'sysdesign/missing-key', 'The design is empty: it needs "sysdesign: 1" and "name"'));
          } else {
            push(
              make(
                valueSpan(tree.resolve(segments).chain),
                'sysdesign/wrong-type',
                `A design is a map of sections (sysdesign, name, requirements, ...), found ${foundName(error.data)}`,
              ),
            );
          }
          break;
        }
        push(make(valueSpan(tree.resolve(segments).chain), 'sysdesign/wrong-type', typeMessage(segments, expected, error.data)));
        break;
      }

      case 'enum': {
        const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String);
        const path = normalise(segments);
        const name = ENUM_NAMES[path] ?? `an allowed value for ${fieldName(segments)}`;
        const data = error.data;
        const suggestion = typeof data === 'string' ? suggestEnum(data, allowed, path) : undefined;
        const mean = suggestion !== undefined ? `; did you mean "${suggestion}"? Expected` : '; expected';
        push(
          make(
            valueSpan(tree.resolve(segments).chain),
            'sysdesign/invalid-value',
            `${quote(data)} is not ${name}${mean} one of: ${allowed.join(', ')}`,
            suggestion !== undefined ? [{ kind: 'replace', text: suggestion }] : undefined,
          ),
        );
        break;
      }

      case 'const': {
        const span = valueSpan(tree.resolve(segments).chain);
        if (segments.length === 1 && segments[0] === 'sysdesign') {
          const message =
            typeof error.data === 'string' && error.data.trim() === '1'
              ? 'Write the format version as the number 1, without quotes'
              : 'Only format version 1 is supported';
          push(make(span, 'sysdesign/invalid-value', message, typeof error.data === 'string' && error.data.trim() === '1' ? [{ kind: 'replace', text: '1' }] : undefined));
        } else {
          const allowed = (error.params as { allowedValue: unknown }).allowedValue;
          push(make(span, 'sysdesign/invalid-value', `Expected ${JSON.stringify(allowed)} here, found ${quote(error.data)}`));
        }
        break;
      }

      case 'pattern': {
        const custom = parentSchema.patternErrorMessage;
        if (error.propertyName !== undefined) {
          const span = tree.keyOf(segments, error.propertyName) ?? headSpan(tree.resolve(segments).chain);
          const message = typeof custom === 'string' ? custom : `${quote(error.propertyName)} is not a valid key in ${thing(segments)}`;
          push(make(span, 'sysdesign/invalid-value', message));
        } else {
          const message = typeof custom === 'string' ? custom : `${quote(error.data)} does not have the expected form`;
          push(make(valueSpan(tree.resolve(segments).chain), 'sysdesign/invalid-value', message));
        }
        break;
      }

      case 'maxLength':
      case 'minLength': {
        const limit = (error.params as { limit: number }).limit;
        const more = keyword === 'maxLength';
        if (error.propertyName !== undefined) {
          const span = tree.keyOf(segments, error.propertyName) ?? headSpan(tree.resolve(segments).chain);
          const length = [...error.propertyName].length;
          push(
            make(
              span,
              'sysdesign/invalid-value',
              more
                ? `This key is too long: ${length} characters, at most ${limit}`
                : `This key is too short: ${length} characters, at least ${limit}`,
            ),
          );
        } else {
          // Ajv counts code points, not UTF-16 units.
          const length = typeof error.data === 'string' ? [...error.data].length : 0;
          push(
            make(
              valueSpan(tree.resolve(segments).chain),
              'sysdesign/invalid-value',
              more
                ? `${capitalise(fieldName(segments))} is too long: ${length} characters, at most ${limit}`
                : `${capitalise(fieldName(segments))} is too short: ${length} characters, at least ${limit}`,
            ),
          );
        }
        break;
      }

      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum': {
        const limit = (error.params as { limit: number }).limit;
        const name = capitalise(fieldName(segments));
        const message =
          keyword === 'minimum'
            ? limit === 0
              ? `${name} cannot be negative`
              : `${name} must be at least ${limit}`
            : keyword === 'maximum'
              ? `${name} must be at most ${limit}`
              : keyword === 'exclusiveMinimum'
                ? `${name} must be greater than ${limit}`
                : `${name} must be less than ${limit}`;
        push(make(valueSpan(tree.resolve(segments).chain), 'sysdesign/invalid-value', message));
        break;
      }

      case 'maxItems':
      case 'maxProperties': {
        const limit = (error.params as { limit: number }).limit;
        const { chain } = tree.resolve(segments);
        const arrow = isArrowItem(segments);
        if (keyword === 'maxProperties' && arrow !== undefined) {
          // `a -> b: label` with more keys: point at the first extra key.
          const span = tree.nthKey(segments, 1) ?? headSpan(chain);
          const more = arrow === 'connection' ? 'from, to, label, async, latency, protocol' : 'from, to, label, calls, async, size, kind';
          push(
            make(
              span,
              'sysdesign/invalid-value',
              `An arrow written "a -> b: label" has exactly one key; for more fields use the long form (${more})`,
            ),
          );
          break;
        }
        if (keyword === 'maxItems' && limit === 1 && /^apis\/\*\/(request|response)\//.test(normalise(segments))) {
          push(make(valueSpan(chain), 'sysdesign/invalid-value', 'A list type has one item, the type of its elements, e.g. [string]'));
          break;
        }
        const count = Array.isArray(error.data) ? error.data.length : error.data && typeof error.data === 'object' ? Object.keys(error.data).length : 0;
        const noun = keyword === 'maxItems' ? 'items' : 'entries';
        push(make(headSpan(chain), 'sysdesign/too-many-items', `Too many ${noun} in ${thing(segments)}: ${count}, at most ${limit}`));
        break;
      }

      case 'minProperties': {
        const { chain } = tree.resolve(segments);
        if (isArrowItem(segments) !== undefined) {
          push(make(valueSpan(chain), 'sysdesign/invalid-value', 'An empty map is not an arrow; write "a -> b" or "a -> b: label"'));
        } else {
          push(make(valueSpan(chain), 'sysdesign/invalid-value', `${capitalise(fieldName(segments))} cannot be empty`));
        }
        break;
      }

      default: {
        push(make(valueSpan(tree.resolve(segments).chain), 'sysdesign/invalid-value', `${capitalise(fieldName(segments))} is not valid here (${keyword})`));
      }
    }
  }

  for (const [pointer, names] of missing) {
    const segments = decodePointer(pointer);
    // The first key of the item, or the key that holds the map; the deepest existing node if
    // the tree and the value disagree.
    const span = headSpan(tree.resolve(segments).chain);
    push(make(span, 'sysdesign/missing-key', `${capitalise(thing(segments))} needs ${joinNames(names)}`));
  }

  problems.sort((a, b) => a.start - b.start || a.end - b.end);
  return problems.length > MAX_PROBLEMS ? problems.slice(0, MAX_PROBLEMS) : problems;
}
