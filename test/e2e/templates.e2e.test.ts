import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { selectors, useWorkbench } from './workbench';
import type { TemplateEntry as IndexEntry } from '../support/designs';

// The e2e tests run from the repository; the .vsix variant installs these same files.
const root = join(__dirname, '..', '..');
const templates = JSON.parse(readFileSync(join(root, 'templates', 'index.json'), 'utf8')) as IndexEntry[];
const templateText = (entry: IndexEntry) => readFileSync(join(root, 'templates', entry.file), 'utf8');
/** The design's `name:` line, as the editor shows it (without a trailing comment). */
const nameLine = (text: string) => /^name: [^#\n]*?(?=\s*(#|$))/m.exec(text)?.[0] ?? assert.fail('a template without name:');

const NEW_FROM_TEMPLATE = 'System Design: New Design from Template...';
const OPEN_EXAMPLE = 'System Design: Open Example Design...';
const WALKTHROUGH = 'Get Started with System Design';
const STEP_TITLES = ['1. Requirements', '2. Estimation', '3. API', '4. Data Model', '5. Design'];

// The walkthrough test comes first: its step 1 is checked off by the first "New Design
// from Template" run of this workbench, and it checks that its own button does that.
describe('templates, examples and the walkthrough', () => {
  const workbench = useWorkbench();

  // The palette lists our commands once the workbench has read the extension's manifest;
  // a design shown as "System Design" proves it has (a fresh window may still be loading).
  before(async () => {
    await workbench().openFile('photo-sharing.sysdesign.yaml');
    await workbench().waitForStatus('status.editor.mode', 'System Design');
  });

  /** The active tab of the active editor group. */
  const activeTab = (): Locator => workbench().page.locator(selectors.activeTab);

  /** Waits until the quick input's text is `equals`, or ends with `endsWith`. */
  async function waitForInputValue(expected: { equals: string } | { endsWith: string }): Promise<void> {
    const input = await workbench().page.locator(selectors.quickInputBox).elementHandle();
    await workbench().page.waitForFunction(
      ({ element, equals, endsWith }) => {
        const value = (element as HTMLInputElement | null)?.value ?? '';
        return equals !== undefined ? value === equals : value.endsWith(endsWith ?? '');
      },
      { element: input, equals: 'equals' in expected ? expected.equals : undefined, endsWith: 'endsWith' in expected ? expected.endsWith : undefined },
    );
  }

  /** The accessible name of the active tab, or undefined when no editor is open. */
  async function activeTabLabel(): Promise<string | undefined> {
    return (await activeTab().count()) > 0 ? ((await activeTab().getAttribute('aria-label')) ?? undefined) : undefined;
  }

  /**
   * Waits until the active editor is a new untitled design: a tab other than `previous`
   * with "Untitled-N" in its accessible name (its label is its first line), and the
   * language System Design.
   */
  async function waitForUntitledDesign(previous: string | undefined): Promise<void> {
    const page = workbench().page;
    let tab = activeTab().and(page.locator('[aria-label*="Untitled-"]'));
    if (previous) tab = tab.and(page.locator(`:not([aria-label=${JSON.stringify(previous)}])`));
    await tab.waitFor();
    await workbench().waitForStatus('status.editor.mode', 'System Design');
  }

  it('opens the walkthrough "Get Started with System Design" with its five steps', async function () {
    // Many steps (a webview, a command, closing editors): 50 s were seen on a loaded machine.
    this.timeout(120_000);
    const page = workbench().page;
    await workbench().runCommand('Welcome: Open Walkthrough...');
    const row = workbench().quickPickRow(WALKTHROUGH);
    await row.waitFor();
    await row.click();

    await page.locator('h2.category-title', { hasText: WALKTHROUGH }).waitFor();
    const steps = page.locator('button.getting-started-step');
    await steps.nth(STEP_TITLES.length - 1).waitFor();
    assert.deepEqual(
      (await steps.locator('h3.step-title').allInnerTexts()).map((t) => t.trim()),
      STEP_TITLES,
    );

    // The first step is open, its markdown (media/walkthrough/1-requirements.md) beside it.
    const media = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await media.locator('h1', { hasText: 'Step 1. Requirements' }).waitFor();
    await media.locator('code', { hasText: 'shorten-url' }).first().waitFor();
    await workbench().screenshot('walkthrough');

    // Its button runs the command (beside the walkthrough) and checks the step off.
    const first = steps.filter({ has: page.locator('h3.step-title', { hasText: STEP_TITLES[0] }) });
    assert.equal(await first.getAttribute('aria-checked'), 'false');
    const previous = await activeTabLabel();
    await first.locator('.monaco-button', { hasText: 'New Design from Template' }).click();
    const blank = workbench().quickPickRow(templates[0].label);
    await blank.waitFor();
    await blank.click();
    await waitForUntitledDesign(previous);
    await page.locator('button.getting-started-step[aria-checked="true"]', { hasText: STEP_TITLES[0] }).waitFor();
    await workbench().screenshot('walkthrough step 1 done');

    // Leave an empty editor area for the next tests: drop the new design, close the page.
    await workbench().runCommand('View: Revert and Close Editor');
    await workbench().closeAllEditorsDiscarding();
    await page.locator('h2.category-title', { hasText: WALKTHROUGH }).waitFor({ state: 'detached' });
  });

  it('lists every template with its description in "New Design from Template..."', async () => {
    await workbench().runCommand(NEW_FROM_TEMPLATE);
    for (const entry of templates) {
      const row = workbench().quickPickRow(entry.label);
      await row.waitFor();
      // The description is the row's detail line (shortened with an ellipsis when long).
      assert.ok((await row.innerText()).includes(entry.description.slice(0, 40)), `${entry.id}: no description in "${await row.innerText()}"`);
    }
    await workbench().screenshot('template quick pick');
    await workbench().closeQuickPick();
  });

  // The text of every template is the integration suite's ("creates an untitled sysdesign
  // document with the text of each template"); here, a person's way there, once.
  it(`creates a new untitled design from the "${templates[0].label}" template in the quick pick`, async () => {
    const entry = templates[0];
    const previous = await activeTabLabel();
    await workbench().runCommand(NEW_FROM_TEMPLATE);
    const row = workbench().quickPickRow(entry.label);
    await row.waitFor();
    await row.click();
    await waitForUntitledDesign(previous);
    await workbench().waitForEditorLine(new RegExp(`^${escapeRegExp(nameLine(templateText(entry)))}`));
    // The language server analyses the untitled design: the estimate's numbers appear.
    await workbench().page.locator('.editor-group-container.active .monaco-editor .codelens-decoration', { hasText: /\S/ }).first().waitFor();
    await workbench().screenshot(`new design from the ${entry.id} template`);
  });

  it('opens an example as an untitled copy from "Open Example Design..."', async () => {
    const previous = await activeTabLabel();
    await workbench().runCommand(OPEN_EXAMPLE);
    const row = workbench().quickPickRow('URL shortener');
    await row.waitFor();
    assert.match(await row.innerText(), /url-shortener\.sysdesign\.yaml/);
    await workbench().screenshot('example quick pick');
    await row.click();
    await waitForUntitledDesign(previous);
    await workbench().waitForEditorLine(/^name: URL shortener/);
  });

  it('saves a template as a file, adding .sysdesign.yaml to the name', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sysdesign-e2e-save-'));
    writeFileSync(join(folder, 'existing.txt'), '');
    const workspaceFiles = readdirSync(join(root, 'examples')).sort();
    try {
      const page = workbench().page;
      await workbench().runCommand(NEW_FROM_TEMPLATE);
      // With the keyboard, as the item button is for the mouse.
      await workbench().typeInQuickPick('Save a Template as a File');
      await workbench().quickPickRows().first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Save a Template as a File' }).waitFor();
      await workbench().typeInQuickPick(templates[0].label);
      await workbench().quickPickRow(templates[0].label).waitFor();
      await page.keyboard.press('Enter');

      // VS Code's own save dialog (a path in the quick input, completing as you type): go
      // to the folder, wait until it lists the folder's file, then type a name without extension.
      await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Save the New Design As' }).waitFor();
      // The dialog is ready once it shows the suggested name (typing earlier is overwritten).
      await waitForInputValue({ endsWith: `/${templates[0].id}.sysdesign.yaml` });
      await workbench().typeInQuickPick(`${folder}/`);
      await workbench().quickPickRow('existing.txt').waitFor();
      await page.keyboard.type('my-design');
      // Never press Enter on anything else: it would write a file somewhere in the workspace.
      await waitForInputValue({ equals: join(folder, 'my-design') });
      await page.keyboard.press('Enter');

      await activeTab().filter({ hasText: 'my-design.sysdesign.yaml' }).waitFor();
      await workbench().waitForStatus('status.editor.mode', 'System Design');
      assert.equal(readFileSync(join(folder, 'my-design.sysdesign.yaml'), 'utf8'), templateText(templates[0]));
      assert.deepEqual(readdirSync(join(root, 'examples')).sort(), workspaceFiles, 'nothing was written into the workspace');
      await workbench().screenshot('template saved as a file');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
