/**
 * The fuzz campaign's inputs: deterministic from (campaign seed, case index), so any
 * case can be regenerated on its own (`--seed S --case I`) without running the others.
 *
 * Three generators:
 * - `random`: texts from a YAML-ish alphabet and YAML-ish tokens (keys, arrows,
 *   quantities, anchors, tags, flow brackets), in indented lines;
 * - `mutation`: an example or template design with 1 to 6 edits (slices inserted,
 *   deleted or replaced, lines duplicated, swapped or re-indented, values replaced by
 *   Mermaid/HTML payloads, ids renamed to `end`/`__proto__`/emoji, anchors, aliases,
 *   alias bombs, tags, deep nesting, long lines, many keys, control characters, BOM, CRLF);
 * - `payload`: a design with only YAML-safe edits (quoted payload labels, renamed ids),
 *   so the payloads reach the diagrams and the Markdown export instead of a YAML error.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { PAYLOADS } from '../support/mermaidShapes';

export interface Base {
  /** Relative to the repository, e.g. `examples/twitter.sysdesign.yaml`. */
  name: string;
  text: string;
}

export interface FuzzCase {
  kind: 'random' | 'mutation' | 'payload' | 'file';
  /** One line for people: the generator and what it did. */
  description: string;
  text: string;
  /** The design the text was made from: the analyzer sees it first, so the incremental path runs. */
  base?: string;
}

/** The valid designs mutations start from. */
export function loadBases(root: string): Base[] {
  const names = [
    'examples/pastebin.sysdesign.yaml',
    'examples/photo-sharing.sysdesign.yaml',
    'examples/twitter.sysdesign.yaml',
    'examples/url-shortener.sysdesign.yaml',
    'templates/aws.sysdesign.yaml',
    'templates/blank.sysdesign.yaml',
    'templates/short-video.sysdesign.yaml',
    'templates/web-app.sysdesign.yaml',
    'test/fixtures/spec-example.sysdesign.yaml',
  ];
  return names.map((name) => ({ name, text: readFileSync(path.join(root, name), 'utf8') }));
}

/** A 32-bit seed for case `index` of campaign `seed` (a murmur3-style mix). */
export function caseSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

export function generateCase(bases: Base[], seed: number, index: number): FuzzCase {
  return fc.sample(caseArbitrary(bases), { seed: caseSeed(seed, index), numRuns: 1 })[0];
}

let cached: { bases: Base[]; arbitrary: fc.Arbitrary<FuzzCase> } | undefined;

export function caseArbitrary(bases: Base[]): fc.Arbitrary<FuzzCase> {
  if (cached?.bases === bases) return cached.arbitrary;
  const base = fc.nat({ max: bases.length - 1 }).map((i) => bases[i]);
  const random = randomText.map(({ text, description }): FuzzCase => ({ kind: 'random', description, text }));
  // One case in three also goes through the incremental analyzer (from the base to the text),
  // which doubles its cost.
  const incremental = fc.nat({ max: 2 }).map((n) => n === 0);
  const mutation = fc.tuple(base, fc.array(mutationArb, { minLength: 1, maxLength: 6 }), incremental).map(([b, ms, inc]): FuzzCase => {
    const { text, steps } = applyMutations(b.text, ms);
    return { kind: 'mutation', description: `${b.name}: ${steps.join('; ')}${inc ? ' (+incremental)' : ''}`, text, base: inc ? b.text : undefined };
  });
  const payload = fc.tuple(base, fc.array(safeMutationArb, { minLength: 1, maxLength: 8 }), incremental).map(([b, ms, inc]): FuzzCase => {
    const { text, steps } = applyMutations(b.text, ms);
    return { kind: 'payload', description: `${b.name}: ${steps.join('; ')}${inc ? ' (+incremental)' : ''}`, text, base: inc ? b.text : undefined };
  });
  const arbitrary = fc.oneof({ arbitrary: random, weight: 2 }, { arbitrary: mutation, weight: 5 }, { arbitrary: payload, weight: 3 });
  cached = { bases, arbitrary };
  return arbitrary;
}

// ---------------------------------------------------------------------------
// Pieces of text
// ---------------------------------------------------------------------------

