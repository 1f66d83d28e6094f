/**
 * The language server, independent of its transport: the Node entry (`main.ts`, stdio or
 * IPC) and the worker entry (`browserMain.ts`) both call `startServer`. It keeps one
 * analyzer per open document and maps each Analysis to LSP through the pure functions in
 * `features/`. No handler may take the server down: each is guarded, and a failure is
 * logged and answered with an empty result.
 */
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisRequest, CompareRequest, DiagramsRequest, ScenarioRequest, type CompareResult, type RequestDescriptor } from '../protocol';
import { Analyses, DiagnosticsScheduler } from './documents';
import { analysisSummary } from './features/analysisSummary';
import { codeActions } from './features/codeActions';
import { codeLenses } from './features/codeLenses';
import type { Baseline } from './features/comparison';
import { completion } from './features/completion';
import { toDiagnostics } from './features/diagnostics';
import { diagrams } from './features/diagrams';
import { documentSymbols } from './features/documentSymbols';
import { hover } from './features/hover';
import { inlayHints } from './features/inlayHints';
import { definition, references } from './features/navigation';
import { prepareRename, rename } from './features/rename';
import { scenarioState, scenarioView } from './features/scenarioView';
import type { DocumentAnalysis } from './features/types';
import { viewOptions } from './features/viewOptions';
import { positionsOf, type Positions } from './positions';
import { DEFAULT_SETTINGS, readSettings, sameConventions, type Settings } from './settings';
import { createAnalyzer, designDiff, diffSummaryText, MAX_TEXT_LENGTH } from '../core';

/** Quiet time after a keystroke before diagnostics are recomputed. */
export const DIAGNOSTICS_DELAY_MS = 150;

