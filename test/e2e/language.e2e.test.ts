import * as assert from 'node:assert/strict';
import { useWorkbench } from './workbench';

const EXAMPLE = 'photo-sharing.sysdesign.yaml';

// Each test opens what it needs (opening an open file just focuses it), so any one of them
// can run alone with SYSDESIGN_TEST_GREP.
describe('a design in the workbench', () => {
  const workbench = useWorkbench();

  it('opens the example from the explorer', async () => {
    await workbench().openFile(EXAMPLE);
    await workbench().waitForEditorLine(/^name: Photo sharing/);
    await workbench().screenshot('example opened');
  });

  it('shows "System Design" as the language in the status bar', async () => {
    await workbench().openFile(EXAMPLE);
    const mode = await workbench().waitForStatus('status.editor.mode', 'System Design');
    assert.equal((await mode.innerText()).trim(), 'System Design');
    await workbench().screenshot('status bar language');
  });

  it('lists System Design in "Change Language Mode" from the palette', async () => {
    await workbench().openFile(EXAMPLE);
    await workbench().runCommand('Change Language Mode');
    await workbench().typeInQuickPick('System Design');
    const row = workbench().quickPickRow('System Design');
    await row.waitFor();
    // The current language is marked as such: VS Code took it from our contribution.
    assert.match(await row.innerText(), /\(sysdesign\)[\s\S]*Configured Language/);
    await workbench().screenshot('change language mode');
    await workbench().closeQuickPick();
  });

  it('toggles a # line comment with the language configuration (Ctrl+/)', async () => {
    await workbench().openFile(EXAMPLE);
    await workbench().clickEditorLine(/^sysdesign: 1/);
    await workbench().page.keyboard.press('Control+Slash');
    await workbench().waitForEditorLine(/^# sysdesign: 1/);
    await workbench().screenshot('line commented');
    await workbench().page.keyboard.press('Control+Z');
    await workbench().waitForEditorLine(/^sysdesign: 1/);
  });
});
