/**
 * The worker entry of the language server (VS Code for the Web): the same server over
 * the worker's message port.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startServer } from './server';

// The worker's global scope; typed loosely so that this folder keeps the Node/ES2022 libs.
type Port = ConstructorParameters<typeof BrowserMessageReader>[0];
const port = (globalThis as unknown as { self: Port }).self;

startServer(createConnection(new BrowserMessageReader(port), new BrowserMessageWriter(port)));
