// The diagram preview inside the real extension host: open it beside a design with the
// command, watch it redraw as the design changes, switch views, export. The webview's
// own content is checked through what it exports (the export waits until the preview
// shows the document's current version), so nothing here waits on a timer.
import * as assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { openInEditor, ourExtension, repoFile } from './helpers';

const VIEW_TYPE = 'sysdesign.preview';

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(VIEW_TYPE));
}

/** The preview tabs once there are `n` of them (the tab model reaches the extension host a moment after the panel opens). */
function previewTabsWhen(n: number): Promise<vscode.Tab[]> {
  return new Promise((resolve) => {
    const check = () => {
      const tabs = previewTabs();
      if (tabs.length !== n) return false;
      listener.dispose();
      resolve(tabs);
      return true;
    };
    const listener = vscode.window.tabGroups.onDidChangeTabs(() => check());
    check();
  });
}

/** Exports the preview's current view as SVG to a temporary file and returns the text. */
async function exportSvg(name: string): Promise<string> {
  const target = vscode.Uri.file(join(tmpdir(), `sysdesign-preview-${process.pid}-${name}.svg`));
  const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('sysdesign.preview.exportSvg', target);
  assert.equal(written?.toString(), target.toString(), 'the export command answers with the file it wrote');
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
  await vscode.workspace.fs.delete(target);
  return text;
}

function count(text: string, pattern: RegExp): number {
  return [...text.matchAll(pattern)].length;
}

/** Flowchart and ER nodes in Mermaid's SVG: `<g class="node default ...">`. */
const NODE = /<g class="node\b/g;

