import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StepElement, StepsElement, StepsTree } from '../../../src/extension/steps/stepsTree';
import type { StepsView } from '../../../src/extension/steps/stepsView';
import { openInEditor, ourExtension, repoFile } from './helpers';
import { INCOMPLETE_NOTES as INCOMPLETE } from '../../support/designs';

/** The part of the extension's exports these tests drive. */
interface Api {
  steps: StepsView;
}

const TITLES = ['1. Requirements', '2. Estimation', '3. API', '4. Data Model', '5. Design'];

describe('steps view', () => {
  let steps: StepsView;
  let example: vscode.TextDocument;

  before(async () => {
    example = await openInEditor(repoFile('examples', 'photo-sharing.sysdesign.yaml'));
    steps = ((await ourExtension().activate()) as Api).steps;
    assert.ok(steps, 'the extension exports its steps view');
  });

  after(async () => {
    await closeUntitled();
  });

  it('shows the five steps of the complete spec example, each done, with its summary', async () => {
    await showDesign(example);
    const tree = await treeOf(steps, example);
    const items = tree.roots.map((root) => steps.provider.getTreeItem(root));
    assert.deepEqual(
      items.map((i) => i.label),
      TITLES,
    );
    assert.deepEqual(
      items.map((i) => i.description),
      ['3 functional, 5 non-functional', '3.47k read QPS · 23.1 write QPS · 43.8 PB', '3 endpoints', '2 tables', '7 components · 2/2 dry runs'],
    );
    assert.deepEqual(items.map(icon), Array(5).fill('pass-filled testing.iconPassed'));
    assert.deepEqual(
      items.map((i) => i.id),
      ['requirements', 'estimation', 'api', 'data-model', 'design'].map((key) => `${example.uri.toString()}#step:${key}`),
    );

    assert.deepEqual(labels(steps, child(tree, 'api')), ['POST /v1/photos', 'GET /v1/feed?cursor={cursor}', 'PATCH /v1/photos/{photo_id}']);
    assert.deepEqual(labels(steps, child(tree, 'estimation')), ['upload-photo', 'view-feed']);
    assert.equal(steps.provider.getTreeItem(child(tree, 'estimation')[1]).description, '3.47k/s read · peak 10.4k/s');
    assert.deepEqual(labels(steps, child(tree, 'design')), ['Components (7)', 'Connections (7)', 'Dry runs (2/2)', 'Busiest (all under target)']);

    // Components sit in a folder, each with the icon of its kind; getParent climbs back up.
    const cache = element(steps, 'component:feed-cache');
    const cacheItem = steps.provider.getTreeItem(cache);
    assert.equal(cacheItem.description, 'cache · Redis · 12.9%');
    assert.equal((cacheItem.iconPath as vscode.ThemeIcon).id, 'zap');
    const folder = steps.provider.getParent(cache);
    assert.equal(folder?.key, 'folder:components');
    assert.equal(steps.provider.getParent(folder!)?.key, 'step:design');

    // Dry runs with their check result.
    const dryRun = steps.provider.getTreeItem(element(steps, 'flow:view-feed-dry-run'));
    // 99.9% with 8 replicas: 1 - 0.001^8 is 1 to double precision
    assert.equal(dryRun.description, '6 hops · 100% · 20 ms / 200 ms ✓');
    assert.equal(icon(dryRun), 'pass testing.iconPassed');
  });

  it('keeps showing the last design while a non-design editor is active', async () => {
    await showDesign(example);
    await treeOf(steps, example);
    const plain = await openInEditor(repoFile('test', 'integration', 'fixtures', 'plain.yaml'));
    assert.equal(vscode.window.activeTextEditor?.document, plain);
    assert.equal(steps.source.document, example);
    assert.equal(steps.provider.tree?.summary.uri, example.uri.toString());
  });

  it('shows what an incomplete design misses and where its problems are', async () => {
    const draft = await openUntitled(INCOMPLETE);
    const tree = await treeOf(steps, draft);
    const items = tree.roots.map((root) => steps.provider.getTreeItem(root));
    assert.deepEqual(
      items.map((i) => i.label),
      TITLES,
    );
    assert.deepEqual(
      items.map((i) => i.description),
      ['1 functional, 0 non-functional · 1 warning', 'not started', '1 endpoint · 1 error', 'not started', 'not started'],
    );
    assert.deepEqual(items.map(icon), [
      'warning problemsWarningIcon.foreground',
      'circle-large-outline disabledForeground',
      'error problemsErrorIcon.foreground',
      'circle-large-outline disabledForeground',
      'circle-large-outline disabledForeground',
    ]);

    // The tooltip says what is still missing and names the first problems.
    const tooltip = plainText(items[0].tooltip);
    assert.match(tooltip, /Still missing:[\s\S]*what is out of scope[\s\S]*an availability target/);
    assert.match(tooltip, /No API serves "post-note"/);

    // An item carries its own problems.
    const api = steps.provider.getTreeItem(element(steps, 'api:post-note'));
    assert.equal(api.description, '→ post-notee · 1 error');
    assert.equal(icon(api), 'error problemsErrorIcon.foreground');
    assert.match(plainText(api.tooltip), /did you mean "post-note"/);
  });

  it('changes a status after an edit, keeping the ids', async () => {
    const draft = await openUntitled(INCOMPLETE);
    await treeOf(steps, draft);
    const idBefore = steps.provider.getTreeItem(root(steps, 'api')).id;

    const offset = draft.getText().indexOf('post-notee');
    const fix = new vscode.WorkspaceEdit();
    fix.replace(draft.uri, new vscode.Range(draft.positionAt(offset), draft.positionAt(offset + 'post-notee'.length)), 'post-note');
    const refreshed = waitForTree(
      steps,
      (tree) => tree.summary.uri === draft.uri.toString() && icon(steps.provider.getTreeItem(stepIn(tree, 'api'))) === 'pass-filled testing.iconPassed',
    );
    assert.equal(await vscode.workspace.applyEdit(fix), true);
    const tree = await refreshed;

    assert.equal(steps.provider.getTreeItem(stepIn(tree, 'api')).id, idBefore);
    assert.equal(steps.provider.getTreeItem(stepIn(tree, 'api')).description, '1 endpoint');
    // The warning on the requirement went with it: step 1 is now just incomplete.
    assert.equal(icon(steps.provider.getTreeItem(stepIn(tree, 'requirements'))), 'issue-draft charts.yellow');
  });

  it("selects an item's range in the editor when the item is clicked", async () => {
    await showDesign(example);
    await treeOf(steps, example);
    const item = steps.provider.getTreeItem(element(steps, 'api:get-feed'));
    assert.ok(item.command, 'an item has a click command');
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));

    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document, example);
    const text = example.getText();
    const start = text.indexOf('id: get-feed');
    const end = text.indexOf('\n', text.indexOf('requirement: view-feed', start));
    assert.equal(example.getText(editor.selection), text.slice(start, end));
    // The cursor sits at the start of the item.
    assert.deepEqual(editor.selection.active, example.positionAt(start));
  });

  it('follows the cursor: the item that contains it is selected in the view', async () => {
    await vscode.commands.executeCommand('sysdesign.steps.focus');
    if (!steps.view.visible) await once(steps.view.onDidChangeVisibility);
    const editor = await showDesign(example);
    await treeOf(steps, example);

    // Inside a component (its folder is collapsed: reveal opens it).
    let selected = nextSelection(steps);
    editor.selection = cursorAt(example, '    tech: Redis', 6);
    assert.equal((await selected).key, 'component:feed-cache');

    // A flow step is no item of its own: its dry run contains it.
    selected = nextSelection(steps);
    editor.selection = cursorAt(example, '      - api -> feed-cache: { label: newest photo ids, size: 20 * 16 bytes }', 10);
    assert.equal((await selected).key, 'flow:view-feed-dry-run');
  });

  it('adds an item where its step needs it, as one undoable edit', async () => {
    const draft = await openUntitled(INCOMPLETE);
    await treeOf(steps, draft);

    // A step without a section: the section is created at the end.
    await vscode.commands.executeCommand('sysdesign.steps.addItem', root(steps, 'data-model'));
    assert.equal(draft.getText(), `${INCOMPLETE}\ndata_models:\n  - id: new_table\n    fields:\n      id: uuid pk\n`);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document, draft);
    assert.equal(draft.getText(editor.selection), 'new_table', 'the first placeholder is selected, ready to type');
    assert.ok(steps.provider.element('data-model:new_table'), 'the view shows the new table');
    await vscode.commands.executeCommand('undo');
    assert.equal(draft.getText(), INCOMPLETE);

    // A step with a list: after its last item, with its indentation, for the requirement without an API.
    await treeOf(steps, draft, (tree) => !tree.byKey.has('data-model:new_table'));
    await vscode.commands.executeCommand('sysdesign.steps.addItem', root(steps, 'api'));
    assert.equal(
      draft.getText(),
      INCOMPLETE.replace('requirement: post-notee\n', 'requirement: post-notee\n  - id: post-note-2\n    method: POST\n    path: /v1/items\n    requirement: post-note\n'),
    );
    assert.ok(steps.provider.element('api:post-note-2'), 'the view shows the new endpoint');
    await vscode.commands.executeCommand('undo');
    assert.equal(draft.getText(), INCOMPLETE);
  });

  it("adds an item in the document's own line breaks and indentation, touching nothing else", async () => {
    const crlf = 'sysdesign: 1\r\nname: Wide\r\nrequirements:    # four spaces\r\n    out_of_scope:\r\n        - Billing\r\n';
    const draft = await openUntitled(crlf);
    assert.equal(draft.eol, vscode.EndOfLine.CRLF);
    await treeOf(steps, draft);
    // `functional:` is missing from `requirements`: it is added after the map's last entry.
    await vscode.commands.executeCommand('sysdesign.steps.addItem', root(steps, 'requirements'));
    assert.equal(
      draft.getText(),
      crlf.replace('- Billing\r\n', '- Billing\r\n    functional:\r\n        - id: new-requirement\r\n          text: A user does something\r\n          op: create\r\n'),
    );
    await vscode.commands.executeCommand('undo');
    assert.equal(draft.getText(), crlf);
  });
});

