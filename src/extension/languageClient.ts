// What the two language clients share: the desktop one (client.ts: the server as a Node
// process over IPC) and the web one (browserClient.ts: the server in a web worker). Only
// the transport differs; the id, the options and how the client is started and stopped
// are the same, so both behave alike.
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';

export const CLIENT_ID = 'sysdesign';
export const CLIENT_NAME = 'System Design Language Server';

/**
 * A started language client. Disposing it stops the client and its server; push it into
 * `context.subscriptions`. `client` sends custom requests (e.g. `sysdesign/analysis`).
 */
export interface LanguageClientHandle extends vscode.Disposable {
  readonly client: BaseLanguageClient;
}

export function clientOptions(): LanguageClientOptions {
  return {
    // No scheme: files, untitled documents and virtual file systems alike. The server
    // reads only the text the client sends, never the disk.
    documentSelector: [{ language: 'sysdesign' }],
    // Settings are pulled by the server (`workspace/configuration`), which registers for
    // `sysdesign` changes itself.
  };
}

/** Starts `client`; a failure to start becomes a message. `cleanup` runs once the client has stopped. */
export function runLanguageClient(client: BaseLanguageClient, cleanup?: () => void): LanguageClientHandle {
  client.start().catch((error: unknown) => {
    void vscode.window.showErrorMessage(`System Design: the language server did not start: ${error instanceof Error ? error.message : String(error)}`);
  });
  return {
    client,
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
