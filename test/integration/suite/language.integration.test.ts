import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, nextChange, openInEditor, ourExtension, repoFile } from './helpers';

describe('the sysdesign language', () => {
  // Runs first (files are loaded in name order, and this is the only file that opens a
  // design before its tests): nothing has opened a design yet.
  before(() => {
    assert.equal(ourExtension().isActive, false, 'the extension must activate lazily, on a design being opened');
  });

  it('activates lazily: on the language, or to restore a preview panel, never on startup', () => {
    // Commands and views activate the extension implicitly (VS Code 1.74+), so they need no entry.
    assert.deepEqual(ourExtension().packageJSON.activationEvents, ['onLanguage:sysdesign', 'onWebviewPanel:sysdesign.preview']);
  });

  it('opens examples/photo-sharing.sysdesign.yaml as sysdesign and activates the extension', async () => {
    const document = await openInEditor(repoFile('examples', 'photo-sharing.sysdesign.yaml'));
    assert.equal(document.languageId, 'sysdesign');

    // Opening the design fired onLanguage:sysdesign; activate() resolves with that same
    // activation (it starts none of its own when one is under way or done).
    const extension = ourExtension();
    await extension.activate();
    assert.equal(extension.isActive, true);
    assert.equal(extension.id, EXTENSION_ID);
  });

  it('recognises the .sysdesign.yml extension too', async () => {
    const document = await openInEditor(repoFile('test', 'integration', 'fixtures', 'short.sysdesign.yml'));
    assert.equal(document.languageId, 'sysdesign');
  });

  it('leaves other YAML files to the YAML language', async () => {
    const document = await openInEditor(repoFile('test', 'integration', 'fixtures', 'plain.yaml'));
    assert.equal(document.languageId, 'yaml');
  });

  it('applies the language configuration: # comments', async () => {
    const document = await openInEditor(repoFile('test', 'integration', 'fixtures', 'short.sysdesign.yml'));
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document === document);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    // A command that reads `comments.lineComment`; the edit is undone right after.
    let changed = nextChange(document);
    await vscode.commands.executeCommand('editor.action.commentLine');
    await changed;
    assert.match(document.lineAt(0).text, /^# /);
    changed = nextChange(document);
    await vscode.commands.executeCommand('undo');
    await changed;
    assert.doesNotMatch(document.lineAt(0).text, /^# /);
    assert.equal(document.isDirty, false);
  });
});
