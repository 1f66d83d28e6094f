import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { codeSpan, decodeLabel, designMarkdown, diagramFor, encodeLabel, escapeMarkdown, listViews, visibleText, type Diagram } from '../../src/core/diagram';
import { analyseText } from '../../src/core/analyse';
import type { Design } from '../../src/core/types';
import {
  ENC,
  ER_ATTRIBUTE,
  ER_LINES,
  ER_RELATIONSHIP,
  FLOWCHART_EDGE,
  FLOWCHART_LINES,
  FLOWCHART_NODE,
  SEQUENCE_LINES,
  SEQUENCE_MESSAGE,
  assertLineShapes,
  countLines,
  PAYLOADS,
  makeDesign,
  payloadDesign,
  randomDesign,
} from './diagram.helpers';

function ok(result: ReturnType<typeof diagramFor>): Diagram {
  if ('error' in result) assert.fail(result.error);
  return result;
}

const ENCODED = new RegExp(`^${ENC}$`, 'u');

describe('diagrams: encoding user text', () => {
  it('the encoder writes only its plain characters and #NNN;', () => {
    for (const p of PAYLOADS) assert.match(encodeLabel(p), ENCODED, JSON.stringify(p));
    assert.equal(encodeLabel('a"b'), 'a#34;b');
    assert.equal(encodeLabel('📷'), '#128247;', 'one code point, not two UTF-16 halves');
    assert.equal(encodeLabel('a\nb\u2028c\u0000d'), 'a b cd');
  });

  it('unicode and emoji round-trip: decode(encode(s)) is the visible text', () => {
    for (const p of PAYLOADS) assert.equal(decodeLabel(encodeLabel(p)), visibleText(p), JSON.stringify(p));
    assert.equal(visibleText('📷 🏳️‍🌈 中文'), '📷 🏳️‍🌈 中文');
    assert.equal(visibleText('lone \ud800'), 'lone \ufffd');
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary-ascii' })), (s) => {
        const encoded = encodeLabel(s);
        assert.match(encoded, ENCODED);
        assert.equal(decodeLabel(encoded), visibleText(s));
        // Nothing but line breaks, controls and lone surrogates is ever lost.
        if (!/[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udfff]/u.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) assert.equal(visibleText(s), s);
      }),
      { numRuns: 500 },
    );
  });

  for (const payload of PAYLOADS) {
    it(`payload ${JSON.stringify(payload).slice(0, 50)}: only generated syntax, counts match the model`, () => {
      const design = makeDesign(payloadDesign(payload));
      const views = listViews(design);
      const neutral = listViews(makeDesign(payloadDesign('X')))
        .map((v) => ok(diagramFor(makeDesign(payloadDesign('X')), v.view)).text)
        .join('\n');
      assert.deepEqual(
        views.map((v) => v.key.split(':')[0]),
        ['architecture', 'overview', 'flow', 'er'],
      );
      for (const view of views) {
        const { text } = ok(diagramFor(design, view.view));
        assert.ok(!text.includes('%%'), `${view.key}: no %% at all (no directive, no comment)`);
        // (`-->` and `;` are also our own syntax: the line shapes below cover them.)
        // A payload of plain characters only may stand as written inside a label.
        if (encodeLabel(payload) !== visibleText(payload) && !neutral.includes(payload)) assert.ok(!text.includes(payload), `${view.key}: the payload never appears raw`);
      }
      const flow = ok(diagramFor(design, 'architecture')).text;
      assertLineShapes(flow, FLOWCHART_LINES);
      assert.equal(countLines(flow, FLOWCHART_NODE), 4);
      assert.equal(countLines(flow, FLOWCHART_EDGE), 3);
      assert.equal(countLines(flow, /^ {2}subgraph /), 1);
      const seq = ok(diagramFor(design, 'sequence')).text;
      assertLineShapes(seq, SEQUENCE_LINES);
      assert.equal(countLines(seq, SEQUENCE_MESSAGE), 3);
      const er = ok(diagramFor(design, 'er')).text;
      assertLineShapes(er, ER_LINES);
      assert.equal(countLines(er, ER_ATTRIBUTE), 3);
      assert.equal(countLines(er, ER_RELATIONSHIP), 1);
    });
  }

  it('through the whole pipeline: a YAML document full of payloads', () => {
    const yaml = [
      'sysdesign: 1',
      `name: ${JSON.stringify(PAYLOADS[0])}`,
      'components:',
      ...PAYLOADS.slice(0, 12).flatMap((p, i) => [`  - id: c${i}`, '    kind: service', `    label: ${JSON.stringify(p)}`]),
      'connections:',
      ...PAYLOADS.slice(0, 11).map((p, i) => `  - {from: c${i}, to: c${i + 1}, label: ${JSON.stringify(p)}}`),
    ].join('\n');
    const analysis = analyseText(yaml);
    assert.equal(analysis.design.components.length, 12);
    const { text } = ok(diagramFor(analysis.design, 'architecture'));
    assertLineShapes(text, FLOWCHART_LINES);
    assert.equal(countLines(text, FLOWCHART_NODE), 12);
    assert.equal(countLines(text, FLOWCHART_EDGE), 11);
  });
});

