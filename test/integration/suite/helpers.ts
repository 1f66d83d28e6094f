// Small helpers shared by the integration tests. They wait on VS Code's own promises and
// events, never on timers.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'sysdesign.sysdesign';

export function ourExtension(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded in this host`);
  return extension;
}

/** A file of the extension's own folder (the repository in development). */
export function repoFile(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(ourExtension().extensionUri, ...segments);
}

/** Opens a file in an editor, as a person would, and returns its document. */
export async function openInEditor(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

/** Resolves with the next change of `document`. Subscribe before causing the change. */
export function nextChange(document: vscode.TextDocument): Promise<vscode.TextDocumentChangeEvent> {
  return new Promise((resolve) => {
    const listener = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === document) {
        listener.dispose();
        resolve(event);
      }
    });
  });
}
