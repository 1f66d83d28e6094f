import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, type Node as YamlNode } from 'yaml';
import schema from '../../schemas/sysdesign.schema.json';
import { validateSchema } from '../../src/core/schema';
import { COMPONENT_KINDS, CONSISTENCY_MODELS, CONVENTION_NAMES, HTTP_METHODS, REQUIREMENT_OPS, SECTION_NAMES, type Problem } from '../../src/core/types';

const PARSE_OPTIONS = { keepSourceTokens: false, uniqueKeys: false, merge: false, version: '1.2' } as const;

function validate(text: string): Problem[] {
  const doc = parseDocument(text, PARSE_OPTIONS);
  assert.deepEqual(doc.errors, [], 'the test YAML must parse');
  return validateSchema(doc.toJS(), doc.contents as YamlNode | null);
}

/** Problems as [covered text, code, message], for readable assertions. */
function summary(text: string): Array<[string, string, string]> {
  return validate(text).map((p) => [text.slice(p.start, p.end), p.code, p.message]);
}

/** The span of the `n`th occurrence (from 0) of `needle` in `text`. */
function at(text: string, needle: string, n = 0): { start: number; end: number } {
  let start = -1;
  for (let i = 0; i <= n; i++) {
    start = text.indexOf(needle, start + 1);
    assert.ok(start >= 0, `"${needle}" #${i} not in the text`);
  }
  return { start, end: start + needle.length };
}

const HEAD = 'sysdesign: 1\nname: Test\n';
const KINDS = COMPONENT_KINDS.join(', ');

describe('schema: the document', () => {
  it('validates the SPEC section 2 example with zero problems', () => {
    const text = readFileSync(join(__dirname, '..', 'fixtures', 'spec-example.sysdesign.yaml'), 'utf8');
    assert.ok(text.includes('upload-photo-dry-run'));
    assert.deepEqual(validate(text), []);
  });

  it('accepts the smallest document', () => {
    assert.deepEqual(validate(HEAD), []);
  });

  it('reports an empty document at offset 0, never the whole document', () => {
    assert.deepEqual(
      validate('').map((p) => [p.start, p.end, p.code, p.message]),
      [[0, 0, 'sysdesign/missing-key', 'The design is empty: it needs "sysdesign: 1" and "name"']],
    );
    assert.deepEqual(
      validate('# only a comment\n').map((p) => p.code),
      ['sysdesign/missing-key'],
    );
  });

  it('reports a document that is a list on its first item', () => {
    const text = '- a\n- b\n';
    assert.deepEqual(validate(text), [
      {
        ...at(text, 'a'),
        code: 'sysdesign/wrong-type',
        severity: 'error',
        message: 'A design is a map of sections (sysdesign, name, requirements, ...), found a list',
      },
    ]);
  });

  it('reports a missing root key on the first key of the document', () => {
    const text = 'sysdesign: 1\ndescription: x\n';
    assert.deepEqual(validate(text), [{ ...at(text, 'sysdesign'), code: 'sysdesign/missing-key', severity: 'error', message: 'The design needs "name"' }]);
    const both = 'description: x\n';
    assert.deepEqual(summary(both), [['description', 'sysdesign/missing-key', 'The design needs "sysdesign" and "name"']]);
  });

  it('reports an unsupported version on the value', () => {
    const text = 'sysdesign: 2\nname: x\n';
    assert.deepEqual(validate(text), [{ ...at(text, '2'), code: 'sysdesign/invalid-value', severity: 'error', message: 'Only format version 1 is supported' }]);
  });

  it('reports a quoted version with a fix', () => {
    const text = 'sysdesign: "1"\nname: x\n';
    assert.deepEqual(validate(text), [
      {
        ...at(text, '"1"'),
        code: 'sysdesign/invalid-value',
        severity: 'error',
        message: 'Write the format version as the number 1, without quotes',
        fixes: [{ kind: 'replace', text: '1' }],
      },
    ]);
  });
});

