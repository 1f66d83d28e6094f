// The language server dies (SIGKILL, as the kernel's OOM killer would) under the real
// extension host, which is the parent of the server process: the client restarts it and
// says so once; after five deaths in three minutes it stops trying and offers a restart,
// which `sysdesign.restartServer` does. Every message the extension shows is recorded by
// wrapping `vscode.window.show*Message` (the test shares the extension's `vscode` API
// object, as both live in the extension's folder), so a notification of the language
// client's own would fail the tests as well.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { processes } from '../../support/processes';
import { ourExtension } from './helpers';

const RESTARTED = 'The System Design language server stopped unexpectedly and was restarted.';
const GAVE_UP = 'The System Design language server stopped unexpectedly 5 times in 3 minutes and was not restarted.';

const DESIGN = [
  'sysdesign: 1',
  'name: Crash test',
  'components:',
  '  - id: web',
  '    kind: client',
  '  - id: api',
  '    kind: service',
  'connections:',
  '  - web -> apx',
  '',
].join('\n');

type Shown = { severity: 'error' | 'warning' | 'information'; message: string };

describe('the language server dies', function () {
  let document: vscode.TextDocument;
  let spy: MessageSpy;

  before(async function () {
    if (process.platform !== 'linux' || !existsSync('/proc/self/stat')) this.skip(); // finds the server through /proc
    await ourExtension().activate();
    document = await vscode.workspace.openTextDocument({ language: 'sysdesign', content: DESIGN });
    await vscode.window.showTextDocument(document);
    await diagnostics(document, (ds) => ds.some((d) => d.message.includes('"apx"')));
    spy = new MessageSpy();
  });

  afterEach(async () => {
    // Leave a running server for whatever runs next.
    if (serverProcesses().length === 0) {
      const back = restarted(document);
      await vscode.commands.executeCommand('sysdesign.restartServer');
      await back;
    }
  });

  after(async () => {
    spy?.restore();
    if (document) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('is restarted, with one warning, and its features work again', async () => {
    const [pid, ...others] = serverProcesses();
    assert.ok(pid, 'the extension host runs dist/server.js as its child');
    assert.deepEqual(others, [], 'one server process');
    const shownBefore = spy.shown.length;

    const back = restarted(document);
    process.kill(pid, 'SIGKILL');
    await back;

    assert.deepEqual(spy.shown.slice(shownBefore), [{ severity: 'warning', message: RESTARTED }], 'exactly one message: the warning');
    const now = serverProcesses();
    assert.equal(now.length, 1, 'one server process again');
    assert.notEqual(now[0], pid, 'a new one');

    // The new server analyses edits and answers requests.
    const analysed = diagnostics(document, (ds) => ds.some((d) => d.message.includes('"apy"')));
    const edit = new vscode.WorkspaceEdit();
    const offset = document.getText().indexOf('apx');
    edit.replace(document.uri, new vscode.Range(document.positionAt(offset), document.positionAt(offset + 3)), 'apy');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    await analysed;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      document.positionAt(document.getText().indexOf('id: api') + 5),
    );
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*api\*\*: `service` component/);
    assert.deepEqual(spy.shown.slice(shownBefore), [{ severity: 'warning', message: RESTARTED }], 'and nothing more');
  });

  it('is not restarted after five deaths in three minutes: one error offers the restart command', async () => {
    // A manual restart starts a clean record (and says nothing).
    let back = restarted(document);
    await vscode.commands.executeCommand('sysdesign.restartServer');
    await back;
    const shownBefore = spy.shown.length;
    assert.equal(serverProcesses().length, 1);

    for (let death = 1; death <= 4; death++) {
      back = restarted(document);
      process.kill(serverProcesses()[0], 'SIGKILL');
      await back;
      assert.equal(serverProcesses().length, 1, `restarted after death ${death}`);
    }
    const gaveUp = spy.next((s) => s.severity === 'error');
    process.kill(serverProcesses()[0], 'SIGKILL');
    assert.deepEqual(await gaveUp, { severity: 'error', message: GAVE_UP });
    assert.deepEqual(serverProcesses(), [], 'no server process is started');

    const shown = spy.shown.slice(shownBefore);
    assert.deepEqual(
      shown.filter((s) => s.severity === 'error'),
      [{ severity: 'error', message: GAVE_UP }],
      'one error',
    );
    // The warning is not repeated while it is still on screen: at most one for five deaths
    // (none when the first test's warning is still open).
    assert.ok(shown.filter((s) => s.severity === 'warning').length <= 1, JSON.stringify(shown));
    assert.deepEqual(
      shown.filter((s) => s.message !== RESTARTED && s.message !== GAVE_UP),
      [],
      'nothing else: no message of the language client',
    );

    // "Restart Language Server" brings it back.
    back = restarted(document);
    await vscode.commands.executeCommand('sysdesign.restartServer');
    await back;
    assert.equal(serverProcesses().length, 1);
    assert.ok(vscode.languages.getDiagnostics(document.uri).some((d) => d.code !== undefined && /unknown-component/.test(JSON.stringify(d.code))));
    assert.deepEqual(spy.shown.slice(shownBefore), shown, 'the restart itself says nothing');
  });
});

