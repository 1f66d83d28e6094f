// The language client of the web extension host (VS Code for the Web, e.g. vscode.dev):
// the same server, built as `dist/server.browser.js`, in a web worker. What it shares with
// the desktop client (client.ts) is in languageClient.ts; browserExtension.ts explains how
// this file takes client.ts's place in the web bundle.
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, type MessageTransports } from 'vscode-languageclient/browser';
import { CLIENT_ID, CLIENT_NAME, runLanguageClient, type LanguageClientHandle } from './languageClient';

/** The web worker constructor and the part of a worker we use. Typed here so that this folder keeps the Node/ES2022 libs. */
interface ServerWorker {
  terminate(): void;
}
type WorkerConstructor = new (url: string, options?: { name?: string }) => ServerWorker;
type MessagePort = ConstructorParameters<typeof BrowserMessageReader>[0];

/** Starts the language client with the server in a web worker; disposing it stops both. */
export function startLanguageClient(context: vscode.ExtensionContext): LanguageClientHandle {
  const Worker = (globalThis as unknown as { Worker?: WorkerConstructor }).Worker;
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.browser.js');
  let worker: ServerWorker | undefined;
  let blobUrl: string | undefined;
  // A function, so that a restart of the client gets a fresh worker and the old one ends.
  // It answers with the transports rather than the worker: VS Code wraps `Worker` in its web
  // extension host, so the client's own `instanceof Worker` test would fail.
  const serverOptions = async (): Promise<MessageTransports> => {
    if (!Worker) throw new Error('this extension host has no web workers');
    worker?.terminate();
    blobUrl ??= await blobUrlIfRemote(serverMain);
    worker = new Worker(blobUrl ?? serverMain.toString(true), { name: CLIENT_NAME });
    const port = worker as unknown as MessagePort;
    return { reader: new BrowserMessageReader(port), writer: new BrowserMessageWriter(port) };
  };
  return runLanguageClient(
    (options) => new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, options),
    () => {
      // `stop()` closes the connection but leaves the worker running.
      worker?.terminate();
      worker = undefined;
      if (blobUrl) URL.revokeObjectURL(blobUrl);
      blobUrl = undefined;
    },
  );
}

/**
 * vscode.dev serves an extension over https, and a worker starts from that URL. An
 * extension installed on a remote server (a `vscode-remote:` URI, e.g. code-server running
 * web extensions in the browser) cannot be a worker's URL ("Creating workers from remote
 * extensions is currently not supported"), so its script is read through the file system
 * and started from a blob instead.
 */
async function blobUrlIfRemote(script: vscode.Uri): Promise<string | undefined> {
  if (script.scheme !== 'vscode-remote') return undefined;
  const code = await vscode.workspace.fs.readFile(script);
  return URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
}
