import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { useWorkbench, type Workbench } from './workbench';
import { INCOMPLETE_NOTES as INCOMPLETE } from '../support/designs';

const EXAMPLE = 'photo-sharing.sysdesign.yaml';
const TITLES = ['1. Requirements', '2. Estimation', '3. API', '4. Data Model', '5. Design'];

// The tests run in order: the first one needs a workbench where no design was opened yet.
describe('the design steps view', () => {
  const workbench = useWorkbench();

  it('welcomes with "New Design" and "Open Example" while no design is open', async () => {
    await showSystemDesign(workbench());
    const pane = stepsPane(workbench());
    for (const name of ['New Design', 'Open Example']) await pane.locator('.welcome-view-content .monaco-button', { hasText: name }).waitFor();
    assert.match(await pane.locator('.welcome-view-content').innerText(), /Open a system design/);
    await workbench().screenshot('steps view welcome');
  });

  it('shows the five steps of the complete example, all done', async () => {
    await openFromExplorer(workbench(), EXAMPLE);
    await showSystemDesign(workbench());
    const design = row(workbench(), '5. Design');
    await design.locator('.label-description', { hasText: '7 components · 2/2 dry runs' }).waitFor();

    // The summaries are the integration suite's; here, the rows a person sees, in order,
    // expanded (the endpoints are rows under step 3), each with its status icon.
    const rows = await rowTexts(workbench());
    assert.deepEqual(
      rows.filter((r) => /^\d\. /.test(r.label)).map((r) => r.label),
      TITLES,
    );
    assert.ok(rows.some((r) => r.label === 'POST /v1/photos'));
    for (const title of TITLES) await row(workbench(), title).locator('.codicon-pass-filled').waitFor();
    await workbench().screenshot('steps view complete design');
  });

  it('reveals an item in the editor when its row is clicked', async () => {
    await openFromExplorer(workbench(), EXAMPLE);
    await showSystemDesign(workbench());
    await row(workbench(), 'GET /v1/feed?cursor={cursor}').click();
    // The status bar shows the cursor at the item's first character, with the item selected.
    const text = readFileSync(join(__dirname, '..', '..', 'examples', EXAMPLE), 'utf8');
    const before = text.slice(0, text.indexOf('id: get-feed')).split('\n');
    await workbench().waitForStatus('status.editor.selection', new RegExp(`^Ln ${before.length}, Col ${before[before.length - 1].length + 1} \\(\\d+ selected\\)`));
    await workbench().screenshot('steps view item revealed');
  });

  it('shows what an incomplete design misses and where its problems are', async () => {
    await showSystemDesign(workbench());
    await workbench().runCommand('File: New Untitled Text File');
    await workbench().runCommand('Change Language Mode');
    await workbench().typeInQuickPick('System Design');
    await workbench().quickPickRow('System Design').click();
    await workbench().waitForStatus('status.editor.mode', 'System Design');
    await paste(workbench(), INCOMPLETE);

    // What each step says is the integration suite's ("shows what an incomplete design
    // misses…"); here, that a person sees it: the description and the status icons drawn.
    await row(workbench(), '3. API').locator('.label-description', { hasText: '1 endpoint · 1 error' }).waitFor();
    await row(workbench(), '1. Requirements').locator('.codicon-warning').waitFor();
    await row(workbench(), '3. API').locator('.codicon-error').waitFor();
    await row(workbench(), '2. Estimation').locator('.codicon-circle-large-outline').waitFor();
    await workbench().screenshot('steps view incomplete design');
    await workbench().runCommand('View: Revert and Close Editor');
  });
});

/**
 * Opens the System Design container (its "View: Show System Design" command: unlike a
 * click on its activity-bar icon, it never toggles the side bar closed). The palette lists
 * the command once the container is registered, which its icon shows.
 */
async function showSystemDesign(workbench: Workbench): Promise<void> {
  await workbench.page.locator('.activitybar .action-item a.action-label[aria-label^="System Design"]').waitFor();
  await workbench.runCommand('View: Show System Design');
  await stepsPane(workbench).waitFor();
}

/** Opens a file of the workspace from the Explorer (which may be hidden behind our container). */
async function openFromExplorer(workbench: Workbench, path: string): Promise<void> {
  await workbench.runCommand('View: Show Explorer');
  await workbench.openFile(path);
}

function stepsPane(workbench: Workbench): Locator {
  return workbench.page.locator('.pane').filter({ has: workbench.page.locator('.pane-header', { hasText: 'Design Steps' }) });
}

function row(workbench: Workbench, label: string): Locator {
  return stepsPane(workbench)
    .locator('.monaco-list-row')
    .filter({ has: workbench.page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
}

async function rowTexts(workbench: Workbench): Promise<Array<{ label: string; description: string }>> {
  return stepsPane(workbench)
    .locator('.monaco-list-row')
    .evaluateAll((rows) =>
      rows.map((r) => ({
        label: r.querySelector('.label-name')?.textContent?.trim() ?? '',
        description: r.querySelector('.label-description')?.textContent?.trim() ?? '',
      })),
    );
}

/** Pastes `text` into the focused editor, as Ctrl+V would (no auto-indent on the way, unlike typing). */
async function paste(workbench: Workbench, text: string): Promise<void> {
  await workbench.page.locator('.editor-instance .monaco-editor').first().click();
  await workbench.page.evaluate((content) => {
    const data = new DataTransfer();
    data.setData('text/plain', content);
    document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  await workbench.waitForEditorLine(/^ {4}requirement: post-notee/);
}