export const SERVER_NAME = 'sysdesign-language-server';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let settings: Settings = { ...DEFAULT_SETTINGS };
  const analyses = new Analyses(settings.defaultConventions);
  const client = { configuration: false, dynamicConfiguration: false, documentChanges: false, codeLensRefresh: false, inlayHintRefresh: false };

  const log = (what: string, error: unknown) => {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    try {
      connection.console.error(`${what} failed: ${detail}`);
    } catch {
      // The connection itself is gone; nothing left to tell.
    }
  };

  const publish = (document: TextDocument) => {
    try {
      const analysis = analyses.get(document);
      connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: toDiagnostics(analysis, positionsOf(document, analysis.text)) });
    } catch (error) {
      log('diagnostics', error);
    }
  };
  const scheduler = new DiagnosticsScheduler(documents, publish);

  /** Runs `work` on the open document's current analysis; `fallback` when it is not open, cancelled or failing. */
  const withDocument = <R>(
    what: string,
    uri: string,
    token: CancellationToken | undefined,
    fallback: R,
    work: (document: TextDocument, analysis: DocumentAnalysis, positions: Positions) => R,
  ): R => {
    if (token?.isCancellationRequested) return fallback;
    const document = documents.get(uri);
    if (!document) return fallback;
    try {
      const analysis = analyses.get(document);
      return work(document, analysis, positionsOf(document, analysis.text));
    } catch (error) {
      // A refusal with a reason (rename) goes to the user; anything else is a bug to log.
      if (error instanceof ResponseError) throw error;
      log(what, error);
      return fallback;
    }
  };

  /** The scenario each document shows (SPEC 5.3), by URI; the base design when absent. */
  const activeScenario = new Map<string, string>();
  /** The version each compared document is compared with (`sysdesign/compare`), by URI. */
  const baselines = new Map<string, Baseline>();
  /** `withDocument` on the analysis as the editor shows it: the active scenario's figures. */
  const withView = <R>(
    what: string,
    uri: string,
    token: CancellationToken | undefined,
    fallback: R,
    work: (document: TextDocument, analysis: DocumentAnalysis, positions: Positions) => R,
  ): R => withDocument(what, uri, token, fallback, (document, analysis, positions) => work(document, scenarioView(analysis, activeScenario.get(uri)), positions));
  const refreshViews = () => {
    if (client.codeLensRefresh) connection.sendRequest(CodeLensRefreshRequest.type).catch((e: unknown) => log('code lens refresh', e));
    if (client.inlayHintRefresh) connection.languages.inlayHint.refresh().catch((e: unknown) => log('inlay hint refresh', e));
  };

  const applySettings = (next: Settings) => {
    const conventionsChanged = !sameConventions(settings.defaultConventions, next.defaultConventions);
    settings = next;
    if (conventionsChanged) {
      analyses.reset(next.defaultConventions);
      for (const document of documents.all()) scheduler.schedule(document.uri, 0);
    }
    refreshViews();
  };

  const loadSettings = async () => {
    if (!client.configuration) return;
    try {
      applySettings(readSettings(await connection.workspace.getConfiguration('sysdesign')));
    } catch (error) {
      log('reading settings', error);
    }
  };

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    client.configuration = caps.workspace?.configuration === true;
    client.dynamicConfiguration = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    client.documentChanges = caps.workspace?.workspaceEdit?.documentChanges === true;
    client.codeLensRefresh = caps.workspace?.codeLens?.refreshSupport === true;
    client.inlayHintRefresh = caps.workspace?.inlayHint?.refreshSupport === true;
    // Clients without `workspace/configuration` may pass settings here: { sysdesign: {...} }.
    const options = params.initializationOptions as { sysdesign?: unknown } | null | undefined;
    if (options && typeof options === 'object' && options.sysdesign !== undefined) applySettings(readSettings(options.sysdesign));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: [' ', ':', '>'], resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: { label: 'System Design' },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
        inlayHintProvider: { resolveProvider: false },
      },
      serverInfo: { name: SERVER_NAME },
    };
  });

  connection.onInitialized(() => {
    if (client.dynamicConfiguration) {
      connection.client.register(DidChangeConfigurationNotification.type, { section: 'sysdesign' }).catch((e: unknown) => log('registering for settings', e));
    }
    void loadSettings();
  });

  connection.onDidChangeConfiguration((change) => {
    if (client.configuration) void loadSettings();
    else applySettings(readSettings((change.settings as { sysdesign?: unknown } | null)?.sysdesign));
  });

  // Opening shows problems at once; typing waits for a pause.
  const justOpened = new Set<string>();
  documents.onDidOpen((e) => justOpened.add(e.document.uri));
  documents.onDidChangeContent((e) => {
    const opened = justOpened.delete(e.document.uri);
    scheduler.schedule(e.document.uri, opened ? 0 : DIAGNOSTICS_DELAY_MS);
  });
  documents.onDidClose((e) => {
    justOpened.delete(e.document.uri);
    scheduler.cancel(e.document.uri);
    analyses.drop(e.document.uri);
    activeScenario.delete(e.document.uri);
    baselines.delete(e.document.uri);
    connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onCompletion((params, token) =>
    withDocument('completion', params.textDocument.uri, token, [], (_d, analysis, positions) =>
      completion(analysis, positions, positions.offset(params.position), { triggerCharacter: params.context?.triggerCharacter }),
    ),
  );

  connection.onHover((params, token) =>
    withView('hover', params.textDocument.uri, token, null, (_d, analysis, positions) => hover(analysis, positions, positions.offset(params.position))),
  );

  connection.onDefinition((params, token) =>
    withDocument('definition', params.textDocument.uri, token, null, (d, analysis, positions) => definition(analysis, positions, d.uri, positions.offset(params.position))),
  );

  connection.onReferences((params, token) =>
    withDocument('references', params.textDocument.uri, token, [], (d, analysis, positions) =>
      references(analysis, positions, d.uri, positions.offset(params.position), params.context.includeDeclaration),
    ),
  );

  connection.onPrepareRename((params, token) =>
    withDocument('prepare rename', params.textDocument.uri, token, null, (_d, analysis, positions) => prepareRename(analysis, positions, positions.offset(params.position))),
  );

  connection.onRenameRequest((params, token) =>
    withDocument('rename', params.textDocument.uri, token, null, (d, analysis, positions) =>
      rename(analysis, positions, { uri: d.uri, version: d.version }, positions.offset(params.position), params.newName, client.documentChanges),
    ),
  );

  connection.onDocumentSymbol((params, token) =>
    withDocument('document symbols', params.textDocument.uri, token, [], (_d, analysis, positions) => documentSymbols(analysis, positions)),
  );

  connection.onCodeAction((params, token) => {
    const only = params.context.only;
    if (only && !only.some((kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`))) return [];
    return withDocument('code actions', params.textDocument.uri, token, [], (d, analysis, positions) =>
      codeActions(analysis, positions, {
        uri: d.uri,
        version: d.version,
        span: { start: positions.offset(params.range.start), end: positions.offset(params.range.end) },
        diagnostics: params.context.diagnostics,
        documentChanges: client.documentChanges,
      }),
    );
  });

  connection.onCodeLens((params, token) =>
    settings.codeLensEnabled ? withView('code lenses', params.textDocument.uri, token, [], (d, analysis, positions) => codeLenses(analysis, positions, d.uri)) : [],
  );

  connection.languages.inlayHint.on((params, token) =>
    settings.inlayHintsEnabled
      ? withView('inlay hints', params.textDocument.uri, token, [], (_d, analysis, positions) =>
          inlayHints(analysis, positions, { start: positions.offset(params.range.start), end: positions.offset(params.range.end) }),
        )
      : [],
  );

  /** Registers a custom request; its params come from anyone, so the handler gets them unchecked. */
  const onRequest = <P, R>(request: RequestDescriptor<P, R>, handler: (params: Partial<P> | null | undefined, token: CancellationToken) => R) =>
    connection.onRequest(request.method, (params: unknown, token: CancellationToken): unknown => handler(params as Partial<P> | null | undefined, token));

  onRequest(AnalysisRequest, (params, token) =>
    withView('analysis summary', typeof params?.uri === 'string' ? params.uri : '', token, null, (d, analysis, positions) =>
      analysisSummary(analysis, positions, { uri: d.uri, version: d.version }),
    ),
  );

  onRequest(DiagramsRequest, (params, token) =>
    withView('diagrams', typeof params?.uri === 'string' ? params.uri : '', token, null, (d, analysis, positions) =>
      diagrams(analysis, positions, { uri: d.uri, version: d.version }, { comparison: baselines.get(d.uri), views: viewOptions(params?.options) }),
    ),
  );

  onRequest(CompareRequest, (params, token) => {
    const uri = typeof params?.uri === 'string' ? params.uri : '';
    return withDocument('compare', uri, token, null, (_d, analysis): CompareResult => {
      const baseline = params?.baseline;
      if (baseline === null) {
        baselines.delete(uri);
        return { comparing: false };
      }
      if (typeof baseline !== 'object' || baseline === undefined || typeof baseline.text !== 'string' || typeof baseline.name !== 'string')
        return { error: 'Nothing to compare with.' };
      if (baseline.text.length > MAX_TEXT_LENGTH)
        return {
          error: `${baseline.name.slice(0, 200)} is too large to compare (${baseline.text.length.toLocaleString('en-US')} characters; at most ${MAX_TEXT_LENGTH.toLocaleString('en-US')}).`,
        };
      // Its own analyzer: the document's keeps its incremental state for the text being edited.
      const compared: Baseline = { name: baseline.name.slice(0, 200), analysis: createAnalyzer({ defaultConventions: settings.defaultConventions }).analyse(baseline.text) };
      baselines.set(uri, compared);
      return { comparing: true, summary: diffSummaryText(designDiff(compared.analysis, analysis).summary) };
    });
  });

  onRequest(ScenarioRequest, (params, token) => {
    const uri = typeof params?.uri === 'string' ? params.uri : '';
    const asked = params?.scenario;
    return withDocument('scenario', uri, token, null, (_d, analysis, positions) => {
      if (asked === null) activeScenario.delete(uri);
      else if (typeof asked === 'string' && analysis.scenarios.some((s) => s.scenario.id.name === asked)) activeScenario.set(uri, asked);
      if (asked !== undefined) refreshViews();
      return scenarioState(analysis, positions, activeScenario.get(uri));
    });
  });

  connection.onShutdown(() => scheduler.dispose());

  documents.listen(connection);
  connection.listen();
}
