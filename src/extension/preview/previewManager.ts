// Owns every diagram preview: opening (one that follows the active design, or one per
// design), restoring panels after a window reload (`WebviewPanelSerializer`), routing
// document, cursor and setting changes to them, and exporting. The diagrams come from
// the language server (`sysdesign/diagrams`); this layer never sees the core or Mermaid.
import * as vscode from 'vscode';
import { DiagramsRequest, type ExportFormat, type ExportTheme } from '../../protocol';
import { sendRequest, type DeferredLanguageClient } from '../deferredClient';
import { COMMANDS, LANGUAGE_ID } from '../ids';
import { parsePreviewState } from './messages';
import { PREVIEW_VIEW_TYPE } from './panel';
import { DiagramPreview, type PreviewHost } from './preview';
import { previewDirection, previewFollows, previewLayout, previewTheme } from './settings';

/** Context key: some preview is open (shows the export commands in the palette). */
const CONTEXT_OPEN = 'sysdesign.previewOpen';

export interface OpenOptions {
  toSide: boolean;
  /** A view key to show (`architecture`, `er`, `estimates`, `flow:<id>`). */
  view?: string;
}

export class PreviewManager implements vscode.Disposable {
  private readonly previews = new Set<DiagramPreview>();
  /** The preview focused last. */
  private lastActive: DiagramPreview | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly host: PreviewHost;

  constructor(extensionUri: vscode.Uri, language: DeferredLanguageClient) {
    this.host = {
      extensionUri,
      requestDiagrams: async (document, viewOptions) => {
        const direction = previewDirection();
        const options = direction === 'auto' ? viewOptions : { ...viewOptions, direction };
        const client = await language.client;
        return sendRequest(client, DiagramsRequest, { uri: client.code2ProtocolConverter.asUri(document), options });
      },
      theme: previewTheme,
      layout: previewLayout,
      exportFromPreview: (preview, format) => {
        this.export(format, { preview }).catch((error: unknown) => showError(error));
      },
      stopComparing: (document) => {
        void vscode.commands.executeCommand(COMMANDS.stopComparing, document.toString());
      },
      selectScenario: (document, scenario) => {
        void vscode.commands.executeCommand(COMMANDS.selectScenario, document.toString(), scenario);
      },
    };
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, { deserializeWebviewPanel: (panel, state) => this.revive(panel, state) }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        for (const preview of this.showing(e.document.uri)) preview.scheduleUpdate();
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        for (const preview of this.showing(e.textEditor.document.uri)) preview.updateHighlight(false, e.textEditor);
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('sysdesign.preview.theme')) this.updateTheme();
        if (e.affectsConfiguration('sysdesign.preview.layout')) this.updateLayout();
        if (e.affectsConfiguration('sysdesign.preview.direction')) for (const preview of this.previews) preview.scheduleUpdate(0);
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.updateTheme();
        this.updateLayout();
      }),
    );
  }

  /** Opens (or reveals) the preview of `resource`. */
  async open(resource: vscode.Uri, options: OpenOptions): Promise<DiagramPreview> {
    const document = await vscode.workspace.openTextDocument(resource);
    if (document.languageId !== LANGUAGE_ID) throw new Error(`${resource.path.split('/').pop() ?? 'this file'} is not a System Design file (*.sysdesign.yaml).`);
    const existing = this.showing(resource)[0] ?? (previewFollows() ? [...this.previews].find((p) => p.following) : undefined);
    const column = options.toSide ? vscode.ViewColumn.Beside : (vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.Active);
    let preview: DiagramPreview;
    if (existing) {
      preview = existing;
      preview.showDocument(resource);
      preview.panel.reveal(preview.panel.viewColumn, options.toSide);
    } else {
      // To the side, the editor keeps the focus (keep typing and watch); in place, the preview takes it.
      preview = DiagramPreview.create(this.host, resource, column, options.toSide, previewFollows(), options.view);
      this.track(preview);
    }
    if (options.view) preview.showView(options.view);
    return preview;
  }

  /**
   * Exports the current view of a preview to `target` (a `.svg` / `.png` URI, for tests
   * and automation) or to a file the user picks. Resolves with the file, or undefined
   * when the user cancelled.
   */
  async export(format: ExportFormat, args: { target?: unknown; options?: unknown; preview?: DiagramPreview } = {}): Promise<vscode.Uri | undefined> {
    const preview = args.preview ?? this.current();
    if (!preview) throw new Error('Open the diagram preview first (System Design: Open Preview to the Side).');
    const theme = exportTheme(args.options);
    let target = exportTarget(args.target, format);
    const chosen = target === undefined;
    if (!target) {
      target = await vscode.window.showSaveDialog({
        defaultUri: defaultExportUri(preview, format),
        filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
        saveLabel: 'Export',
        title: `Export the diagram as ${format.toUpperCase()}`,
      });
      if (!target) return undefined;
    }
    const bytes = await preview.exportImage(format, theme);
    await vscode.workspace.fs.writeFile(target, bytes);
    if (chosen) void vscode.window.showInformationMessage(`System Design: exported the diagram to ${target.path.split('/').pop()}.`);
    return target;
  }

  /** The figures of `resource` changed without an edit (another scenario shown): ask for its diagrams now. */
  refreshDocument(resource: vscode.Uri): void {
    for (const preview of this.showing(resource)) preview.scheduleUpdate(0);
  }

  /** The preview a command without arguments means: the focused one, else the last focused, else the active design's. */
  current(): DiagramPreview | undefined {
    const all = [...this.previews];
    const active = all.find((p) => p.panel.active);
    if (active) return active;
    if (this.lastActive && this.previews.has(this.lastActive)) return this.lastActive;
    const editor = vscode.window.activeTextEditor;
    return (editor && all.find((p) => p.isShowing(editor.document.uri))) ?? (all.length === 1 ? all[0] : undefined);
  }

  dispose(): void {
    for (const preview of [...this.previews]) preview.dispose();
    this.previews.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  // ---------------------------------------------------------------------------

  private async revive(panel: vscode.WebviewPanel, raw: unknown): Promise<void> {
    const state = parsePreviewState(raw);
    let resource: vscode.Uri | undefined;
    try {
      resource = state ? vscode.Uri.parse(state.uri, true) : undefined;
    } catch {
      resource = undefined;
    }
    if (!state || !resource) {
      panel.dispose(); // nothing we can show
      return;
    }
    try {
      // Only ever a text document, and only a design: the state came from the webview.
      const document = await vscode.workspace.openTextDocument(resource);
      if (document.languageId !== LANGUAGE_ID) throw new Error('not a design');
    } catch {
      panel.dispose(); // the design is gone (deleted, renamed, an untitled file of a past session)
      return;
    }
    this.track(DiagramPreview.revive(panel, resource, this.host, previewFollows(), state));
  }

  private track(preview: DiagramPreview): void {
    this.previews.add(preview);
    this.lastActive = preview;
    void vscode.commands.executeCommand('setContext', CONTEXT_OPEN, true);
    const subscriptions = [
      preview.panel.onDidChangeViewState(({ webviewPanel }) => {
        if (webviewPanel.active) this.lastActive = preview;
      }),
    ];
    preview.onDidDispose(() => {
      for (const s of subscriptions) s.dispose();
      this.previews.delete(preview);
      if (this.lastActive === preview) this.lastActive = undefined;
      if (this.previews.size === 0) void vscode.commands.executeCommand('setContext', CONTEXT_OPEN, false);
    });
  }

  private showing(uri: vscode.Uri): DiagramPreview[] {
    return [...this.previews].filter((p) => p.isShowing(uri));
  }

  private follow(editor: vscode.TextEditor | undefined): void {
    if (!editor || editor.document.languageId !== LANGUAGE_ID) return;
    const uri = editor.document.uri;
    if (this.showing(uri).length > 0) return;
    for (const preview of this.previews) if (preview.following) preview.showDocument(uri);
  }

  private updateTheme(): void {
    const theme = previewTheme();
    for (const preview of this.previews) preview.setTheme(theme);
  }

  private updateLayout(): void {
    const layout = previewLayout();
    for (const preview of this.previews) preview.setLayout(layout);
  }
}

