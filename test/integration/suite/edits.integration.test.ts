// Golden edits in the real editor: the Design Steps view's "add item" inserts its snippet
// through VS Code (`TextEditor.insertSnippet`), which could re-indent it or change its line
// breaks. Each case copies an input of test/golden/edits/input/ (a UTF-8 byte-order mark,
// CRLF line breaks, comments on and right after the lines the insert goes between, odd
// indentation) into a temporary folder, opens it, runs `sysdesign.steps.addItem`, saves,
// and compares the file's bytes with the golden file the server test
// (test/server/edits.server.test.ts) checks the server's insertion against.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { StepsTree } from '../../../src/extension/steps/stepsTree';
import type { StepsView } from '../../../src/extension/steps/stepsView';
import { visible } from '../../support/text';
import { ourExtension, repoFile } from './helpers';

interface Case {
  /** test/golden/edits/expected/<golden>.sysdesign.yaml */
  golden: string;
  /** test/golden/edits/input/<input>.sysdesign.yaml */
  input: string;
  /** The step whose "+" is clicked, and the kind of item when the step offers several. */
  step: string;
  kind: string;
}

const CASES: Case[] = [
  { golden: 'add-requirement', input: 'chat', step: 'requirements', kind: 'requirement' },
  { golden: 'add-traffic', input: 'chat', step: 'estimation', kind: 'traffic' },
  { golden: 'add-api', input: 'chat', step: 'api', kind: 'api' },
  { golden: 'add-data-model', input: 'chat', step: 'data-model', kind: 'data-model' },
  { golden: 'add-component', input: 'chat', step: 'design', kind: 'component' },
  { golden: 'add-connection', input: 'chat', step: 'design', kind: 'connection' },
  { golden: 'add-flow', input: 'chat', step: 'design', kind: 'flow' },
  { golden: 'sparse-add-requirement', input: 'sparse', step: 'requirements', kind: 'requirement' },
  { golden: 'sparse-add-component', input: 'sparse', step: 'design', kind: 'component' },
  { golden: 'bare-add-component', input: 'bare', step: 'design', kind: 'component' },
];

const BOM = '\uFEFF';

describe('golden edits in the editor: "add item" changes only its place, in the file\'s own bytes', () => {
  let steps: StepsView;
  let folder: string;

  before(async () => {
    steps = ((await ourExtension().activate()) as { steps: StepsView }).steps;
    assert.ok(steps, 'the extension exports its steps view');
    folder = mkdtempSync(join(tmpdir(), 'sysdesign-edits-'));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(folder, { recursive: true, force: true });
  });

  for (const c of CASES) {
    it(`${c.golden}: ${c.kind} in ${c.input}`, async () => {
      const input = readFileSync(repoFile('test', 'golden', 'edits', 'input', `${c.input}.sysdesign.yaml`).fsPath);
      const expected = readFileSync(repoFile('test', 'golden', 'edits', 'expected', `${c.golden}.sysdesign.yaml`).fsPath);
      assert.ok(input.toString('utf8').startsWith(BOM) && input.includes('\r\n'), 'the input has a byte-order mark and CRLF line breaks');
      const file = join(folder, `${c.golden}.sysdesign.yaml`);
      writeFileSync(file, input);

      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      const editor = await vscode.window.showTextDocument(document);
      // VS Code keeps the byte-order mark out of the text and writes it back on save.
      assert.equal(document.getText(), input.toString('utf8').slice(1));
      assert.equal(document.eol, vscode.EndOfLine.CRLF);
      const tree = await treeOf(steps, document);
      const step = tree.roots.find((r) => r.stepKey === c.step);
      assert.ok(step, `the step ${c.step}`);

      await vscode.commands.executeCommand('sysdesign.steps.addItem', step, c.kind);
      assert.equal(vscode.window.activeTextEditor?.document, document, 'the design stays the active editor');
      assert.equal(visible(document.getText()), visible(expected.toString('utf8').slice(1)), `the text is expected/${c.golden} (without its BOM)`);
      assert.notEqual(document.getText(editor.selection), '', 'the first placeholder is selected');

      assert.equal(await document.save(), true, 'saved');
      const saved = readFileSync(file);
      assert.equal(visible(saved.toString('utf8')), visible(expected.toString('utf8')));
      assert.ok(saved.equals(expected), `the saved bytes are expected/${c.golden}.sysdesign.yaml, byte-order mark and CRLF included`);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });
  }
});

/** The view's tree once it shows `document`, checked now and after each change of the tree. */
function treeOf(steps: StepsView, document: vscode.TextDocument): Promise<StepsTree> {
  return new Promise((resolve) => {
    const check = () => {
      const tree = steps.provider.tree;
      if (tree && tree.summary.uri === document.uri.toString() && tree.summary.version === document.version) {
        listener.dispose();
        resolve(tree);
      }
    };
    const listener = steps.provider.onDidChangeTreeData(check);
    check();
  });
}
