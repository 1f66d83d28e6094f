/**
 * Helpers shared by the diagram tests: designs built in memory (so a label can hold any
 * string, control characters included, without YAML in the way), golden files, the
 * allow-list of generated line shapes, and Mermaid's own parser running in Node.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { COMPONENT_KINDS } from '../../src/core/types';
import { PAYLOADS } from '../support/mermaidShapes';
import type { Component, ComponentKind, Connection, DataModel, Design, Field, Flow, Group, Ident, Text } from '../../src/core/types';

export * from '../support/mermaidShapes';

let offset = 0;
function ident(name: string): Ident {
  const start = (offset += 10);
  return { name, start, end: start + name.length };
}
function text(value: string | undefined): Text | undefined {
  if (value === undefined) return undefined;
  const start = (offset += 10);
  return { text: value, start, end: start + 1 };
}
function span(): { start: number; end: number } {
  const start = (offset += 10);
  return { start, end: start + 5 };
}

export interface ComponentSpec {
  id: string;
  kind?: ComponentKind;
  label?: string;
  tech?: string;
  replicas?: number;
}
export interface DesignSpec {
  name?: string;
  components?: ComponentSpec[];
  groups?: Array<{ id: string; label?: string; members: string[] }>;
  connections?: Array<[from: string, to: string, label?: string, async?: boolean]>;
  flows?: Array<{ id: string; steps: Array<[from: string, to: string, label?: string]> }>;
  dataModels?: Array<{ id: string; fields: Array<{ name: string; type?: string; pk?: boolean; unique?: boolean; index?: boolean; fk?: { table: string; field?: string } }> }>;
}

/** A `Design` as the model would build it, with distinct made-up spans. */
export function makeDesign(spec: DesignSpec): Design {
  const components: Component[] = (spec.components ?? []).map((c) => ({
    ...span(),
    id: ident(c.id),
    kind: c.kind,
    label: text(c.label),
    tech: text(c.tech),
    replicas: c.replicas === undefined ? undefined : { text: String(c.replicas), exact: true, ...span() },
  }));
  const groups: Group[] = (spec.groups ?? []).map((g) => ({ ...span(), id: ident(g.id), label: text(g.label), members: g.members.map(ident) }));
  const connections: Connection[] = (spec.connections ?? []).map(([from, to, label, async]) => ({
    ...span(),
    from: ident(from),
    to: ident(to),
    label: text(label),
    async: async === true,
  }));
  const flows: Flow[] = (spec.flows ?? []).map((f) => ({
    ...span(),
    id: ident(f.id),
    steps: f.steps.map(([from, to, label]) => ({ ...span(), from: ident(from), to: ident(to), label: text(label), async: false })),
  }));
  const dataModels: DataModel[] = (spec.dataModels ?? []).map((m) => ({
    ...span(),
    id: ident(m.id),
    fields: m.fields.map((f): Field => {
      return {
        ...span(),
        name: ident(f.name),
        type: text(f.type),
        pk: f.pk === true,
        index: f.index === true,
        unique: f.unique === true,
        fk: f.fk === undefined ? undefined : { table: ident(f.fk.table), field: f.fk.field === undefined ? undefined : ident(f.fk.field) },
      };
    }),
  }));
  return { sections: [], name: text(spec.name), apis: [], components, groups, connections, flows, dataModels, scenarios: [] };
}

/** A design where every piece of text, ids included, is `text` (made unique per place). */
export function payloadDesign(text: string): DesignSpec {
  const id = (n: number) => `${text}${'\u200b'.repeat(n)}`;
  return {
    name: text,
    components: [
      { id: id(0), kind: 'service', label: text, tech: text, replicas: 2 },
      { id: id(1), kind: 'sql-database', label: text },
      { id: id(2), label: text },
      { id: id(3), kind: 'external' },
    ],
    groups: [{ id: id(0), label: text, members: [id(0), id(1)] }],
    connections: [
      [id(0), id(1), text],
      [id(1), id(2), text, true],
      [id(2), id(3)],
    ],
    flows: [
      {
        id: id(0),
        steps: [
          [id(0), id(1), text],
          [id(1), id(0), text],
          [id(0), id(3)],
        ],
      },
    ],
    dataModels: [
      {
        id: id(0),
        fields: [
          { name: text, type: text, pk: true },
          { name: id(1), type: text, fk: { table: id(1), field: 'x' } },
        ],
      },
      { id: id(1), fields: [{ name: 'x', type: 'uuid', pk: true }] },
    ],
  };
}

/** Random designs whose every piece of text (ids included) is any string. */
const anyLabel = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom(...PAYLOADS));
const kind = fc.option(fc.constantFrom(...COMPONENT_KINDS), { nil: undefined });

