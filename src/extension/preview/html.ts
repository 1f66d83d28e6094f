// The preview's HTML, built by a pure function (no `vscode` here, so tests run it as is):
// a strict Content Security Policy, scripts only with a fresh nonce, styles and images
// only from the extension's webview folder, and the starting state as escaped JSON in a
// `data-` attribute (never inline script). No command links: the panel enables none.
import type { PreviewInitialState } from '../../protocol';

export interface PreviewHtmlInput {
  /** `webview.cspSource`. */
  cspSource: string;
  /** `webview.asWebviewUri(dist/webview/preview.js)`, as a string. */
  scriptUri: string;
  /** `webview.asWebviewUri(dist/webview/preview.css)`, as a string. */
  styleUri: string;
  /** From `createNonce()`: new for every HTML. */
  nonce: string;
  state: PreviewInitialState;
}

const NONCE = /^[A-Za-z0-9]{16,128}$/;

export function previewCsp(cspSource: string, nonce: string): string {
  return ["default-src 'none'", `script-src 'nonce-${nonce}'`, `style-src ${cspSource} 'unsafe-inline'`, `img-src ${cspSource} data:`, `font-src ${cspSource}`].join('; ');
}

export function previewHtml(input: PreviewHtmlInput): string {
  if (!NONCE.test(input.nonce)) throw new Error('the preview nonce must be 16 or more letters and digits');
  // VS Code's source is a list such as `'self' https://*.vscode-cdn.net`; a semicolon or a line break would start another directive.
  if (/[;\r\n"<>]/.test(input.cspSource)) throw new Error('unexpected characters in the webview CSP source');
  const csp = previewCsp(input.cspSource, input.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(input.styleUri)}">
<title>System Design Preview</title>
</head>
<body data-state="${escapeAttribute(JSON.stringify(input.state))}">
<div id="app"></div>
<script nonce="${input.nonce}" src="${escapeAttribute(input.scriptUri)}"></script>
</body>
</html>
`;
}

/** A nonce of 32 hex digits from the platform's cryptographic random source (never `Math.random`). */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Safe inside a double-quoted attribute: no quote ends it, no `<` or `&` starts markup or a reference. */
export function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