describe('the diagram preview', function () {
  let document: vscode.TextDocument;

  before(async () => {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(repoFile('test', 'fixtures', 'spec-example.sysdesign.yaml')));
    // An untitled design: the test writes nothing into the workspace.
    document = await vscode.workspace.openTextDocument({ language: 'sysdesign', content: text });
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
  });

  after(async () => {
    for (const tab of previewTabs()) await vscode.window.tabGroups.close(tab);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('opens beside the design from the command, keeps the focus in the editor and draws the architecture', async () => {
    await vscode.commands.executeCommand('sysdesign.openPreviewToSide', document.uri);
    const tabs = await previewTabsWhen(1);
    assert.equal(tabs[0].group.viewColumn, vscode.ViewColumn.Two, 'beside the editor');
    assert.match(tabs[0].label, /^Preview Untitled-\d+$/);
    assert.equal(vscode.window.activeTextEditor?.document, document, 'the editor keeps the focus');

    const svg = await exportSvg('architecture');
    assert.match(svg, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg[^>]*aria-roledescription="flowchart-v2"/);
    assert.equal(count(svg, NODE), 7, 'one node per component of the design');
    assert.match(svg, /Photo sharing architecture/);
  });

  it('opening it again reveals the same preview instead of a second one', async () => {
    await vscode.commands.executeCommand('sysdesign.openPreviewToSide', document.uri);
    await exportSvg('again'); // the round trip through the webview: any second panel would exist by now
    assert.equal(previewTabs().length, 1);
  });

  it('redraws as the design changes: a new component is a new node', async () => {
    const line = document
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('components:'));
    assert.ok(line >= 0);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(line + 1, 0), '  - id: audit-log\n    kind: queue\n    label: Audit log\n');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    const svg = await exportSvg('grown');
    assert.equal(count(svg, NODE), 8);
    assert.match(svg, /Audit log/);
  });

  it('keeps the last good diagram while the YAML is broken', async () => {
    const line = document
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('name: '));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(line, 'name: '.length), '"');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    const svg = await exportSvg('broken');
    assert.equal(count(svg, NODE), 8, 'still the last diagram that could be read');
    const undo = new vscode.WorkspaceEdit();
    undo.delete(document.uri, new vscode.Range(line, 'name: '.length, line, 'name: '.length + 1));
    assert.equal(await vscode.workspace.applyEdit(undo), true);
  });

  it('switches to a dry run (a sequence diagram) and to the data model (an ER diagram)', async () => {
    await vscode.commands.executeCommand('sysdesign.openPreviewToSide', document.uri, { view: 'flow:upload-photo-dry-run' });
    const sequence = await exportSvg('dry-run');
    assert.match(sequence, /aria-roledescription="sequence"/);
    for (const participant of ['Mobile app', 'Photo API', 'blobs']) assert.ok(sequence.includes(participant), participant);
    assert.equal(count(sequence, /class="messageText"/g), 6, 'one message per step');

    await vscode.commands.executeCommand('sysdesign.openPreviewToSide', document.uri, { view: 'er' });
    const er = await exportSvg('data-model');
    assert.match(er, /aria-roledescription="er"/);
    assert.equal(count(er, NODE), 2, 'photos and users');
  });

  it('compares with another version from a file: the server says what changed, the preview opens on Changes, Stop ends it (issue #18)', async () => {
    const other = vscode.Uri.file(join(tmpdir(), `sysdesign-compare-${process.pid}.sysdesign.yaml`));
    // The other version has api at 4 replicas where the document has 8.
    await vscode.workspace.fs.writeFile(other, new TextEncoder().encode(document.getText().replace('replicas: 8 ', 'replicas: 4 ')));
    try {
      const compared = await vscode.commands.executeCommand<{ against: string; summary: string } | undefined>('sysdesign.compareWith', document.uri.toString(), other.toString());
      assert.equal(compared?.against, `sysdesign-compare-${process.pid}.sysdesign.yaml`);
      assert.match(compared?.summary ?? '', /^1 changed; \d+ figures? moved$/);
      const api = (await ourExtension().activate()) as { compare: { against(uri: vscode.Uri): string | undefined } };
      assert.equal(api.compare.against(document.uri), compared?.against);
      assert.equal(previewTabs().length, 1, 'the preview is open');
      // The preview shows the Changes tab, which is not a diagram: an export says so and writes nothing.
      const target = vscode.Uri.file(join(tmpdir(), `sysdesign-preview-${process.pid}-changes.svg`));
      assert.equal(await vscode.commands.executeCommand('sysdesign.preview.exportSvg', target), undefined);
      await vscode.commands.executeCommand('sysdesign.stopComparing', document.uri.toString());
      assert.equal(api.compare.against(document.uri), undefined);
      // The last committed version of an untitled design: a clear error, and nothing compared.
      assert.equal(await vscode.commands.executeCommand('sysdesign.compareWith', document.uri.toString(), 'git:HEAD'), undefined);
      assert.equal(api.compare.against(document.uri), undefined);
    } finally {
      await vscode.workspace.fs.delete(other);
    }
  });

  it('focuses on a component from the command (a lens and the steps view run it too): its neighbours only (issue #17)', async () => {
    await vscode.commands.executeCommand('sysdesign.focusComponent', document.uri.toString(), 'api');
    const svg = await exportSvg('focus');
    // api and the components it is connected with: lb, photo-db, blobs, feed-cache.
    assert.equal(count(svg, NODE), 5);
    assert.match(svg, /Photo API/);
    assert.doesNotMatch(svg, /Mobile app/, 'not a neighbour of api');
    await vscode.commands.executeCommand('sysdesign.openPreviewToSide', document.uri, { view: 'architecture' });
  });

  it('exports a PNG', async () => {
    await vscode.commands.executeCommand('sysdesign.openPreviewToSide', document.uri, { view: 'architecture' });
    const target = vscode.Uri.file(join(tmpdir(), `sysdesign-preview-${process.pid}.png`));
    await vscode.commands.executeCommand('sysdesign.preview.exportPng', target);
    const bytes = await vscode.workspace.fs.readFile(target);
    await vscode.workspace.fs.delete(target);
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.ok(bytes.length > 1000);
  });

  it('refuses to export when no preview is open, and writes nothing', async () => {
    for (const tab of previewTabs()) await vscode.window.tabGroups.close(tab);
    const target = vscode.Uri.file(join(tmpdir(), `sysdesign-preview-${process.pid}-never.svg`));
    // registerCommands turns the thrown error into an error message; the command answers undefined.
    assert.equal(await vscode.commands.executeCommand('sysdesign.preview.exportSvg', target), undefined);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(target)), 'nothing written');
  });
});

// Opening from a file on disk, too (`openInEditor` for a real file): the command takes the active design.
describe('the diagram preview of the active editor', () => {
  after(async () => {
    for (const tab of previewTabs()) await vscode.window.tabGroups.close(tab);
  });

  it('opens for the active design when the command gets no URI', async () => {
    const document = await openInEditor(repoFile('examples', 'url-shortener.sysdesign.yaml'));
    await vscode.commands.executeCommand('sysdesign.openPreviewToSide');
    const tabs = await previewTabsWhen(1);
    assert.equal(tabs[0].label, 'Preview url-shortener.sysdesign.yaml');
    assert.equal(vscode.window.activeTextEditor?.document, document);
    const svg = await exportSvg('url-shortener');
    assert.ok(count(svg, NODE) > 0);
  });
});
