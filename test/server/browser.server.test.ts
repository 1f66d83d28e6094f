/**
 * The worker build (`dist/server.browser.js`, for VS Code for the Web) is the same
 * server over a message port. Run here in a Node worker thread whose `self` is a
 * MessagePort (an EventTarget with `onmessage` and `postMessage`, like a web worker's
 * scope), spoken to with plain JSON-RPC objects.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { ROOT } from './support/lspClient';
import { edited } from '../support/example';
import { positionOf } from './support/lspEdits';

const BUNDLE = path.join(ROOT, 'dist', 'server.browser.js');

interface Message {
  id?: number;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { message: string };
}

describe('language server in a worker (dist/server.browser.js)', function () {
  this.timeout(20000);
  let worker: Worker;
  let port: MessagePort;
  const received: Message[] = [];
  let listeners: Array<(m: Message) => void> = [];
  let nextId = 1;

  const waitFor = (predicate: (m: Message) => boolean): Promise<Message> =>
    new Promise((resolve, reject) => {
      const seen = received.find(predicate);
      if (seen) return resolve(seen);
      const timer = setTimeout(() => reject(new Error('no answer from the worker within 10 s')), 10000);
      const listener = (m: Message) => {
        if (!predicate(m)) return;
        clearTimeout(timer);
        listeners = listeners.filter((l) => l !== listener);
        resolve(m);
      };
      listeners.push(listener);
    });
  const request = async (method: string, params: unknown): Promise<unknown> => {
    const id = nextId++;
    port.postMessage({ jsonrpc: '2.0', id, method, params });
    const answer = await waitFor((m) => m.id === id && m.method === undefined);
    if (answer.error) throw new Error(answer.error.message);
    return answer.result;
  };
  const notify = (method: string, params: unknown) => port.postMessage({ jsonrpc: '2.0', method, params });

  before(() => {
    const channel = new MessageChannel();
    port = channel.port1;
    port.on('message', (m: Message) => {
      // The server's own requests (e.g. registrations) get an empty answer.
      if (m.method !== undefined && m.id !== undefined) port.postMessage({ jsonrpc: '2.0', id: m.id, result: null });
      received.push(m);
      for (const l of [...listeners]) l(m);
    });
    worker = new Worker(`const { workerData } = require('node:worker_threads'); globalThis.self = workerData.port; require(workerData.bundle);`, {
      eval: true,
      workerData: { port: channel.port2, bundle: BUNDLE },
      transferList: [channel.port2],
    });
  });
  after(async () => {
    port.close();
    await worker.terminate();
  });

  it('initializes, publishes diagnostics and answers hover', async () => {
    const init = (await request('initialize', { processId: null, rootUri: null, capabilities: {} })) as { serverInfo: { name: string } };
    assert.equal(init.serverInfo.name, 'sysdesign-language-server');
    notify('initialized', {});
    const uri = 'memfs:///web/photo.sysdesign.yaml';
    const text = edited('members: [lb, api,', 'members: [lb, apx,');
    notify('textDocument/didOpen', { textDocument: { uri, languageId: 'sysdesign', version: 1, text } });
    const published = await waitFor((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === uri);
    const diagnostics = (published.params as { diagnostics: Array<{ code: string; range: unknown }> }).diagnostics;
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range]),
      [['sysdesign/unknown-component', { start: { line: 115, character: 18 }, end: { line: 115, character: 21 } }]],
    );
    const hover = (await request('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'dau: 10M', 6) })) as { contents: { value: string } };
    assert.equal(hover.contents.value.split('\n')[0], '`dau` = **10M**');
  });
});