/** The design a command means: its URI argument, else the active design editor, else the focused preview's. */
export function resolveDesign(manager: PreviewManager, argument: unknown): vscode.Uri {
  if (argument instanceof vscode.Uri) return argument;
  const editor = vscode.window.activeTextEditor;
  if (editor && editor.document.languageId === LANGUAGE_ID) return editor.document.uri;
  const preview = manager.current();
  if (preview) return preview.document;
  throw new Error('Open a System Design file (*.sysdesign.yaml) first.');
}

/** `{ view: 'er' }` from a command's options argument. */
export function viewOption(options: unknown): string | undefined {
  if (typeof options !== 'object' || options === null) return undefined;
  const view = (options as { view?: unknown }).view;
  return typeof view === 'string' ? view : undefined;
}

/** A target given to an export command: only a URI that ends with the format's extension (menus pass other things). */
function exportTarget(target: unknown, format: ExportFormat): vscode.Uri | undefined {
  return target instanceof vscode.Uri && target.path.toLowerCase().endsWith(`.${format}`) ? target : undefined;
}

function exportTheme(options: unknown): ExportTheme {
  const theme = typeof options === 'object' && options !== null ? (options as { theme?: unknown }).theme : undefined;
  return theme === 'dark' || theme === 'current' ? theme : 'light';
}

/** Next to the design: `photo-sharing-architecture.svg`. */
function defaultExportUri(preview: DiagramPreview, format: ExportFormat): vscode.Uri | undefined {
  const view = preview.currentView === 'er' ? 'data-model' : preview.currentView.replace(/^flow:/, '');
  const slug = view.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80) || 'diagram';
  const resource = preview.document;
  if (resource.scheme === 'untitled') {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return folder ? vscode.Uri.joinPath(folder, `${slug}.${format}`) : undefined;
  }
  const name = (resource.path.split('/').pop() ?? 'design').replace(/\.sysdesign\.ya?ml$/i, '');
  return vscode.Uri.joinPath(resource, '..', `${name}-${slug}.${format}`);
}

function showError(error: unknown): void {
  void vscode.window.showErrorMessage(`System Design: ${error instanceof Error ? error.message : String(error)}`);
}
