// One preview panel: the webview showing the diagrams of one design (another one when
// it follows the active editor). It asks the language server for the diagrams as the
// document changes (through a `LatestRequest`; an answer older than what the webview
// shows is dropped too), replays its state when the webview (re)loads, and routes the
// webview's few messages: navigation to `navigation.ts`, export answers to
// `exportRequests.ts`. What it knows of its document is one `DocumentState`, replaced
// whole when the panel shows another document.
import * as vscode from 'vscode';
import {
  isViewKey,
  shownContext,
  type DiagramsResult,
  type DiagramViewOptions,
  type ExportFormat,
  type ExportTheme,
  type FromWebviewMessage,
  type PreviewDiagrams,
  type PreviewLayoutSetting,
  type PreviewState,
  type PreviewThemeSetting,
  type ToWebviewMessage,
} from '../../protocol';
import { Disposable } from '../disposable';
import { LatestRequest, type Outcome } from '../latestRequest';
import { ExportRequests } from './exportRequests';
import { WebviewHandshake } from './handshake';
import { parseWebviewMessage } from './messages';
import { editorShowing, PreviewNavigation } from './navigation';
import { panelHtml, PREVIEW_VIEW_TYPE, previewTitle, webviewOptions } from './panel';
import { nodeAtPosition } from './sourceMap';

/** Quiet time after a keystroke before the diagrams are asked for. */
export const UPDATE_DELAY_MS = 100;
const READY_TIMEOUT_MS = 30_000;
/** A document the server does not have yet (just opened): asked again this often, this many times. */
const RETRY_DELAY_MS = 250;
const MAX_RETRIES = 20;

/** What a preview needs from the rest of the extension. */
export interface PreviewHost {
  readonly extensionUri: vscode.Uri;
  requestDiagrams(document: vscode.Uri, options: DiagramViewOptions): Promise<DiagramsResult>;
  theme(): PreviewThemeSetting;
  layout(): PreviewLayoutSetting;
  /** The export buttons of the preview's toolbar. */
  exportFromPreview(preview: DiagramPreview, format: ExportFormat): void;
  /** The preview's scenario picker: show `scenario` (or the base, `null`) for `document`. */
  selectScenario(document: vscode.Uri, scenario: string | null): void;
  /** The comparison line's button: stop comparing `document` with another version. */
  stopComparing(document: vscode.Uri): void;
}

/** What the preview knows of the document it shows. */
interface DocumentState {
  readonly resource: vscode.Uri;
  /** The view the webview shows, by key. */
  view: string;
  diagrams?: PreviewDiagrams;
  stale?: { version: number; message: string };
  /** The newest version sent to the webview (diagrams or stale). */
  postedVersion: number;
  highlighted?: { view: string; nodeId: string | null };
  /** `null` answers in a row (the server does not have the document yet). */
  retries: number;
  /** What the webview asks to draw: the overview's expanded groups, the component in focus, its size (issue #17). */
  options: DiagramViewOptions;
}

function documentState(resource: vscode.Uri, view = 'architecture', options: DiagramViewOptions = {}): DocumentState {
  return { resource, view, postedVersion: -1, retries: 0, options };
}

export class DiagramPreview extends Disposable {
  private readonly didDispose = new vscode.EventEmitter<void>();
  /** Fires once, when the panel is closed or the preview disposed. */
  readonly onDidDispose = this.didDispose.event;

