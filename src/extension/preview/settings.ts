// The preview's settings. `theme` affects what is rendered, so in an untrusted
// workspace it is read from the user's settings only: a cloned repository's
// `.vscode/settings.json` cannot change it.
import * as vscode from 'vscode';
import type { PreviewThemeSetting } from '../../protocol';

export const SECTION = 'sysdesign.preview';

export function previewTheme(): PreviewThemeSetting {
  const config = vscode.workspace.getConfiguration(SECTION);
  const value = vscode.workspace.isTrusted ? config.get<unknown>('theme') : config.inspect<unknown>('theme')?.globalValue;
  return value === 'light' || value === 'dark' ? value : 'auto';
}

/** One preview that follows the active design (true, the default), or one per design. */
export function previewFollows(): boolean {
  return vscode.workspace.getConfiguration(SECTION).get<boolean>('follow', true) !== false;
}