/** The pids of `dist/server.js` processes whose parent is this extension host. */
function serverProcesses(): number[] {
  return processes()
    .filter((p) => p.ppid === process.pid && p.cmdline.some((arg) => /dist[\\/]server\.js/.test(arg)))
    .map((p) => p.pid);
}

/** The document's diagnostics once `test` holds for them (now or after a change). */
function diagnostics(document: vscode.TextDocument, test: (ds: readonly vscode.Diagnostic[]) => boolean): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const check = () => {
      const ds = vscode.languages.getDiagnostics(document.uri);
      if (!test(ds)) return false;
      listener.dispose();
      resolve(ds);
      return true;
    };
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === document.uri.toString())) check();
    });
    check();
  });
}

/**
 * Resolves once a (re)started server has published the document's diagnostics again. The
 * client drops a dead server's diagnostics before it restarts, so: first none, then some.
 * Subscribe before causing the restart.
 */
function restarted(document: vscode.TextDocument): Promise<void> {
  let cleared = vscode.languages.getDiagnostics(document.uri).length === 0;
  return new Promise((resolve) => {
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === document.uri.toString())) return;
      const count = vscode.languages.getDiagnostics(document.uri).length;
      if (count === 0) cleared = true;
      else if (cleared) {
        listener.dispose();
        resolve();
      }
    });
  });
}

/** Records every message shown through `vscode.window`, passing it on unchanged. */
class MessageSpy {
  readonly shown: Shown[] = [];
  private waiters: Array<{ test: (s: Shown) => boolean; resolve: (s: Shown) => void }> = [];
  private readonly originals = {
    showErrorMessage: vscode.window.showErrorMessage,
    showWarningMessage: vscode.window.showWarningMessage,
    showInformationMessage: vscode.window.showInformationMessage,
  };

  constructor() {
    const window = vscode.window as unknown as Record<string, unknown>;
    for (const [name, severity] of [
      ['showErrorMessage', 'error'],
      ['showWarningMessage', 'warning'],
      ['showInformationMessage', 'information'],
    ] as const) {
      const original = this.originals[name] as (...args: unknown[]) => unknown;
      window[name] = (message: string, ...rest: unknown[]) => {
        this.record({ severity, message });
        return original.call(vscode.window, message, ...rest);
      };
    }
    assert.notEqual(vscode.window.showWarningMessage, this.originals.showWarningMessage, 'vscode.window can be wrapped');
  }

  /** The next message (from now on) that passes `test`. */
  next(test: (s: Shown) => boolean): Promise<Shown> {
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  restore(): void {
    Object.assign(vscode.window, this.originals);
  }

  private record(shown: Shown): void {
    this.shown.push(shown);
    const ready = this.waiters.filter((w) => w.test(shown));
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve(shown);
  }
}