  private doc: DocumentState;
  private readonly requests: LatestRequest<DiagramsResult, void>;
  private readonly handshake = new WebviewHandshake(READY_TIMEOUT_MS);
  private readonly exports: ExportRequests;
  private readonly navigation = new PreviewNavigation(this);
  private dirtyWhileHidden = false;

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
    this.doc = documentState(resource, state.view, { expanded: state.expanded, focus: state.focus });
    panel.title = previewTitle(resource);
    panel.webview.html = panelHtml(panel.webview, host.extensionUri, { ...state, uri: resource.toString(), theme: host.theme(), layout: host.layout() });
    // Disposed in this order: pending work ends, `onDidDispose` fires, the panel closes
    // (its own dispose event finds this preview disposed already), the listeners go.
    this.exports = this._register(new ExportRequests());
    this.requests = this._register(
      new LatestRequest(
        () => this.host.requestDiagrams(this.doc.resource, this.doc.options),
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
        if (!webviewPanel.visible) this.handshake.unloaded();
      }),
    );
  }

  get document(): vscode.Uri {
    return this.doc.resource;
  }

  /** The diagrams of the document's latest answered version. */
  get diagrams(): PreviewDiagrams | undefined {
    return this.doc.diagrams;
  }

  /** The view the webview shows, by key. */
  get currentView(): string {
    return this.doc.view;
  }

  isShowing(uri: vscode.Uri): boolean {
    return uri.toString() === this.doc.resource.toString();
  }

  /** Shows another document in this panel (following the active editor). */
  showDocument(resource: vscode.Uri): void {
    if (this.isShowing(resource)) return;
    // Another design: its own groups and focus; the panel is the same size.
    this.doc = documentState(resource, 'architecture', { panel: this.doc.options.panel });
    // An answer about the document shown before is not about this one.
    this.requests.cancel();
    this.panel.title = previewTitle(resource);
    this.post({ type: 'document', uri: resource.toString() });
    this.scheduleUpdate(0);
  }

  /** The design's component ids, from its diagrams (asked for when there are none yet), the one under the cursor first. */
  async componentIds(): Promise<string[]> {
    const result = this.doc.diagrams ?? (await this.host.requestDiagrams(this.doc.resource, this.doc.options));
    const nodes = (result && !result.stale ? result.views.find((v) => v.kind === 'architecture')?.nodes : undefined) ?? [];
    const ids = nodes.filter((n) => n.kind === 'component').map((n) => n.id);
    const editor = vscode.window.activeTextEditor;
    const here = editor?.document.uri.toString() === this.doc.resource.toString() ? nodeAtPosition(nodes, editor.selection.active) : null;
    const first = nodes.find((n) => n.nodeId === here && n.kind === 'component')?.id;
    return first === undefined ? ids : [first, ...ids.filter((id) => id !== first)];
  }

  /** Shows `component` in focus (its neighbours and figures), asking the server for that view. */
  focus(component: string): void {
    this.doc.options = { ...this.doc.options, focus: component };
    this.scheduleUpdate(0);
    this.showView(`focus:${component}`);
  }

  showView(view: string): void {
    if (!isViewKey(view)) return;
    this.doc.view = view;
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
    // The webview may ask again meanwhile (it sends its size when it loads): wait for that answer too.
    await this.requests.settled();
  }

  /** Tells the webview which node the editor's cursor is on, when that changed (or always with `force`). */
  updateHighlight(force: boolean, editor: vscode.TextEditor | undefined = editorShowing(this.doc.resource)): void {
    const doc = this.doc;
    if (!doc.diagrams || !editor) return;
    const view = doc.diagrams.views.find((v) => v.key === doc.view);
    const nodeId = view ? nodeAtPosition(view.nodes, editor.selection.active) : null;
    if (!force && doc.highlighted?.view === doc.view && doc.highlighted.nodeId === nodeId) return;
    doc.highlighted = { view: doc.view, nodeId };
    this.post({ type: 'highlight', view: doc.view, nodeId });
  }

  /** The diagram of the current view as SVG or PNG bytes, drawn by the webview. */
  async exportImage(format: ExportFormat, theme: ExportTheme): Promise<Uint8Array> {
    if (!this.panel.visible) this.panel.reveal(undefined, true);
    await this.handshake.whenReady();
    await this.flush();
    return this.exports.ask(format, theme, (message) => this.post(message));
  }

  // ---------------------------------------------------------------------------

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
    const doc = this.doc;
    if (result === null) {
      // Just opened: the server may not have the document yet.
      if (doc.retries++ < MAX_RETRIES) this.requests.schedule(RETRY_DELAY_MS);
      else this.post({ type: 'unavailable', message: 'The language server does not have this document open. Open the design in an editor to see its diagrams.' });
      return;
    }
    doc.retries = 0;
    // Another scenario shown, or another comparison, is news even for the same version of the document.
    const sameScenario = !result.stale && shownContext(result) === shownContext(doc.diagrams);
    if (result.version < doc.postedVersion || (result.version === doc.postedVersion && (result.stale || sameScenario))) return;
    doc.postedVersion = result.version;
    if (result.stale) {
      doc.stale = { version: result.version, message: result.message };
      this.post({ type: 'stale', version: result.version, message: result.message });
      return;
    }
    doc.stale = undefined;
    doc.diagrams = result;
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
        this.navigation.reveal(message.view, message.nodeId, false).catch(showError);
        return;
      case 'viewChanged':
        this.doc.view = message.view;
        this.updateHighlight(true);
        return;
      case 'selectStep':
        this.navigation.selectStep(message.view, message.step).catch(showError);
        return;
      case 'exportRequest':
        this.host.exportFromPreview(this, message.format);
        return;
      case 'selectScenario':
        this.host.selectScenario(this.doc.resource, message.scenario);
        return;
      case 'stopComparing':
        this.host.stopComparing(this.doc.resource);
        return;
      case 'viewOptions':
        this.doc.options = { expanded: message.expanded, focus: message.focus ?? undefined, panel: message.panel };
        this.scheduleUpdate(0);
        return;
      case 'exported':
      case 'exportFailed':
        this.exports.answer(message);
        return;
      default: {
        const unreachable: never = message;
        return unreachable;
      }
    }
  }

  private onReady(): void {
    this.handshake.loaded();
    // A new webview (first load, shown again, reloaded): replay what it should show. Its
    // HTML names the document the panel opened with; it may follow another one by now.
    const doc = this.doc;
    this.post({ type: 'document', uri: doc.resource.toString() });
    this.post({ type: 'theme', theme: this.host.theme() });
    this.post({ type: 'layout', layout: this.host.layout() });
    if (doc.diagrams) this.post({ type: 'update', diagrams: doc.diagrams });
    if (doc.stale) this.post({ type: 'stale', version: doc.stale.version, message: doc.stale.message });
    this.updateHighlight(true);
    if (!doc.diagrams || this.dirtyWhileHidden) {
      this.dirtyWhileHidden = false;
      this.scheduleUpdate(0);
    }
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function showError(error: unknown): void {
  void vscode.window.showErrorMessage(`System Design: ${errorMessage(error)}`);
}