describe('schema: unknown keys', () => {
  it('reports the key with "did you mean" and a replace fix', () => {
    const text = `${HEAD}components:\n  - id: db\n    kinds: cache\n`;
    assert.deepEqual(
      validate(text),
      [
        {
          ...at(text, 'kinds'),
          code: 'sysdesign/unknown-key',
          severity: 'error',
          message: 'Unknown key "kinds" in a component; did you mean "kind"?',
          fixes: [{ kind: 'replace', text: 'kind' }],
        },
        // The component also lacks "kind": reported on its first key.
        { ...at(text, 'id'), code: 'sysdesign/missing-key', severity: 'error', message: 'A component needs "kind"' },
      ].sort((a, b) => a.start - b.start),
    );
  });

  it('lists the allowed keys when none is close', () => {
    const text = `${HEAD}estimation:\n  qps: 10\n`;
    assert.deepEqual(summary(text), [
      [
        'qps',
        'sysdesign/unknown-key',
        'Unknown key "qps" in the estimation; expected one of: conventions, users, dau, concurrent, values, traffic, retention, replication, cache_hot_ratio, server_capacity, defaults',
      ],
    ]);
  });

  it('reports an unknown top-level key and a misspelt section', () => {
    const text = `${HEAD}component:\n  - id: a\n    kind: cache\n`;
    assert.deepEqual(validate(text), [
      {
        ...at(text, 'component'),
        code: 'sysdesign/unknown-key',
        severity: 'error',
        message: 'Unknown key "component" in the design; did you mean "components"?',
        fixes: [{ kind: 'replace', text: 'components' }],
      },
    ]);
  });

  it('names the thing from the path (traffic line, flow, long-form connection)', () => {
    const text = `${HEAD}estimation:\n  traffic:\n    - id: t\n      kind: read\n      sise: 2MB\nflows:\n  - id: f\n    step: []\nconnections:\n  - from: a\n    to: b\n    lable: x\n`;
    assert.deepEqual(summary(text), [
      ['sise', 'sysdesign/unknown-key', 'Unknown key "sise" in a traffic line; did you mean "size"?'],
      ['id', 'sysdesign/missing-key', 'A flow needs "steps"'],
      ['step', 'sysdesign/unknown-key', 'Unknown key "step" in a flow; did you mean "steps"?'],
      ['lable', 'sysdesign/unknown-key', 'Unknown key "lable" in a connection; did you mean "label"?'],
    ]);
  });
});

describe('schema: missing keys', () => {
  it('reports a list item without id on its first key, with all missing keys in one problem', () => {
    const text = `${HEAD}components:\n  - label: Mobile app\n    tech: iOS\n`;
    assert.deepEqual(validate(text), [{ ...at(text, 'label'), code: 'sysdesign/missing-key', severity: 'error', message: 'A component needs "id" and "kind"' }]);
  });

  it('reports an empty flow map item on the braces', () => {
    const text = `${HEAD}groups:\n  - {}\n`;
    assert.deepEqual(summary(text), [['{}', 'sysdesign/missing-key', 'A group needs "id" and "members"']]);
  });

  it('names each list (requirement, api, traffic line, data model, question)', () => {
    const text =
      `${HEAD}requirements:\n  questions:\n    - a: yes\n  functional:\n    - text: t\n` +
      `estimation:\n  traffic:\n    - id: x\napis:\n  - id: a\n    path: /x\ndata_models:\n  - store: db\n`;
    assert.deepEqual(summary(text), [
      ['a', 'sysdesign/missing-key', 'A question needs "q"'],
      ['text', 'sysdesign/missing-key', 'A functional requirement needs "id"'],
      ['id', 'sysdesign/missing-key', 'A traffic line needs "kind"'],
      ['id', 'sysdesign/missing-key', 'An API needs "method"'],
      ['store', 'sysdesign/missing-key', 'A data model needs "id"'],
    ]);
  });
});

