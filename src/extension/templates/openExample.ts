// `sysdesign.openExample` "Open Example Design...": pick one of the extension's examples/
// and read it (code lenses, hover, preview) in a new untitled copy. The installed
// extension's own files are never opened for editing: a change, or a save, goes to the
// copy only.
//
// Argument: an optional example name (`url-shortener` or `url-shortener.sysdesign.yaml`)
// that skips the pick. Any other argument (a menu passes the clicked resource) is
// ignored. Resolves with the copy's URI, or undefined when cancelled.
import * as vscode from 'vscode';
import type { Command } from '../commands/command';
import { COMMANDS, LANGUAGE_ID } from '../ids';
import { readText, type DesignCatalog, type Example } from './catalog';


interface ExampleItem extends vscode.QuickPickItem {
  readonly example: Example;
}

export function openExampleCommand(catalog: DesignCatalog): Command {
  return {
    id: COMMANDS.openExample,
    async execute(name?: unknown): Promise<vscode.Uri | undefined> {
      const example = typeof name === 'string' ? await catalog.example(name) : await pickExample(await catalog.examples());
      if (!example) return undefined;
      const text = await readText(example.uri, `examples/${example.fileName}`);
      const document = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: text });
      await vscode.window.showTextDocument(document, { preview: false });
      return document.uri;
    },
  };
}

async function pickExample(examples: readonly Example[]): Promise<Example | undefined> {
  const items: ExampleItem[] = examples.map((example) => ({
    label: example.name,
    description: example.fileName,
    detail: example.description,
    example,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Open Example Design',
    placeHolder: 'Pick an example to open as an untitled copy',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.example;
}
