// The composition root of the VS Code client (the only code that imports `vscode`):
// `activate` builds the parts and registers their disposables, nothing more. Each part
// lives in its own module; every registration goes into `context.subscriptions`.
import type * as vscode from 'vscode';
import { startLanguageClient } from './client';
import { registerCommands, type Command } from './commands/command';
import { previewCommands } from './preview/commands';
import { PreviewManager } from './preview/previewManager';
import { StepsView } from './steps/stepsView';
import { templateCommands } from './templates';

/** What `activate` returns (the extension's `exports`): the parts the integration tests drive. */
export interface ExtensionApi {
  readonly steps: StepsView;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const language = startLanguageClient(context);
  context.subscriptions.push(language);

  const steps = new StepsView(language.client);
  context.subscriptions.push(steps);

  const previews = new PreviewManager(context.extensionUri, language.client);
  context.subscriptions.push(previews);

  const commands: Command[] = [...templateCommands(context.extensionUri), ...steps.commands, ...previewCommands(previews)];
  context.subscriptions.push(registerCommands(commands));
  return { steps };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
