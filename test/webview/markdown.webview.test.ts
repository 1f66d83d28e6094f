// The exported design document as a reviewer sees it on GitHub (issue #18): the Markdown
// of every example and template rendered in Debian's Chromium by markdown-it with GitHub's
// stylesheet (github-markdown-css), each ```mermaid block drawn by Mermaid in strict mode.
// No block may fail to draw, every table must come out as a table, and user text must not
// become markup. The screenshot of one document goes to test-results/webview/ (and to
// docs/images/ with SYSDESIGN_UPDATE_README_IMAGES=1).
import * as assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { analyseText } from '../../src/core/analyse';
import { designMarkdown } from '../../src/core/diagram';
import { launchBrowser, ROOT } from './support/harness';

const ORIGIN = 'https://markdown.test';
const designs = ['examples', 'templates'].flatMap((dir) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith('.sysdesign.yaml'))
    .map((f) => join(dir, f)),
);

interface Rendered {
  diagrams: number;
  errors: string[];
}

async function openPage(browser: Browser): Promise<{ page: Page; escapes: string[]; errors: string[] }> {
  const script = await esbuild.build({
    entryPoints: [join(__dirname, 'support', 'markdownPage.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'error',
  });
  const css = readFileSync(join(ROOT, 'node_modules', 'github-markdown-css', 'github-markdown-light.css'));
  const html = `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/github.css">
<style>body { margin: 0; background: #fff; } .markdown-body { box-sizing: border-box; max-width: 980px; margin: 0 auto; padding: 32px; }</style>
<script src="/page.js"></script></head><body><article class="markdown-body"></article></body></html>`;
  const page = await browser.newPage({ viewport: { width: 1012, height: 900 } });
  const escapes: string[] = [];
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) {
      escapes.push(url.href);
      await route.abort();
    } else if (url.pathname === '/index.html') await route.fulfill({ contentType: 'text/html; charset=utf-8', body: html });
    else if (url.pathname === '/github.css') await route.fulfill({ contentType: 'text/css', body: css });
    else if (url.pathname === '/page.js') await route.fulfill({ contentType: 'text/javascript', body: Buffer.from(script.outputFiles[0].contents) });
    else await route.fulfill({ status: 404, body: '' });
  });
  await page.goto(`${ORIGIN}/index.html`);
  return { page, escapes, errors };
}

function render(page: Page, markdown: string): Promise<Rendered> {
  return page.evaluate((md) => (window as unknown as { renderDesignDocument(md: string): Promise<Rendered> }).renderDesignDocument(md), markdown);
}

describe('the exported design document, rendered as GitHub would', function () {
  this.timeout(180_000);
  let browser: Browser;
  let opened: Awaited<ReturnType<typeof openPage>>;

  before(async () => {
    browser = await launchBrowser();
    opened = await openPage(browser);
  });
  after(async () => {
    await browser?.close();
  });

  for (const file of designs) {
    it(`${file}: every diagram draws and every table is a table`, async () => {
      const markdown = designMarkdown(analyseText(readFileSync(join(ROOT, file), 'utf8')));
      const blocks = markdown.split('\n').filter((line) => line === '```mermaid').length;
      const tables = markdown.split('\n').filter((line) => /^\| (?:---:?|:?---) \|/.test(line)).length;
      const result = await render(opened.page, markdown);
      assert.deepEqual(result.errors, []);
      assert.equal(result.diagrams, blocks);
      const shown = await opened.page.evaluate(() => ({
        tables: document.querySelectorAll('article table').length,
        svgs: document.querySelectorAll('article .mermaid-figure svg').length,
        syntaxErrors: document.querySelectorAll('article .error-icon, article [aria-roledescription="error"]').length,
        userMarkup: document.querySelectorAll('article img, article script, article iframe').length,
      }));
      assert.deepEqual(shown, { tables, svgs: blocks, syntaxErrors: 0, userMarkup: 0 });
      assert.deepEqual(opened.errors, []);
      assert.deepEqual(opened.escapes, []);
    });
  }

  it('hostile text stays text in the document and in its diagrams', async () => {
    const hostile = '<img src=x onerror=alert(1)> **b** | `c` [l](javascript:x) %%{init: {"theme":"dark"}}%%';
    const markdown = designMarkdown(
      analyseText(`sysdesign: 1
name: ${JSON.stringify(hostile)}
description: ${JSON.stringify(hostile)}
components:
  - { id: a, kind: client, label: ${JSON.stringify(hostile)}, description: ${JSON.stringify(hostile)} }
  - { id: b, kind: service, source: ${JSON.stringify(hostile)} }
connections:
  - a -> b: ${JSON.stringify(hostile)}
flows:
  - id: f
    steps:
      - ${JSON.stringify(`a -> b: ${hostile}`)}
`),
    );
    const result = await render(opened.page, markdown);
    assert.deepEqual(result.errors, []);
    const shown = await opened.page.evaluate(() => ({
      h1: document.querySelector('article h1')?.textContent,
      links: document.querySelectorAll('article a').length,
      strong: document.querySelectorAll('article strong').length,
      images: document.querySelectorAll('article img').length,
      labels: [...document.querySelectorAll('article .mermaid-figure .nodeLabel, article .mermaid-figure .messageText')].map((e) => e.textContent),
    }));
    assert.equal(shown.h1, hostile);
    assert.deepEqual([shown.links, shown.strong, shown.images], [0, 0, 0]);
    assert.ok(shown.labels.includes(hostile), JSON.stringify(shown.labels));
  });

  it('a screenshot of the URL shortener example, as a reviewer reads it', async () => {
    const markdown = designMarkdown(analyseText(readFileSync(join(ROOT, 'examples', 'url-shortener.sysdesign.yaml'), 'utf8')));
    const result = await render(opened.page, markdown);
    assert.deepEqual(result.errors, []);
    const dir = process.env.SYSDESIGN_UPDATE_README_IMAGES === '1' ? join(ROOT, 'docs', 'images') : join(ROOT, 'test-results', 'webview');
    mkdirSync(dir, { recursive: true });
    // From the estimation on: inputs, values with their sources, traffic lines and figures.
    const top = await opened.page.evaluate(() => [...document.querySelectorAll('article h2')].find((h) => h.textContent?.startsWith('2.'))?.getBoundingClientRect().top ?? 0);
    assert.ok(top > 0, 'the estimation section is there');
    const shot = await opened.page.screenshot({ path: join(dir, 'export-markdown.png'), fullPage: true, clip: { x: 0, y: top, width: 1012, height: 1300 } });
    assert.ok(shot.length > 10_000, 'a real picture');
  });
});
