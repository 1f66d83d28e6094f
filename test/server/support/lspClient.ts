/**
 * A minimal LSP client for tests: spawns the *built* server (`node dist/server.js
 * --stdio`), speaks JSON-RPC over its stdio, answers `workspace/configuration`, and
 * collects published diagnostics. Waits are event-driven (a publish arrives), each with
 * a timeout that fails the test rather than hanging it.
 */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');

export interface StartOptions {
  /** The `sysdesign` settings section returned to `workspace/configuration`. */
  settings?: unknown;
  /** Leave out `workspace/configuration` and `documentChanges` support, like a plain client. */
  plain?: boolean;
}

interface Waiter {
  uri: string;
  predicate: (p: PublishDiagnosticsParams) => boolean;
  resolve: (p: PublishDiagnosticsParams) => void;
}

export class TestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  settings: unknown;
  initializeResult!: InitializeResult;
  private waiters: Waiter[] = [];
  /** How many times the server asked to refresh code lenses (it does after applying settings). */
  lensRefreshes = 0;
  private refreshWaiters: Array<() => void> = [];
  private readonly documents = new Map<string, TextDocument>();
  private exited: Promise<number | null>;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
    options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
    this.exited = new Promise((resolve) => process.once('exit', (code) => resolve(code)));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      const ready = this.waiters.filter((w) => w.uri === p.uri && w.predicate(p));
      this.waiters = this.waiters.filter((w) => !ready.includes(w));
      for (const w of ready) w.resolve(p);
    });
    connection.onNotification(LogMessageNotification.type, (p) => {
      this.logs.push(p.message);
    });
    connection.onRequest(ConfigurationRequest.type, (p) => p.items.map((item) => (item.section === 'sysdesign' ? this.settings : null)));
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onRequest('workspace/codeLens/refresh', () => {
      this.lensRefreshes++;
      const waiting = this.refreshWaiters;
      this.refreshWaiters = [];
      for (const w of waiting) w();
      return null;
    });
    connection.onRequest('workspace/inlayHint/refresh', () => null);
  }

  static async start(options: StartOptions = {}): Promise<TestClient> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr!.on('data', () => {
      // The server logs through LSP; stderr is drained so it never blocks.
    });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, connection, options);
    connection.listen();
    const capabilities: ClientCapabilities = options.plain
      ? {}
      : {
          workspace: {
            configuration: true,
            didChangeConfiguration: { dynamicRegistration: true },
            workspaceEdit: { documentChanges: true },
            codeLens: { refreshSupport: true },
            inlayHint: { refreshSupport: true },
          },
          textDocument: {
            publishDiagnostics: { versionSupport: true },
            completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'] } },
            hover: { contentFormat: ['markdown', 'plaintext'] },
            rename: { prepareSupport: true },
          },
        };
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities, workspaceFolders: null });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** The next diagnostics published for `uri` that satisfy `predicate` (from now on). */
  nextDiagnostics(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; got ${JSON.stringify(this.published.filter((p) => p.uri === uri).slice(-3))}`));
      }, timeoutMs);
      const waiter: Waiter = {
        uri,
        predicate,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Resolves when the server has asked for `count` code lens refreshes in total. */
  lensRefreshed(count: number, timeoutMs = 10000): Promise<void> {
    if (this.lensRefreshes >= count) return Promise.resolve();
    return withTimeout(
      new Promise<void>((resolve) => {
        const check = () => (this.lensRefreshes >= count ? resolve() : this.refreshWaiters.push(check));
        this.refreshWaiters.push(check);
      }),
      timeoutMs,
    );
  }

  /** Opens a document and waits for its first diagnostics. */
  async open(uri: string, text: string, version = 1): Promise<PublishDiagnosticsParams> {
    const published = this.nextDiagnostics(uri, (p) => p.version === version || p.version === undefined);
    this.documents.set(uri, TextDocument.create(uri, 'sysdesign', version, text));
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'sysdesign', version, text } });
    return published;
  }

  /** Replaces the whole text (a full-content change event). */
  async change(uri: string, text: string, version: number): Promise<void> {
    this.documents.set(uri, TextDocument.create(uri, 'sysdesign', version, text));
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async changeSettings(settings: unknown): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { sysdesign: settings } });
  }

  /** The client's copy of an open document, for offset <-> position. */
  document(uri: string): TextDocument {
    const d = this.documents.get(uri);
    if (!d) throw new Error(`${uri} is not open`);
    return d;
  }

  /** Shuts the server down politely, then makes sure the process is gone. */
  async stop(): Promise<number | null> {
    try {
      await withTimeout(this.connection.sendRequest(ShutdownRequest.type), 3000);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // Already gone or stuck: killed below.
    }
    const code = await withTimeout(this.exited, 3000).catch(() => {
      this.process.kill('SIGKILL');
      return null;
    });
    this.connection.dispose();
    return code;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/**
 * A `describe` body's server: started before its tests, stopped cleanly after them, and
 * after each test no handler may have logged a failure. Returns the client (a getter: it
 * exists once `before` ran).
 */
export function serverForSuite(): () => TestClient {
  let client: TestClient | undefined;
  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    assert.equal(await client?.stop(), 0, 'the server exits cleanly after shutdown + exit');
  });
  afterEach(() => {
    assert.deepEqual(
      client?.logs.filter((l) => /failed/.test(l)),
      [],
      'no handler failed',
    );
  });
  return () => {
    if (!client) throw new Error('the server starts in before()');
    return client;
  };
}
