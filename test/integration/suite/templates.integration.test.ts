import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS } from '../../../src/extension/ids';
import { withDesignExtension } from '../../../src/extension/templates/saveDesignAs';
import { ourExtension, repoFile } from './helpers';
import type { TemplateEntry as IndexEntry } from '../../support/designs';

const NEW_FROM_TEMPLATE = COMMANDS.newFromTemplate;
const OPEN_EXAMPLE = COMMANDS.openExample;

interface WalkthroughStep {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string };
  completionEvents?: string[];
}

async function readRepoText(...segments: string[]): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(repoFile(...segments)));
}

/** Closes the editor of `document` without a "save?" prompt (untitled copies are dirty). */
async function closeWithoutSaving(document: vscode.TextDocument): Promise<void> {
  if (document.isClosed) return;
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

describe('templates', () => {
  const opened: vscode.TextDocument[] = [];

  /** Runs a command that opens a design, and returns the editor it made active. */
  async function runAndGetEditor(command: string, argument: string): Promise<vscode.TextEditor> {
    const result = await vscode.commands.executeCommand<vscode.Uri | undefined>(command, argument);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, `${command} ${argument} left no active editor`);
    opened.push(editor.document);
    assert.ok(result, `${command} ${argument} resolved without a document`);
    assert.equal(result.toString(), editor.document.uri.toString(), 'the command resolves with the document it showed');
    return editor;
  }

  before(async () => {
    await ourExtension().activate();
  });

  afterEach(async () => {
    for (const document of opened.splice(0)) await closeWithoutSaving(document);
  });

  it('declares and registers "New Design from Template..." and "Open Example Design..."', async () => {
    const declared = ourExtension().packageJSON.contributes.commands as { command: string; title: string; category: string }[];
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const [id, title] of [
      [NEW_FROM_TEMPLATE, 'New Design from Template...'],
      [OPEN_EXAMPLE, 'Open Example Design...'],
    ]) {
      const command = declared.find((c) => c.command === id);
      assert.ok(command, `${id} is not in contributes.commands`);
      assert.equal(command.title, title);
      assert.equal(command.category, 'System Design');
      assert.ok(registered.has(id), `${id} is declared but not registered`);
    }
  });

  it('creates an untitled sysdesign document with the text of each template', async () => {
    const index = JSON.parse(await readRepoText('templates', 'index.json')) as IndexEntry[];
    assert.deepEqual(
      index.map((entry) => entry.id),
      ['blank', 'web-app', 'aws', 'short-video'],
    );
    for (const entry of index) {
      const editor = await runAndGetEditor(NEW_FROM_TEMPLATE, entry.id);
      const { document } = editor;
      assert.equal(document.languageId, 'sysdesign', entry.id);
      assert.equal(document.isUntitled, true, `${entry.id}: a new design is untitled until the user saves it`);
      assert.equal(document.getText(), await readRepoText('templates', entry.file), `${entry.id}: the text differs from templates/${entry.file}`);
    }
    // Each template opened its own document.
    assert.equal(new Set(opened.map((document) => document.uri.toString())).size, index.length);
  });

  it('reports an unknown template id instead of opening anything', async () => {
    const before = vscode.workspace.textDocuments.filter((document) => document.isUntitled).length;
    const result = await vscode.commands.executeCommand(NEW_FROM_TEMPLATE, 'no-such-template');
    assert.equal(result, undefined);
    assert.equal(vscode.workspace.textDocuments.filter((document) => document.isUntitled).length, before, 'no document was opened');
  });

  it('opens an example by name as an untitled copy, leaving the example itself unchanged', async () => {
    const original = await readRepoText('examples', 'url-shortener.sysdesign.yaml');
    const editor = await runAndGetEditor(OPEN_EXAMPLE, 'url-shortener');
    const { document } = editor;
    assert.equal(document.uri.scheme, 'untitled', "the example opens as a copy, not as the extension's file");
    assert.equal(document.languageId, 'sysdesign');
    assert.equal(document.getText(), original);

    // Editing the copy must not touch the installed file.
    const edited = await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# my notes\n'));
    assert.equal(edited, true);
    assert.match(document.getText(), /^# my notes\n/);
    assert.equal(await readRepoText('examples', 'url-shortener.sysdesign.yaml'), original);
  });

  it('opens an example by its file name too', async () => {
    const { document } = await runAndGetEditor(OPEN_EXAMPLE, 'pastebin.sysdesign.yaml');
    assert.equal(document.isUntitled, true);
    assert.equal(document.getText(), await readRepoText('examples', 'pastebin.sysdesign.yaml'));
  });

  it('names a saved design *.sysdesign.yaml whatever the user typed', () => {
    const folder = vscode.Uri.parse('vscode-test-fs:/work/designs');
    const name = (typed: string) => withDesignExtension(vscode.Uri.joinPath(folder, typed)).toString();
    assert.equal(name('chat'), vscode.Uri.joinPath(folder, 'chat.sysdesign.yaml').toString());
    assert.equal(name('chat.yaml'), vscode.Uri.joinPath(folder, 'chat.sysdesign.yaml').toString());
    assert.equal(name('chat.yml'), vscode.Uri.joinPath(folder, 'chat.sysdesign.yaml').toString());
    assert.equal(name('chat.txt'), vscode.Uri.joinPath(folder, 'chat.txt.sysdesign.yaml').toString());
    assert.equal(name('chat.sysdesign.yaml'), vscode.Uri.joinPath(folder, 'chat.sysdesign.yaml').toString());
    assert.equal(name('chat.sysdesign.yml'), vscode.Uri.joinPath(folder, 'chat.sysdesign.yml').toString());
  });

  it('contributes the getting-started walkthrough: five steps, each with its media file and an action', async () => {
    const manifest = ourExtension().packageJSON;
    const walkthroughs = manifest.contributes.walkthroughs as { id: string; title: string; steps: WalkthroughStep[] }[];
    const walkthrough = walkthroughs.find((w) => w.id === 'sysdesign.gettingStarted');
    assert.ok(walkthrough, 'no walkthrough sysdesign.gettingStarted');
    assert.equal(walkthrough.title, 'Get Started with System Design');
    assert.deepEqual(
      walkthrough.steps.map((step) => step.title),
      ['1. Requirements', '2. Estimation', '3. API', '4. Data Model', '5. Design'],
    );

    const linked: string[] = [];
    for (const [index, step] of walkthrough.steps.entries()) {
      const path = step.media.markdown;
      assert.ok(path, `step ${step.id} has no markdown media`);
      const markdown = await readRepoText(...path.split('/'));
      assert.match(markdown, new RegExp(`^# Step ${index + 1}\\. `), `${path} starts with its step's heading`);
      assert.match(markdown, /```yaml\n[\s\S]+?\n```/, `${path} has a YAML snippet`);

      // The action: a button (a link alone on its line) that runs a command.
      const action = /^\[[^\]]+\]\(command:(?:toSide:)?([\w.]+)\)$/m.exec(step.description);
      assert.ok(action, `step ${step.id} has no command button`);
      linked.push(action[1]);
      for (const event of step.completionEvents ?? []) {
        assert.match(event, /^on(Command|View|Context):/, `${step.id}: ${event}`);
      }
    }
    assert.deepEqual(linked, [NEW_FROM_TEMPLATE, OPEN_EXAMPLE, 'sysdesign.steps.focus', 'sysdesign.openPreviewToSide', 'sysdesign.openPreviewToSide']);

    // A linked command that the manifest declares must also be registered (the preview and
    // the tree are built separately: their links are checked once they are declared).
    const registered = new Set(await vscode.commands.getCommands(true));
    const declared = new Set<string>((manifest.contributes.commands as { command: string }[]).map((c) => c.command));
    const views = Object.values((manifest.contributes.views ?? {}) as Record<string, { id: string }[]>).flat();
    for (const view of views) declared.add(`${view.id}.focus`);
    for (const command of linked.filter((id) => declared.has(id))) {
      assert.ok(registered.has(command), `the walkthrough links to ${command}, which is declared but not registered`);
    }
    assert.ok(declared.has(NEW_FROM_TEMPLATE) && declared.has(OPEN_EXAMPLE));
  });
});
