/**
 * Which design the steps view shows, and its latest summary from the language server
 * (`sysdesign/analysis`). It follows the active design editor and keeps the last design
 * while another kind of editor (the preview, an output, a plain file) has the focus; it
 * asks again after a short quiet time when the document changes, and at once when the
 * server publishes new diagnostics for it. One request at a time: a newer one cancels the
 * older, and an answer for anything but the latest request is dropped. `onDidChange`
 * fires only when what the view would show changed.
 */
import * as vscode from 'vscode';
import { AnalysisRequest, type AnalysisResult, type AnalysisSummary, type RequestDescriptor } from '../../protocol';
import { Disposable } from '../disposable';
import { LANGUAGE_ID } from '../ids';
import { LatestRequest, type Outcome } from '../latestRequest';
import { sameSummary } from './stepsTree';

/** The part of the language client this needs (a `LanguageClient` is one). */
export interface AnalysisClient {
  sendRequest<P, R>(request: RequestDescriptor<P, R>, params: P, token?: vscode.CancellationToken): Promise<R>;
}

/** Quiet time after a keystroke before asking again (the server debounces diagnostics by 150 ms too). */
export const REFRESH_DELAY_MS = 150;

export function isDesign(document: vscode.TextDocument): boolean {
  return document.languageId === LANGUAGE_ID;
}

export class DesignSource extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** The shown design changed, or its summary did, or a request failed. */
  readonly onDidChange = this.changed.event;

  private shown: vscode.TextDocument | undefined;
  private latest: AnalysisSummary | undefined;
  private failure: string | undefined;
  private readonly requests: LatestRequest<AnalysisResult, AnalysisSummary | undefined>;

  constructor(
    private readonly client: AnalysisClient,
    private readonly delayMs = REFRESH_DELAY_MS,
  ) {
    super();
    this.requests = this._register(
      new LatestRequest(
        (token) => {
          const document = this.shown;
          return document ? this.client.sendRequest(AnalysisRequest, { uri: document.uri.toString() }, token) : Promise.resolve(null);
        },
        (outcome) => this.settle(outcome),
      ),
    );
    this._register(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && isDesign(editor.document)) this.show(editor.document);
      }),
    );
    // A language change closes and reopens the document: a plain file becomes a design.
    this._register(
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (isDesign(document) && vscode.window.activeTextEditor?.document === document) this.show(document);
      }),
    );
    this._register(
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document === this.shown) this.show(this.fallback());
      }),
    );
    this._register(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.shown && event.contentChanges.length > 0) this.requests.schedule(this.delayMs);
      }),
    );
    this._register(
      vscode.languages.onDidChangeDiagnostics((event) => {
        const shown = this.shown?.uri.toString();
        if (shown !== undefined && event.uris.some((uri) => uri.toString() === shown)) this.requests.schedule(0);
      }),
    );
    this.show(this.fallback());
  }

  /** The shown design, if any. */
  get document(): vscode.TextDocument | undefined {
    return this.shown;
  }

  /** The latest summary of the shown design (it may lag the document by a keystroke). */
  get summary(): AnalysisSummary | undefined {
    return this.shown && this.latest?.uri === this.shown.uri.toString() ? this.latest : undefined;
  }

  /** Why the last request failed, while it is the latest word. */
  get error(): string | undefined {
    return this.failure;
  }

  /** Shows `document` (a design) or nothing. */
  show(document: vscode.TextDocument | undefined): void {
    if (document === this.shown) return;
    this.requests.cancel();
    this.shown = document;
    this.failure = undefined;
    // The previous design's summary stays until the new one arrives (no empty flash in
    // between); `summary` already hides it, and the view reads `summary`.
    this.changed.fire();
    if (document) this.requests.schedule(0);
  }

  /**
   * Asks the server now and resolves with the summary of the document's current version
   * (or the best the server has), `undefined` without a design or on failure.
   */
  async refresh(): Promise<AnalysisSummary | undefined> {
    if (!this.shown) return undefined;
    return this.requests.now();
  }

  /** A summary computed for the shown document's current version, asking when needed. */
  async current(): Promise<AnalysisSummary | undefined> {
    const document = this.shown;
    if (!document) return undefined;
    if (this.summary?.version === document.version) return this.summary;
    const inFlight = this.requests.inFlight;
    if (inFlight) {
      const result = await inFlight;
      if (result?.version === document.version && document === this.shown) return result;
    }
    return this.refresh();
  }

  private fallback(): vscode.TextDocument | undefined {
    const active = vscode.window.activeTextEditor?.document;
    if (active && isDesign(active) && !active.isClosed) return active;
    return vscode.window.visibleTextEditors.map((e) => e.document).find((d) => isDesign(d) && !d.isClosed);
  }

  /** The latest request's answer: `null` means the server has not seen the document yet; its diagnostics will bring us back. */
  private settle(outcome: Outcome<AnalysisResult>): AnalysisSummary | undefined {
    if (!outcome.ok) {
      this.failure = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
      this.changed.fire();
      return undefined;
    }
    const result = outcome.value;
    if (!result) return undefined;
    const changed = this.failure !== undefined || !sameSummary(this.summary, result);
    this.latest = result;
    this.failure = undefined;
    if (changed) this.changed.fire();
    return result;
  }
}
