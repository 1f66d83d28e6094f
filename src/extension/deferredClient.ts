// The language client, loaded and started just after activation instead of during it.
// vscode-languageclient and its protocol libraries are ~90 % of the extension host bundle
// (bench/README.md): evaluating them inside `activate` made System Design one of the
// slowest extensions to activate in VS Code's "Running Extensions" (test/e2e/activation).
// esbuild keeps the dynamically imported `./client` module (and the libraries only it
// imports) lazily initialised inside the same bundle, so loading the bundle costs little
// and the library is evaluated on the first turn of the event loop after `activate`.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { RequestDescriptor } from '../protocol';
import type { Command } from './commands/command';
import { COMMANDS } from './ids';
import type { LanguageClientHandle } from './languageClient';

export class DeferredLanguageClient implements vscode.Disposable {
  /** The started client; rejects if it could not be loaded or the extension was deactivated first. */
  readonly client: Promise<BaseLanguageClient>;
  private readonly handle: Promise<LanguageClientHandle>;
  private disposed = false;

  constructor(start: () => Promise<LanguageClientHandle>) {
    this.handle = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => {
      if (this.disposed) throw new Error('the extension was deactivated before its language client started');
      return start();
    });
    this.client = this.handle.then((handle) => handle.client);
    this.handle.catch((error: unknown) => {
      if (this.disposed) return;
      void vscode.window.showErrorMessage(`System Design: the language client did not load: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /** Sends a request once the client is started (`sysdesign/analysis`, `sysdesign/diagrams`). */
  async sendRequest<P, R>(request: RequestDescriptor<P, R>, params: P, token?: vscode.CancellationToken): Promise<R> {
    return sendRequest(await this.client, request, params, token);
  }

  /** Stops the server if it runs and starts it again. */
  async restart(): Promise<void> {
    await (await this.handle).restart();
  }

  /**
   * The commands that need the client. Registered with the others during activation, so
   * that they exist as soon as VS Code activates the extension for one of them.
   */
  get commands(): Command[] {
    return [{ id: COMMANDS.restartServer, execute: () => this.restart() }];
  }

  dispose(): void {
    this.disposed = true;
    this.handle.then(
      (handle) => handle.dispose(),
      () => undefined,
    );
  }
}

/** A custom request on a started client, typed by its descriptor. */
export function sendRequest<P, R>(client: BaseLanguageClient, request: RequestDescriptor<P, R>, params: P, token?: vscode.CancellationToken): Promise<R> {
  return client.sendRequest<R>(request.method, params, token);
}
