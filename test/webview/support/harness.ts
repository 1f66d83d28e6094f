// The preview webview in real Chromium, as VS Code would host it: the HTML from the
// extension's own builder (CSP, nonce, data-state) served from a made-up origin through
// request interception (no server, no network: every other request is aborted and
// recorded), the built bundle from dist/webview, and a stand-in for `acquireVsCodeApi`
// that records what the webview posts. A canary global and a `securitypolicyviolation`
// listener are installed before any page script runs.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createAnalyzer } from '../../../src/core';
import { createNonce, previewHtml } from '../../../src/extension/preview/html';
import type { DiagramViewOptions, FromWebviewMessage, PreviewDiagrams, PreviewInitialState, PreviewStale, ToWebviewMessage } from '../../../src/protocol';
import { diagrams } from '../../../src/server/features/diagrams';
import { scenarioView } from '../../../src/server/features/scenarioView';
import { positionsOf } from '../../../src/server/positions';

export const ROOT = join(__dirname, '..', '..', '..');
export const ORIGIN = 'https://sysdesign-webview.test';
export const DOCUMENT_URI = 'file:///work/design.sysdesign.yaml';
const WEBVIEW_DIR = join(ROOT, 'dist', 'webview');
const TIMEOUT_MS = Number(process.env.SYSDESIGN_WEBVIEW_TIMEOUT_MS ?? 60_000);

/** Debian's Chromium with the flags every tier uses (test/support/chromium.mjs: headless, no outside hosts). */
export async function launchBrowser(): Promise<Browser> {
  // Plain ESM shared with scripts/lib/rig.mjs, hence the dynamic import.
  const { CHROMIUM_ARGS, chromiumPath } = await import('../../support/chromium.mjs');
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
}

/** The diagrams the language server would send for `text` (the real core and server feature). */
export function diagramsOf(text: string, version = 1, scenario?: string, compared?: { name: string; text: string }, views?: DiagramViewOptions): PreviewDiagrams {
  const result = diagramsOrStale(text, version, scenario, compared, views);
  if (result.stale) throw new Error(`the design does not parse: ${result.message}`);
  return result;
}

/** `scenario`: the id of the scenario shown, as the language server's `scenarioView` gives it; `compared`: the version compared with (`sysdesign/compare`). */
export function diagramsOrStale(
  text: string,
  version = 1,
  scenario?: string,
  compared?: { name: string; text: string },
  views?: DiagramViewOptions,
): PreviewDiagrams | PreviewStale {
  const analysis = scenarioView(createAnalyzer().analyse(text), scenario);
  const document = TextDocument.create(DOCUMENT_URI, 'sysdesign', version, text);
  const comparison = compared ? { name: compared.name, analysis: createAnalyzer().analyse(compared.text) } : undefined;
  return diagrams(analysis, positionsOf(document, text), { uri: DOCUMENT_URI, version }, { comparison, views });
}

let bareMermaid: Promise<Uint8Array> | undefined;

/**
 * Mermaid with the ELK layout loader and nothing of ours (support/bareMermaid.ts), built
 * once per run: what the preview's render times are compared with.
 */
function bareMermaidBundle(): Promise<Uint8Array> {
  bareMermaid ??= esbuild
    .build({
      entryPoints: [join(__dirname, 'bareMermaid.ts')],
      bundle: true,
      write: false,
      minify: true,
      format: 'iife',
      platform: 'browser',
      target: 'chrome120',
      legalComments: 'none',
      logLevel: 'error',
    })
    .then((result) => result.outputFiles[0].contents);
  return bareMermaid;
}

export function readRepoFile(...segments: string[]): string {
  return readFileSync(join(ROOT, ...segments), 'utf8');
}

export interface PageOptions {
  /** The body class VS Code sets for its theme. */
  bodyClass?: string;
  state?: Partial<PreviewInitialState>;
}

declare global {
  interface Window {
    __posted: FromWebviewMessage[];
    __csp: string[];
    __canary: unknown;
    __state: unknown;
  }
}

export class PreviewPage {
  /** Requests for anything but our origin (must stay empty). */
  readonly escapes: string[] = [];
  /** Uncaught errors in the page. */
  readonly errors: string[] = [];

  private constructor(
    readonly page: Page,
    readonly nonce: string,
  ) {}

