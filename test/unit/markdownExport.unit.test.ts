/**
 * The exported design document is complete: every description, answer, note, label,
 * API field and `source` written in a design appears in it. The test walks the model
 * (not the exporter's code) of every example and template, so a field the exporter
 * forgets fails here.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyseText } from '../../src/core/analyse';
import { codeSpan, designMarkdown, escapeMarkdown } from '../../src/core/diagram';
import type { Text } from '../../src/core/types';

const root = path.join(__dirname, '..', '..');
const designs = [
  ...readdirSync(path.join(root, 'examples')).map((f) => path.join('examples', f)),
  ...readdirSync(path.join(root, 'templates')).map((f) => path.join('templates', f)),
].filter((f) => f.endsWith('.sysdesign.yaml'));

/** Keys of the model whose texts a reader of the document must see, as prose. */
const PROSE = new Set(['description', 'sources', 'q', 'a', 'text', 'outOfScope', 'notes', 'label', 'tech']);
/** Keys whose texts are shown as code (an API's field names). */
const CODE = new Set(['name']);

function isText(x: unknown): x is Text {
  return typeof x === 'object' && x !== null && typeof (x as Text).text === 'string' && typeof (x as Text).start === 'number';
}

/** Every text of the design under a key above, with where it was found; groups are drawn only (in the diagram). */
function texts(node: unknown, where: string, key: string, out: Array<{ where: string; text: string; code: boolean }>): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => texts(item, `${where}[${i}]`, key, out));
    return;
  }
  if (isText(node)) {
    if (PROSE.has(key) || (CODE.has(key) && /\.(request|response)\[/.test(where))) out.push({ where, text: node.text, code: !PROSE.has(key) });
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [k, v] of Object.entries(node)) {
    if (k === 'groups' || (k === 'name' && where === '')) continue;
    texts(v, `${where}.${k}`, k, out);
  }
}

describe('Markdown export: the complete design document', () => {
  for (const file of designs) {
    it(`${file}: every description, answer, label, API field and source is in the document`, () => {
      const analysis = analyseText(readFileSync(path.join(root, file), 'utf8'));
      const md = designMarkdown(analysis);
      const found: Array<{ where: string; text: string; code: boolean }> = [];
      texts(analysis.design, '', '', found);
      assert.ok(found.length > 10, 'the walk finds the texts of the design');
      const missing = found.filter((t) => t.text.trim() !== '' && !md.includes(t.code ? codeSpan(t.text, true) : escapeMarkdown(t.text)));
      assert.deepEqual(
        missing.map((t) => `${t.where}: ${t.text}`),
        [],
      );
    });
  }

  it('the examples and templates cite sources, so the walk above covers them', () => {
    let sources = 0;
    for (const file of designs) {
      const found: Array<{ where: string; text: string; code: boolean }> = [];
      texts(analyseText(readFileSync(path.join(root, file), 'utf8')).design, '', '', found);
      sources += found.filter((t) => /\.sources\[/.test(t.where)).length;
    }
    assert.ok(sources >= 10, `${sources} sources`);
  });

  it('a source sits next to its figure: requirement, value, traffic line and component', () => {
    const { design, estimate, quantities } = analyseText(`sysdesign: 1
name: Sourced
requirements:
  functional:
    - { id: post, text: A user posts, op: create, source: Interviewer }
estimation:
  dau: daily
  values:
    daily: { value: 10M, sources: [Annual report 2024, "p. 42"] }
  traffic:
    - { id: post, kind: write, per_user: 2/day, size: 1KB, source: Product analytics }
components:
  - { id: api, kind: service, source: Load test of 2025-03 }
`);
    const lines = designMarkdown({ design, estimate, quantities }).split('\n');
    const row = (start: string) => lines.find((l) => l.startsWith(start)) ?? assert.fail(`no row ${start}`);
    assert.match(row('| `post` | create'), /\| Interviewer \|$/);
    assert.equal(row('| `daily` |'), '| `daily` | `10M` | 10M | Annual report 2024; p. 42 |');
    assert.match(row('| `post` | write | `2/day`'), /\| Product analytics \|$/);
    assert.match(row('| `api` | service'), /\| Load test of 2025-03 \|$/);
  });

  it('API details: description, request and response fields with nested types', () => {
    const { design, estimate } = analyseText(`sysdesign: 1
name: Api
apis:
  - id: feed
    method: GET
    path: /v1/feed
    description: Newest first; a cursor pages.
    request: { cursor: string }
    response: { items: [{ id: string, at: int }], next: string }
`);
    const md = designMarkdown({ design, estimate });
    assert.ok(md.includes('### feed\n\nNewest first; a cursor pages.\n'), md);
    assert.ok(md.includes('| `cursor` | request | `string` |'));
    assert.ok(md.includes('| `items` | response | `[{ id: string, at: int }]` |'));
  });

  it('a step label keeps its punctuation readable in the Mermaid text (a diff reads), and markup stays text', () => {
    const { design, estimate } = analyseText(`sysdesign: 1
name: Labels
components:
  - { id: a, kind: client }
  - { id: b, kind: service }
flows:
  - id: f
    steps:
      - "a -> b: 2.1 miles away - push (v2)"
      - "b -> a: <b>bold</b> | done"
`);
    const md = designMarkdown({ design, estimate });
    assert.ok(md.includes('  p0->>p1: 2.1 miles away - push (v2)\n'), md);
    assert.ok(md.includes('  p1->>p0: #60;b#62;bold#60;/b#62; #124; done\n'));
    assert.ok(md.includes('2. `b` → `a`: \\<b\\>bold\\</b\\> \\| done\n'));
  });
});
