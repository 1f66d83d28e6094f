// From the preview to the editor: a click on a node selects its definition, stepping
// through a dry run selects the step. Always in the preview's own document, and always
// as of the document's current version (the webview may show an older one).
import * as vscode from 'vscode';
import type { PreviewDiagrams, PreviewNode, Range } from '../../protocol';

/** What navigation needs of a preview. */
export interface NavigationSource {
  readonly document: vscode.Uri;
  /** The diagrams of the document's latest answered version. */
  readonly diagrams: PreviewDiagrams | undefined;
  readonly panel: vscode.WebviewPanel;
  /** Brings `diagrams` up to the document's current version. */
  flush(): Promise<void>;
}

export class PreviewNavigation {
  constructor(private readonly preview: NavigationSource) {}

  /** Selects the definition of a node of `view` in the editor. */
  async reveal(view: string, nodeId: string, preserveFocus: boolean): Promise<void> {
    const found = this.preview.diagrams?.views.find((v) => v.key === view)?.nodes.find((n) => n.nodeId === nodeId);
    if (!found) return; // not a node of this document's diagrams
    const node = await this.current(view, found);
    if (node) await this.select(node.selection, preserveFocus);
  }

  /** Selects a dry-run step in the editor, keeping the focus in the preview (to step on). */
  async selectStep(view: string, index: number): Promise<void> {
    const flow = this.preview.diagrams?.flows.find((f) => f.key === view);
    if (!flow || index >= flow.steps.length) return;
    const document = await vscode.workspace.openTextDocument(this.preview.document);
    if (document.version !== this.preview.diagrams?.version) await this.preview.flush();
    const step = this.preview.diagrams?.flows.find((f) => f.key === view)?.steps[index];
    if (step) await this.select(step.range, true);
  }

  /**
   * The node as of the document's current version: the webview may have shown an older
   * one. Matched by kind and id, since generated node ids move when the design changes.
   */
  private async current(view: string, node: PreviewNode): Promise<PreviewNode | undefined> {
    const document = await vscode.workspace.openTextDocument(this.preview.document);
    if (document.version === this.preview.diagrams?.version) return node;
    await this.preview.flush();
    return this.preview.diagrams?.views.find((v) => v.key === view)?.nodes.find((n) => n.kind === node.kind && n.id === node.id);
  }

  private async select(range: Range, preserveFocus: boolean): Promise<void> {
    const document = await vscode.workspace.openTextDocument(this.preview.document);
    const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
    const visible = editorShowing(this.preview.document);
    const column = visible?.viewColumn ?? (this.preview.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: column, selection, preserveFocus });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

/** The editor showing `resource`: the active one, else a visible one. */
export function editorShowing(resource: vscode.Uri): vscode.TextEditor | undefined {
  const shows = (editor: vscode.TextEditor) => editor.document.uri.toString() === resource.toString();
  const active = vscode.window.activeTextEditor;
  if (active && shows(active)) return active;
  return vscode.window.visibleTextEditors.find(shows);
}
