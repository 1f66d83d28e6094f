// The preview webview's entry (bundled to dist/webview/preview.js with Mermaid, and
// dist/webview/preview.css). The extension's HTML gives it a root element and its
// starting state; everything else arrives as messages.
import './preview.css';
import { App } from './app';
import { initialState } from './state';

const api = acquireVsCodeApi();
const root = document.getElementById('app');
if (root) new App(root, api, initialState(document.body.dataset.state, api.getState())).start();