export const randomDesign = fc
  .record({
    components: fc.array(
      fc.record({
        label: fc.option(anyLabel, { nil: undefined }),
        tech: fc.option(anyLabel, { nil: undefined }),
        kind,
        replicas: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    connections: fc.array(fc.record({ from: fc.nat(), to: fc.nat(), label: fc.option(anyLabel, { nil: undefined }), async: fc.boolean() }), { maxLength: 12 }),
    groups: fc.array(fc.record({ label: anyLabel, members: fc.array(fc.nat(), { maxLength: 4 }) }), { maxLength: 3 }),
    steps: fc.array(fc.record({ from: fc.nat(), to: fc.nat(), label: fc.option(anyLabel, { nil: undefined }) }), { minLength: 1, maxLength: 8 }),
    fields: fc.array(fc.record({ name: anyLabel, type: fc.option(anyLabel, { nil: undefined }), pk: fc.boolean(), fk: fc.boolean() }), { maxLength: 6 }),
    ids: fc.array(anyLabel, { minLength: 8, maxLength: 8 }),
  })
  .map(({ components, connections, groups, steps, fields, ids }) => {
    const n = components.length;
    // Ids come from the document too: any text, made unique.
    const id = (i: number) => `${ids[i % ids.length]}#${i}`;
    const spec: DesignSpec = {
      components: components.map((c, i) => ({ id: id(i), label: c.label, tech: c.tech, kind: c.kind as ComponentKind | undefined, replicas: c.replicas })),
      connections: connections.map((c) => [id(c.from % n), id(c.to % n), c.label, c.async] as [string, string, string | undefined, boolean]),
      groups: groups.map((g, i) => ({ id: `g${i}`, label: g.label, members: g.members.map((m) => id(m % n)) })),
      flows: [{ id: 'f', steps: steps.map((s) => [id(s.from % n), id(s.to % n), s.label] as [string, string, string | undefined]) }],
      dataModels: [
        { id: ids[0], fields: fields.map((f, i) => ({ name: `${f.name}${i}`, type: f.type, pk: f.pk, fk: f.fk ? { table: ids[1], field: 'x' } : undefined })) },
        { id: ids[1] === ids[0] ? `${ids[1]}2` : ids[1], fields: [] },
      ],
    };
    return { spec, design: makeDesign(spec) };
  });

// ---------------------------------------------------------------------------
// Golden files: `UPDATE_GOLDEN=1 npm run test:unit` rewrites them.
// ---------------------------------------------------------------------------

const goldenDir = path.join(__dirname, '..', 'golden');

export function expectGolden(name: string, actual: string): void {
  const file = path.join(goldenDir, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `missing golden file ${path.relative(process.cwd(), file)}; run with UPDATE_GOLDEN=1 to create it`);
  assert.equal(actual, readFileSync(file, 'utf8'), `${name} differs from its golden file; if the change is intended, run with UPDATE_GOLDEN=1 and review the diff`);
}

/** Every line of `text` matches one of `shapes`; the text ends with one newline. */
export function assertLineShapes(text: string, allowed: RegExp[]): void {
  assert.ok(text.endsWith('\n') && !text.endsWith('\n\n'), 'ends with exactly one newline');
  for (const line of text.slice(0, -1).split('\n')) {
    assert.ok(
      allowed.some((r) => r.test(line)),
      `unexpected line: ${JSON.stringify(line)}`,
    );
  }
}

export function countLines(text: string, shape: RegExp): number {
  return text.split('\n').filter((line) => shape.test(line)).length;
}

// ---------------------------------------------------------------------------
// Mermaid's own parser in Node. Mermaid needs DOMPurify only to sanitise labels (not
// to parse), and DOMPurify without a DOM has no `addHook`/`sanitize`: stand-ins that
// return the text unchanged let `mermaid.parse` run, so the text Mermaid stores is
// exactly what our encoding produced.
// ---------------------------------------------------------------------------

interface MermaidLike {
  parse(text: string): Promise<unknown>;
  mermaidAPI: { getDiagramFromText(text: string): Promise<{ db: unknown }> };
}
let mermaidPromise: Promise<MermaidLike> | undefined;

export function loadMermaid(): Promise<MermaidLike> {
  mermaidPromise ??= (async () => {
    const purify = (await import('dompurify')) as unknown as { default: Record<string, unknown> };
    const instance = purify.default;
    instance.addHook ??= () => undefined;
    instance.sanitize ??= (s: string) => s;
    const mermaid = (await import('mermaid')) as unknown as { default: MermaidLike };
    return mermaid.default;
  })();
  return mermaidPromise;
}

/** Parses `text` with Mermaid and returns its diagram database (throws on a syntax error). */
export async function mermaidDb<T>(text: string): Promise<T> {
  const mermaid = await loadMermaid();
  await mermaid.parse(text);
  return (await mermaid.mermaidAPI.getDiagramFromText(text)).db as T;
}

/** What Mermaid will show for a stored label: its entity placeholders back to characters. */
export function mermaidShown(stored: string): string {
  return stored.replace(/\ufb02\u00b0\u00b0(\d+)\u00b6\u00df/g, (_, d: string) => String.fromCodePoint(Number(d)));
}