/** Labels that break Mermaid, Markdown or the page when written raw (RELIABILITY.md). */
export const LABEL_PAYLOADS: readonly string[] = [
  ...PAYLOADS,
  'a"] --> evil["x',
  '%%{init: {}}%%',
  '%%{init: {"securityLevel": "loose", "startOnLoad": true}}%%',
  '<img src=x onerror=alert(1)>',
  '<script>alert(document.domain)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=https://evil.example/track.png>',
  'javascript:alert(1)',
  'end',
  'END',
  'graph TD',
  'flowchart LR',
  '---',
  '```mermaid',
  '</p><svg onload=alert(1)>',
  '&lt;script&gt;',
  '#60;script#62;',
  '🚀 📦 🗄️ ✅ ❌ 🔥',
  '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}',
  '\ufeffbom inside',
  'a\u0000b',
  '${process.exit(1)}',
  '{{constructor.constructor("alert(1)")()}}',
  '|',
  '||--o{',
  '-->|x|',
  'x'.repeat(300),
];

/** Ids that are keywords in Mermaid or special in JavaScript objects. */
const ID_PAYLOADS = [
  'end',
  'End',
  'click',
  'style',
  'class',
  'classDef',
  'subgraph',
  'graph',
  'flowchart',
  'direction',
  'participant',
  'actor',
  'loop',
  'alt',
  'opt',
  'note',
  'autonumber',
  'erDiagram',
  'default',
  'call',
  'href',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'n0',
  'n1',
  'p0',
  'e0',
  'g0',
  'sdService',
  'a"b',
  "a'b",
  'a b',
  'a:b',
  'a#b',
  'a;b',
  'a|b',
  'a%%b',
  'évé',
  '数据库',
  '📷',
  'x'.repeat(200),
  '-',
  '1',
  '007',
  '1e3',
  'true',
  'null',
  '~',
  'yes',
  'no',
  '.inf',
];

const YAML_CHARS = ' \n\n\n\t-:#&*!|>[]{},"\'?%@`~.=<+/\\0129aAzZ_éü中😀\r\u00a0\u2028\ufeff\u0000\u0007\u001b'.split('');
const yamlChar = fc.constantFrom(...YAML_CHARS);

