/**
 * *System Design: Compare with…* (issue #18): compares a design with another version of
 * it, its last committed version (through the built-in Git extension's API, when it is
 * there and the file is in a repository) or any file, by handing that text to the language
 * server (`sysdesign/compare`). The preview then marks the components added and changed,
 * lists the removed ones and has a *Changes* tab with the figures that moved; it follows
 * every edit, since the server compares each new version with the one kept. *Stop
 * Comparing* (or the preview's button) ends it.
 */
import * as vscode from 'vscode';
import { CompareRequest, type CompareBaseline } from '../../protocol';
import type { Command } from '../commands/command';
import type { DeferredLanguageClient } from '../deferredClient';
import { Disposable } from '../disposable';
import { COMMANDS, LANGUAGE_ID } from '../ids';

/** The largest file read to compare with, as the CLI reads design files. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** The argument that names the last committed version. */
const HEAD = 'git:HEAD';

/** The part of the built-in Git extension's API (`vscode.git`, API version 1) used here. */
interface GitApi {
  getRepository(uri: vscode.Uri): { show(ref: string, path: string): Promise<string> } | null;
}
interface GitExtension {
  getAPI(version: 1): GitApi;
}

export class CompareController extends Disposable {
  readonly commands: readonly Command[];
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri>());
  /** A document started or stopped being compared: its preview shows it. */
  readonly onDidChange = this.changed.event;
  /** What each compared document is compared with, by URI. */
  private readonly compared = new Map<string, string>();

  constructor(private readonly language: DeferredLanguageClient) {
    super();
    this.commands = [
      { id: COMMANDS.compareWith, execute: (uri?: unknown, against?: unknown) => this.compareWith(uri, against) },
      { id: COMMANDS.stopComparing, execute: (uri?: unknown) => this.stop(uri) },
    ];
    // The server forgets a comparison when the document closes; so does this.
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.compared.delete(d.uri.toString())));
  }

  /** What `document` is compared with (`HEAD`, a file name), or undefined. */
  against(document: vscode.Uri): string | undefined {
    return this.compared.get(document.toString());
  }

  /**
   * `sysdesign.compareWith`: with a document URI and `git:HEAD` or a file URI it compares
   * with that; without, it asks with a picker for the active editor's design. Answers what
   * it compared with and the summary (for tests and automation).
   */
  private async compareWith(uriArg: unknown, againstArg: unknown): Promise<{ against: string; summary: string } | undefined> {
    const document = await this.designDocument(uriArg);
    const against = typeof againstArg === 'string' ? againstArg : await this.pick(document);
    if (against === undefined) return;
    if (against === 'stop') {
      await this.stop(document.toString());
      return undefined;
    }
    const baseline = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'System Design: reading the version to compare with' }, () =>
      against === HEAD ? this.committed(document) : this.file(vscode.Uri.parse(against)),
    );
    const client = await this.language.client;
    const result = await this.language.sendRequest(CompareRequest, { uri: client.code2ProtocolConverter.asUri(document), baseline });
    if (result === null) throw new Error('The language server does not have this design open yet; try again in a moment.');
    if ('error' in result) throw new Error(result.error);
    this.compared.set(document.toString(), baseline.name);
    this.changed.fire(document);
    await vscode.commands.executeCommand(COMMANDS.openPreviewToSide, document, { view: 'changes' });
    const summary = result.comparing ? result.summary : 'no differences';
    vscode.window.setStatusBarMessage(`System Design: compared with ${baseline.name}: ${summary}`, 5000);
    return { against: baseline.name, summary };
  }

  private async stop(uriArg: unknown): Promise<void> {
    const document = await this.designDocument(uriArg);
    const client = await this.language.client;
    await this.language.sendRequest(CompareRequest, { uri: client.code2ProtocolConverter.asUri(document), baseline: null });
    this.compared.delete(document.toString());
    this.changed.fire(document);
  }

  /** The design a command is for: the URI it was given, else the active editor's (which must be a design). */
  private async designDocument(uriArg: unknown): Promise<vscode.Uri> {
    if (typeof uriArg === 'string') return vscode.Uri.parse(uriArg);
    if (uriArg instanceof vscode.Uri) return uriArg;
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== LANGUAGE_ID) throw new Error('Open a System Design file (*.sysdesign.yaml) to compare it.');
    return editor.document.uri;
  }

  /** The picker: the last committed version (when Git can give it), a file, or stop. */
  private async pick(document: vscode.Uri): Promise<string | undefined> {
    type Item = vscode.QuickPickItem & { value: string };
    const items: Item[] = [];
    if (document.scheme === 'file' && (await this.git())?.getRepository(document)) {
      items.push({ value: HEAD, label: '$(git-commit) Last committed version', detail: 'HEAD, as the Git extension reads it' });
    }
    items.push({ value: 'file', label: '$(file) A file…', detail: 'Another *.sysdesign.yaml: an earlier draft, a colleague’s version' });
    if (this.compared.has(document.toString()))
      items.push({ value: 'stop', label: '$(close) Stop comparing', detail: `Now compared with ${this.compared.get(document.toString())}` });
    const picked = await vscode.window.showQuickPick(items, { title: 'Compare with…', placeHolder: 'The version of this design to compare with' });
    if (!picked || picked.value !== 'file') return picked?.value;
    const files = await vscode.window.showOpenDialog({
      title: 'Compare with',
      openLabel: 'Compare',
      canSelectMany: false,
      defaultUri: vscode.Uri.joinPath(document, '..'),
      filters: { 'System designs': ['yaml', 'yml'] },
    });
    return files?.[0]?.toString();
  }

  private async git(): Promise<GitApi | undefined> {
    const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
    if (!extension) return undefined;
    try {
      return (extension.isActive ? extension.exports : await extension.activate()).getAPI(1);
    } catch {
      return undefined; // Git disabled or not installed: the picker offers files only.
    }
  }

  private async committed(document: vscode.Uri): Promise<CompareBaseline> {
    const repository = document.scheme === 'file' ? (await this.git())?.getRepository(document) : undefined;
    if (!repository) throw new Error('This design is not in a Git repository (or the Git extension is off): choose a file to compare with.');
    try {
      return { name: 'HEAD', text: await repository.show('HEAD', document.fsPath) };
    } catch {
      throw new Error('This design has no committed version yet (it is new, or not committed): choose a file to compare with.');
    }
  }

  private async file(uri: vscode.Uri): Promise<CompareBaseline> {
    const name = uri.path.split('/').pop() || uri.toString();
    let bytes: Uint8Array;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_FILE_BYTES) throw new Error(`${name} is too large to compare (over 10 MB).`);
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch (error) {
      throw error instanceof vscode.FileSystemError ? new Error(`${name} cannot be read: ${error.message}`) : error;
    }
    if (bytes.subarray(0, 8192).includes(0)) throw new Error(`${name} is a binary file, not a design.`);
    try {
      return { name, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    } catch {
      throw new Error(`${name} is not UTF-8 text.`);
    }
  }
}
