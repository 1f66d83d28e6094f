// The diagram preview as a person uses it: open it beside the example from the palette,
// type a component and watch it appear, switch tabs, click a node to reveal it, move the
// cursor to highlight one, switch the colour theme, export from the toolbar, reload the
// window. The webview is read inside its frames; every step waits on a selector or a
// condition in the page, never on a timer.
import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { selectors, useWorkbench } from './workbench';

const EXAMPLE = 'photo-sharing.sysdesign.yaml';
const EXAMPLE_TEXT = readFileSync(join(__dirname, '..', '..', 'examples', EXAMPLE), 'utf8');
/** 1-based lines of `  - id: api` and of the CDN's `    kind: cdn`. */
const API_LINE = EXAMPLE_TEXT.split('\n').findIndex((l) => l === '  - id: api') + 1;
const CDN_KIND_LINE = EXAMPLE_TEXT.split('\n').findIndex((l) => l === '    kind: cdn') + 1;
/** 1-based line of `estimation:`, under the lens that names the scenario shown. */
const ESTIMATION_LINE = EXAMPLE_TEXT.split('\n').findIndex((l) => l.startsWith('estimation:')) + 1;
/** 1-based line of the read traffic line's `      kind: read`. */
const READ_LINE = EXAMPLE_TEXT.split('\n').findIndex((l) => l === '      kind: read') + 1;
const TWITTER = 'twitter.sysdesign.yaml';
const TWITTER_TEXT = readFileSync(join(__dirname, '..', '..', 'examples', TWITTER), 'utf8');
/** 1-based line of the Twitter example's `  - id: write-api`. */
const WRITE_API_LINE = TWITTER_TEXT.split('\n').findIndex((l) => l === '  - id: write-api') + 1;
/** The README's screenshots (the dev run refreshes them). */
const README_IMAGES = join(__dirname, '..', '..', 'docs', 'images');
/** Our webview's outer iframe (VS Code passes the extension id in its URL). */
const OUTER = 'iframe.webview.ready[src*="extensionId=sysdesign.sysdesign"]';

const VIEWS = [
  { tab: 'Architecture', svg: 'svg[aria-roledescription="flowchart-v2"]' },
  { tab: 'Dry run: upload-photo-dry-run', svg: 'svg[aria-roledescription="sequence"]' },
  { tab: 'Data model', svg: 'svg[aria-roledescription="er"]' },
  { tab: 'Estimates', svg: undefined },
] as const;