const TOKENS = [
  'sysdesign: 1',
  'name: ',
  'description: ',
  'requirements:',
  'functional:',
  'non_functional:',
  'out_of_scope:',
  'questions:',
  'estimation:',
  'conventions:',
  'values:',
  'traffic:',
  'apis:',
  'data_models:',
  'components:',
  'connections:',
  'flows:',
  'groups:',
  'steps:',
  'fields:',
  'members:',
  'id: ',
  'kind: ',
  'label: ',
  'tech: ',
  'text: ',
  'op: ',
  'store: ',
  'requirement: ',
  'method: ',
  'path: ',
  'per_user: ',
  'rate: ',
  'size: ',
  'retention: ',
  'replication: ',
  'dau: ',
  'users: ',
  'availability: ',
  'latency: ',
  'replicas: ',
  'async: ',
  'from: ',
  'to: ',
  'peak_factor: ',
  'seconds_per_day: ',
  'cache_hot_ratio: ',
  'server_capacity: ',
  'important: ',
  'consistency: ',
  'durability: ',
  'default: ',
  'q: ',
  'a: ',
  // the load model (SPEC 5.1, 5.2)
  'calls: ',
  'calls: 0',
  'calls: -1',
  'calls: 1M',
  'calls: 1 - hit_ratio',
  'capacity: ',
  'capacity: 0',
  'capacity: 0/s',
  'capacity: 2k/s',
  'shards: ',
  'shards: 0',
  'shards: 2.5',
  'shards: ceil(x / 2TB)',
  'replicas: 1e30',
  'replicas: 10k',
  'storage_capacity: 2TB',
  'connections: concurrent',
  'max_connections: 50k',
  'concurrent: ',
  'target_utilisation: ',
  'target_utilisation: 150%',
  'traffic: ',
  'defaults:',
  'service: { capacity: 5k/s }',
  'a -> b: { label: x, calls: 400, async: true }',
  '{ from: a, to: b, calls: 10%, size: 2MB, kind: write }',
  'latency: 1e-9ms',
  // scenarios and cost (SPEC 5.3, 5.4)
  'scenarios:',
  'set:',
  'fail: ',
  'fail: [lb, api, photo-db, blobs, feed-cache, cdn, client, mobile]',
  'fail: [__proto__, constructor]',
  '- id: s\n    fail: [api]',
  '- id: s\n    set: { dau: 100M }',
  'dau: 100M',
  '__proto__.x: 1',
  'components.__proto__.replicas: 2',
  'components.api.__proto__: 2',
  'values.__proto__: 1',
  'values.hit_ratio: 0%',
  'traffic.view-feed.per_user: 1e9/day',
  'defaults.service.capacity: 0/s',
  'conventions.peak_factor: 1e300',
  'components.api.cost.instance: $1/h',
  'cost:',
  'cost: { instance: $0.0816/h, storage: $0.023/GB/month }',
  'instance: $0.0816/h',
  'storage: $0.023/GB/month',
  'transfer: $0.09/GB',
  'requests: $0.40 / 1M',
  'fixed: $20/month',
  '$5 + 2 MB',
  '$',
  '$x',
  '€5',
  '12 USD',
  '$1e308/h',
  // sources and the long form of a value (issue #18)
  'source: Interviewer',
  'sources: [a, b]',
  'sources:',
  'source: { value: 1 }',
  'photos_per_user: { value: 2/day, source: Instagram 2023 }',
  'x: { value: [1], sources: [[], {}] }',
  'description: <img src=x onerror=alert(1)>',
  'request: { a: [[[[[[[[[[string]]]]]]]]]] }',
  'response: { items: [{ id: string }] }',
  'service',
  'client',
  'cache',
  'sql-database',
  'load-balancer',
  'queue',
  'cdn',
  'external',
  'write',
  'read',
  'create',
  'GET',
  'POST',
  'a -> b',
  'a -> b: x',
  'client -> lb: HTTPS',
  'x ->',
  '-> y',
  '->',
  ' -> ',
  'uuid pk',
  'uuid fk users.id',
  'varchar(200) unique',
  '10M',
  '1B',
  '2KB',
  '3 MB',
  '1 GB/s',
  '5y',
  '30/day',
  '20%',
  '99.9%',
  '99.99999999999%',
  '200ms',
  '1e308',
  '1e-308',
  '0/0',
  '1/0',
  'dau * 10%',
  'size * 2 +',
  '(1 + 2) * 3KB',
  'ceil(dau / 1M)',
  'max(2KB, 1 Gb, 3,400',
  'min(1 day, 2h)',
  '100B',
  '10 Gbps',
  '3 kb',
  'x * x * x',
  '-1',
  '1_000',
  '0x1F',
  '12345678901234567890',
  'NaN',
  '.nan',
  '-.inf',
  '- ',
  '- - ',
  '? ',
  ': ',
  '[',
  ']',
  '{',
  '}',
  ', ',
  '[a, b]',
  '{a: 1}',
  '&a ',
  '*a',
  '&b [*a, *a]',
  '<<: *a',
  '!!str ',
  '!!set ',
  '!!omap ',
  '!!timestamp ',
  '!!binary ',
  '!custom ',
  '!<tag:x> ',
  '|',
  '|-',
  '>',
  '>+',
  '"',
  "'",
  '"a\\u0000b"',
  '"\\ud800"',
  '# comment',
  '---',
  '...',
  '%YAML 1.1',
  '%TAG ! tag:x,2000:',
  'yes',
  'no',
  'on',
  'off',
  'Yes',
  '014',
  '22:22',
  '~',
  'null',
  '__proto__: 1',
  'constructor: x',
  '__proto__',
  'end',
  'click',
  '%%{init: {}}%%',
  'a"] --> evil["x',
  '<script>',
  '📷',
];
const token = fc.constantFrom(...TOKENS);

/** A quoted or plain YAML rendering of `s`, as `how` says. */
function yamlValue(s: string, how: 'plain' | 'double' | 'single' | 'block', indent: string): string {
  switch (how) {
    case 'plain':
      return s;
    case 'double':
      return JSON.stringify(s);
    case 'single':
      return `'${s.replace(/'/g, "''")}'`;
    case 'block':
      return `|-\n${s
        .split(/\r?\n/)
        .map((l) => `${indent}  ${l}`)
        .join('\n')}`;
  }
}
const quoting = fc.constantFrom<'plain' | 'double' | 'single' | 'block'>('plain', 'double', 'double', 'single', 'block');

