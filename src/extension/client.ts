// The language client: starts `dist/server.js` (the language server) over IPC for every
// `sysdesign` document, on any scheme (files, untitled, virtual workspaces). All language
// features come from the server; this file only connects the two.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export const CLIENT_ID = 'sysdesign';
export const CLIENT_NAME = 'System Design Language Server';

/**
 * Starts the language client. The returned disposable stops it (and the server
 * process); push it into `context.subscriptions`. `client` is exposed for features that
 * send custom requests (e.g. `sysdesign/analysis` for the five-step tree).
 */
export function startLanguageClient(context: vscode.ExtensionContext): vscode.Disposable & { readonly client: LanguageClient } {
  // The extension's own folder is always on the local disk, even in a virtual workspace.
  const serverModule = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // No scheme: files, untitled documents and virtual file systems alike. The server
    // reads only the text the client sends, never the disk.
    documentSelector: [{ language: 'sysdesign' }],
    // Settings are pulled by the server (`workspace/configuration`), which registers for
    // `sysdesign` changes itself.
  };
  const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  client.start().catch((error: unknown) => {
    void vscode.window.showErrorMessage(`System Design: the language server did not start: ${error instanceof Error ? error.message : String(error)}`);
  });
  return {
    client,
    dispose: () => {
      client.stop().catch(() => {
        // Already stopped or never started: nothing to clean up.
      });
    },
  };
}