describe('the diagram preview in the workbench', () => {
  // Registered before useWorkbench's own `after` (which closes the browser), so it runs first.
  after(async function () {
    this.timeout(60_000);
    // Leave the editor area empty and the light theme for the next tests (the example itself was reverted).
    await workbench().closeAllEditorsDiscarding();
    if (await page().locator('.monaco-workbench.vs-dark').count()) {
      await workbench().runCommand('Preferences: Color Theme');
      await workbench().typeInQuickPick('Light Modern');
      await workbench().quickPickRow('Light Modern').click();
      await page().locator('.monaco-workbench.vs').waitFor();
    }
  });

  const workbench = useWorkbench();
  const page = () => workbench().page;
  const preview = () => page().frameLocator(OUTER).frameLocator('#active-frame');

  /** The preview's document, for conditions evaluated inside it. */
  async function previewFrame(): Promise<Frame> {
    const outer = await page().locator(OUTER).elementHandle();
    const inner = await (await outer?.contentFrame())?.locator('#active-frame').elementHandle();
    const frame = await inner?.contentFrame();
    if (!frame) throw new Error('the preview webview is not there');
    return frame;
  }

  async function showTab(view: (typeof VIEWS)[number]): Promise<void> {
    await preview().getByRole('tab', { name: view.tab, exact: true }).click();
    await preview().locator(`.tab[aria-selected="true"]`, { hasText: view.tab }).waitFor();
    if (view.svg) await preview().locator(`.stage > ${view.svg}`).waitFor();
    else await preview().locator('.estimates table').first().waitFor();
  }

  async function setColorTheme(name: string, bodyClass: 'vs' | 'vs-dark', fill: string): Promise<void> {
    await workbench().runCommand('Preferences: Color Theme');
    await workbench().typeInQuickPick(name);
    await workbench().quickPickRow(name).click();
    await page().locator(`.monaco-workbench.${bodyClass}`).waitFor();
    const frame = await previewFrame();
    await frame.waitForFunction((dark) => document.body.classList.contains(dark ? 'vscode-dark' : 'vscode-light'), bodyClass === 'vs-dark');
    // The architecture is drawn again in the matching Mermaid theme (its node fill).
    await showTab(VIEWS[0]);
    await frame.waitForFunction((f) => document.querySelector('.stage > svg > style')?.textContent?.toLowerCase().includes(`fill:${f}`) ?? false, fill.toLowerCase());
  }

  it('opens beside the design from the palette and draws the architecture', async function () {
    this.timeout(120_000);
    await workbench().openFile(EXAMPLE);
    await workbench().runCommand('System Design: Open Preview to the Side');
    await page().locator(selectors.activeTab, { hasText: EXAMPLE }).waitFor(); // the editor keeps the focus
    await page()
      .locator('.tabs-container .tab', { hasText: `Preview ${EXAMPLE}` })
      .waitFor();
    const nodes = preview().locator('.stage > svg g.node');
    await nodes.nth(6).waitFor();
    assert.equal(await nodes.count(), 7);
    assert.deepEqual(await preview().locator('.tab').allTextContents(), [
      'Architecture',
      'Overview',
      'Dry run: upload-photo-dry-run',
      'Dry run: view-feed-dry-run',
      'Data model',
      'Estimates',
    ]);
    await workbench().screenshot('preview opened beside the design');
  });

  it('redraws as a component is typed into the design', async function () {
    this.timeout(90_000);
    assert.ok(CDN_KIND_LINE > 0);
    await workbench().runCommand('Go to Line/Column...');
    await page().locator(selectors.quickInputBox).fill(`:${CDN_KIND_LINE}`);
    await page().keyboard.press('Enter');
    await workbench().waitForStatus('status.editor.selection', new RegExp(`^Ln ${CDN_KIND_LINE}, Col 1$`));
    const keyboard = page().keyboard;
    await keyboard.press('End');
    await keyboard.press('Enter');
    // Enter indented the new line like `kind:`; replace that indentation.
    await keyboard.press('Shift+Home');
    await keyboard.type('  - id: audit-log');
    await keyboard.press('Escape');
    await preview().locator('.stage > svg g.node', { hasText: 'audit-log' }).waitFor();
    assert.equal(await preview().locator('.stage > svg g.node').count(), 8);
    await workbench().screenshot('preview after typing a component');
    // Delete the typed line again: unlike "Revert File", this works whether or not VS Code
    // for the Web's auto save has already written the change (to the run's temp workspace).
    await workbench().runCommand('Go to Line/Column...');
    await page()
      .locator(selectors.quickInputBox)
      .fill(`:${CDN_KIND_LINE + 1}`);
    await page().keyboard.press('Enter');
    await workbench().waitForStatus('status.editor.selection', new RegExp(`^Ln ${CDN_KIND_LINE + 1}, Col 1$`));
    await workbench().runCommand('Delete Line');
    await preview().locator('.stage > svg g.node', { hasText: 'audit-log' }).waitFor({ state: 'detached' });
  });

  it('switches tabs to each dry run, the data model and the estimates', async () => {
    for (const view of VIEWS) await showTab(view);
    assert.match(await preview().locator('.estimates').innerText(), /Read:write ratio/);
    await showTab(VIEWS[1]);
    assert.equal(await preview().locator('.stage .messageText').count(), 6, 'one message per step');
    await showTab(VIEWS[0]);
  });

  it('reveals the definition of a clicked node in the editor', async () => {
    await showTab(VIEWS[0]);
    await preview().locator('.stage g.node', { hasText: 'Photo API' }).click();
    // The id `api` (columns 9 to 11) is selected, the cursor after it.
    await workbench().waitForStatus('status.editor.selection', new RegExp(`^Ln ${API_LINE}, Col 12 \\(3 selected\\)`));
  });

  it('highlights the component under the editor cursor', async () => {
    await workbench().clickEditorLine(/^ {2}- id: photo-db/);
    await preview().locator('.stage .sd-highlight', { hasText: 'photo-db' }).waitFor();
    assert.equal(await preview().locator('.stage g.node.sd-highlight').count(), 1);
    await workbench().screenshot('preview highlights the component under the cursor');
  });

  it('follows the colour theme: each view in light and dark', async function () {
    this.timeout(180_000);
    for (const [theme, bodyClass, fill] of [
      ['Light Modern', 'vs', '#ECECFF'],
      ['Dark Modern', 'vs-dark', '#1f2020'],
    ] as const) {
      await setColorTheme(theme, bodyClass, fill);
      for (const view of VIEWS) {
        await showTab(view);
        await workbench().screenshot(`preview ${theme} ${view.tab}`);
      }
    }
    await showTab(VIEWS[0]);
  });

  it('exports the diagram as SVG from its toolbar', async function () {
    this.timeout(90_000);
    const target = join(tmpdir(), `sysdesign-e2e-${process.pid}-${Date.now()}.svg`);
    try {
      await showTab(VIEWS[0]);
      await preview().getByRole('button', { name: 'Export as SVG…' }).click();
      // VS Code in the browser asks with its own file dialog: a path in a quick input,
      // which proposes the design's folder and `<design>-<view>.svg` (typing before that
      // arrives would be overwritten).
      const input = page().locator(selectors.quickInputBox);
      await page().waitForFunction(
        (selector) => (document.querySelector(selector) as HTMLInputElement | null)?.value.endsWith('/photo-sharing-architecture.svg') ?? false,
        selectors.quickInputBox,
      );
      await input.fill(target);
      // Its OK button (Enter is ignored while the dialog is still listing the folder typed).
      await page().locator('.quick-input-widget .monaco-button', { hasText: /^OK$/ }).click();
      await page().locator('.notifications-toasts .notification-toast', { hasText: 'exported the diagram' }).waitFor();
      assert.ok(existsSync(target));
      const svg = readFileSync(target, 'utf8');
      assert.match(svg, /^<\?xml[^>]*\?>\n<svg[^>]*aria-roledescription="flowchart-v2"/);
      assert.match(svg, /fill:#ECECFF/i, 'light by default, although the workbench is dark');
    } finally {
      rmSync(target, { force: true });
    }
  });

  it('restores the preview, its view and its diagram after a window reload', async function () {
    this.timeout(180_000);
    await showTab(VIEWS[2]);
    // Through VS Code's own reload, which saves the window's state (a browser reload may not).
    await workbench().runCommand('Developer: Reload Window');
    await page().locator(selectors.workbench).waitFor();
    await page()
      .locator('.tabs-container .tab', { hasText: `Preview ${EXAMPLE}` })
      .waitFor();
    await preview().locator(`.stage > ${VIEWS[2].svg}`).waitFor();
    await preview().locator('.tab[aria-selected="true"]', { hasText: VIEWS[2].tab }).waitFor();
    await workbench().screenshot('preview restored after reload');
  });

  it('switches the scenario from the palette and from the preview: the status bar, the lenses and the preview follow (issue #16)', async function () {
    this.timeout(180_000);
    await workbench().closeAllEditorsDiscarding();
    await workbench().openFile(EXAMPLE);
    await workbench().runCommand('System Design: Open Preview to the Side');
    await preview().locator(`.stage > ${VIEWS[0].svg}`).waitFor();
    const status = (text: string) => page().locator('.statusbar-item', { hasText: text });
    await status('Base design').waitFor();
    // From the palette (the editor focused, wherever an earlier test left its cursor): a picker
    // of the base and each scenario with its headline.
    await goToLine(1);
    await workbench().runCommand('System Design: Select Scenario');
    await workbench().quickPickRow('Launch day, 3x traffic').click();
    await status('Launch day, 3x traffic').waitFor();
    const lenses = page().locator('.monaco-editor .codelens-decoration');
    await lenses.filter({ hasText: 'Showing scenario "Launch day, 3x traffic": show the base design' }).first().waitFor();
    // The traffic lens shows the scenario's three times the reads (its line scrolled into view).
    await goToLine(READ_LINE);
    await lenses
      .filter({ hasText: /^10\.4k\/s avg · 31\.3k\/s peak/ })
      .first()
      .waitFor();
    await preview().locator('.scenario-line', { hasText: 'Scenario "Launch day, 3x traffic": peak 31.4k/s' }).waitFor();
    assert.equal(await preview().getByRole('combobox', { name: 'Scenario' }).inputValue(), 'launch-day');
    await workbench().screenshot('scenario launch day in the editor and the preview');
    // From the preview's picker: the cache down, drawn dashed, its dry run broken.
    await preview().getByRole('combobox', { name: 'Scenario' }).selectOption('cache-down');
    await status('Feed cache down').waitFor();
    await preview().locator('.stage > svg [data-sd-node][data-sd-failed="true"]').first().waitFor();
    await preview().getByRole('tab', { name: 'Dry run: view-feed-dry-run (broken)' }).waitFor();
    await preview().locator('.scenario-line', { hasText: 'down: feed-cache · broken: view-feed' }).waitFor();
    await preview().locator('.legend-item[data-failed="true"]', { hasText: 'down in this scenario' }).waitFor();
    await goToLine(ESTIMATION_LINE);
    await lenses.filter({ hasText: 'Showing scenario "Feed cache down": show the base design' }).first().waitFor();
    await preview().getByRole('button', { name: 'Fit to window (0)' }).click();
    const failed = await workbench().screenshot('scenario with the feed cache down');
    if (process.env.SYSDESIGN_UPDATE_README_IMAGES === '1' && (process.env.SYSDESIGN_E2E_VARIANT ?? 'dev') === 'dev') {
      mkdirSync(README_IMAGES, { recursive: true });
      copyFileSync(failed, join(README_IMAGES, 'preview-scenario.png'));
    }
    // Back to the base design: no scenario line, no failed node, the base's lenses.
    await preview().getByRole('combobox', { name: 'Scenario' }).selectOption('');
    await status('Base design').waitFor();
    await preview().locator('.scenario-line').waitFor({ state: 'hidden' });
    await preview().getByRole('tab', { name: 'Dry run: view-feed-dry-run', exact: true }).waitFor();
    assert.equal(await preview().locator('.stage > svg [data-sd-failed]').count(), 0);
    await lenses
      .filter({ hasText: /^3\.47k\/s avg · 10\.4k\/s peak/ })
      .first()
      .waitFor();
  });

  /** Moves the editor's cursor to a 1-based line (so that it is rendered, lenses included). */
  async function goToLine(line: number): Promise<void> {
    await workbench().runCommand('View: Focus First Editor Group');
    await workbench().runCommand('Go to Line/Column...');
    await page().locator(selectors.quickInputBox).fill(`:${line}`);
    await page().keyboard.press('Enter');
    await workbench().waitForStatus('status.editor.selection', new RegExp(`^Ln ${line}, Col 1$`));
  }

  it("colours the Twitter example's architecture by utilisation and shows a component's load in a code lens", async function () {
    this.timeout(180_000);
    assert.ok(WRITE_API_LINE > 0);
    // A fresh editor area: the design opens as a text editor with the focus, its preview beside it.
    await workbench().closeAllEditorsDiscarding();
    await workbench().openFile(TWITTER);
    await workbench().runCommand('System Design: Open Preview to the Side');
    await page().locator(selectors.activeTab, { hasText: TWITTER }).waitFor();
    await preview().getByRole('tab', { name: 'Architecture', exact: true }).click();
    await preview().locator('.stage > svg [data-sd-node][data-sd-band="target"]').first().waitFor();
    await preview().locator('.legend', { hasText: '(target)' }).waitFor();
    assert.ok((await preview().locator('.stage > svg [data-sd-band]').count()) >= 10, 'the components are coloured');
    assert.ok((await preview().locator('.stage > svg path[data-sd-peak]').count()) > 0, 'edges carry their peak rate');
    await preview().getByRole('button', { name: 'Fit to window (0)' }).click();
    const heatMap = await workbench().screenshot('preview heat map of the Twitter example');
    // The component lens: `peak … · instances × capacity · utilisation` above `  - id: write-api`
    // (the editor takes the focus back from the preview first).
    await workbench().clickEditorLine(/^sysdesign: 1/);
    await workbench().runCommand('Go to Line/Column...');
    await page().locator(selectors.quickInputBox).fill(`:${WRITE_API_LINE}`);
    await page().keyboard.press('Enter');
    await workbench().waitForStatus('status.editor.selection', new RegExp(`^Ln ${WRITE_API_LINE}, Col 1$`));
    await page()
      .locator('.monaco-editor .codelens-decoration', { hasText: /^peak \S+ · [\d.k]+ × \S+ · \S+%/ })
      .first()
      .waitFor();
    const lens = await workbench().screenshot('component code lens');
    // The README's pictures are refreshed on request only: a test run leaves tracked files alone.
    if (process.env.SYSDESIGN_UPDATE_README_IMAGES === '1' && (process.env.SYSDESIGN_E2E_VARIANT ?? 'dev') === 'dev') {
      mkdirSync(README_IMAGES, { recursive: true });
      copyFileSync(heatMap, join(README_IMAGES, 'preview-heatmap.png'));
      copyFileSync(lens, join(README_IMAGES, 'component-lens.png'));
    }
  });

  it("reads at any size: the Twitter example's overview, a component in focus from the palette, and a story step (issue #17)", async function () {
    this.timeout(180_000);
    // The preview beside the design (the Twitter example is open from the test before).
    await workbench().runCommand('System Design: Open Preview to the Side');
    await preview().getByRole('tab', { name: 'Overview', exact: true }).click();
    await preview().locator('.viewport[data-view="overview"]').waitFor();
    await preview().locator('.stage > svg [data-sd-node]').first().waitFor();
    await preview().getByRole('button', { name: 'Fit to window (0)' }).click();
    const overview = await workbench().screenshot('overview of the Twitter example');
    // Focus from the palette with the cursor on write-api: the picker offers it first; the
    // preview opens it with its neighbours and figures. (Its lens runs the same command.)
    await goToLine(WRITE_API_LINE);
    await workbench().runCommand('System Design: Focus on a Component in the Preview');
    await workbench().quickPickRow('write-api').waitFor();
    assert.equal(await workbench().quickPickRows().first().locator('.label-name').textContent(), 'write-api', 'the component under the cursor first');
    await workbench().quickPickRow('write-api').click();
    await preview().locator('.viewport[data-view^="focus:"]').waitFor();
    await preview()
      .getByRole('tab', { name: /^Focus: / })
      .waitFor();
    await preview().getByRole('button', { name: 'Fit to window (0)' }).click();
    const focus = await workbench().screenshot('a component in focus');
    // The story (the example's `stage:` fields): the simple design, then the timelines.
    await preview().getByRole('tab', { name: 'Architecture', exact: true }).click();
    await preview().getByRole('button', { name: 'Story: replay the design stage by stage' }).click();
    await preview().getByRole('button', { name: 'Next stage' }).click();
    await preview()
      .locator('.story-label', { hasText: /^2\/5 Stage 2: / })
      .waitFor();
    assert.ok((await preview().locator('.stage > svg [data-sd-story-hidden]').count()) > 0, 'later stages are not drawn yet');
    await preview().getByRole('button', { name: 'Fit to window (0)' }).click();
    const story = await workbench().screenshot('story stage 2 of the Twitter example');
    await preview().getByRole('button', { name: 'Story: replay the design stage by stage' }).click();
    if (process.env.SYSDESIGN_UPDATE_README_IMAGES === '1' && (process.env.SYSDESIGN_E2E_VARIANT ?? 'dev') === 'dev') {
      mkdirSync(README_IMAGES, { recursive: true });
      copyFileSync(overview, join(README_IMAGES, 'preview-overview.png'));
      copyFileSync(focus, join(README_IMAGES, 'preview-focus.png'));
      copyFileSync(story, join(README_IMAGES, 'preview-story.png'));
    }
  });
});
