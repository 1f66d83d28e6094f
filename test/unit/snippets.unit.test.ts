// The snippets of snippets/sysdesign.code-snippets, expanded the way VS Code expands them
// with nothing typed (every placeholder keeps its default, a choice its first option) and
// put where they belong in a design: the result must be valid YAML with no schema or
// quantity problems, and the five-step skeleton a design with no problems at all.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { analyseText } from '../../src/core/analyse';
import schema from '../../schemas/sysdesign.schema.json';

const ROOT = join(__dirname, '..', '..');
const FILE = join(ROOT, 'snippets', 'sysdesign.code-snippets');

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description?: string;
  isFileTemplate?: boolean;
}

const snippets = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, Snippet>;
const prefixes = (s: Snippet): string[] => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]);
const bodyOf = (s: Snippet): string => (Array.isArray(s.body) ? s.body.join('\n') : s.body);

// --- A small expander for VS Code's snippet syntax --------------------------------------
// Tab stops `$1` `${1}`, placeholders `${1:text}` (nested), choices `${1|a,b|}`, `$0`,
// escapes `\$ \} \\` (and `\, \|` in choices). A bare `$1` mirrors the placeholder of the
// same number. Variables are not used by our snippets: meeting one is an error here.

type Node = string | { stop: number; children?: Node[]; choices?: string[] };

function parse(text: string): Node[] {
  let i = 0;
  const parseUntil = (closing: string | undefined): Node[] => {
    const nodes: Node[] = [];
    let literal = '';
    const flush = () => {
      if (literal) nodes.push(literal);
      literal = '';
    };
    while (i < text.length) {
      const c = text[i];
      if (c === '\\' && i + 1 < text.length && '$}\\'.includes(text[i + 1])) {
        literal += text[i + 1];
        i += 2;
      } else if (closing !== undefined && c === closing) {
        i++;
        flush();
        return nodes;
      } else if (c === '$') {
        const simple = /^\$(\d+)/.exec(text.slice(i));
        const braced = /^\$\{(\d+)([:|}])/.exec(text.slice(i));
        if (simple) {
          flush();
          nodes.push({ stop: Number(simple[1]) });
          i += simple[0].length;
        } else if (braced) {
          flush();
          const stop = Number(braced[1]);
          i += braced[0].length;
          if (braced[2] === '}') nodes.push({ stop });
          else if (braced[2] === ':') nodes.push({ stop, children: parseUntil('}') });
          else {
            const end = text.indexOf('|}', i);
            assert.ok(end > i, `unclosed choice in ${JSON.stringify(text)}`);
            const choices = text
              .slice(i, end)
              .split(/(?<!\\),/)
              .map((x) => x.replace(/\\([,|\\])/g, '$1'));
            nodes.push({ stop, choices });
            i = end + 2;
          }
        } else {
          assert.fail(`a variable or a stray $ at ${i} in ${JSON.stringify(text.slice(i, i + 30))}: our snippets use tab stops only`);
        }
      } else {
        literal += c;
        i++;
      }
    }
    assert.equal(closing, undefined, `unclosed \${ in ${JSON.stringify(text)}`);
    flush();
    return nodes;
  };
  return parseUntil(undefined);
}

/** Every tab stop and choice, in order of appearance. */
function stops(nodes: Node[], into: Array<Exclude<Node, string>> = []): Array<Exclude<Node, string>> {
  for (const n of nodes) {
    if (typeof n === 'string') continue;
    into.push(n);
    if (n.children) stops(n.children, into);
  }
  return into;
}

/** The text VS Code inserts when nothing is typed; `pick` chooses an option of a choice. */
function expand(nodes: Node[], pick: (stop: number, choices: string[]) => string = (_s, c) => c[0]): string {
  const defaults = new Map<number, string>();
  const render = (list: Node[]): string =>
    list
      .map((n) => {
        if (typeof n === 'string') return n;
        if (n.choices) return pick(n.stop, n.choices);
        if (n.children) {
          const text = render(n.children);
          if (!defaults.has(n.stop)) defaults.set(n.stop, text);
          return text;
        }
        return `\u0000${n.stop}\u0000`; // a mirror, filled in below
      })
      .join('');
  return render(nodes).replace(/\u0000(\d+)\u0000/g, (_m, stop: string) => defaults.get(Number(stop)) ?? '');
}

// --- Where each snippet belongs ------------------------------------------------------------

const indent = (text: string, n: number) =>
  text
    .split('\n')
    .map((line) => (line ? ' '.repeat(n) + line : line))
    .join('\n');

const HEAD = 'sysdesign: 1\nname: Snippet test\n';
/** Prefix -> the design the expanded body is inserted into (at the indentation VS Code would use). */
function inContext(prefix: string, body: string): string {
  if (prefix.startsWith('component')) return `${HEAD}components:\n${indent(body, 2)}\n`;
  switch (prefix) {
    case 'requirement':
      return `${HEAD}requirements:\n  functional:\n${indent(body, 4)}\n`;
    case 'question':
      return `${HEAD}requirements:\n  questions:\n${indent(body, 4)}\n`;
    case 'latency-target':
      return `${HEAD}requirements:\n  non_functional:\n    latency:\n${indent(body, 6)}\n`;
    case 'traffic-read':
    case 'traffic-write':
      return `${HEAD}estimation:\n  dau: 1M\n  traffic:\n${indent(body, 4)}\n`;
    case 'api':
      return `${HEAD}apis:\n${indent(body, 2)}\n`;
    case 'data-model':
      return `${HEAD}data_models:\n${indent(body, 2)}\n`;
    case 'connection':
    case 'connection-long':
      return `${HEAD}connections:\n${indent(body, 2)}\n`;
    case 'flow':
      return `${HEAD}flows:\n${indent(body, 2)}\n`;
    case 'step':
      return `${HEAD}flows:\n  - id: f\n    steps:\n${indent(body, 6)}\n`;
    case 'group':
      return `${HEAD}groups:\n${indent(body, 2)}\n`;
    default:
      return assert.fail(`no context for the snippet prefix "${prefix}": add one to inContext()`);
  }
}

