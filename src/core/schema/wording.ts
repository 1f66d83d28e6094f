/** How problems name things: by their path in the design, their type, their allowed values. */
import { closest } from '../suggest';
import { decodePointer } from './locate';

/** Maps whose keys are free names: their keys are normalised to `*` like list indices. */
const FREE_KEY_MAPS = new Set([
  'requirements/non_functional/latency',
  'requirements/non_functional/availability',
  'estimation/values',
  'data_models/*/fields',
  'apis/*/request',
  'apis/*/response',
]);

export function normalise(segments: readonly string[]): string {
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
  'requirements/non_functional/availability': 'the availability target',
  'requirements/non_functional/availability/*': 'an availability target',
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
  'components/*/cost': "a component's cost",
  groups: 'the groups',
  scenarios: 'the scenarios',
  'scenarios/*': 'a scenario',
  'scenarios/*/set': 'the figures a scenario sets',
  'scenarios/*/set/*': 'a scenario figure',
  'scenarios/*/fail': 'the failed components of a scenario',
  'scenarios/*/fail/*': 'a failed component',
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
export function thing(segments: readonly string[]): string {
  const path = normalise(segments);
  const known = THINGS[path];
  if (known !== undefined) return known;
  if (path.startsWith('apis/*/request') || path.startsWith('apis/*/response')) return 'an API field';
  const name = lastKey(segments);
  return name === undefined ? 'this item' : `"${name}"`;
}

export function capitalise(text: string): string {
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
export function fieldName(segments: readonly string[]): string {
  const last = segments[segments.length - 1];
  if (last === undefined) return 'the design';
  if (/^[0-9]+$/.test(last)) return thing(segments);
  return `"${last}"`;
}

/** The pointer of the arrow item an arrow-branch error is about (the item, or the item of its label). */
export function arrowItemPath(pointer: string): string {
  return isArrowItem(decodePointer(pointer)) !== undefined ? pointer : pointer.replace(/\/[^/]*$/, '');
}

export function isArrowItem(segments: readonly string[]): 'connection' | 'step' | undefined {
  const path = normalise(segments);
  if (path === 'connections/*') return 'connection';
  if (path === 'flows/*/steps/*') return 'step';
  return undefined;
}

export const ENUM_NAMES: Record<string, string> = {
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
export function suggestEnum(value: string, allowed: readonly string[], path: string): string | undefined {
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

export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const short = text !== undefined && text.length > 60 ? `${text.slice(0, 57)}...` : (text ?? String(value));
  return `"${short}"`;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map',
  null: 'nothing',
};

export function foundName(data: unknown): string {
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

export function typeMessage(segments: readonly string[], expected: string[], data: unknown): string {
  const found = foundName(data);
  const arrow = isArrowItem(segments);
  if (arrow !== undefined) {
    return `Expected ${arrow === 'connection' ? 'a connection' : 'a flow step'} here ("a -> b", "a -> b: label", or a map with from and to), found ${found}`;
  }
  const set = new Set(expected);
  let want: string;
  if (normalise(segments) === 'requirements/non_functional/availability') {
    want = 'an availability target such as 99.99%, or targets by requirement or flow id (view-feed: 99.99%, default: 99.9%)';
  } else if (set.size === 2 && set.has('string') && set.has('number')) {
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

export function joinNames(names: readonly string[]): string {
  const quoted = names.map((n) => `"${n}"`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}
