// One preview panel: the webview showing the diagrams of one design (another one when
// it follows the active editor). It asks the language server for the diagrams as the
// document changes (debounced; an answer overtaken by a newer request, or older than
// what the webview shows, is dropped), turns the webview's few messages into editor
// actions on its own document, and serves exports.
import * as vscode from 'vscode';
import type {
  DiagramsResult,
  ExportFormat,
  ExportTheme,
  FromWebviewMessage,
  PreviewDiagrams,
  PreviewLayoutSetting,
  PreviewNode,
  PreviewState,
  PreviewThemeSetting,
  Range,
  ToWebviewMessage,
} from '../../protocol';
import { isViewKey } from '../../protocol';
import { Disposable } from '../disposable';
import { LatestRequest, type Outcome } from '../latestRequest';
import { createNonce, previewHtml } from './html';
import { decodeBase64, isPng, parseWebviewMessage } from './messages';
import { nodeAtPosition } from './sourceMap';

export const PREVIEW_VIEW_TYPE = 'sysdesign.preview';
/** Quiet time after a keystroke before the diagrams are asked for. */
export const UPDATE_DELAY_MS = 100;
const EXPORT_TIMEOUT_MS = 60_000;
const READY_TIMEOUT_MS = 30_000;
/** A document the server does not have yet (just opened): asked again this often, this many times. */
const RETRY_DELAY_MS = 250;
const MAX_RETRIES = 20;

/** What a preview needs from the rest of the extension. */
export interface PreviewHost {
  readonly extensionUri: vscode.Uri;
  requestDiagrams(document: vscode.Uri): Promise<DiagramsResult>;
  theme(): PreviewThemeSetting;
  layout(): PreviewLayoutSetting;
  /** The export buttons of the preview's toolbar. */
  exportFromPreview(preview: DiagramPreview, format: ExportFormat): void;
}

interface PendingExport {
  format: ExportFormat;
  resolve(bytes: Uint8Array): void;
  reject(error: Error): void;
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableFindWidget: false,
    // Only the built preview: never the workspace, never the rest of the extension.
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
  };
}

export class DiagramPreview extends Disposable {
  private readonly didDispose = new vscode.EventEmitter<void>();
  /** Fires once, when the panel is closed or the preview disposed. */
  readonly onDidDispose = this.didDispose.event;

  private resource: vscode.Uri;
  private view: string;
  private diagrams: PreviewDiagrams | undefined;
  private stale: { version: number; message: string } | undefined;
  /** The newest version sent to the webview (diagrams or stale). */
  private postedVersion = -1;
  private readonly requests: LatestRequest<DiagramsResult, void>;
  private retries = 0;
  private dirtyWhileHidden = false;
  private highlighted: { view: string; nodeId: string | null } | undefined;
  private ready = false;
  private readyWaiters: Array<() => void> = [];
  private exportSeq = 0;
  private readonly exports = new Map<number, PendingExport>();

