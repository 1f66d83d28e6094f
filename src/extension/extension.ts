// The VS Code client: the only code that imports `vscode`. The extension contributes the
// `sysdesign` language (package.json), activates on it and starts the language client;
// the five-step tree and preview are registered here as they land.
import type * as vscode from 'vscode';
import { startLanguageClient } from './client';

export function activate(context: vscode.ExtensionContext): void {
  // Every registration added here goes into context.subscriptions so that it is
  // disposed with the extension.
  context.subscriptions.push(startLanguageClient(context));
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
