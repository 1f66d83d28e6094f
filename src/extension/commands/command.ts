// Commands: one file per command, each an object with its `id` (declared in package.json
// `contributes.commands`) and `execute`. Registration goes through `registerCommands`, so a
// thrown error becomes a visible message instead of a silent failure in the log.
import * as vscode from 'vscode';

export interface Command {
  readonly id: string;
  execute(...args: unknown[]): unknown;
}

export function registerCommands(commands: readonly Command[]): vscode.Disposable {
  return vscode.Disposable.from(
    ...commands.map((command) =>
      vscode.commands.registerCommand(command.id, async (...args: unknown[]) => {
        try {
          return await command.execute(...args);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          void vscode.window.showErrorMessage(`System Design: ${message}`);
          return undefined;
        }
      }),
    ),
  );
}
