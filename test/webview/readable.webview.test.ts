// Issue #17, "a preview that reads at any size", measured in Chromium: in a side panel
// 700 px wide (and 900 tall), after Fit, every node label of the Twitter example's
// overview and of the focus view of every component of every example is drawn at least
// 10 CSS px high. The diagrams come from the real server feature with the options the
// webview sends: the size of its diagram area, and the component to focus on. A label's
// height is its font size times the scale the SVG is drawn at on screen (`getScreenCTM`,
// which includes the preview's zoom). Results go to test-results/webview/readable.json.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createAnalyzer } from '../../src/core';
import type { DiagramViewOptions, PreviewDiagrams } from '../../src/protocol';
import { diagrams } from '../../src/server/features/diagrams';
import { positionsOf } from '../../src/server/positions';
import { DOCUMENT_URI, launchBrowser, PreviewPage, readRepoFile, ROOT } from './support/harness';

const PANEL = { width: 700, height: 900 };
const MIN_LABEL_PX = 10;
const EXAMPLES = ['twitter', 'photo-sharing', 'pastebin', 'url-shortener'];

/** The diagrams the server answers `sysdesign/diagrams` with when the webview sends `options`. */
function diagramsWith(text: string, version: number, options: DiagramViewOptions): PreviewDiagrams {
  const analysis = createAnalyzer().analyse(text);
  const result = diagrams(analysis, positionsOf(TextDocument.create(DOCUMENT_URI, 'sysdesign', version, text), text), { uri: DOCUMENT_URI, version }, { views: options });
  if (result.stale) throw new Error(result.message);
  return result;
}

interface Measured {
  /** The smallest label's font size × screen scale, in CSS px. */
  minPx: number;
  direction: string;
  labels: number;
}

describe('readable at any size (issue #17): labels after Fit in a 700 px panel', function () {
  let browser: Browser;
  let preview: PreviewPage;
  let version = 0;
  /** What the webview sends as `panel`: its diagram area. */
  let panel: { width: number; height: number };
  const results: Record<string, Measured> = {};

  before(async () => {
    browser = await launchBrowser();
    preview = await PreviewPage.open(browser);
    await preview.page.setViewportSize(PANEL);
    panel = await preview.page.locator('.viewport').evaluate((e) => ({ width: e.clientWidth, height: e.clientHeight }));
  });
  after(async () => {
    const { escapes, errors } = preview;
    const report = await preview.securityReport();
    await browser?.close();
    const dir = join(ROOT, 'test-results', 'webview');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'readable.json'), JSON.stringify({ panel: PANEL, diagramArea: panel, results }, null, 2) + '\n');
    assert.deepEqual(report.csp, [], 'no Content Security Policy violation');
    assert.deepEqual(escapes, [], 'no request left the page');
    assert.deepEqual(errors, [], 'no uncaught error in the page');
  });

  /** Shows view `key` of `d` as a person would (its tab, then Fit) and measures its node labels. */
  async function fittedLabels(d: PreviewDiagrams, key: string): Promise<Measured> {
    const view = d.views.find((v) => v.key === key);
    assert.ok(view?.text, key);
    await preview.send({ type: 'update', diagrams: d });
    await preview.page.getByRole('tab', { name: view.title, exact: true }).click();
    await preview.waitForShown(d.version, key);
    await preview.page.getByRole('button', { name: 'Fit to window (0)' }).click();
    const measured = await preview.page.evaluate(() => {
      const svg = document.querySelector('.stage > svg') as SVGSVGElement;
      const scale = svg.getScreenCTM()?.a ?? 0;
      const labels = [...svg.querySelectorAll('g.node .nodeLabel')];
      return { minPx: Math.min(...labels.map((l) => parseFloat(getComputedStyle(l).fontSize) * scale)), labels: labels.length };
    });
    assert.equal(measured.labels, view.nodes.length, `${key}: every node has its label`);
    return { ...measured, direction: view.text.split('\n', 1)[0] };
  }

  it('the Twitter example’s overview', async () => {
    const text = readRepoFile('examples', 'twitter.sysdesign.yaml');
    const measured = await fittedLabels(diagramsWith(text, ++version, { panel }), 'overview');
    results['twitter overview'] = measured;
    console.log(`      twitter overview (${measured.direction}): smallest label ${measured.minPx.toFixed(1)} px over ${measured.labels} labels`);
    assert.ok(measured.minPx >= MIN_LABEL_PX, `smallest label ${measured.minPx.toFixed(2)} px`);
  });

  for (const example of EXAMPLES) {
    it(`every focus view of ${example}`, async () => {
      const text = readRepoFile('examples', `${example}.sysdesign.yaml`);
      const ids = createAnalyzer()
        .analyse(text)
        .design.components.map((c) => c.id.name);
      const small: string[] = [];
      for (const id of ids) {
        const key = `focus:${id}`;
        const measured = await fittedLabels(diagramsWith(text, ++version, { panel, focus: id }), key);
        results[`${example} ${key}`] = measured;
        if (!(measured.minPx >= MIN_LABEL_PX)) small.push(`${key} ${measured.minPx.toFixed(2)} px (${measured.direction})`);
      }
      const mine = Object.entries(results).filter(([k]) => k.startsWith(`${example} focus:`));
      const least = mine.reduce((a, b) => (b[1].minPx < a[1].minPx ? b : a));
      console.log(`      ${example}: ${mine.length} focus views, smallest label ${least[1].minPx.toFixed(1)} px (${least[0].slice(example.length + 1)}, ${least[1].direction})`);
      assert.deepEqual(small, [], 'every focus view reads');
    });
  }
});

describe('story mode (issue #17): the stages name what the architecture draws', function () {
  let browser: Browser;

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('every stage node is a tagged node or group of the SVG, and every edge and edge label carries the ids of its two ends', async () => {
    const preview = await PreviewPage.open(browser);
    const d = diagramsWith(readRepoFile('examples', 'twitter.sysdesign.yaml'), 1, {});
    const stages = d.story?.stages ?? [];
    assert.equal(stages.length, 5, "the example's five written stages");
    await preview.update(d, 'architecture');
    const drawn = await preview.page.evaluate(() => {
      const svg = document.querySelector('.stage > svg') as SVGSVGElement;
      const ends = (selector: string) => [...svg.querySelectorAll(selector)].map((e) => /^L_([a-z]\d+)_([a-z]\d+)_\d+$/.exec(e.getAttribute('data-id') ?? '')?.slice(1) ?? []);
      return {
        tagged: [...svg.querySelectorAll('[data-sd-node]')].map((e) => e.getAttribute('data-sd-node')),
        paths: ends('path.flowchart-link'),
        labels: ends('g.edgeLabel g.label'),
      };
    });
    const staged = stages.flatMap((s) => s.nodeIds);
    assert.deepEqual([...new Set(drawn.tagged)].sort(), [...staged].sort());
    assert.equal(drawn.paths.length, 29);
    assert.deepEqual(drawn.labels, drawn.paths, 'a label per edge, with the same ids');
    for (const [from, to] of drawn.paths) assert.ok(staged.includes(from) && staged.includes(to), `${from} -> ${to}`);
    assert.deepEqual(preview.errors, []);
    await preview.close();
  });
});
