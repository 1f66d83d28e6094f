// What the two language clients share: the desktop one (client.ts: the server as a Node
// process over IPC) and the web one (browserClient.ts: the server in a web worker). Only
// the transport differs; the id, the options, how the client is started and stopped and
// what happens when the server dies are the same, so both behave alike.
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  RevealOutputChannelOn,
  type BaseLanguageClient,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
} from 'vscode-languageclient';
import { COMMANDS, LANGUAGE_ID } from './ids';

export const CLIENT_ID = 'sysdesign';
export const CLIENT_NAME = 'System Design Language Server';

/** A server that stops more often than this within `CRASH_WINDOW_MS` is not restarted again. */
export const MAX_RESTARTS = 4;
export const CRASH_WINDOW_MS = 3 * 60 * 1000;

/** What the user reads (the tests look for these texts). */
export const SERVER_MESSAGES = {
  restarted: 'The System Design language server stopped unexpectedly and was restarted.',
  gaveUp: `The System Design language server stopped unexpectedly ${MAX_RESTARTS + 1} times in 3 minutes and was not restarted.`,
  failing: 'The System Design language server kept failing to communicate and was stopped.',
  showOutput: 'Show Output',
  restart: 'Restart Language Server',
} as const;

/**
 * A started language client. Disposing it stops the client and its server; push it into
 * `context.subscriptions`. `client` sends custom requests (e.g. `sysdesign/analysis`).
 */
export interface LanguageClientHandle extends vscode.Disposable {
  readonly client: BaseLanguageClient;
  /** Stops the server if it runs and starts it again (`sysdesign.restartServer`). */
  restart(): Promise<void>;
}

/**
 * Decides what happens when the server's connection fails or closes, and tells the user
 * once. vscode-languageclient's own handler shows a notification for every connection
 * error and a "crashed 5 times" error of its own; this one restarts a server that died
 * (one warning, not repeated while it is on screen) and gives up after more than
 * MAX_RESTARTS deaths within CRASH_WINDOW_MS (one error offering a restart). Its results
 * are `handled`, so the client only logs them to its output channel.
 */
export class ServerSupervisor implements ErrorHandler {
  /** Set once the client exists (it is created with this handler in its options). */
  client: BaseLanguageClient | undefined;
  private deaths: number[] = [];
  private readonly open = new Set<string>();
  /** While the client acts on a `closed` result: settles when its state changes (it always does next). */
  private closing: Promise<void> | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  error(_error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    // A read or write failed. When the server died the connection closes right after and
    // `closed` decides; a connection that keeps failing while open is shut down.
    if (count !== undefined && count <= 3) return { action: ErrorAction.Continue, handled: true };
    this.tellStopped(SERVER_MESSAGES.failing);
    return { action: ErrorAction.Shutdown, handled: true };
  }

  closed(): CloseHandlerResult {
    // Called only when the connection closes without `stop()` (which deactivation and a
    // restart use): the server process or worker died.
    this.waitForClose();
    const now = this.now();
    this.deaths = this.deaths.filter((t) => now - t < CRASH_WINDOW_MS);
    this.deaths.push(now);
    if (this.deaths.length > MAX_RESTARTS) {
      this.tellStopped(SERVER_MESSAGES.gaveUp);
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    this.notify('warning', SERVER_MESSAGES.restarted, [SERVER_MESSAGES.showOutput]);
    return { action: CloseAction.Restart, handled: true };
  }

  /** Starts the server again, whatever state it is in, with a clean record of deaths. */
  async restart(): Promise<void> {
    const client = this.client;
    if (!client) throw new Error('the language client has not started yet');
    // Asked for right after a death (a click on the message, a test): until the client has
    // acted on it, it still reads as running with a closed connection.
    await this.closing;
    this.deaths = [];
    // Stops a running server, waits for one that is stopping; a stopped or starting one has nothing to stop.
    await client.stop().catch(() => undefined);
    await client.start();
  }

  private waitForClose(): void {
    const client = this.client;
    if (!client) return;
    const closing = new Promise<void>((resolve) => {
      const listener = client.onDidChangeState(() => {
        listener.dispose();
        resolve();
      });
    });
    this.closing = closing;
    void closing.then(() => {
      if (this.closing === closing) this.closing = undefined;
    });
  }

  private tellStopped(message: string): void {
    this.notify('error', message, [SERVER_MESSAGES.restart, SERVER_MESSAGES.showOutput]);
  }

  /** Shows `message` unless the same one is still on screen (or in the notification centre). */
  private notify(severity: 'warning' | 'error', message: string, actions: string[]): void {
    if (this.open.has(message)) return;
    this.open.add(message);
    const shown = severity === 'error' ? vscode.window.showErrorMessage(message, ...actions) : vscode.window.showWarningMessage(message, ...actions);
    void Promise.resolve(shown).then(
      (choice) => {
        this.open.delete(message);
        if (choice === SERVER_MESSAGES.showOutput) this.client?.outputChannel.show(true);
        if (choice === SERVER_MESSAGES.restart) void vscode.commands.executeCommand(COMMANDS.restartServer);
      },
      () => this.open.delete(message),
    );
  }
}

export function clientOptions(errorHandler: ErrorHandler): LanguageClientOptions {
  return {
    // No scheme: files, untitled documents and virtual file systems alike. The server
    // reads only the text the client sends, never the disk.
    documentSelector: [{ language: LANGUAGE_ID }],
    // Settings are pulled by the server (`workspace/configuration`), which registers for
    // `sysdesign` changes itself.
    errorHandler,
    // The supervisor tells the user what matters, once; the client's own "Go to output"
    // notifications (a failed request, a connection error) go to its output channel only.
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // A failed `initialize` is not retried; `runLanguageClient` says so (without this the
    // client shows the bare error message as well). `connectionOptions.maxRestartCount`
    // is left out: only the client's default error handler reads it.
    initializationFailedHandler: () => false,
  };
}

/**
 * Creates the client with the shared options and starts it; a failure to start becomes a
 * message. `cleanup` runs once the client has stopped.
 */
export function runLanguageClient(create: (options: LanguageClientOptions) => BaseLanguageClient, cleanup?: () => void): LanguageClientHandle {
  const supervisor = new ServerSupervisor();
  const client = create(clientOptions(supervisor));
  supervisor.client = client;
  client.start().catch((error: unknown) => {
    void vscode.window.showErrorMessage(`System Design: the language server did not start: ${error instanceof Error ? error.message : String(error)}`);
  });
  return {
    client,
    restart: () => supervisor.restart(),
    dispose: () => {
      client
        .stop()
        .catch(() => {
          // Already stopped or never started: nothing to clean up.
        })
        .finally(() => cleanup?.());
    },
  };
}