describe('schema: enums', () => {
  it('suggests the component kind for a typo, with the list and a fix', () => {
    const text = `${HEAD}components:\n  - id: db\n    kind: databse\n`;
    assert.deepEqual(validate(text), [
      {
        ...at(text, 'databse'),
        code: 'sysdesign/invalid-value',
        severity: 'error',
        message: `"databse" is not a component kind; did you mean "sql-database"? Expected one of: ${KINDS}`,
        fixes: [{ kind: 'replace', text: 'sql-database' }],
      },
    ]);
  });

  it('suggests a kind for a product name', () => {
    const text = `${HEAD}components:\n  - {id: c, kind: redis}\n`;
    assert.deepEqual(summary(text), [['redis', 'sysdesign/invalid-value', `"redis" is not a component kind; did you mean "cache"? Expected one of: ${KINDS}`]]);
  });

  it('suggests the upper-case HTTP method and covers quotes of a quoted value', () => {
    const text = `${HEAD}apis:\n  - id: a\n    method: "get"\n    path: /a\n`;
    const problems = validate(text);
    assert.deepEqual(
      problems.map((p) => [text.slice(p.start, p.end), p.message, p.fixes]),
      [['"get"', '"get" is not an HTTP method; did you mean "GET"? Expected one of: GET, POST, PUT, PATCH, DELETE', [{ kind: 'replace', text: 'GET' }]]],
    );
  });

  it('lists the allowed values when nothing is close (op, consistency)', () => {
    const text = `${HEAD}requirements:\n  functional:\n    - {id: r, text: t, op: publish}\n  non_functional:\n    consistency: linearizable\n`;
    assert.deepEqual(summary(text), [
      ['publish', 'sysdesign/invalid-value', '"publish" is not an operation; expected one of: create, read, update, delete, search, other'],
      ['linearizable', 'sysdesign/invalid-value', '"linearizable" is not a consistency model; expected one of: strong, eventual, causal, read-your-writes'],
    ]);
  });

  it('reports only the type when an enum value has the wrong type', () => {
    const text = `${HEAD}components:\n  - {id: c, kind: 5}\n`;
    assert.deepEqual(summary(text), [['5', 'sysdesign/wrong-type', 'Expected a string here, found a number; put it in quotes to make it text']]);
  });
});

describe('schema: types', () => {
  it('reports a list given as a string on the value', () => {
    const text = `${HEAD}components: abc\n`;
    assert.deepEqual(validate(text), [{ ...at(text, 'abc'), code: 'sysdesign/wrong-type', severity: 'error', message: 'Expected a list here, found a string' }]);
  });

  it('reports a block collection of the wrong type on its key, not its many lines', () => {
    const text = `${HEAD}estimation:\n  - dau: 10M\n  - users: 50M\n`;
    assert.deepEqual(summary(text), [['estimation', 'sysdesign/wrong-type', 'Expected a map here, found a list']]);
  });

  it('reports an empty value on its key', () => {
    const text = 'sysdesign: 1\nname:\n';
    assert.deepEqual(summary(text), [['name', 'sysdesign/wrong-type', 'Expected a string here, found nothing']]);
  });

  it('hints at YAML 1.1 booleans; counts may be quoted expressions (SPEC 5.2), checked by the quantity stage', () => {
    const text =
      `${HEAD}requirements:\n  functional:\n    - {id: r, text: t, important: yes}\n` +
      `components:\n  - {id: a, kind: service, replicas: "3"}\n  - {id: b, kind: service, replicas: 2.5}\n`;
    assert.deepEqual(summary(text), [['yes', 'sysdesign/wrong-type', 'Expected true or false here, found a string; YAML 1.2 reads "yes" as text, write true or false']]);
  });

  it('explains quantities', () => {
    const text = `${HEAD}estimation:\n  dau: [10M]\n`;
    assert.deepEqual(summary(text), [['[10M]', 'sysdesign/wrong-type', 'Expected a number or an expression such as 10M, 2/day, 2MB or 200ms here, found a list']]);
  });
});

