// Editing a design in the workbench as a person does: the numbers in the code lenses, the
// highlighting of the grammar, completion with Ctrl+Space, a squiggle and the problem count
// after a typo; in the light theme (the default) and once in a dark one.
// The example is only read. Edits happen in an untitled copy: VS Code for the Web saves
// files after a second by default (`files.autoSave` is `afterDelay` there), untitled
// documents never. The test checks that the example is unchanged on disk.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Locator } from 'playwright-core';
import { selectors, useWorkbench } from './workbench';

const EXAMPLE = 'photo-sharing.sysdesign.yaml';
const examplePath = join(__dirname, '..', '..', 'examples', EXAMPLE);
const exampleText = readFileSync(examplePath, 'utf8');
/** 1-based line number of the line `text` in the example. */
const lineOf = (text: string) => exampleText.split('\n').indexOf(text) + 1 || assert.fail(`"${text}" is a line of the example`);

const LIGHT = 'Light Modern';
const DARK = 'Dark Modern';

describe('editing a design in the workbench', function () {
  // Untitled copies, theme changes and a language server under load: more than the default minute.
  this.timeout(120_000);
  const workbench = useWorkbench();
  const page = () => workbench().page;

  /** The rendered line of the active editor whose text is exactly `text`. */
  const editorLine = (text: string): Locator =>
    page()
      .locator(selectors.editorLine)
      .filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s')}$`) })
      .first();

  /** Scrolls the active editor to `line` (1-based) with "Go to Line" and waits for it to be drawn. */
  async function goToLine(line: number, text: string): Promise<Locator> {
    await page().keyboard.press('Control+G');
    await page().locator(selectors.quickInputBox).fill(`:${line}`);
    await page().keyboard.press('Enter');
    await page().locator(selectors.quickInput).waitFor({ state: 'hidden' });
    const rendered = editorLine(text);
    await rendered.waitFor();
    return rendered;
  }

  /** The span of the token `token` on the rendered line `line`. */
  function tokenOn(line: Locator, token: string): Locator {
    const pattern = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s');
    return line
      .locator('span > span')
      .filter({ hasText: new RegExp(`^\\s*${pattern}\\s*$`) })
      .first();
  }

  /** The text colour of the token `token` on the rendered line `line`. */
  async function colorOf(line: Locator, token: string): Promise<string> {
    return tokenOn(line, token).evaluate((element) => getComputedStyle(element).color);
  }

  /** Whether the token is drawn bold. */
  async function isBold(line: Locator, token: string): Promise<boolean> {
    return tokenOn(line, token).evaluate((element) => Number(getComputedStyle(element).fontWeight) >= 600);
  }

  /**
   * Waits until the status bar's problems item counts between `min` and `max` errors, and
   * returns the count. Its label reads "No Problems" or "Errors: 1, Warnings: 2".
   */
  async function waitForErrors(min: number, max = Infinity): Promise<number> {
    const item = page().locator('[id="status.problems"]');
    await item.waitFor();
    const count = async () => {
      const labels = [await item.getAttribute('aria-label'), ...(await item.locator('[aria-label]').evaluateAll((es) => es.map((e) => e.getAttribute('aria-label'))))];
      const label = labels.find((l) => l && /Problems|Errors|Warnings|Infos/.test(l));
      assert.ok(label, `a problem count in the status bar: ${JSON.stringify(labels)}`);
      return Number(/Errors: (\d+)/.exec(label)?.[1] ?? 0);
    };
    await page().waitForFunction(
      ({ min, max }) => {
        const element = document.getElementById('status.problems');
        const labels = [element, ...Array.from(element?.querySelectorAll('[aria-label]') ?? [])].map((e) => e?.getAttribute('aria-label') ?? '');
        const label = labels.find((l) => /Problems|Errors|Warnings|Infos/.test(l));
        if (!label) return false;
        const errors = Number(/Errors: (\d+)/.exec(label)?.[1] ?? 0);
        return errors >= min && errors <= max;
      },
      { min, max: max === Infinity ? Number.MAX_SAFE_INTEGER : max },
    );
    return count();
  }

  async function setColorTheme(name: string, bodyClass: 'vs' | 'vs-dark'): Promise<void> {
    await workbench().runCommand('Preferences: Color Theme');
    await workbench().typeInQuickPick(name);
    await workbench().quickPickRow(name).click();
    await page().locator(`.monaco-workbench.${bodyClass}`).waitFor();
  }

  /** A new untitled editor in the System Design language holding the example's text. */
  async function openUntitledCopy(): Promise<void> {
    await workbench().runCommand('File: New Untitled Text File');
    await page()
      .locator(selectors.activeTab)
      .filter({ hasText: /^Untitled-\d+/ })
      .waitFor();
    await workbench().runCommand('Change Language Mode');
    await workbench().typeInQuickPick('System Design');
    await workbench().quickPickRow('System Design').click();
    await workbench().waitForStatus('status.editor.mode', 'System Design');
    // Pasted, as a person would copy it in: typed text would be auto-indented line by line.
    const pasted = await page().evaluate((text) => {
      const target = document.activeElement;
      if (!target) return false;
      const data = new DataTransfer();
      data.setData('text/plain', text);
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      return true;
    }, exampleText);
    assert.ok(pasted, 'the editor has the focus');
    // The last line, indented as in the example: the text arrived unchanged.
    await editorLine('      - lb -> client: 200 feed').waitFor();
  }

  /** Closes the active (untitled) editor without saving it. */
  async function closeWithoutSaving(): Promise<void> {
    await workbench().runCommand('View: Revert and Close Editor');
    await page().locator('.tabs-container .tab.dirty').first().waitFor({ state: 'detached' });
  }

  before(async () => {
    await workbench().openFile(EXAMPLE);
    await workbench().waitForStatus('status.editor.mode', 'System Design');
  });

  after(async () => {
    // Leave the shared profile as it was found (light theme, nothing edited), and the example unchanged.
    await page()
      .locator('.monaco-workbench.vs-dark')
      .count()
      .then((dark) => (dark ? setColorTheme(LIGHT, 'vs') : undefined))
      .catch(() => undefined);
    assert.equal(readFileSync(examplePath, 'utf8'), exampleText, `${EXAMPLE} is unchanged on disk`);
  });

  it('shows the estimate in code lenses above `estimation`', async () => {
    await workbench().openFile(EXAMPLE);
    const lenses = page().locator('.monaco-editor .codelens-decoration');
    const totals = lenses.filter({ hasText: /Reads 3\.47k\/s \(peak 10\.4k\/s\)/ });
    await totals.first().waitFor();
    assert.match(await totals.first().innerText(), /Writes 23\.1\/s \(peak 46\.3\/s\) · 150:1 read:write/);
    await lenses.filter({ hasText: 'Storage 4 TB/day · 120 TB/month · 1.46 PB/year · 43.8 PB total' }).first().waitFor();
    await lenses
      .filter({ hasText: /^Downtime budget 52\.6 min\/year/ })
      .first()
      .waitFor();
    await workbench().screenshot('code lenses with the estimate');
  });

  it('highlights section keys, component kinds and quantities with its grammar', async () => {
    await workbench().openFile(EXAMPLE);
    const differ = async (a: [Locator, string], b: [Locator, string]) => {
      const [colorA, colorB] = [await colorOf(...a), await colorOf(...b)];
      assert.notEqual(colorA, colorB, `"${a[1]}" (${colorA}) and "${b[1]}" (${colorB}) look alike`);
    };
    const requirements = await goToLine(lineOf('requirements:                       # step 1'), 'requirements:                       # step 1');
    // A section key stands out from an ordinary key: its colour, and bold like a heading.
    await differ([requirements, 'requirements'], [editorLine('name: Photo sharing'), 'name']);
    assert.equal(await isBold(requirements, 'requirements'), true, 'a section key is bold');
    assert.equal(await isBold(editorLine('name: Photo sharing'), 'name'), false, 'a key is not');
    const kind = await goToLine(lineOf('    kind: load-balancer'), '    kind: load-balancer');
    const label = editorLine('    label: Mobile app');
    await differ([kind, 'load-balancer'], [label, 'Mobile app']);
    // `20` and `ms` share one colour in the default themes, so the editor draws them as one span.
    await differ([editorLine('    latency: 20ms'), '20ms'], [label, 'Mobile app']);
    await workbench().screenshot('grammar highlighting');
  });

  it('completes a component kind after `kind: ` with Ctrl+Space', async () => {
    await openUntitledCopy();
    try {
      const line = await goToLine(lineOf('    tech: Redis'), '    tech: Redis');
      await line.click();
      await page().keyboard.press('End');
      await page().keyboard.press('Enter');
      await page().keyboard.type('kind: ');
      await page().keyboard.press('Control+Space');
      const rows = page().locator('.editor-widget.suggest-widget.visible .monaco-list-row');
      await rows
        .filter({ hasText: /^load-balancer/ })
        .first()
        .waitFor();
      const labels = await rows.evaluateAll((elements) => elements.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''));
      for (const kind of ['client', 'dns', 'cdn', 'load-balancer'])
        assert.ok(
          labels.some((l) => l.startsWith(kind)),
          `${kind} among ${labels.join(' | ')}`,
        );
      await workbench().screenshot('component kinds completion');
      await page().keyboard.press('Escape');
      await page().locator('.editor-widget.suggest-widget.visible').waitFor({ state: 'hidden' });
    } finally {
      await closeWithoutSaving();
    }
  });

  it('underlines a misspelt id and counts it in the status bar, in a light and a dark theme', async () => {
    await openUntitledCopy();
    try {
      const line = await goToLine(lineOf('  - lb -> api'), '  - lb -> api');
      // The copy of the example is clean: no squiggles, no errors.
      await page().locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'detached' });
      assert.equal(await waitForErrors(0, 0), 0);
      await line.click();
      await page().keyboard.press('End');
      await page().keyboard.press('Backspace');
      await page().keyboard.type('x');
      await editorLine('  - lb -> apx').waitFor();
      await page().keyboard.press('Escape');
      await page().locator('.monaco-editor .squiggly-error').first().waitFor();
      assert.equal(await waitForErrors(1), 1, 'one error: the unknown component');
      await workbench().screenshot('typo squiggle and problem count (light)');

      await setColorTheme(DARK, 'vs-dark');
      await page().locator('.monaco-editor .squiggly-error').first().waitFor();
      // Where keys and keywords share a colour, the section key still stands out.
      assert.equal(await isBold(editorLine('connections:'), 'connections'), true, 'a section key is bold in the dark theme too');
      await workbench().screenshot('typo squiggle and problem count (dark)');
      await setColorTheme(LIGHT, 'vs');
    } finally {
      await closeWithoutSaving();
    }
  });
});

