// Templates and examples: the commands that start a design from the designs shipped with
// the extension. The getting-started walkthrough (package.json `walkthroughs`,
// media/walkthrough/) links to them.
import type * as vscode from 'vscode';
import type { Command } from '../commands/command';
import { DesignCatalog } from './catalog';
import { newFromTemplateCommand } from './newFromTemplate';
import { openExampleCommand } from './openExample';

export function templateCommands(extensionUri: vscode.Uri): Command[] {
  const catalog = new DesignCatalog(extensionUri);
  return [newFromTemplateCommand(catalog), openExampleCommand(catalog)];
}