describe('schema: patterns, lengths and ranges', () => {
  it('uses the patternErrorMessage of the schema', () => {
    const text = `${HEAD}apis:\n  - {id: a, method: GET, path: v1/photos}\ncomponents:\n  - {id: photo db, kind: cache}\n`;
    assert.deepEqual(validate(text), [
      { ...at(text, 'v1/photos'), code: 'sysdesign/invalid-value', severity: 'error', message: 'An API path starts with "/", e.g. /v1/photos/{photo_id}' },
      {
        ...at(text, 'photo db'),
        code: 'sysdesign/invalid-value',
        severity: 'error',
        message: 'An id uses letters, digits, "-" and "_" and starts with a letter or "_", e.g. photo-db or photo_db',
      },
    ]);
  });

  it('checks the names of values and latency targets on the key', () => {
    const text = `${HEAD}requirements:\n  non_functional:\n    latency:\n      view feed: 200ms\nestimation:\n  values:\n    photos-per-user: 2/day\n    ok_name: 1\n`;
    assert.deepEqual(summary(text), [
      ['view feed', 'sysdesign/invalid-value', 'A latency target is keyed by a requirement id, a flow id or default: letters, digits, "-" and "_", starting with a letter or "_"'],
      [
        'photos-per-user',
        'sysdesign/invalid-value',
        'A value name uses letters, digits and "_" and starts with a letter or "_" (no "-", which would read as minus), e.g. photos_per_user',
      ],
    ]);
  });

  it('reports a too-long id once (length, not also pattern)', () => {
    const id = 'a'.repeat(65);
    const text = `${HEAD}components:\n  - {id: ${id}, kind: cache}\n`;
    assert.deepEqual(summary(text), [[id, 'sysdesign/invalid-value', '"id" is too long: 65 characters, at most 64']]);
  });

  it('reports a too-long key', () => {
    const key = 'k'.repeat(65);
    const text = `${HEAD}estimation:\n  values:\n    ${key}: 1\n`;
    assert.deepEqual(summary(text), [[key, 'sysdesign/invalid-value', 'This key is too long: 65 characters, at most 64']]);
  });

  it('reports ranges on the value', () => {
    const text = `${HEAD}estimation:\n  conventions: {peak_factor: 0}\n  dau: -5\ncomponents:\n  - {id: a, kind: service, replicas: 0}\n`;
    assert.deepEqual(summary(text), [
      ['0', 'sysdesign/invalid-value', '"peak_factor" must be greater than 0'],
      ['-5', 'sysdesign/invalid-value', '"dau" cannot be negative'],
      ['0', 'sysdesign/invalid-value', '"replicas" must be at least 1'],
    ]);
  });
});

describe("schema: a component's stage (issue #17)", () => {
  it('takes a whole number from 1, on the value otherwise', () => {
    const text = (stage: string) => `${HEAD}components:\n  - {id: a, kind: service, stage: ${stage}}\n`;
    assert.deepEqual(summary(text('3')), []);
    assert.deepEqual(summary(text('0')), [['0', 'sysdesign/invalid-value', '"stage" must be at least 1']]);
    assert.deepEqual(
      summary(text('1.5')).map(([covered, code]) => [covered, code]),
      [['1.5', 'sysdesign/wrong-type']],
    );
    assert.match(summary(text('1.5'))[0][2], /whole number/);
    assert.equal(summary(text('two')).length, 1);
  });
});

describe('schema: caps', () => {
  it('reports too many items on the key of the list', () => {
    const members = Array.from({ length: 1001 }, (_, i) => `m${i}`).join(', ');
    const text = `${HEAD}groups:\n  - id: g\n    members: [${members}]\n`;
    assert.deepEqual(validate(text), [
      { ...at(text, 'members'), code: 'sysdesign/too-many-items', severity: 'error', message: 'Too many items in the members of a group: 1001, at most 1000' },
    ]);
  });

  it('reports too many entries in a map on its key', () => {
    const fields = Array.from({ length: 501 }, (_, i) => `f${i}: int`).join(', ');
    const text = `${HEAD}data_models:\n  - id: t\n    fields: {${fields}}\n`;
    assert.deepEqual(summary(text), [['fields', 'sysdesign/too-many-items', 'Too many entries in the fields of a data model: 501, at most 500']]);
  });

  it('caps the number of problems', () => {
    const keys = Array.from({ length: 1500 }, (_, i) => `k${i}: 1`).join('\n');
    const problems = validate(`${HEAD}${keys}\n`);
    assert.equal(problems.length, 1000);
  });
});