/** Codes that mean the snippet itself is wrong (YAML, schema, quantity), not that the little test design lacks a referenced id. */
const OWN_FAULT = /^sysdesign\/(yaml-|file-|unknown-key|missing-key|wrong-type|invalid-value|too-many-items|quantity-|unknown-name|internal-error)/;

const KINDS = (schema as { definitions: Record<string, unknown>; properties: { components: { items: { properties: { kind: { enum: string[] } } } } } }).properties.components.items
  .properties.kind.enum;

describe('snippets', () => {
  const entries = Object.entries(snippets);

  it('are many, each with a description and a unique prefix', () => {
    assert.ok(entries.length >= 30, `${entries.length} snippets`);
    const seen = new Map<string, string>();
    for (const [name, s] of entries) {
      assert.ok(s.description && s.description.length > 10, `${name} has a description`);
      for (const p of prefixes(s)) {
        assert.match(p, /^[a-z][a-z-]*$/, `${name}: prefix "${p}"`);
        assert.ok(!seen.has(p), `prefix "${p}" is used by "${seen.get(p)}" and "${name}"`);
        seen.set(p, name);
      }
    }
  });

  it('cover every component kind of the schema, each with its own kind', () => {
    assert.equal(KINDS.length, 16);
    for (const kind of KINDS) {
      const entry = entries.find(([, s]) => prefixes(s).includes(`component-${kind}`));
      assert.ok(entry, `a snippet with the prefix component-${kind}`);
      assert.match(expand(parse(bodyOf(entry[1]))), new RegExp(`^  kind: ${kind}$`, 'm'));
    }
    const any = entries.find(([, s]) => prefixes(s).includes('component'));
    assert.ok(any, 'a snippet for a component of any kind');
    const choice = stops(parse(bodyOf(any[1]))).find((n) => n.choices);
    assert.deepEqual(choice?.choices, KINDS, 'its kind is a choice of every kind, in schema order');
  });

  it('cover every item of every section, and the skeleton', () => {
    const all = new Set(entries.flatMap(([, s]) => prefixes(s)));
    for (const p of [
      'requirement',
      'question',
      'latency-target',
      'traffic-read',
      'traffic-write',
      'api',
      'data-model',
      'connection',
      'connection-long',
      'flow',
      'step',
      'group',
      'sysdesign',
      'design',
    ]) {
      assert.ok(all.has(p), `a snippet with the prefix "${p}"`);
    }
  });

  it('use tab stops that end in $0 and number from 1 without gaps', () => {
    for (const [name, s] of entries) {
      const numbers = [...new Set(stops(parse(bodyOf(s))).map((n) => n.stop))].sort((a, b) => a - b);
      assert.equal(numbers[0], 0, `${name} ends in $0`);
      assert.deepEqual(
        numbers.slice(1),
        numbers.slice(1).map((_n, i) => i + 1),
        `${name}: tab stops ${numbers.join(', ')}`,
      );
    }
  });

  for (const [name, s] of Object.entries(snippets)) {
    it(`"${name}" expands to valid YAML that the analyser accepts, with every choice`, () => {
      const nodes = parse(bodyOf(s));
      const bodies = [expand(nodes)];
      // Each option of each choice, one choice at a time.
      for (const choice of stops(nodes).filter((n) => n.choices)) {
        for (const option of choice.choices!) bodies.push(expand(nodes, (stop, c) => (stop === choice.stop ? option : c[0])));
      }
      for (const body of bodies) {
        const yaml = parseDocument(body);
        assert.deepEqual(
          yaml.errors.map((e) => e.message),
          [],
          `${name} is YAML:\n${body}`,
        );
        const design = s.isFileTemplate ? body : inContext(prefixes(s)[0], body);
        const own = analyseText(design).problems.filter((p) => OWN_FAULT.test(p.code));
        assert.deepEqual(
          own.map((p) => `${p.code}: ${p.message} (${JSON.stringify(design.slice(p.start, p.end))})`),
          [],
          design,
        );
      }
    });
  }

  it('the five-step skeleton is a whole design without a single problem, and a file template', () => {
    const [name, skeleton] = entries.find(([, s]) => prefixes(s).includes('sysdesign'))!;
    assert.deepEqual(prefixes(skeleton), ['sysdesign', 'design'], name);
    assert.equal(skeleton.isFileTemplate, true, 'offered by File > New File... as a template');
    const text = expand(parse(bodyOf(skeleton)));
    const analysis = analyseText(text);
    assert.deepEqual(
      analysis.problems.map((p) => `${p.severity} ${p.code}: ${p.message}`),
      [],
    );
    for (const section of ['requirements', 'estimation', 'apis', 'data_models', 'components', 'connections', 'flows']) {
      assert.match(text, new RegExp(`^${section}:`, 'm'), `the skeleton has ${section}`);
    }
    // Its estimate computes: the numbers a person sees above `estimation`.
    assert.ok(analysis.estimate.totals.read_per_second !== null && analysis.estimate.totals.read_per_second > 0);
    assert.ok(analysis.estimate.totals.storage_bytes_total !== null && analysis.estimate.totals.storage_bytes_total > 0);
  });
});
