// The composition root of the VS Code client (the only code that imports `vscode`):
// `activate` builds the parts and registers their disposables, nothing more. Each part
// lives in its own module; every registration goes into `context.subscriptions`.
import type * as vscode from 'vscode';
import { startLanguageClient } from './client';
import { registerCommands, type Command } from './commands/command';

export function activate(context: vscode.ExtensionContext): void {
  const language = startLanguageClient(context);
  context.subscriptions.push(language);

  const commands: Command[] = [];
  context.subscriptions.push(registerCommands(commands));
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
