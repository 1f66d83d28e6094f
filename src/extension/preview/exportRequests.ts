// Exports drawn by the webview: the preview asks with an `export` message and the webview
// answers `exported` (SVG text or a base64 PNG) or `exportFailed` with the same request
// id. The answer is untrusted: it must be the format asked for, and a PNG must be one.
import type * as vscode from 'vscode';
import type { ExportFormat, ExportTheme, FromWebviewMessage, ToWebviewMessage } from '../../protocol';
import { decodeBase64, isPng } from './messages';
import { PendingRequests } from './pendingRequests';

const EXPORT_TIMEOUT_MS = 60_000;

export type ExportAnswer = Extract<FromWebviewMessage, { type: 'exported' | 'exportFailed' }>;

export class ExportRequests implements vscode.Disposable {
  private readonly requests = new PendingRequests<ExportFormat, Uint8Array>(EXPORT_TIMEOUT_MS, 'the preview did not draw the export within a minute', 'the preview was closed');

  /** Asks the webview (through `post`) for the current view as `format` bytes drawn in `theme`. */
  ask(format: ExportFormat, theme: ExportTheme, post: (message: ToWebviewMessage) => void): Promise<Uint8Array> {
    return this.requests.ask(format, (requestId) => post({ type: 'export', requestId, format, theme }));
  }

  /** The webview's answer: settles the request it names, if one is open. */
  answer(message: ExportAnswer): void {
    const pending = this.requests.take(message.requestId);
    if (!pending) return; // nobody asked for it
    if (message.type === 'exportFailed') {
      pending.reject(new Error(`the preview could not export: ${message.message}`));
      return;
    }
    if (message.format !== pending.context) {
      pending.reject(new Error(`the preview answered with ${message.format.toUpperCase()} instead of ${pending.context.toUpperCase()}`));
      return;
    }
    const bytes = message.format === 'svg' ? new TextEncoder().encode(message.data) : decodeBase64(message.data);
    if (message.format === 'png' && !isPng(bytes)) {
      pending.reject(new Error('the preview did not produce a PNG'));
      return;
    }
    pending.resolve(bytes);
  }

  /** Rejects every open request: the preview was closed. */
  dispose(): void {
    this.requests.dispose();
  }
}
