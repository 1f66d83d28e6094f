// The preview's settings. `theme`, `layout` and `direction` affect what is rendered, so in an
// untrusted workspace they are read from the user's settings only: a cloned repository's
// `.vscode/settings.json` cannot change them.
import * as vscode from 'vscode';
import { layoutSetting, themeSetting, type FlowDirection, type PreviewLayoutSetting, type PreviewThemeSetting } from '../../protocol';

export const SECTION = 'sysdesign.preview';

/** `trusted`: whether the workspace is trusted (a parameter so that tests can ask both ways). */
export function previewTheme(trusted = vscode.workspace.isTrusted): PreviewThemeSetting {
  return themeSetting(renderingSetting('theme', trusted));
}

/** `sysdesign.preview.layout`: the architecture's layout engine, by size (`auto`) or always one. */
export function previewLayout(trusted = vscode.workspace.isTrusted): PreviewLayoutSetting {
  return layoutSetting(renderingSetting('layout', trusted));
}

/**
 * `sysdesign.preview.direction`: how the overview and the focus view run, `auto` (the one
 * that reads larger in the panel, issue #17), or always left-to-right (`LR`) or top-down (`TB`).
 */
export function previewDirection(trusted = vscode.workspace.isTrusted): 'auto' | FlowDirection {
  const value = renderingSetting('direction', trusted);
  return value === 'LR' || value === 'TB' ? value : 'auto';
}

function renderingSetting(name: string, trusted: boolean): unknown {
  const config = vscode.workspace.getConfiguration(SECTION);
  return trusted ? config.get<unknown>(name) : config.inspect<unknown>(name)?.globalValue;
}

/** One preview that follows the active design (true, the default), or one per design. */
export function previewFollows(): boolean {
  return vscode.workspace.getConfiguration(SECTION).get<boolean>('follow', true) !== false;
}
