/**
 * The Node entry of the language server: `node dist/server.js --stdio` (any LSP client)
 * or `--node-ipc` (the VS Code client). `createConnection` reads the transport from argv.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
