// Rows of RELIABILITY.md ("Webview", "Editor and workspace") that need the real `vscode`
// API: the preview panel's options and the rendering settings of an untrusted workspace.
// The window's folder is a throw-away copy of examples/ (scripts/integration.mjs), so
// writing workspace settings here cannot touch the repository.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { webviewOptions } from '../../../src/extension/preview/panel';
import { previewDirection, previewLayout, previewTheme, SECTION } from '../../../src/extension/preview/settings';
import { ourExtension, repoFile } from './helpers';

/** A minimal in-memory file system: what a virtual workspace (a GitHub repository on vscode.dev, say) looks like to an extension. */
class MemoryFileSystem implements vscode.FileSystemProvider {
  private readonly files = new Map<string, Uint8Array>();
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  stat(uri: vscode.Uri): vscode.FileStat {
    const data = this.files.get(uri.path);
    if (data) return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: data.byteLength };
    if ([...this.files.keys()].some((path) => path.startsWith(`${uri.path.replace(/\/$/, '')}/`))) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  }
  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  createDirectory(): void {}
  readFile(uri: vscode.Uri): Uint8Array {
    const data = this.files.get(uri.path);
    if (!data) throw vscode.FileSystemError.FileNotFound(uri);
    return data;
  }
  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    this.files.set(uri.path, content);
    this.emitter.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }
  delete(uri: vscode.Uri): void {
    this.files.delete(uri.path);
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions('rename');
  }
}

/** The diagnostics of `uri` once `accept` holds (now or after a change). */
function diagnosticsWhen(uri: vscode.Uri, accept: (all: readonly vscode.Diagnostic[]) => boolean): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const check = () => {
      const all = vscode.languages.getDiagnostics(uri);
      if (!accept(all)) return;
      listener.dispose();
      resolve(all);
    };
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === uri.toString())) check();
    });
    check();
  });
}

describe('RELIABILITY.md in the extension host', () => {
  it('`localResourceRoots` = the built webview folder; no command links: the panel options', () => {
    const extensionUri = ourExtension().extensionUri;
    const options = webviewOptions(extensionUri);
    assert.deepEqual(
      options.localResourceRoots?.map((uri) => uri.toString()),
      [vscode.Uri.joinPath(extensionUri, 'dist', 'webview').toString()],
    );
    assert.equal(options.enableCommandUris, false);
    assert.equal(options.enableScripts, true);
  });

  describe('restricted mode (untrusted workspace): settings that affect rendering are read from user settings only', () => {
    const config = () => vscode.workspace.getConfiguration(SECTION);
    const settings: Array<[string, (trusted: boolean) => unknown, string, string]> = [
      ['theme', previewTheme, 'light', 'dark'],
      ['layout', previewLayout, 'dagre', 'elk'],
      ['direction', previewDirection, 'LR', 'TB'],
    ];

    afterEach(async () => {
      for (const [name] of settings) {
        await config().update(name, undefined, vscode.ConfigurationTarget.Workspace);
        await config().update(name, undefined, vscode.ConfigurationTarget.Global);
      }
    });

    for (const [name, read, userValue, workspaceValue] of settings) {
      it(`sysdesign.preview.${name}: the workspace's value applies only when the workspace is trusted`, async () => {
        assert.ok(vscode.workspace.workspaceFolders?.length, 'the window has a (throw-away) folder');
        await config().update(name, userValue, vscode.ConfigurationTarget.Global);
        await config().update(name, workspaceValue, vscode.ConfigurationTarget.Workspace);
        assert.equal(config().inspect(name)?.workspaceValue, workspaceValue, 'the workspace setting was written');
        assert.equal(read(true), workspaceValue, 'trusted: the workspace overrides the user');
        assert.equal(read(false), userValue, 'untrusted: the user setting, the workspace cannot change it');

        await config().update(name, undefined, vscode.ConfigurationTarget.Global);
        assert.equal(read(false), 'auto', 'untrusted, only the workspace sets it: the default');
        assert.equal(read(true), workspaceValue);
      });
    }
  });

  it('virtual workspaces: a design on a virtual file system gets diagnostics, hovers and a preview (nothing read through `fsPath`)', async () => {
    const memfs = new MemoryFileSystem();
    const registration = vscode.workspace.registerFileSystemProvider('sysdesign-memfs', memfs, { isCaseSensitive: true });
    try {
      const uri = vscode.Uri.parse('sysdesign-memfs:/designs/virtual.sysdesign.yaml');
      const example = await vscode.workspace.fs.readFile(repoFile('examples', 'url-shortener.sysdesign.yaml'));
      const broken = new TextDecoder().decode(example).replace(/^name: .*$/m, '$&\nbogus_key: 1');
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(broken));
      const document = await vscode.workspace.openTextDocument(uri);
      assert.equal(document.languageId, 'sysdesign');
      await vscode.window.showTextDocument(document);

      const bogus = broken.split(/\r?\n/).indexOf('bogus_key: 1');
      const diagnostics = await diagnosticsWhen(uri, (all) => all.length > 0);
      assert.ok(
        diagnostics.some((d) => /unknown-key/.test(JSON.stringify(d.code)) && d.range.start.line === bogus),
        `the unknown key is reported on its line: ${JSON.stringify(diagnostics.map((d) => [d.code, d.range.start.line]))}`,
      );
      const line = document
        .getText()
        .split(/\r?\n/)
        .findIndex((l) => /^\s+urls_per_day:/.test(l));
      assert.ok(line > 0, 'the example has urls_per_day');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        uri,
        new vscode.Position(line, document.lineAt(line).firstNonWhitespaceCharacterIndex + 1),
      );
      assert.ok(
        hovers.some((h) => h.contents.some((c) => (typeof c === 'string' ? c : c.value).includes('**urls\\_per\\_day**: named value'))),
        `the hover of a value comes from the server: ${JSON.stringify(hovers.map((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))))}`,
      );

      // The preview draws it, read through the document, and its export goes through workspace.fs.
      await vscode.commands.executeCommand('sysdesign.openPreviewToSide', uri);
      const target = vscode.Uri.parse('sysdesign-memfs:/designs/virtual-architecture.svg');
      const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('sysdesign.preview.exportSvg', target);
      assert.equal(written?.toString(), target.toString());
      assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)), /<svg[^>]*aria-roledescription="flowchart-v2"/);
      assert.equal(document.isDirty, false, 'nothing was written to the design');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      registration.dispose();
    }
  });

  it('nothing is written on open or preview: the design stays clean and its bytes and mtime unchanged', async () => {
    const uri = repoFile('examples', 'pastebin.sysdesign.yaml');
    const before = await vscode.workspace.fs.readFile(uri);
    const { mtime } = await vscode.workspace.fs.stat(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('sysdesign.openPreviewToSide', uri);
    await vscode.commands.executeCommand('sysdesign.openPreview', uri, { view: 'er' });
    // The export waits until the preview shows the document's current version.
    const target = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'pastebin-er.svg');
    await vscode.commands.executeCommand('sysdesign.preview.exportSvg', target);
    await vscode.workspace.fs.delete(target);
    assert.equal(document.isDirty, false);
    assert.deepEqual(await vscode.workspace.fs.readFile(uri), before, 'the bytes on disk are unchanged');
    assert.equal((await vscode.workspace.fs.stat(uri)).mtime, mtime, 'the file was not written');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