describe('schema: arrows', () => {
  it('accepts the three forms in connections and flow steps', () => {
    const text =
      `${HEAD}connections:\n  - a -> b\n  - a -> c: HTTPS\n  - "a -> d: quoted label"\n  - b-1->c_2\n  - a -> e:\n  - x -> y: 201\n` +
      `  - {from: a, to: b, label: x, async: true, latency: 5ms, protocol: gRPC}\n` +
      `flows:\n  - id: f\n    steps:\n      - a -> b\n      - b -> a: reply\n      - "a -> b: q"\n      - from: a\n        to: b\n        label: x\n`;
    assert.deepEqual(validate(text), []);
  });

  it('reports a malformed arrow string on its own item', () => {
    const text = `${HEAD}connections:\n  - a -> b\n  - a => b\n  - c -> d\n`;
    assert.deepEqual(validate(text), [
      {
        ...at(text, 'a => b'),
        code: 'sysdesign/invalid-value',
        severity: 'error',
        message: 'Write an arrow as "a -> b" or "a -> b: label", where a and b are component ids, e.g. client -> lb: HTTPS',
      },
    ]);
  });

  it('reports a malformed arrow key on the key', () => {
    const text = `${HEAD}flows:\n  - id: f\n    steps:\n      - a -> b\n      - a - > b: hello\n`;
    assert.deepEqual(summary(text), [['a - > b', 'sysdesign/invalid-value', 'Write an arrow as "a -> b: label", where a and b are component ids, e.g. client -> lb: HTTPS']]);
  });

  it('reports an arrow key with more keys on the first extra key', () => {
    const text = `${HEAD}connections:\n  - a -> b: x\n    async: true\n`;
    assert.deepEqual(validate(text), [
      {
        ...at(text, 'async'),
        code: 'sysdesign/invalid-value',
        severity: 'error',
        message: 'An arrow written "a -> b: label" has exactly one key; for more fields use the long form (from, to, label, async, latency, protocol)',
      },
    ]);
  });

  it('reports a long form without from/to as missing keys on its first key', () => {
    const text = `${HEAD}connections:\n  - label: x\n    async: true\n  - to: b\nflows:\n  - id: f\n    steps:\n      - {from: a, latency: 5ms}\n`;
    assert.deepEqual(summary(text), [
      ['label', 'sysdesign/missing-key', 'A connection needs "from" and "to"'],
      ['to', 'sysdesign/missing-key', 'A connection needs "from"'],
      ['from', 'sysdesign/missing-key', 'A flow step needs "to"'],
      ['latency', 'sysdesign/unknown-key', 'Unknown key "latency" in a flow step; expected one of: from, to, label, calls, async, size, kind'],
    ]);
  });

  it('reports an item that is neither a string nor a map', () => {
    const text = `${HEAD}connections:\n  - 5\n  - [a, b]\n  - {}\n`;
    assert.deepEqual(summary(text), [
      ['5', 'sysdesign/wrong-type', 'Expected a connection here ("a -> b", "a -> b: label", or a map with from and to), found a number'],
      ['[a, b]', 'sysdesign/wrong-type', 'Expected a connection here ("a -> b", "a -> b: label", or a map with from and to), found a list'],
      ['{}', 'sysdesign/invalid-value', 'An empty map is not an arrow; write "a -> b" or "a -> b: label"'],
    ]);
  });

  it('reports a label of the wrong type on the label', () => {
    const text = `${HEAD}connections:\n  - a -> b: [x]\n`;
    assert.deepEqual(summary(text), [['[x]', 'sysdesign/wrong-type', 'Expected a string, a number or nothing here, found a list']]);
  });
});

