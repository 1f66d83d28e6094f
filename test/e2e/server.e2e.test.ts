// The language server process dies (SIGKILL, as the OOM killer would): the person at the
// workbench sees one warning that it was restarted, and the editor keeps working. The
// server is found through /proc among the processes of this run's code-server (the process
// group scripts/lib/rig.mjs starts with `setsid`, found by the port of SYSDESIGN_E2E_URL),
// as the `dist/server.js` child of the newest extension host: this workbench's own (the
// hosts of workbenches that earlier test files closed may still be waiting to reconnect).
import * as assert from 'node:assert/strict';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { processes } from '../support/processes';
import { useWorkbench } from './workbench';

const FILE = 'server-crash.sysdesign.yaml';
const RESTARTED = 'The System Design language server stopped unexpectedly and was restarted.';
const DESIGN = [
  'sysdesign: 1',
  'name: Crash test',
  'estimation:',
  '  dau: 1M',
  '  traffic:',
  '    - id: read',
  '      kind: read',
  '      per_user: 10/day',
  '      size: 1KB',
  'components:',
  '  - id: web',
  '    kind: client',
  '  - id: api',
  '    kind: service',
  'connections:',
  '  - web -> api',
  '',
].join('\n');

describe('the language server dies under the workbench', function () {
  this.timeout(120_000);
  const workspace = process.env.SYSDESIGN_E2E_WORKSPACE ?? '';
  const file = join(workspace, FILE);

  // Registered before useWorkbench's hooks: the file exists when the workbench opens.
  before(function () {
    if (process.platform !== 'linux' || !existsSync('/proc/self/stat')) this.skip();
    assert.ok(workspace, 'SYSDESIGN_E2E_WORKSPACE is set: run `npm run test:e2e`');
    writeFileSync(file, DESIGN);
  });
  const workbench = useWorkbench();
  const page = () => workbench().page;
  after(() => {
    rmSync(file, { force: true });
  });

  it('restarts it with exactly one notification, and the editor works again', async () => {
    await workbench().openFile(FILE);
    await workbench().waitForStatus('status.editor.mode', 'System Design');
    // The server is up: the traffic line's code lens.
    await page().locator('.monaco-editor .codelens-decoration', { hasText: /avg/ }).first().waitFor();
    await page().locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'detached' });

    const before = serverProcess();
    await workbench().runCommand('Notifications: Clear All Notifications');
    await page().locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'detached' });
    process.kill(before.pid, 'SIGKILL');

    const toast = page().locator('.notifications-toasts .notification-toast', { hasText: RESTARTED });
    await toast.waitFor();
    assert.equal(await toast.count(), 1, 'one toast');
    await toast.locator('.monaco-button', { hasText: 'Show Output' }).waitFor();
    await workbench().screenshot('language server restarted');

    // A new server analyses what is typed next: a misspelt id gets its squiggle.
    await workbench().clickEditorLine(/^ {2}- web -> api$/);
    await page().keyboard.press('End');
    await page().keyboard.press('Backspace');
    await page().keyboard.type('x');
    await workbench().waitForEditorLine(/^ {2}- web -> apx$/);
    await page().locator('.monaco-editor .squiggly-error').first().waitFor();
    const after = serverProcess();
    assert.notEqual(after.pid, before.pid, 'a new server process');
    assert.equal(after.host, before.host, 'started by the same extension host');

    // Everything said since the kill: exactly the one warning (the language client's own
    // "connection closed" or "erroring" messages would show up here too).
    await workbench().runCommand('Notifications: Show Notifications');
    const messages = page().locator('.notifications-center .notification-list-item-message');
    await messages.first().waitFor();
    const texts = (await messages.allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(texts, [RESTARTED], `the notifications: ${JSON.stringify(texts)}`);
    await workbench().screenshot('one notification');
    await workbench().runCommand('Notifications: Clear All Notifications');
  });
});

/** This workbench's language server process and the extension host that runs it. */
function serverProcess(): { pid: number; host: number } {
  const port = new URL(process.env.SYSDESIGN_E2E_URL ?? assert.fail('SYSDESIGN_E2E_URL is not set')).port;
  const all = processes();
  const codeServer = all.find((p) => p.cmdline.some((arg, i) => arg === '--bind-addr' && p.cmdline[i + 1] === `127.0.0.1:${port}`));
  assert.ok(codeServer, `the code-server on port ${port}`);
  const group = all.filter((p) => p.pgrp === codeServer.pid);
  const servers = group.filter((p) => p.cmdline.some((arg) => /dist[\\/]server\.js$/.test(arg)));
  const hosts = group.filter((p) => servers.some((s) => s.ppid === p.pid)).sort((a, b) => b.started - a.started || b.pid - a.pid);
  assert.ok(hosts.length > 0, `an extension host running dist/server.js among ${JSON.stringify(group.map((p) => [p.pid, p.ppid, p.cmdline.join(' ').slice(0, 120)]))}`);
  const mine = servers.filter((s) => s.ppid === hosts[0].pid);
  assert.equal(mine.length, 1, 'one server process for this workbench');
  return { pid: mine[0].pid, host: hosts[0].pid };
}
