// The preview's webview panel as VS Code sees it: its view type, options (scripts on,
// resources only from the built preview), title and HTML.
import * as vscode from 'vscode';
import type { PreviewLayoutSetting, PreviewState, PreviewThemeSetting } from '../../protocol';
import { createNonce, previewHtml } from './html';

export const PREVIEW_VIEW_TYPE = 'sysdesign.preview';

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableFindWidget: false,
    // Only the built preview: never the workspace, never the rest of the extension.
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
  };
}

/** `Preview photo-sharing.sysdesign.yaml`, like Markdown's preview. */
export function previewTitle(resource: vscode.Uri): string {
  const name = resource.path.split('/').pop() || resource.toString();
  return `Preview ${name}`;
}

/** The page of `webview`, starting from `state` with the document, theme and layout given. */
export function panelHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  state: PreviewState & { uri: string; theme: PreviewThemeSetting; layout: PreviewLayoutSetting },
): string {
  const root = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
  return previewHtml({
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'preview.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'preview.css')).toString(),
    nonce: createNonce(),
    state,
  });
}