/**
 * Any code point, lone surrogates included. (fast-check's `unit: 'binary'` does the same
 * but builds a table of all of Unicode when created: 90 MB and seconds per child start.)
 */
const anyCodePoint = fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp));

const label = fc.oneof(
  { arbitrary: fc.constantFrom(...LABEL_PAYLOADS), weight: 6 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }), weight: 2 },
  { arbitrary: fc.string({ unit: anyCodePoint, maxLength: 20 }), weight: 1 },
  { arbitrary: fc.string({ unit: yamlChar, maxLength: 20 }), weight: 1 },
);
const ident = fc.oneof({ arbitrary: fc.constantFrom(...ID_PAYLOADS), weight: 4 }, { arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }), weight: 1 });

const randomText = fc.oneof(
  fc.string({ unit: yamlChar, maxLength: 400, size: 'large' }).map((text) => ({ text, description: `random characters (${text.length})` })),
  fc
    .array(
      fc.tuple(
        fc.constantFrom('', '', '  ', '    ', '      ', '\t', ' ', '   '),
        fc.array(fc.oneof({ arbitrary: token, weight: 4 }, { arbitrary: fc.string({ unit: yamlChar, maxLength: 6 }), weight: 1 }), { minLength: 1, maxLength: 5 }),
      ),
      { minLength: 1, maxLength: 60, size: 'large' },
    )
    .chain((lines) => fc.constantFrom('\n', '\n', '\r\n', '\r').map((eol) => lines.map(([indent, parts]) => indent + parts.join('')).join(eol)))
    .map((text) => ({ text, description: `random token lines (${text.split('\n').length} lines)` })),
);

// ---------------------------------------------------------------------------
// Mutations: data from fast-check, applied by a pure function (so each step has a name)
// ---------------------------------------------------------------------------

export type Mutation =
  | { op: 'insert'; at: number; s: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'replace'; at: number; length: number; s: string }
  | { op: 'duplicate-lines'; line: number; count: number; times: number }
  | { op: 'delete-lines'; line: number; count: number }
  | { op: 'swap-lines'; a: number; b: number }
  | { op: 'indent'; line: number; count: number; how: '+1' | '+2' | '-2' | 'tab' | 'none' | '+8' }
  | { op: 'value'; line: number; s: string; how: 'plain' | 'double' | 'single' | 'block'; safe?: boolean }
  | { op: 'rename-id'; which: number; to: string; quoteWeird: boolean }
  | { op: 'anchor'; line: number; alias: number }
  | { op: 'tag'; line: number; tag: string }
  | { op: 'alias-bomb'; line: number; width: number; levels: number }
  | { op: 'nest'; line: number; depth: number; kind: '[' | '{' | '- ' | 'indent' | '? ' }
  | { op: 'long-line'; line: number; length: number; ch: string }
  | { op: 'many-keys'; line: number; count: number; duplicate: boolean }
  | { op: 'control'; at: number; ch: string }
  | { op: 'bom' }
  | { op: 'line-endings'; mode: 'crlf' | 'cr' | 'mixed' | 'lf-to-nel' }
  | { op: 'splice'; at: number; from: number; length: number };