describe('schema: hostile input', () => {
  it('handles __proto__ and constructor as keys without crashing', () => {
    const text =
      `${HEAD}__proto__: 1\nconstructor: 2\nestimation:\n  values:\n    __proto__: 2/day\n    constructor: 3\n` +
      `requirements:\n  non_functional:\n    latency: {__proto__: 5ms}\ncomponents:\n  - id: __proto__\n    kind: cache\n    __proto__: x\n`;
    assert.deepEqual(summary(text), [
      ['__proto__', 'sysdesign/unknown-key', 'Unknown key "__proto__" in the design; expected one of: ' + SECTION_NAMES.join(', ')],
      ['constructor', 'sysdesign/unknown-key', 'Unknown key "constructor" in the design; expected one of: ' + SECTION_NAMES.join(', ')],
      [
        '__proto__',
        'sysdesign/unknown-key',
        'Unknown key "__proto__" in a component; expected one of: id, kind, label, tech, description, replicas, shards, capacity, storage_capacity, connections, max_connections, availability, latency, cost, source, sources, stage',
      ],
    ]);
    assert.equal(({} as Record<string, unknown>).sysdesign, undefined, 'no prototype pollution');
  });

  it('decodes ~0 and ~1 in paths', () => {
    const text = `${HEAD}apis:\n  - id: a\n    method: GET\n    path: /a\n    request: {"a/b~c": [x, y]}\n`;
    assert.deepEqual(summary(text), [['[x, y]', 'sysdesign/invalid-value', 'A list type has one item, the type of its elements, e.g. [string]']]);
  });

  it('reports through aliases on the alias', () => {
    const text = `${HEAD}groups:\n  - id: g\n    members: &m [a, 1]\n  - id: h\n    members: *m\n`;
    assert.deepEqual(summary(text), [
      ['1', 'sysdesign/wrong-type', 'Expected a string here, found a number; put it in quotes to make it text'],
      ['*m', 'sysdesign/wrong-type', 'Expected a string here, found a number; put it in quotes to make it text'],
    ]);
  });

  it('survives a cyclic value with one problem instead of throwing', () => {
    const doc = parseDocument(`${HEAD}apis:\n  - {id: a, method: GET, path: /a, request: {}}\n`, PARSE_OPTIONS);
    const value = doc.toJS() as { apis: Array<{ request: Record<string, unknown> }> };
    value.apis[0].request.self = value.apis[0].request;
    const problems = validateSchema(value, doc.contents as YamlNode | null);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].code, 'sysdesign/invalid-value');
    assert.match(problems[0].message, /^The document could not be checked against the schema/);
    // And the validator still works afterwards.
    assert.deepEqual(validate(HEAD), []);
  });

  it('works with a null tree (value from elsewhere)', () => {
    assert.deepEqual(
      validateSchema({ sysdesign: 1 }, null).map((p) => [p.start, p.end, p.message]),
      [[0, 0, 'The design needs "name"']],
    );
  });
});

// ---------------------------------------------------------------------------
// The schema itself
// ---------------------------------------------------------------------------

type S = Record<string, unknown>;

