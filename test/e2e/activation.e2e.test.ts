import * as assert from 'node:assert/strict';
import { useWorkbench } from './workbench';

/**
 * The goal (issue #8) is activation under 50 ms. VS Code measures it (code loading plus
 * the `activate` call) and shows it in "Developer: Show Running Extensions"; on a loaded
 * 2-core machine its wall-clock numbers swing several-fold for every extension, so this
 * guard is wider than the goal, and the measured number is printed for bench/README.md.
 * The installed .vsix (minified) measured 52 ms at load 4; the development build loads
 * the unminified bundle with its source map (172 ms). Loading vscode-languageclient inside
 * `activate`, as before src/extension/deferredClient.ts, measured 542-936 ms for the .vsix.
 */
const BUDGET_MS = Number(process.env.SYSDESIGN_ACTIVATION_BUDGET_MS ?? (process.env.SYSDESIGN_E2E_VARIANT === 'vsix' ? 250 : 500));
const OURS = /^(System Design|sysdesign\.sysdesign)\b/;

describe('extension activation', () => {
  const workbench = useWorkbench();

  it(`activates in under ${BUDGET_MS} ms as VS Code measures it (Running Extensions)`, async () => {
    const { page } = workbench();
    await workbench().closeAllEditorsDiscarding();
    await workbench().runCommand('Developer: Show Running Extensions');
    const rows = page.locator('.monaco-list-row').filter({ has: page.locator('.activation-time') });
    // Open the design once the window's startup activations are done (Git activates at
    // startup), so that ours is not measured while the extension host is busy with them.
    await rows
      .filter({ has: page.locator('.name', { hasText: /^Git$/ }) })
      .first()
      .waitFor();
    const runningTab = page.locator('.tabs-container .tab', { hasText: 'Running Extensions' });
    assert.equal(await rows.filter({ has: page.locator('.name', { hasText: OURS }) }).count(), 0, 'System Design is not active before a design opens');

    await workbench().openFile('url-shortener.sysdesign.yaml');
    await workbench().waitForStatus('status.editor.mode', 'System Design');
    await runningTab.click();
    const ours = rows.filter({ has: page.locator('.name', { hasText: OURS }) }).first();
    const time = ours.locator('.activation-time', { hasText: /Activation: \d+\s*ms/ });
    await time.waitFor();
    const ms = Number(/(\d+)\s*ms/.exec(await time.innerText())?.[1]);
    const table = (await rows.allInnerTexts()).map((t) => `      ${t.replace(/\s+/g, ' ').replace(/ 127\.0\.0\.1:\d+/, '')}`);
    console.log(`      System Design activated in ${ms} ms; every extension of this window:\n${table.join('\n')}`);
    await workbench().screenshot('running extensions');
    assert.ok(ms < BUDGET_MS, `activation took ${ms} ms (budget ${BUDGET_MS} ms)`);
  });
});