  static create(host: PreviewHost, resource: vscode.Uri, column: vscode.ViewColumn, preserveFocus: boolean, following: boolean, view?: string): DiagramPreview {
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, previewTitle(resource), { viewColumn: column, preserveFocus }, webviewOptions(host.extensionUri));
    return new DiagramPreview(panel, resource, host, following, { uri: resource.toString(), view });
  }

  /** A panel restored after a window reload, with the state its webview saved (already validated). */
  static revive(panel: vscode.WebviewPanel, resource: vscode.Uri, host: PreviewHost, following: boolean, state: PreviewState): DiagramPreview {
    panel.webview.options = webviewOptions(host.extensionUri);
    return new DiagramPreview(panel, resource, host, following, state);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    resource: vscode.Uri,
    private readonly host: PreviewHost,
    /** Follows the active design editor (the `sysdesign.preview.follow` setting when it was opened). */
    readonly following: boolean,
    state: PreviewState,
  ) {
    super();
    this.resource = resource;
    this.view = state.view ?? 'architecture';
    panel.title = previewTitle(resource);
    panel.webview.html = this.html(state);
    // Disposed in this order: pending work ends, `onDidDispose` fires, the panel closes
    // (its own dispose event finds this preview disposed already), the listeners go.
    this._register({ dispose: () => this.endPendingWork() });
    this.requests = this._register(
      new LatestRequest(
        () => this.host.requestDiagrams(this.resource),
        (outcome) => this.settle(outcome),
      ),
    );
    this._register({ dispose: () => this.didDispose.fire() });
    this._register({ dispose: () => panel.dispose() });
    this._register(this.didDispose);
    this._register(panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)));
    this._register(panel.onDidDispose(() => this.dispose()));
    this._register(
      panel.onDidChangeViewState(({ webviewPanel }) => {
        // A hidden webview is torn down; it says `ready` again when shown.
        if (!webviewPanel.visible) this.ready = false;
      }),
    );
  }

  get document(): vscode.Uri {
    return this.resource;
  }

  /** The view the webview shows, by key. */
  get currentView(): string {
    return this.view;
  }

  isShowing(uri: vscode.Uri): boolean {
    return uri.toString() === this.resource.toString();
  }

  /** Shows another document in this panel (following the active editor). */
  showDocument(resource: vscode.Uri): void {
    if (this.isShowing(resource)) return;
    this.resource = resource;
    this.diagrams = undefined;
    this.stale = undefined;
    this.postedVersion = -1;
    this.highlighted = undefined;
    this.view = 'architecture';
    // An answer about the document shown before is not about this one.
    this.requests.cancel();
    this.panel.title = previewTitle(resource);
    this.post({ type: 'document', uri: resource.toString() });
    this.scheduleUpdate(0);
  }

  showView(view: string): void {
    if (!isViewKey(view)) return;
    this.view = view;
    this.post({ type: 'showView', view });
    this.updateHighlight(true);
  }

  setTheme(theme: PreviewThemeSetting): void {
    this.post({ type: 'theme', theme });
  }

  setLayout(layout: PreviewLayoutSetting): void {
    this.post({ type: 'layout', layout });
  }

  /** The document changed: ask for its diagrams after a pause in typing. */
  scheduleUpdate(delay = UPDATE_DELAY_MS): void {
    if (this.isDisposed) return;
    if (!this.panel.visible) {
      // Messages to a hidden webview are lost; `ready` brings it up to date.
      this.requests.unschedule();
      this.dirtyWhileHidden = true;
      return;
    }
    this.requests.schedule(delay);
  }

  /** Brings the webview up to date with the document now (exports wait for this). */
  async flush(): Promise<void> {
    await this.requests.now();
  }

  /** Tells the webview which node the editor's cursor is on, when that changed (or always with `force`). */
  updateHighlight(force: boolean, editor: vscode.TextEditor | undefined = this.editor()): void {
    if (!this.diagrams || !editor) return;
    const view = this.diagrams.views.find((v) => v.key === this.view);
    const nodeId = view ? nodeAtPosition(view.nodes, editor.selection.active) : null;
    if (!force && this.highlighted?.view === this.view && this.highlighted.nodeId === nodeId) return;
    this.highlighted = { view: this.view, nodeId };
    this.post({ type: 'highlight', view: this.view, nodeId });
  }

  /** The diagram of the current view as SVG or PNG bytes, drawn by the webview. */
  async exportImage(format: ExportFormat, theme: ExportTheme): Promise<Uint8Array> {
    if (!this.panel.visible) this.panel.reveal(undefined, true);
    await this.whenReady();
    await this.flush();
    const requestId = ++this.exportSeq;
    return new Promise<Uint8Array>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.exports.delete(requestId);
        reject(new Error('the preview did not draw the export within a minute'));
      }, EXPORT_TIMEOUT_MS);
      this.exports.set(requestId, {
        format,
        resolve: (bytes) => {
          clearTimeout(timer);
          resolve(bytes);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.post({ type: 'export', requestId, format, theme });
    });
  }

  private endPendingWork(): void {
    for (const pending of this.exports.values()) pending.reject(new Error('the preview was closed'));
    this.exports.clear();
  }

  // ---------------------------------------------------------------------------

  private html(state: PreviewState): string {
    const webview = this.panel.webview;
    const root = vscode.Uri.joinPath(this.host.extensionUri, 'dist', 'webview');
    return previewHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'preview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'preview.css')).toString(),
      nonce: createNonce(),
      state: { ...state, uri: this.resource.toString(), theme: this.host.theme(), layout: this.host.layout() },
    });
  }

  private post(message: ToWebviewMessage): void {
    if (this.isDisposed) return;
    void this.panel.webview.postMessage(message);
  }

  /** The latest request's answer (an overtaken one never gets here). */
  private settle(outcome: Outcome<DiagramsResult>): void {
    if (!outcome.ok) {
      this.post({ type: 'unavailable', message: `The language server did not answer: ${errorMessage(outcome.error)}` });
      return;
    }
    const result = outcome.value;
    if (result === null) {
      // Just opened: the server may not have the document yet.
      if (this.retries++ < MAX_RETRIES) this.requests.schedule(RETRY_DELAY_MS);
      else this.post({ type: 'unavailable', message: 'The language server does not have this document open. Open the design in an editor to see its diagrams.' });
      return;
    }
    this.retries = 0;
    if (result.version <= this.postedVersion) return;
    this.postedVersion = result.version;
    if (result.stale) {
      this.stale = { version: result.version, message: result.message };
      this.post({ type: 'stale', version: result.version, message: result.message });
      return;
    }
    this.stale = undefined;
    this.diagrams = result;
    this.post({ type: 'update', diagrams: result });
    this.updateHighlight(true);
  }

  private onMessage(raw: unknown): void {
    const message: FromWebviewMessage | undefined = parseWebviewMessage(raw);
    if (!message) return; // not a message we accept: ignored
    switch (message.type) {
      case 'ready':
        this.onReady();
        return;
      case 'reveal':
        this.reveal(message.view, message.nodeId, false).catch(showError);
        return;
      case 'viewChanged':
        this.view = message.view;
        this.updateHighlight(true);
        return;
      case 'selectStep':
        this.selectStep(message.view, message.step).catch(showError);
        return;
      case 'exportRequest':
        this.host.exportFromPreview(this, message.format);
        return;
      case 'exported':
      case 'exportFailed':
        this.settleExport(message);
        return;
      default: {
        const unreachable: never = message;
        return unreachable;
      }
    }
  }

  private onReady(): void {
    this.ready = true;
    for (const resolve of this.readyWaiters.splice(0)) resolve();
    // A new webview (first load, shown again, reloaded): replay what it should show. Its
    // HTML names the document the panel opened with; it may follow another one by now.
    this.post({ type: 'document', uri: this.resource.toString() });
    this.post({ type: 'theme', theme: this.host.theme() });
    this.post({ type: 'layout', layout: this.host.layout() });
    if (this.diagrams) this.post({ type: 'update', diagrams: this.diagrams });
    if (this.stale) this.post({ type: 'stale', version: this.stale.version, message: this.stale.message });
    this.updateHighlight(true);
    if (!this.diagrams || this.dirtyWhileHidden) {
      this.dirtyWhileHidden = false;
      this.scheduleUpdate(0);
    }
  }

  private whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the preview did not load')), READY_TIMEOUT_MS);
      this.readyWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private settleExport(message: Extract<FromWebviewMessage, { type: 'exported' | 'exportFailed' }>): void {
    const pending = this.exports.get(message.requestId);
    if (!pending) return; // nobody asked for it
    this.exports.delete(message.requestId);
    if (message.type === 'exportFailed') {
      pending.reject(new Error(`the preview could not export: ${message.message}`));
      return;
    }
    if (message.format !== pending.format) {
      pending.reject(new Error(`the preview answered with ${message.format.toUpperCase()} instead of ${pending.format.toUpperCase()}`));
      return;
    }
    const bytes = message.format === 'svg' ? new TextEncoder().encode(message.data) : decodeBase64(message.data);
    if (message.format === 'png' && !isPng(bytes)) {
      pending.reject(new Error('the preview did not produce a PNG'));
      return;
    }
    pending.resolve(bytes);
  }

  /** Selects the definition of a node of `view` in the editor. */
  private async reveal(view: string, nodeId: string, preserveFocus: boolean): Promise<void> {
    const found = this.diagrams?.views.find((v) => v.key === view)?.nodes.find((n) => n.nodeId === nodeId);
    if (!found) return; // not a node of this document's diagrams
    const node = await this.current(view, found);
    if (node) await this.select(node.selection, preserveFocus);
  }

  /** Selects a dry-run step in the editor, keeping the focus in the preview (to step on). */
  private async selectStep(view: string, index: number): Promise<void> {
    const flow = this.diagrams?.flows.find((f) => f.key === view);
    if (!flow || index >= flow.steps.length) return;
    const document = await vscode.workspace.openTextDocument(this.resource);
    if (document.version !== this.diagrams?.version) await this.flush();
    const step = this.diagrams?.flows.find((f) => f.key === view)?.steps[index];
    if (step) await this.select(step.range, true);
  }

  /**
   * The node as of the document's current version: the webview may have shown an older
   * one. Matched by kind and id, since generated node ids move when the design changes.
   */
  private async current(view: string, node: PreviewNode): Promise<PreviewNode | undefined> {
    const document = await vscode.workspace.openTextDocument(this.resource);
    if (document.version === this.diagrams?.version) return node;
    await this.flush();
    return this.diagrams?.views.find((v) => v.key === view)?.nodes.find((n) => n.kind === node.kind && n.id === node.id);
  }

  private async select(range: Range, preserveFocus: boolean): Promise<void> {
    const document = await vscode.workspace.openTextDocument(this.resource);
    const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
    const visible = this.editor();
    const column = visible?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: column, selection, preserveFocus });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** The editor showing this preview's document: the active one, else a visible one. */
  private editor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active && this.isShowing(active.document.uri)) return active;
    return vscode.window.visibleTextEditors.find((e) => this.isShowing(e.document.uri));
  }
}

/** `Preview photo-sharing.sysdesign.yaml`, like Markdown's preview. */
export function previewTitle(resource: vscode.Uri): string {
  const name = resource.path.split('/').pop() || resource.toString();
  return `Preview ${name}`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function showError(error: unknown): void {
  void vscode.window.showErrorMessage(`System Design: ${errorMessage(error)}`);
}