// ---------------------------------------------------------------------------
// Property: any labels give exactly one node line per component, one edge line per
// connection, and only allowed line shapes.
// ---------------------------------------------------------------------------

describe('diagrams: property over random labels', () => {
  it('flowchart: one node line per component, one edge per connection, no injected lines', () => {
    fc.assert(
      fc.property(randomDesign, ({ spec, design }) => {
        const { text } = ok(diagramFor(design, 'architecture'));
        assertLineShapes(text, FLOWCHART_LINES);
        assert.equal(countLines(text, FLOWCHART_NODE), spec.components!.length);
        assert.equal(countLines(text, FLOWCHART_EDGE), spec.connections!.length);
        assert.ok(!text.includes('%%'));
        // Each node shows its label (or id) exactly, once decoded.
        const nodes = text.split('\n').filter((l) => FLOWCHART_NODE.test(l));
        nodes.forEach((line, i) => {
          const c = spec.components![i];
          const title = decodeLabel(new RegExp(`"(${ENC})(?:<br/>|")`, 'u').exec(line)![1]);
          const expected = [c.label, c.id].map((s) => (s === undefined ? '' : visibleText(s).replace(/^ +| +$/g, ''))).find((s) => s !== '') ?? '\u200b';
          assert.equal(title, expected);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('sequence and ER: only allowed line shapes, one message per step', () => {
    fc.assert(
      fc.property(randomDesign, ({ spec, design }) => {
        const seq = ok(diagramFor(design, 'sequence')).text;
        assertLineShapes(seq, SEQUENCE_LINES);
        assert.equal(countLines(seq, SEQUENCE_MESSAGE), spec.flows![0].steps.length);
        const er = ok(diagramFor(design, 'er')).text;
        assertLineShapes(er, ER_LINES);
        assert.equal(countLines(er, ER_ATTRIBUTE), spec.dataModels![0].fields.length);
        assert.ok(!seq.includes('%%') && !er.includes('%%'));
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------
// Markdown: user text stays text.
// ---------------------------------------------------------------------------

const MarkdownIt = require('markdown-it') as new (options: object) => { render(markdown: string): string };
const markdownIt = new MarkdownIt({ html: true, linkify: false });

function markdownOf(design: Design): string {
  return designMarkdown({ design, estimate: analyseText('sysdesign: 1\nname: x\n').estimate });
}

describe('diagrams: Markdown escaping', () => {
  it('escapeMarkdown and codeSpan render as the text itself', () => {
    for (const p of [...PAYLOADS, '`', '``a`', 'a|b', '- item', '+ x', '1) x', '> quote', '===']) {
      const expected = visibleText(p).replace(/ {2,}/g, ' ').trim();
      const inline = markdownIt.render(`x ${escapeMarkdown(p)}`);
      assert.equal(htmlText(inline).replace(/^x /, '').trim(), expected.trim(), `escape ${JSON.stringify(p)}`);
      const block = markdownIt.render(escapeMarkdown(p));
      assert.ok(!/<(?!\/?p>)[a-z]/i.test(block.replace(/<br>\n?/g, '')), `no markup from ${JSON.stringify(p)}: ${block}`);
      if (visibleText(p).trim() !== '') {
        const code = markdownIt.render(`x ${codeSpan(p, false)}`);
        assert.match(code, /<code>/, JSON.stringify(p));
      }
    }
  });

  it('a design full of payloads keeps its tables and adds no HTML', () => {
    for (const payload of PAYLOADS) {
      const design = makeDesign(payloadDesign(payload));
      const md = markdownOf(design);
      const html = markdownIt.render(md);
      assert.ok(
        !/<(?:img|script|a|strong|del|s|code)\b/i.test(html.replace(/<pre><code class="language-mermaid">[^<]*<\/code><\/pre>/g, '').replace(/<code>[^<]*<\/code>/g, '')),
        `no markup from ${JSON.stringify(payload)}`,
      );
      assert.equal(html.split('<em>').length, md.split('_Not written yet._').length, 'emphasis only where we wrote it');
      // The components table has a header, a delimiter and one row per component.
      const rows = html.split('<th>Component</th>')[1].split('<tbody>')[1].split('</tbody>')[0].split('<tr>').length - 1;
      assert.equal(rows, 4, JSON.stringify(payload));
      assert.equal(md.split('\n').filter((l) => l === '```mermaid').length, 3, 'architecture, the dry run, the data model');
    }
  });
});

function htmlText(html: string): string {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => entities[e])
    .replace(/\n/g, ' ');
}