const at = fc.nat({ max: 1_000_000 });
const line = fc.nat({ max: 10_000 });
const chunk = fc.oneof(fc.string({ unit: yamlChar, maxLength: 12 }), token, fc.constantFrom(...LABEL_PAYLOADS));

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('insert' as const), at, s: chunk }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('delete' as const), at, length: fc.nat({ max: 60 }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('replace' as const), at, length: fc.nat({ max: 40 }), s: chunk }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('duplicate-lines' as const), line, count: fc.integer({ min: 1, max: 12 }), times: fc.integer({ min: 1, max: 4 }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('delete-lines' as const), line, count: fc.integer({ min: 1, max: 8 }) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('swap-lines' as const), a: line, b: line }), weight: 1 },
  {
    arbitrary: fc.record({
      op: fc.constant('indent' as const),
      line,
      count: fc.integer({ min: 1, max: 6 }),
      how: fc.constantFrom('+1' as const, '+2' as const, '-2' as const, 'tab' as const, 'none' as const, '+8' as const),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ op: fc.constant('value' as const), line, s: fc.oneof(label, token), how: quoting }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant('rename-id' as const), which: fc.nat(), to: ident, quoteWeird: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('anchor' as const), line, alias: line }), weight: 1 },
  {
    arbitrary: fc.record({
      op: fc.constant('tag' as const),
      line,
      tag: fc.constantFrom(
        '!!set',
        '!!omap',
        '!!timestamp',
        '!!binary',
        '!custom',
        '!!str',
        '!!int',
        '!!map',
        '!!seq',
        '!<tag:yaml.org,2002:js/function>',
        '!!pairs',
        '!!null',
        '!',
      ),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ op: fc.constant('alias-bomb' as const), line, width: fc.integer({ min: 2, max: 12 }), levels: fc.integer({ min: 1, max: 9 }) }), weight: 1 },
  {
    arbitrary: fc.record({
      op: fc.constant('nest' as const),
      line,
      depth: fc.oneof(fc.integer({ min: 1, max: 80 }), fc.integer({ min: 60, max: 6000 })),
      kind: fc.constantFrom('[' as const, '{' as const, '- ' as const, 'indent' as const, '? ' as const),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('long-line' as const),
      line,
      length: fc.oneof(
        { arbitrary: fc.integer({ min: 100, max: 5000 }), weight: 8 },
        { arbitrary: fc.integer({ min: 5000, max: 200_000 }), weight: 3 },
        { arbitrary: fc.constantFrom(1_999_000, 2_000_001), weight: 1 },
      ),
      ch: fc.constantFrom('x', 'a ', '#', '"', '\\', '[', '😀', ' ', '-'),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('many-keys' as const),
      line,
      count: fc.oneof({ arbitrary: fc.integer({ min: 10, max: 2000 }), weight: 5 }, { arbitrary: fc.integer({ min: 2000, max: 20000 }), weight: 1 }),
      duplicate: fc.boolean(),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('control' as const),
      at,
      ch: fc.constantFrom(
        '\u0000',
        '\u0001',
        '\u0007',
        '\b',
        '\u000b',
        '\f',
        '\u001b',
        '\u007f',
        '\u0085',
        '\u009b',
        '\u00a0',
        '\u200b',
        '\u2028',
        '\u2029',
        '\ufeff',
        '\ufffe',
        '\ud800',
        '\udc00',
        '\t',
        '\r',
      ),
    }),
    weight: 2,
  },
  { arbitrary: fc.constant({ op: 'bom' as const }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('line-endings' as const), mode: fc.constantFrom('crlf' as const, 'cr' as const, 'mixed' as const, 'lf-to-nel' as const) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('splice' as const), at, from: at, length: fc.integer({ min: 1, max: 400 }) }), weight: 2 },
);

/** Edits that keep the YAML valid, so payloads reach the diagrams. */
const safeMutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('value' as const), line, s: label, how: fc.constantFrom('double' as const, 'single' as const), safe: fc.constant(true) }), weight: 5 },
  { arbitrary: fc.record({ op: fc.constant('rename-id' as const), which: fc.nat(), to: ident, quoteWeird: fc.constant(true) }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('duplicate-lines' as const), line, count: fc.integer({ min: 1, max: 3 }), times: fc.integer({ min: 1, max: 2 }) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('line-endings' as const), mode: fc.constant('crlf' as const) }), weight: 1 },
  { arbitrary: fc.constant({ op: 'bom' as const }), weight: 1 },
);

