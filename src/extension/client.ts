// The language client of the desktop (and remote) extension host: starts `dist/server.js`
// (the language server) over IPC for every `sysdesign` document, on any scheme (files,
// untitled, virtual workspaces). All language features come from the server; this file
// only connects the two. What it shares with the web client is in languageClient.ts.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { CLIENT_ID, CLIENT_NAME, runLanguageClient, type LanguageClientHandle } from './languageClient';

export { CLIENT_ID, CLIENT_NAME } from './languageClient';

/**
 * Starts the language client. The returned disposable stops it (and the server
 * process); push it into `context.subscriptions`. `client` is exposed for features that
 * send custom requests (e.g. `sysdesign/analysis` for the five-step tree).
 */
export function startLanguageClient(context: vscode.ExtensionContext): LanguageClientHandle {
  // The extension's own folder is always on the local disk, even in a virtual workspace.
  const serverModule = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  return runLanguageClient((options) => new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, options));
}