/** The parts of scripts/lib/rig.mjs used below (it is plain JavaScript). */
interface Rig {
  DEFAULT_SETTINGS: Record<string, unknown>;
  freePort(): Promise<number>;
  installVsix(vsix: string, dirs: { home: string; userDataDir: string; extensionsDir: string }): void;
  startCodeServer(options: {
    port: number;
    home: string;
    userDataDir: string;
    extensionsDir: string;
    logFile: string;
    defer?: (stop: () => void) => void;
  }): Promise<{ stop(): void }>;
  workbenchUrl(options: { port: number; folder: string; extensionDevelopmentPath?: string }): string;
}

// VS Code for the Web runs the extension's "browser" entry (dist/extension.browser.js) in a
// web worker extension host, with the language server in a worker of its own. code-server
// does the same for an extension whose kind is set to "web", which this workbench of its
// own does (the shared one keeps the Node extension host).
describe('the web extension in a web worker extension host', function () {
  this.timeout(180_000);
  const root = join(__dirname, '..', '..');
  const variant = process.env.SYSDESIGN_E2E_VARIANT ?? 'dev';
  let temp: string | undefined;
  let stopServer: (() => void) | undefined;
  let browser: Browser | undefined;
  const stopOnExit = () => stopServer?.();

  after(async () => {
    await browser?.close();
    stopServer?.();
    process.removeListener('exit', stopOnExit);
    if (temp && !process.env.SYSDESIGN_KEEP_TEMP) rmSync(temp, { recursive: true, force: true });
  });

  it('runs the language server in a worker: code lenses with the estimate', async () => {
    const rig = (await import(pathToFileURL(join(root, 'scripts', 'lib', 'rig.mjs')).href)) as Rig;
    temp = mkdtempSync(join(tmpdir(), 'sysdesign-e2e-web-'));
    const dirs = { home: join(temp, 'home'), userDataDir: join(temp, 'user-data'), extensionsDir: join(temp, 'extensions') };
    mkdirSync(join(dirs.userDataDir, 'User'), { recursive: true });
    const settings = { ...rig.DEFAULT_SETTINGS, 'remote.extensionKind': { 'sysdesign.sysdesign': ['web'] }, 'files.autoSave': 'off' };
    writeFileSync(join(dirs.userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
    if (variant === 'vsix') rig.installVsix(join(root, 'sysdesign.vsix'), dirs);
    const port = await rig.freePort();
    // Stopped by process group, also when mocha is ended early.
    process.once('exit', stopOnExit);
    const server = await rig.startCodeServer({ port, ...dirs, logFile: join(temp, 'code-server.log'), defer: (stop) => (stopServer = stop) });
    stopServer = () => server.stop();

    browser = await chromium.launch(JSON.parse(process.env.SYSDESIGN_E2E_BROWSER ?? assert.fail('SYSDESIGN_E2E_BROWSER is not set: run `npm run test:e2e`')));
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(60_000);
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /System Design/.test(message.text())) errors.push(message.text());
    });
    await page.goto(rig.workbenchUrl({ port, folder: join(root, 'examples'), extensionDevelopmentPath: variant === 'dev' ? root : undefined }));
    await page.locator(selectors.explorerRow).filter({ hasText: EXAMPLE }).click();
    await page
      .locator('.monaco-editor .codelens-decoration')
      .filter({ hasText: /Reads 3\.47k\/s \(peak 10\.4k\/s\)/ })
      .first()
      .waitFor();
    assert.deepEqual(errors, [], 'no errors from the extension');

    // And it is the web worker host that runs it.
    await page.keyboard.press('F1');
    await page.locator(selectors.quickInputBox).fill('>Developer: Show Running Extensions');
    await page.locator(selectors.quickInputRow).filter({ hasText: 'Show Running Extensions' }).first().click();
    const row = page
      .locator('.monaco-list-row')
      .filter({ hasText: /sysdesign\.sysdesign|System Design/ })
      .first();
    await row.waitFor();
    assert.match(await row.innerText(), /web worker/i);
    const shots = process.env.SYSDESIGN_E2E_SCREENSHOTS ?? join(root, 'test-results', 'screenshots');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, `${variant}-web-worker-extension-host.png`) });
  });
});