/** `key:` or `- key:` (an arrow too), then anything: group 1 is up to the colon. */
const KEY_LINE = /^(\s*(?:- )?[^\s#][^#]*?:)(?:[ \t][^]*)?$/;

const short = (s: string) => JSON.stringify(s.length > 24 ? `${s.slice(0, 24)}…` : s);

export function applyMutations(base: string, mutations: Mutation[]): { text: string; steps: string[] } {
  let text = base;
  const steps: string[] = [];
  for (const m of mutations) {
    const r = applyMutation(text, m);
    text = r.text;
    steps.push(r.step);
  }
  return { text, steps };
}

function applyMutation(text: string, m: Mutation): { text: string; step: string } {
  const lines = text.split('\n');
  const lineAt = (n: number) => n % lines.length;
  const joined = () => lines.join('\n');
  const pos = (n: number) => (text.length === 0 ? 0 : n % (text.length + 1));
  switch (m.op) {
    case 'insert': {
      const p = pos(m.at);
      return { text: text.slice(0, p) + m.s + text.slice(p), step: `insert ${short(m.s)} at ${p}` };
    }
    case 'delete': {
      const p = pos(m.at);
      return { text: text.slice(0, p) + text.slice(p + m.length), step: `delete ${m.length} at ${p}` };
    }
    case 'replace': {
      const p = pos(m.at);
      return { text: text.slice(0, p) + m.s + text.slice(p + m.length), step: `replace ${m.length} at ${p} by ${short(m.s)}` };
    }
    case 'duplicate-lines': {
      const l = lineAt(m.line);
      const copy = lines.slice(l, l + m.count);
      lines.splice(l + copy.length, 0, ...Array.from({ length: m.times }, () => copy).flat());
      return { text: joined(), step: `duplicate lines ${l + 1}+${copy.length} x${m.times}` };
    }
    case 'delete-lines': {
      const l = lineAt(m.line);
      lines.splice(l, m.count);
      return { text: joined(), step: `delete lines ${l + 1}+${m.count}` };
    }
    case 'swap-lines': {
      const a = lineAt(m.a);
      const b = lineAt(m.b);
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return { text: joined(), step: `swap lines ${a + 1} and ${b + 1}` };
    }
    case 'indent': {
      const l = lineAt(m.line);
      for (let i = l; i < Math.min(lines.length, l + m.count); i++) {
        const body = lines[i].replace(/^[ \t]*/, '');
        const indent = lines[i].length - body.length;
        const next = {
          '+1': ' '.repeat(indent + 1),
          '+2': ' '.repeat(indent + 2),
          '-2': ' '.repeat(Math.max(0, indent - 2)),
          tab: '\t'.repeat(Math.ceil(indent / 2)),
          none: '',
          '+8': ' '.repeat(indent + 8),
        }[m.how];
        lines[i] = next + body;
      }
      return { text: joined(), step: `indent ${m.how} lines ${l + 1}+${m.count}` };
    }
    case 'value': {
      // The value of a `key: value` line (or an arrow's label), or a new item line.
      // Safe: only lines that already have a scalar value, so no section becomes a string.
      const l = findLine(lines, m.line, m.safe ? /^\s*(?:- )?[^\s#][^#]*?: +[^\s#[{|>&*!]/ : KEY_LINE);
      if (l === undefined) return { text, step: 'value: no key line' };
      const match = KEY_LINE.exec(lines[l]);
      if (!match) return { text, step: 'value: no key line' };
      const indent = /^\s*/.exec(lines[l])![0];
      lines[l] = `${match[1]} ${yamlValue(m.s, m.how, indent)}`;
      return { text: joined(), step: `value of line ${l + 1} = ${m.how} ${short(m.s)}` };
    }
    case 'rename-id': {
      // Ids a mutation made huge (`id: ----…`, 100k characters) would build a regular
      // expression too large for V8 (seed 20261207, case 83724): renamed ids are short.
      const ids = [...new Set([...text.matchAll(/^\s*(?:- )?id:\s*([A-Za-z0-9_.-]+)\s*(?:#.*)?$/gm)].map((x) => x[1]))].filter((id) => id.length <= 200);
      if (ids.length === 0) return { text, step: 'rename id: none' };
      const from = ids[m.which % ids.length];
      const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      let out = text.replace(new RegExp(`(?<![A-Za-z0-9_.-])${escaped}(?![A-Za-z0-9_-])`, 'g'), () => m.to);
      if (m.quoteWeird && !/^[A-Za-z0-9_-]+$/.test(m.to)) {
        // Where the id is a whole value (`id: x`, `store: x`, `[x, y]` stays raw), quote it.
        const esc = m.to.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        out = out.replace(new RegExp(`^(\\s*(?:- )?[a-z_]+: )${esc}[ \\t]*$`, 'gm'), (_, key: string) => `${key}${JSON.stringify(m.to)}`);
      }
      return { text: out, step: `rename id ${from} -> ${short(m.to)}` };
    }
    case 'anchor': {
      const l = findLine(lines, m.line, /^\s*(?:- )?[A-Za-z_]+: \S/);
      const a = findLine(lines, m.alias, /^\s*(?:- )?[A-Za-z_]+: \S/);
      if (l === undefined || a === undefined) return { text, step: 'anchor: no value lines' };
      lines[l] = lines[l].replace(/: /, ': &anc ');
      lines[a] = lines[a].replace(/: .*$/, ': *anc');
      return { text: joined(), step: `anchor line ${l + 1}, alias line ${a + 1}` };
    }
    case 'tag': {
      const l = findLine(lines, m.line, /^\s*(?:- )?[A-Za-z_]+:/);
      if (l === undefined) return { text, step: 'tag: no key line' };
      lines[l] = lines[l].replace(/:( |$)/, () => `: ${m.tag} `);
      return { text: joined(), step: `tag ${m.tag} on line ${l + 1}` };
    }
    case 'alias-bomb': {
      const l = lineAt(m.line);
      const bomb = [`bomb0: &b0 [${Array(m.width).fill('"lol"').join(', ')}]`];
      for (let i = 1; i <= m.levels; i++)
        bomb.push(
          `bomb${i}: &b${i} [${Array(m.width)
            .fill(`*b${i - 1}`)
            .join(', ')}]`,
        );
      bomb.push('selfref: &self [*self, 1]');
      lines.splice(l, 0, ...bomb);
      return { text: joined(), step: `alias bomb ${m.width}^${m.levels} at line ${l + 1}` };
    }
    case 'nest': {
      const l = lineAt(m.line);
      let inserted: string;
      if (m.kind === '[') inserted = `deep: ${'['.repeat(m.depth)}1${']'.repeat(m.depth)}`;
      else if (m.kind === '{') inserted = `deep: ${'{a: '.repeat(m.depth)}1${'}'.repeat(m.depth)}`;
      else if (m.kind === '- ') inserted = `deep:\n  ${'- '.repeat(m.depth)}x`;
      else if (m.kind === '? ') inserted = `${'? '.repeat(m.depth)}x`;
      else inserted = Array.from({ length: Math.min(m.depth, 400) }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' x';
      lines.splice(l, 0, inserted);
      return { text: joined(), step: `nest ${JSON.stringify(m.kind)} x${m.depth} at line ${l + 1}` };
    }
    case 'long-line': {
      const l = lineAt(m.line);
      const filler = m.ch.repeat(Math.ceil(m.length / m.ch.length)).slice(0, m.length);
      const match = KEY_LINE.exec(lines[l]);
      lines[l] = match ? `${match[1]} ${filler}` : lines[l] + filler;
      return { text: joined(), step: `long line ${l + 1} (${m.length} x ${JSON.stringify(m.ch)})` };
    }
    case 'many-keys': {
      const l = lineAt(m.line);
      const indent = /^\s*/.exec(lines[l])![0];
      const keys = Array.from({ length: m.count }, (_, i) => `${indent}k${m.duplicate ? i % 7 : i}: ${i}`);
      lines.splice(l, 0, ...keys);
      return { text: joined(), step: `${m.count} ${m.duplicate ? 'duplicate ' : ''}keys at line ${l + 1}` };
    }
    case 'control': {
      const p = pos(m.at);
      return { text: text.slice(0, p) + m.ch + text.slice(p), step: `control U+${m.ch.charCodeAt(0).toString(16).padStart(4, '0')} at ${p}` };
    }
    case 'bom':
      return { text: `\ufeff${text}`, step: 'BOM' };
    case 'line-endings': {
      if (m.mode === 'crlf') return { text: text.replace(/\r?\n/g, '\r\n'), step: 'CRLF' };
      if (m.mode === 'cr') return { text: text.replace(/\r?\n/g, '\r'), step: 'CR only' };
      if (m.mode === 'lf-to-nel') return { text: text.replace(/\n/g, '\u0085'), step: 'NEL line ends' };
      return { text: lines.map((l, i) => (i % 3 === 0 ? `${l}\r` : l)).join('\n'), step: 'mixed CRLF/LF' };
    }
    case 'splice': {
      const p = pos(m.at);
      const f = pos(m.from);
      const piece = text.slice(f, f + m.length);
      return { text: text.slice(0, p) + piece + text.slice(p), step: `copy ${piece.length} from ${f} to ${p}` };
    }
  }
}

/** The first line from `start` (wrapping) that matches `re`. */
function findLine(lines: string[], start: number, re: RegExp): number | undefined {
  for (let k = 0; k < lines.length; k++) {
    const i = (start + k) % lines.length;
    if (re.test(lines[i])) return i;
  }
  return undefined;
}
