// Drives the VS Code workbench in Chromium as a person would: click in the explorer, type
// in the command palette, read the status bar, take screenshots. Every step waits on a
// selector (playwright's auto-waiting), never on a timer.
//
// scripts/e2e.mjs starts code-server and runs these tests with:
//   SYSDESIGN_E2E_URL          the workbench URL (a throw-away copy of examples/, maybe a dev extension)
//   SYSDESIGN_E2E_WORKSPACE    that copy's path (the repository's examples/ is never opened)
//   SYSDESIGN_E2E_BROWSER      JSON options for chromium.launch (Debian's Chromium)
//   SYSDESIGN_E2E_SCREENSHOTS  folder for screenshots
//   SYSDESIGN_E2E_VARIANT      "dev" or "vsix": prefixes screenshot names
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/** Selectors that worked on VS Code 1.99 (code-server 4.99.4). */
export const selectors = {
  workbench: '.monaco-workbench',
  explorerRow: '.explorer-folders-view .monaco-list-row',
  /** The active tab of the active editor group (each group has an active tab). */
  activeTab: '.editor-group-container.active .tabs-container .tab.active',
  editor: '.editor-instance .monaco-editor',
  editorLine: '.editor-instance .monaco-editor .view-lines .view-line',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input.input',
  quickInputRow: '.quick-input-widget .quick-input-list .monaco-list-row',
  statusItem: (id: string) => `[id="${id}"]`,
} as const;

const TIMEOUT_MS = 30_000;

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the e2e tests with \`npm run test:e2e\``);
  return value;
}

/** Registers mocha hooks that open a fresh workbench for the enclosing `describe`. */
export function useWorkbench(): () => Workbench {
  let workbench: Workbench | undefined;
  before(async function () {
    this.timeout(120_000); // a cold workbench loads ~300 files and starts an extension host
    workbench = await Workbench.open();
  });
  afterEach(async function () {
    if (workbench && this.currentTest?.state === 'failed') {
      const file = await workbench.screenshot(`FAILED ${this.currentTest.fullTitle()}`).catch(() => undefined);
      if (file) console.log(`      screenshot of the failure: ${file}`);
    }
  });
  after(async () => {
    await workbench?.close();
  });
  return () => {
    if (!workbench) throw new Error('the workbench did not open (see the before hook)');
    return workbench;
  };
}

export class Workbench {
  private shots = 0;

  private constructor(
    private readonly browser: Browser,
    readonly page: Page,
    private readonly screenshotsDir: string,
    private readonly variant: string,
  ) {}

  /** Launches Chromium, opens the workbench and waits until the explorer shows the folder. */
  static async open(): Promise<Workbench> {
    const browser = await chromium.launch(JSON.parse(env('SYSDESIGN_E2E_BROWSER')));
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      page.setDefaultTimeout(TIMEOUT_MS);
      const workbench = new Workbench(browser, page, env('SYSDESIGN_E2E_SCREENSHOTS'), process.env.SYSDESIGN_E2E_VARIANT ?? 'e2e');
      await page.goto(env('SYSDESIGN_E2E_URL'));
      await page.locator(selectors.workbench).waitFor();
      await page.locator(selectors.explorerRow).first().waitFor();
      return workbench;
    } catch (error) {
      await browser.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
  }

  /** A row of the explorer (file or folder) by its name. */
  explorerRow(name: string): Locator {
    return this.page.locator(selectors.explorerRow).filter({ has: this.page.getByText(name, { exact: true }) });
  }

  /**
   * Opens a file of the workspace by clicking through the explorer (folders are expanded
   * on the way: "a/b/c.yaml"); resolves when its editor is the active one.
   */
  async openFile(path: string): Promise<void> {
    const parts = path.split('/');
    for (const folder of parts.slice(0, -1)) {
      const row = this.explorerRow(folder);
      if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
    }
    const name = parts[parts.length - 1];
    await this.explorerRow(name).click();
    await this.page.locator(selectors.activeTab).filter({ hasText: name }).waitFor();
    await this.page.locator(selectors.editor).first().waitFor();
  }

  /**
   * Runs a command from the palette (F1) by its title as shown there, e.g.
   * "Change Language Mode" or "Developer: Show Running Extensions".
   */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator(selectors.quickInputBox);
    await input.waitFor();
    await input.fill(`>${title}`);
    const row = this.quickPickRow(title);
    await row.waitFor();
    await row.click();
  }

  /**
   * Closes every editor and discards unsaved changes (untitled designs earlier tests left
   * behind), answering VS Code's save prompt with "Don't Save" when it comes.
   */
  async closeAllEditorsDiscarding(): Promise<void> {
    await this.runCommand('View: Close All Editors');
    const dontSave = this.page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Don.t Save$/ });
    const empty = this.page.locator('.editor-group-container.empty').first();
    await Promise.race([dontSave.waitFor(), empty.waitFor()]);
    if (await dontSave.count()) await dontSave.click();
    await empty.waitFor();
  }

  /** Rows of the open quick pick (palette, language picker, ...). */
  quickPickRows(): Locator {
    return this.page.locator(selectors.quickInputRow);
  }

  /** The quick pick row whose label is exactly `label`. */
  quickPickRow(label: string): Locator {
    return this.quickPickRows().filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) });
  }

  /** Types into the open quick pick's input (replacing what is there). */
  async typeInQuickPick(text: string): Promise<void> {
    await this.page.locator(selectors.quickInputBox).fill(text);
  }

  async closeQuickPick(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.locator(selectors.quickInput).waitFor({ state: 'hidden' });
  }

  /** Waits until the status bar item `id` (e.g. "status.editor.mode") shows `text`. */
  async waitForStatus(id: string, text: string | RegExp): Promise<Locator> {
    const item = this.page.locator(selectors.statusItem(id)).filter({ hasText: text });
    await item.waitFor();
    return item;
  }

  /**
   * Waits for a line of the active editor whose text matches. Monaco renders spaces as
   * U+00A0, so a plain space in `text` matches any whitespace.
   */
  async waitForEditorLine(text: RegExp): Promise<Locator> {
    const pattern = new RegExp(text.source.replace(/ /g, '\\s'), text.flags);
    const line = this.page.locator(selectors.editorLine).filter({ hasText: pattern });
    await line.first().waitFor();
    return line.first();
  }

  /** Puts the cursor in the active editor at the start of the line that matches. */
  async clickEditorLine(text: RegExp): Promise<void> {
    const line = await this.waitForEditorLine(text);
    await line.click({ position: { x: 2, y: 2 } });
  }

  /** Saves a PNG of the whole window; returns its path. Names are numbered in order. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(this.screenshotsDir, { recursive: true });
    this.shots += 1;
    const slug = name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80);
    const file = join(this.screenshotsDir, `${this.variant}-${String(this.shots).padStart(2, '0')}-${slug}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
