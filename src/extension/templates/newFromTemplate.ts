// `sysdesign.newFromTemplate` "New Design from Template...": pick one of templates/index.json
// and get a new untitled design with its text (nothing is written until the user saves),
// or save it straight to a file: the item's button for the mouse, the "Save a Template
// as a File..." entry for the keyboard.
//
// Argument: an optional template id (`blank`, `web-app`, ...) that skips the pick, for
// walkthrough links, tests and automation. Any other argument (a menu passes the clicked
// resource) is ignored. Resolves with the new document's URI, or undefined when cancelled.
import * as vscode from 'vscode';
import type { Command } from '../commands/command';
import { COMMANDS, LANGUAGE_ID } from '../ids';
import { readText, type DesignCatalog, type Template } from './catalog';
import { saveDesignAs } from './saveDesignAs';


type Choice = { readonly template: Template; readonly saveAs: boolean };

interface TemplateItem extends vscode.QuickPickItem {
  readonly template?: Template;
  /** The entry that switches the pick to "save as a file". */
  readonly toSaveMode?: true;
}

const SAVE_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('save-as'), tooltip: 'Save as File...' };

export function newFromTemplateCommand(catalog: DesignCatalog): Command {
  return {
    id: COMMANDS.newFromTemplate,
    async execute(templateId?: unknown): Promise<vscode.Uri | undefined> {
      const choice = typeof templateId === 'string' ? { template: await catalog.template(templateId), saveAs: false } : await pickTemplate(await catalog.templates());
      if (!choice) return undefined;
      const text = await readText(choice.template.uri, `the template "${choice.template.id}"`);
      if (choice.saveAs) return saveDesignAs(text, choice.template.id);
      const document = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: text });
      await vscode.window.showTextDocument(document, { preview: false });
      return document.uri;
    },
  };
}

function pickTemplate(templates: readonly Template[]): Promise<Choice | undefined> {
  const quickPick = vscode.window.createQuickPick<TemplateItem>();
  const templateItems = (buttons: boolean): TemplateItem[] =>
    templates.map((template) => ({ label: template.label, detail: template.description, template, buttons: buttons ? [SAVE_BUTTON] : [] }));
  quickPick.title = 'New Design from Template';
  quickPick.placeholder = 'Pick a template to open as a new untitled design';
  quickPick.matchOnDetail = true;
  quickPick.items = [
    ...templateItems(true),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(save-as) Save a Template as a File...', detail: 'Pick a template next, then where to save it', toSaveMode: true, alwaysShow: true },
  ];
  let saveMode = false;

  return new Promise<Choice | undefined>((resolve) => {
    let settled = false;
    const done = (choice: Choice | undefined) => {
      if (settled) return; // disposing hides the pick, which comes back here
      settled = true;
      resolve(choice);
      quickPick.dispose();
    };
    quickPick.onDidTriggerItemButton(({ item }) => {
      if (item.template) done({ template: item.template, saveAs: true });
    });
    quickPick.onDidAccept(() => {
      const item = quickPick.selectedItems[0];
      if (item?.toSaveMode) {
        saveMode = true;
        quickPick.title = 'Save a Template as a File';
        quickPick.placeholder = 'Pick the template to save';
        quickPick.value = '';
        quickPick.items = templateItems(false);
      } else if (item?.template) {
        done({ template: item.template, saveAs: saveMode });
      }
    });
    quickPick.onDidHide(() => done(undefined));
    quickPick.show();
  });
}
