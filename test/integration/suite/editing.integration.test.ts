// The editing experience in the real VS Code: the language server's features as the
// editor's own commands see them (`vscode.execute*Provider`), on untitled copies of the
// spec example (examples/photo-sharing.sysdesign.yaml is only read, never changed).
// Every test waits for the server to publish diagnostics for its document, never sleeps.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { replaceOnce } from '../../support/text';
import type { StepsView } from '../../../src/extension/steps/stepsView';
import { ourExtension, repoFile } from './helpers';

/** The position of `offset` characters into the (`nth`) occurrence of `needle`. */
function positionOf(document: vscode.TextDocument, needle: string, offset = 0, nth = 0): vscode.Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = document.getText().indexOf(needle, at + 1);
  assert.ok(at >= 0, `"${needle}" in the document`);
  return document.positionAt(at + offset);
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

describe('editing', () => {
  let example: string;
  const opened: vscode.TextDocument[] = [];
  const listeners: vscode.Disposable[] = [];

  /**
   * Resolves with the diagnostics of `document` the next time the server publishes them
   * and `accept` agrees (an empty list counts: the server publishes one for a clean design).
   */
  function nextDiagnostics(document: vscode.TextDocument, accept: (d: readonly vscode.Diagnostic[]) => boolean = () => true): Promise<vscode.Diagnostic[]> {
    return new Promise((resolve) => {
      const listener = vscode.languages.onDidChangeDiagnostics((event) => {
        if (!event.uris.some((uri) => uri.toString() === document.uri.toString())) return;
        const diagnostics = vscode.languages.getDiagnostics(document.uri);
        if (!accept(diagnostics)) return;
        listener.dispose();
        resolve(diagnostics);
      });
      listeners.push(listener);
    });
  }

  /** Opens `text` as a new untitled design and resolves once the server has analysed it. */
  async function openDesign(text: string): Promise<{ document: vscode.TextDocument; diagnostics: vscode.Diagnostic[] }> {
    const document = await vscode.workspace.openTextDocument({ language: 'sysdesign', content: text });
    opened.push(document);
    // Subscribed in the same turn as the open: the server's answer comes in a later one.
    const analysed = nextDiagnostics(document);
    await vscode.window.showTextDocument(document);
    return { document, diagnostics: await analysed };
  }

  before(async () => {
    example = new TextDecoder().decode(await vscode.workspace.fs.readFile(repoFile('examples', 'photo-sharing.sysdesign.yaml')));
  });

  after(async () => {
    for (const listener of listeners.splice(0)) listener.dispose();
    for (const document of opened.splice(0)) {
      if (document.isClosed) continue;
      // Untitled copies are dirty: close them without a "save?" prompt.
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('shows a problem on the exact characters as you open, and clears it as you fix it', async () => {
    const broken = replaceOnce(example, '  - api -> photo-db: SQL', '  - api -> photo-dbb: SQL');
    const { document, diagnostics } = await openDesign(broken);
    const unknown = diagnostics.filter((d) => codeOf(d) === 'sysdesign/unknown-component');
    assert.equal(unknown.length, 1, diagnostics.map((d) => `${codeOf(d)} ${d.message}`).join('\n'));
    const [d] = unknown;
    assert.equal(document.getText(d.range), 'photo-dbb');
    assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.character], [document.positionAt(broken.indexOf('photo-dbb')).line, 11, 20]);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d.source, 'sysdesign');
    assert.match(d.message, /did you mean "photo-db"\?/);

    // Typing the fix: the next analysis has no problems left.
    const cleared = nextDiagnostics(document, (all) => all.length === 0);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, d.range, 'photo-db');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.deepEqual(await cleared, []);
    assert.equal(document.getText(), example);
  });

  it('completes the component kinds after `kind: `', async () => {
    const text = replaceOnce(example, '    tech: Redis\n', '    tech: Redis\n  - id: extra\n    kind: \n');
    const { document } = await openDesign(text);
    const position = positionOf(document, '    kind: \n', '    kind: '.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    const kinds = [
      'client',
      'dns',
      'cdn',
      'load-balancer',
      'api-gateway',
      'service',
      'worker',
      'function',
      'cache',
      'sql-database',
      'nosql-database',
      'object-store',
      'queue',
      'stream',
      'search',
      'external',
    ];
    for (const kind of kinds) assert.ok(labels.includes(kind), `"${kind}" among ${labels.join(', ')}`);
    const cache = list.items.find((item) => item.label === 'cache')!;
    assert.equal(cache.kind, vscode.CompletionItemKind.EnumMember);
  });

  it('offers the snippets of the language, e.g. component-cache under `components:`', async () => {
    const text = replaceOnce(example, '    tech: Redis\n', '    tech: Redis\n  \n');
    const { document } = await openDesign(text);
    const position = positionOf(document, '    tech: Redis\n  \n', '    tech: Redis\n  '.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
    const snippet = list.items.find((item) => (typeof item.label === 'string' ? item.label : item.label.label) === 'component-cache');
    assert.ok(snippet, `component-cache among ${list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label)).join(', ')}`);
    assert.equal(snippet.kind, vscode.CompletionItemKind.Snippet);
    const body = snippet.insertText instanceof vscode.SnippetString ? snippet.insertText.value : String(snippet.insertText);
    assert.match(body, /^- id: \$\{1:cache\}\n {2}kind: cache\n/);
  });

  it('shows what a quantity comes to on hover', async () => {
    const { document } = await openDesign(example);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, '2MB + caption', 1));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /`size` = \*\*2 MB\*\*/);
    assert.match(text, /in base units: 2,000,200 bytes/);
    assert.match(text, /uses `caption` = 200 bytes/);
    const range = hovers.find((h) => h.range)?.range;
    assert.ok(range, 'the hover has a range');
    assert.equal(document.getText(range), '2MB + caption');
  });

  it('renames a component id everywhere it is used, and nowhere else', async () => {
    const { document } = await openDesign(example);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider',
      document.uri,
      positionOf(document, '  - id: api\n', '  - id: '.length),
      'backend-api',
    );
    const edits = edit.get(document.uri);
    assert.equal(edits.length, 15, 'the definition and 14 uses, one in a scenario’s path');
    assert.ok(
      edits.every((e) => document.getText(e.range) === 'api'),
      'each edit covers exactly `api`',
    );
    assert.ok(await vscode.workspace.applyEdit(edit));
    // Outside comments, every `api` that is a whole id (not `apis:` nor "Photo API").
    const expected = example
      .split('\n')
      .map((line) => line.replace(/^[^#]*/, (code) => code.replace(/(?<![\w-])api(?![\w-])/g, 'backend-api')))
      .join('\n');
    assert.equal(document.getText(), expected);
  });

  it('creates a missing component with a quick fix', async () => {
    const text = replaceOnce(example, '  - api -> feed-cache\n', '  - api -> feed-cache\n  - api -> queue\n');
    const { document, diagnostics } = await openDesign(text);
    const problem = diagnostics.find((d) => codeOf(d) === 'sysdesign/unknown-component');
    assert.ok(problem, diagnostics.map((d) => codeOf(d)).join(', '));
    assert.equal(document.getText(problem.range), 'queue');
    const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>('vscode.executeCodeActionProvider', document.uri, problem.range);
    const create = actions.find((a): a is vscode.CodeAction => a.title === 'Create component "queue"');
    assert.ok(create?.edit, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(create.kind?.value, vscode.CodeActionKind.QuickFix.value);

    const cleared = nextDiagnostics(document, (all) => all.length === 0);
    assert.ok(await vscode.workspace.applyEdit(create.edit));
    assert.equal(document.getText(), replaceOnce(text, '    tech: Redis\n', '    tech: Redis\n  - id: queue\n    kind: service\n'));
    assert.deepEqual(await cleared, [], 'the design is whole again');
  });

  it('shows the estimate in code lenses', async () => {
    const { document } = await openDesign(example);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    const at = (line: number) => lenses.filter((l) => l.range.start.line === line).map((l) => l.command?.title);
    assert.deepEqual(at(positionOf(document, '\nestimation:', 1).line), [
      'Reads 3.47k/s (peak 10.4k/s) · Writes 23.1/s (peak 46.3/s) · 150:1 read:write',
      'Storage 4 TB/day · 120 TB/month · 1.46 PB/year · 43.8 PB total',
      'In 46.3 MB/s · Out 13.9 GB/s · Cache 240 TB · Servers 6',
    ]);
    assert.deepEqual(at(positionOf(document, '- id: upload-photo', 2, 1).line), ['23.1/s avg · 46.3/s peak · 46.3 MB/s in · 4 TB/day stored']);
    assert.deepEqual(at(positionOf(document, 'availability: 99.99%', 0).line), ['Downtime budget 52.6 min/year · 4.32 min/month · 1.01 min/week · 8.64 s/day']);
    assert.deepEqual(at(positionOf(document, '- id: view-feed-dry-run', 2).line), [
      '6 hops · availability 100% ✓ (target 99.99%) · latency 20 ms ✓ (target 200 ms) · 10.4k/s at peak · single points of failure: lb, feed-cache',
    ]);
    // 8 of the estimate and the dry runs, the cost above `components`, one per component with load
    // (lb, api, photo-db, blobs, feed-cache), *Focus* on each of the 7 components (issue #17),
    // and two per scenario (its headline, and a click that shows it)
    const scenarioLines = new Set([positionOf(document, '- id: launch-day').line, positionOf(document, '- id: cache-down').line]);
    const focus = lenses.filter((l) => l.command?.command === 'sysdesign.focusComponent');
    assert.equal(focus.length, 7);
    assert.deepEqual(focus.find((l) => l.range.start.line === positionOf(document, '- id: api').line)?.command?.arguments, [document.uri.toString(), 'api']);
    assert.equal(lenses.filter((l) => !scenarioLines.has(l.range.start.line) && l.command?.command !== 'sysdesign.focusComponent').length, 14);
    assert.deepEqual(
      lenses.filter((l) => scenarioLines.has(l.range.start.line)).map((l) => l.command?.title?.replace(/^peak .*/, 'headline')),
      ['headline', 'Show in the editor', 'headline', 'Show in the editor'],
    );
  });

  it('shows the scenario Select Scenario chooses in the lenses, from a command or a lens, and the base again (issue #16)', async () => {
    const { document } = await openDesign(example);
    const lenses = () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    const titles = async () => (await lenses()).map((l) => l.command?.title ?? '');
    const readLine = positionOf(document, '- id: view-feed', 2, 1).line;
    const readLens = async () => (await lenses()).find((l) => l.range.start.line === readLine)?.command?.title;
    assert.match((await readLens()) ?? '', /^3\.47k\/s avg · 10\.4k\/s peak/);
    await vscode.commands.executeCommand('sysdesign.selectScenario', document.uri.toString(), 'launch-day');
    assert.ok((await titles()).includes('Showing scenario "Launch day, 3x traffic": show the base design'));
    assert.match((await readLens()) ?? '', /^10\.4k\/s avg · 31\.3k\/s peak/);
    // The steps view says whose figures it shows.
    const { steps, scenarios } = (await ourExtension().activate()) as { steps: StepsView; scenarios: { active(uri: vscode.Uri): string | undefined } };
    assert.equal(scenarios.active(document.uri), 'launch-day');
    await steps.source.refresh();
    assert.equal(steps.view.description, 'Photo sharing · scenario Launch day, 3x traffic');
    // The other scenario's lens runs the same command with its id.
    const show = (await lenses()).find((l) => l.command?.title === 'Show in the editor');
    assert.deepEqual(show?.command?.arguments, [document.uri.toString(), 'cache-down']);
    await vscode.commands.executeCommand(show!.command!.command, ...show!.command!.arguments!);
    assert.ok((await titles()).includes('Showing scenario "Feed cache down": show the base design'));
    await vscode.commands.executeCommand('sysdesign.selectScenario', document.uri.toString(), null);
    assert.ok(!(await titles()).some((t) => t.startsWith('Showing scenario')));
    assert.match((await readLens()) ?? '', /^3\.47k\/s avg · 10\.4k\/s peak/);
  });
});
