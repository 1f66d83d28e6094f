// The composition root of the VS Code client (the only code that imports `vscode`):
// `activate` builds the parts and registers their disposables, nothing more. Each part
// lives in its own module; every registration goes into `context.subscriptions`.
import type * as vscode from 'vscode';
import { registerCommands, type Command } from './commands/command';
import { CompareController } from './compare/compareController';
import { DeferredLanguageClient } from './deferredClient';
import { previewCommands } from './preview/commands';
import { PreviewManager } from './preview/previewManager';
import { ScenarioController } from './scenarios/scenarioController';
import { StepsView } from './steps/stepsView';
import { templateCommands } from './templates';

/** What `activate` returns (the extension's `exports`): the parts the integration tests drive. */
export interface ExtensionApi {
  readonly steps: StepsView;
  readonly scenarios: ScenarioController;
  readonly compare: CompareController;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  // Imported when the client starts, just after activation (see deferredClient.ts).
  const language = new DeferredLanguageClient(async () => (await import('./client')).startLanguageClient(context));
  context.subscriptions.push(language);

  const steps = new StepsView(language);
  context.subscriptions.push(steps);

  const previews = new PreviewManager(context.extensionUri, language);
  context.subscriptions.push(previews);

  const scenarios = new ScenarioController(language, context.workspaceState);
  context.subscriptions.push(scenarios);
  // Another scenario shown: the steps and the preview show its figures.
  context.subscriptions.push(
    scenarios.onDidChange((document) => {
      if (steps.source.document?.uri.toString() === document.toString()) void steps.source.refresh();
      previews.refreshDocument(document);
    }),
  );

  const compare = new CompareController(language);
  context.subscriptions.push(compare);
  // Compared with another version, or not any more: the preview shows it.
  context.subscriptions.push(compare.onDidChange((document) => previews.refreshDocument(document)));

  const commands: Command[] = [
    ...language.commands,
    ...templateCommands(context.extensionUri),
    ...steps.commands,
    ...previewCommands(previews),
    ...scenarios.commands,
    ...compare.commands,
  ];
  context.subscriptions.push(registerCommands(commands));
  return { steps, scenarios, compare };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