// ---------------------------------------------------------------------------

function icon(item: vscode.TreeItem): string {
  const i = item.iconPath as vscode.ThemeIcon;
  return [i.id, i.color?.id].filter(Boolean).join(' ');
}

/** A Markdown tooltip's text without its backslash escapes. */
function plainText(tooltip: vscode.TreeItem['tooltip']): string {
  assert.ok(tooltip instanceof vscode.MarkdownString, 'a Markdown tooltip');
  return tooltip.value.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

function labels(steps: StepsView, elements: readonly StepsElement[]): unknown[] {
  return elements.map((e) => steps.provider.getTreeItem(e).label);
}

function stepIn(tree: StepsTree, key: string): StepElement {
  const found = tree.roots.find((r) => r.stepKey === key);
  assert.ok(found, `step ${key}`);
  return found;
}

function root(steps: StepsView, key: string): StepElement {
  assert.ok(steps.provider.tree, 'the view shows a design');
  return stepIn(steps.provider.tree, key);
}

function child(tree: StepsTree, key: string): readonly StepsElement[] {
  return stepIn(tree, key).children;
}

function element(steps: StepsView, key: string): StepsElement {
  const found = steps.provider.element(key);
  assert.ok(found, `the view has ${key}`);
  return found;
}

/** Resolves with the view's tree once `test` holds for it, checked now and after each change of the tree. */
function waitForTree(steps: StepsView, test: (tree: StepsTree) => boolean): Promise<StepsTree> {
  return new Promise((resolve) => {
    const check = () => {
      const tree = steps.provider.tree;
      if (tree && test(tree)) {
        listener.dispose();
        resolve(tree);
      }
    };
    const listener = steps.provider.onDidChangeTreeData(check);
    check();
  });
}

/** The view's tree once it shows `document` (and `test` holds). */
function treeOf(steps: StepsView, document: vscode.TextDocument, test: (tree: StepsTree) => boolean = () => true): Promise<StepsTree> {
  return waitForTree(steps, (tree) => tree.summary.uri === document.uri.toString() && test(tree));
}

async function showDesign(document: vscode.TextDocument): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(document);
}

async function openUntitled(content: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ language: 'sysdesign', content });
  await vscode.window.showTextDocument(document);
  return document;
}

async function closeUntitled(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isUntitled)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

function nextSelection(steps: StepsView): Promise<StepsElement> {
  return new Promise((resolve) => {
    const listener = steps.view.onDidChangeSelection((event) => {
      if (event.selection.length === 0) return;
      listener.dispose();
      resolve(event.selection[0]);
    });
  });
}

function once<T>(event: vscode.Event<T>): Promise<T> {
  return new Promise((resolve) => {
    const listener = event((value) => {
      listener.dispose();
      resolve(value);
    });
  });
}

function cursorAt(document: vscode.TextDocument, line: string, column: number): vscode.Selection {
  const offset = document.getText().indexOf(`\n${line}\n`);
  assert.ok(offset >= 0, `the example has the line ${JSON.stringify(line)}`);
  const position = document.positionAt(offset + 1 + column);
  return new vscode.Selection(position, position);
}