  static async open(browser: Browser, options: PageOptions = {}): Promise<PreviewPage> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    page.setDefaultTimeout(TIMEOUT_MS);
    const nonce = createNonce();
    const html = previewHtml({
      cspSource: ORIGIN,
      scriptUri: `${ORIGIN}/webview/preview.js`,
      styleUri: `${ORIGIN}/webview/preview.css`,
      nonce,
      state: { uri: DOCUMENT_URI, theme: 'auto', ...options.state },
    });
    // VS Code puts its theme class on the body of the webview; here the test does.
    const body = html.replace('<body ', `<body class="${options.bodyClass ?? 'vscode-light'}" `);
    const preview = new PreviewPage(page, nonce);
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== ORIGIN) {
        preview.escapes.push(url.href);
        await route.abort();
        return;
      }
      if (url.pathname === '/index.html') {
        await route.fulfill({ contentType: 'text/html; charset=utf-8', body });
      } else if (/^\/webview\/(preview\.(js|css)|elk\.js)$/.test(url.pathname)) {
        const file = url.pathname.slice('/webview/'.length);
        await route.fulfill({ contentType: file.endsWith('.js') ? 'text/javascript' : 'text/css', body: readFileSync(join(WEBVIEW_DIR, file)) });
      } else if (url.pathname === '/baseline/bare-mermaid.js') {
        // Only for measuring a bare `mermaid.render` next to ours: Mermaid and its ELK loader (`window.bareMermaid`).
        await route.fulfill({ contentType: 'text/javascript', body: Buffer.from(await bareMermaidBundle()) });
      } else {
        await route.fulfill({ status: 404, body: '' });
      }
    });
    // tsx compiles the functions handed to the page with esbuild's `keepNames`, which calls a `__name` helper.
    await page.addInitScript({ content: 'globalThis.__name = (target) => target;' });
    await page.addInitScript(() => {
      window.__posted = [];
      window.__csp = [];
      window.__canary = undefined;
      window.__state = undefined;
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
      let acquired = false;
      (window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => {
        if (acquired) throw new Error('acquireVsCodeApi called twice');
        acquired = true;
        return {
          postMessage: (message: unknown) => window.__posted.push(JSON.parse(JSON.stringify(message)) as FromWebviewMessage),
          getState: () => window.__state,
          setState: (state: unknown) => {
            window.__state = JSON.parse(JSON.stringify(state));
          },
        };
      };
    });
    page.on('pageerror', (error) => preview.errors.push(error.message));
    await page.goto(`${ORIGIN}/index.html`);
    await preview.waitForPosted((m) => m.type === 'ready');
    return preview;
  }

  /** Loads a script of our origin with the page's nonce (the CSP allows nothing else). */
  async loadScript(src: string): Promise<void> {
    await this.page.evaluate(
      ([nonce, url]) =>
        new Promise<void>((resolve, reject) => {
          const script = document.createElement('script');
          script.nonce = nonce;
          script.src = url;
          script.onload = () => resolve();
          script.onerror = () => reject(new Error(`${url} did not load`));
          document.head.append(script);
        }),
      [this.nonce, src],
    );
  }

  /** Delivers a message as the extension's `postMessage` would. */
  async send(message: ToWebviewMessage): Promise<void> {
    await this.page.evaluate((m) => window.dispatchEvent(new MessageEvent('message', { data: m })), message);
  }

  /** Sends diagrams and waits until the preview shows that version of `view`. */
  async update(diagrams: PreviewDiagrams, view?: string): Promise<void> {
    await this.send({ type: 'update', diagrams });
    await this.waitForShown(diagrams.version, view);
  }

  async waitForShown(version: number, view?: string): Promise<void> {
    const selector = `.viewport[data-version="${version}"]${view ? `[data-view="${cssString(view)}"]` : ''}`;
    await this.page.locator(selector).waitFor({ state: 'attached' });
  }

  async showView(view: string, version: number): Promise<void> {
    await this.send({ type: 'showView', view });
    await this.waitForShown(version, view);
  }

  posted(): Promise<FromWebviewMessage[]> {
    return this.page.evaluate(() => window.__posted);
  }

  async clearPosted(): Promise<void> {
    await this.page.evaluate(() => {
      window.__posted.length = 0;
    });
  }

  async waitForPosted(predicate: (m: FromWebviewMessage) => boolean): Promise<FromWebviewMessage> {
    const deadline = Date.now() + TIMEOUT_MS;
    // Polls the page's record (each poll is a round trip to the page, no timer of ours).
    for (;;) {
      const found = (await this.posted()).find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error('the webview did not post the expected message');
      await this.page.waitForFunction((n) => window.__posted.length > n, (await this.posted()).length, { timeout: TIMEOUT_MS }).catch(() => undefined);
    }
  }

  /** How many times Mermaid rendered in the preview. */
  async renders(): Promise<number> {
    return Number(await this.page.locator('.viewport').getAttribute('data-renders'));
  }

  /** The distinct node ids tagged in the shown SVG. */
  async shownNodeIds(): Promise<string[]> {
    return this.page.evaluate(() => [...new Set([...document.querySelectorAll('.stage [data-sd-node]')].map((e) => e.getAttribute('data-sd-node') ?? ''))].sort());
  }

  async securityReport(): Promise<{ csp: string[]; canary: unknown }> {
    return this.page.evaluate(() => ({ csp: window.__csp, canary: window.__canary }));
  }

  /**
   * Closes the page; when the test passed, asserts that nothing escaped it, nothing was
   * blocked by the CSP, no injected script ran and nothing threw (every test's `afterEach`).
   */
  async closeChecked(passed: boolean): Promise<void> {
    const report = await this.securityReport();
    const { escapes, errors } = this;
    await this.close();
    if (!passed) return;
    assert.deepEqual(report.csp, [], 'no Content Security Policy violation');
    assert.equal(report.canary, undefined, 'no injected script ran');
    assert.deepEqual(escapes, [], 'no request left the page');
    assert.deepEqual(errors, [], 'no uncaught error in the page');
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}

function cssString(text: string): string {
  return text.replace(/["\\]/g, '\\$&');
}
