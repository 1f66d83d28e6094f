/**
 * The Design Steps views: `sysdesign.steps` in the System Design activity-bar container
 * and `sysdesign.stepsExplorer` in the Explorer (shown when
 * `sysdesign.steps.showInExplorer` is on), both fed by one provider. This object owns
 * them, the design source, the cursor follow and the view's commands; `dispose` ends
 * them all.
 */
import * as vscode from 'vscode';
import type { Command } from '../commands/command';
import { Disposable } from '../disposable';
import { addItemCommand } from './addItemCommand';
import { DesignSource, type AnalysisClient } from './designSource';
import { refreshCommand } from './refreshCommand';
import { revealCommand } from './revealCommand';
import { StepsProvider } from './stepsProvider';
import type { StepsElement } from './stepsTree';

export const STEPS_VIEW = 'sysdesign.steps';
export const STEPS_EXPLORER_VIEW = 'sysdesign.stepsExplorer';
/** Context key: a design is shown (for the palette's `when`). */
export const HAS_DESIGN_CONTEXT = 'sysdesign.steps.hasDesign';
export const FOLLOW_CURSOR_SETTING = 'sysdesign.steps.followCursor';

export class StepsView extends Disposable {
  readonly source: DesignSource;
  readonly provider: StepsProvider;
  /** The activity-bar view. */
  readonly view: vscode.TreeView<StepsElement>;
  /** The same tree in the Explorer. */
  readonly explorerView: vscode.TreeView<StepsElement>;
  readonly commands: readonly Command[];

  private followCursor: boolean;
  /** The selection the reveal command set last: following it back would be a loop. */
  private revealed: { uri: string; selection: vscode.Selection } | undefined;
  /** The key the cursor follow selected last; while the tree still shows it, refreshes follow on. */
  private followed: string | undefined;
  private hasDesign: boolean | undefined;

  constructor(client: AnalysisClient) {
    super();
    // Registered in this order, disposed in this order: the views before their provider and source.
    const source = new DesignSource(client);
    const provider = new StepsProvider(source);
    this.view = this._register(vscode.window.createTreeView(STEPS_VIEW, { treeDataProvider: provider, showCollapseAll: true }));
    this.explorerView = this._register(vscode.window.createTreeView(STEPS_EXPLORER_VIEW, { treeDataProvider: provider, showCollapseAll: true }));
    this.provider = this._register(provider);
    this.source = this._register(source);
    this.followCursor = readFollowCursor();
    this.commands = [refreshCommand(this), addItemCommand(this), revealCommand(this)];

    this._register(this.source.onDidChange(() => this.updateViews()));
    this._register(this.provider.onDidChangeTreeData(() => this.afterRefresh()));
    this._register(vscode.window.onDidChangeTextEditorSelection((event) => this.onSelection(event)));
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(FOLLOW_CURSOR_SETTING)) this.followCursor = readFollowCursor();
      }),
    );
    this.updateViews();
  }

  /** Shows `range` of the design `uri` in its editor; `select` selects it, `cursor` puts the cursor at its start. */
  async revealInEditor(uri: string, range: vscode.Range, mode: 'select' | 'cursor'): Promise<void> {
    const target = vscode.Uri.parse(uri);
    const open = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
    const document = open?.document ?? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) ?? (await vscode.workspace.openTextDocument(target));
    const editor = await vscode.window.showTextDocument(document, { viewColumn: open?.viewColumn, preserveFocus: true });
    const valid = document.validateRange(range);
    // The cursor at the start keeps the item's first line in view and inside the item.
    const selection = mode === 'select' ? new vscode.Selection(valid.end, valid.start) : new vscode.Selection(valid.start, valid.start);
    this.revealed = { uri, selection };
    editor.selection = selection;
    editor.revealRange(valid, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** Selects the element at `position` in every visible Design Steps view; resolves with it. */
  async revealAt(uri: vscode.Uri, position: vscode.Position): Promise<StepsElement | undefined> {
    const element = this.provider.elementAt(uri, position);
    if (!element) return undefined;
    this.followed = element.key;
    await Promise.all(
      [this.view, this.explorerView].filter((view) => view.visible && view.selection[0]?.key !== element.key).map((view) => view.reveal(element, { select: true, focus: false })),
    );
    return element;
  }

  private onSelection(event: vscode.TextEditorSelectionChangeEvent): void {
    if (!this.followCursor) return;
    const document = event.textEditor.document;
    if (document !== this.source.document) return;
    const selection = event.selections[0];
    // Kept after a match: opening an editor may report its old selection in between.
    if (this.revealed && this.revealed.uri === document.uri.toString() && selection.isEqual(this.revealed.selection)) return;
    this.follow(document.uri, selection.active);
  }

  /**
   * After a refresh, the element under the cursor may be new (an item just added or
   * typed): follow again, unless the author has picked something else in the tree since.
   */
  private afterRefresh(): void {
    if (!this.followCursor || this.followed === undefined) return;
    if (this.view.selection.length > 0 && this.view.selection[0].key !== this.followed) return;
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document !== this.source.document) return;
    this.follow(editor.document.uri, editor.selection.active);
  }

  private follow(uri: vscode.Uri, position: vscode.Position): void {
    // A convenience: a reveal that fails (the view closing, the tree replaced meanwhile) changes nothing else.
    this.revealAt(uri, position).catch(() => undefined);
  }

  private updateViews(): void {
    const summary = this.source.summary;
    const document = this.source.document;
    const name = summary?.name ?? (document ? baseName(document.uri) : undefined);
    // The figures are a scenario's while one is shown (SPEC 5.3): say whose.
    const scenario = summary?.scenario;
    const title = name !== undefined && scenario ? `${name} · scenario ${scenario.label ?? scenario.id}` : name;
    const message = this.source.error ? `The language server did not answer: ${this.source.error}` : undefined;
    // Each assignment is a message to the workbench: only when it says something new.
    for (const view of [this.view, this.explorerView]) {
      if (view.description !== title) view.description = title;
      if (view.message !== message) view.message = message;
    }
    const hasDesign = document !== undefined;
    if (hasDesign !== this.hasDesign) {
      this.hasDesign = hasDesign;
      void vscode.commands.executeCommand('setContext', HAS_DESIGN_CONTEXT, hasDesign);
    }
  }
}

function readFollowCursor(): boolean {
  return vscode.workspace.getConfiguration('sysdesign.steps').get<boolean>('followCursor', true);
}

function baseName(uri: vscode.Uri): string {
  const path = uri.path;
  return path.slice(path.lastIndexOf('/') + 1) || uri.toString();
}
