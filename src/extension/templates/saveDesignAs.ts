// "Save as File...": writes a design's text to a file the user picks and opens it. The
// name always ends in .sysdesign.yaml (or .sysdesign.yml), or the editor would not treat
// the file as a design. Written through `workspace.fs`, so any file system works.
import * as vscode from 'vscode';
import { messageOf } from './catalog';

/** `foo` -> `foo.sysdesign.yaml`, `foo.yaml` -> `foo.sysdesign.yaml`; design names are kept. */
export function withDesignExtension(uri: vscode.Uri): vscode.Uri {
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  if (/\.sysdesign\.ya?ml$/i.test(name)) return uri;
  const stem = name.replace(/\.ya?ml$/i, '');
  return vscode.Uri.joinPath(uri, '..', `${stem || 'design'}.sysdesign.yaml`);
}

/**
 * Asks where to save `text` (suggesting `<suggestedStem>.sysdesign.yaml` in the first
 * workspace folder), writes it and opens the file. Resolves with the file, or undefined
 * when the user cancels.
 */
export async function saveDesignAs(text: string, suggestedStem: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const picked = await vscode.window.showSaveDialog({
    title: 'Save the New Design As',
    saveLabel: 'Save Design',
    defaultUri: folder ? vscode.Uri.joinPath(folder, `${suggestedStem}.sysdesign.yaml`) : undefined,
    // No `filters`: the dialogs compare only the last extension (`.yaml`) with a filter's,
    // so "sysdesign.yaml" would be appended a second time. The name is fixed below instead.
  });
  if (!picked) return undefined;

  const target = withDesignExtension(picked);
  // The dialog asked about replacing `picked`; a renamed target has not been asked about.
  if (target.toString() !== picked.toString() && (await exists(target))) {
    const replace = 'Replace';
    const answer = await vscode.window.showWarningMessage(
      `${baseName(target)} already exists. Replace it with the new design?`,
      { modal: true },
      replace,
    );
    if (answer !== replace) return undefined;
  }
  try {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  } catch (error) {
    throw new Error(`cannot save ${baseName(target)} (${messageOf(error)})`);
  }
  await vscode.window.showTextDocument(target, { preview: false });
  return target;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