/** Every schema object in the schema, with its JSON path. */
function walk(node: unknown, path: string, out: Array<[string, S]>): void {
  if (Array.isArray(node)) {
    node.forEach((child, i) => walk(child, `${path}/${i}`, out));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const s = node as S;
  out.push([path, s]);
  for (const key of ['properties', 'definitions', 'patternProperties']) {
    const map = s[key] as S | undefined;
    if (map) for (const [name, child] of Object.entries(map)) walk(child, `${path}/${key}/${name}`, out);
  }
  for (const key of ['items', 'additionalProperties', 'propertyNames', 'if', 'then', 'else', 'not', 'contains']) {
    if (s[key] !== undefined && typeof s[key] === 'object') walk(s[key], `${path}/${key}`, out);
  }
}

function types(s: S): string[] {
  return s.type === undefined ? [] : ([] as string[]).concat(s.type as string | string[]);
}

describe('schema: the JSON schema file', () => {
  const all: Array<[string, S]> = [];
  walk(schema, '#', all);

  it('is draft-07 with the expected title', () => {
    assert.equal((schema as S).$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal((schema as S).title, 'sysdesign design document');
    assert.ok(all.length > 50);
  });

  it('pairs every pattern with a maxLength and a patternErrorMessage', () => {
    const patterns = all.filter(([, s]) => s.pattern !== undefined);
    assert.ok(patterns.length >= 6);
    for (const [path, s] of patterns) {
      assert.equal(typeof s.maxLength, 'number', `${path}: pattern without maxLength`);
      assert.equal(typeof s.patternErrorMessage, 'string', `${path}: pattern without patternErrorMessage`);
      assert.doesNotThrow(() => new RegExp(s.pattern as string, 'u'), path);
    }
  });

  it('gives every property a description', () => {
    for (const [path, s] of all) {
      const props = s.properties as S | undefined;
      if (!props) continue;
      for (const [name, child] of Object.entries(props)) {
        const d = (child as S).description;
        assert.ok(typeof d === 'string' && d.length > 10, `${path}/properties/${name}: no description`);
      }
    }
  });

  it('caps every array and every free map, and closes every fixed map', () => {
    for (const [path, s] of all) {
      if (path.includes('/if') && !path.endsWith('/then') && !path.includes('/else')) continue;
      const t = types(s);
      if (t.includes('array') || s.items !== undefined) assert.equal(typeof s.maxItems, 'number', `${path}: array without maxItems`);
      if (s.properties !== undefined) assert.equal(s.additionalProperties, false, `${path}: fixed map not closed`);
      if (typeof s.additionalProperties === 'object' || s.propertyNames !== undefined) {
        assert.equal(typeof s.maxProperties, 'number', `${path}: free map without maxProperties`);
      }
      if (t.includes('string') && s.enum === undefined) assert.equal(typeof s.maxLength, 'number', `${path}: string without maxLength`);
    }
  });

  it('names only defined properties in required', () => {
    for (const [path, s] of all) {
      if (!Array.isArray(s.required) || path.endsWith('/if')) continue;
      for (const name of s.required as string[]) {
        assert.ok(Object.hasOwn((s.properties ?? {}) as S, name), `${path}: required "${name}" not in properties`);
      }
    }
  });

  it('describes every enum value', () => {
    for (const [path, s] of all) {
      if (!Array.isArray(s.enum)) continue;
      assert.equal((s.enumDescriptions as unknown[] | undefined)?.length, s.enum.length, `${path}: enumDescriptions`);
      if (s.markdownEnumDescriptions !== undefined) assert.equal((s.markdownEnumDescriptions as unknown[]).length, s.enum.length, path);
    }
  });

  it('does not use oneOf or anyOf (errors stay precise)', () => {
    for (const [path, s] of all) {
      assert.equal(s.oneOf, undefined, path);
      assert.equal(s.anyOf, undefined, path);
    }
  });

  it('agrees with the domain constants of types.ts', () => {
    const root = schema as unknown as {
      properties: Record<string, S & { properties?: Record<string, S>; items?: S }>;
    };
    const p = root.properties;
    assert.deepEqual(Object.keys(p), [...SECTION_NAMES]);
    const items = (name: string) => (p[name].items as { properties: Record<string, S> }).properties;
    assert.deepEqual(items('components').kind.enum, [...COMPONENT_KINDS]);
    assert.deepEqual(items('apis').method.enum, [...HTTP_METHODS]);
    const req = p.requirements.properties as Record<string, S & { items?: { properties: Record<string, S> }; properties?: Record<string, S> }>;
    assert.deepEqual(req.functional.items?.properties.op.enum, [...REQUIREMENT_OPS]);
    assert.deepEqual(req.non_functional.properties?.consistency.enum, [...CONSISTENCY_MODELS]);
    const est = p.estimation.properties as Record<string, { properties?: Record<string, S> }>;
    assert.deepEqual(Object.keys(est.conventions.properties ?? {}), [...CONVENTION_NAMES]);
  });
});
