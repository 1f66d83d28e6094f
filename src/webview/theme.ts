// Which Mermaid theme the preview uses: VS Code's own theme (the body's `vscode-light`,
// `vscode-dark`, `vscode-high-contrast`, `vscode-high-contrast-light` class), unless the
// `sysdesign.preview.theme` setting forces light or dark.
import type { ExportTheme, PreviewThemeSetting } from '../protocol';

export type Brightness = 'light' | 'dark';
/** Mermaid's theme names for our two brightnesses. */
export type MermaidTheme = 'default' | 'dark';

export function bodyBrightness(body: HTMLElement): Brightness {
  const classes = body.classList;
  // High-contrast light carries `vscode-high-contrast-light` (and on some versions also `vscode-high-contrast`).
  if (classes.contains('vscode-high-contrast-light') || classes.contains('vscode-light')) return 'light';
  if (classes.contains('vscode-dark') || classes.contains('vscode-high-contrast')) return 'dark';
  return 'light';
}

export function brightness(setting: PreviewThemeSetting, body: HTMLElement): Brightness {
  return setting === 'auto' ? bodyBrightness(body) : setting;
}

export function mermaidTheme(brightness: Brightness): MermaidTheme {
  return brightness === 'dark' ? 'dark' : 'default';
}

export function exportBrightness(theme: ExportTheme, current: Brightness): Brightness {
  return theme === 'current' ? current : theme;
}

/** Calls `onChange` whenever VS Code changes the body's class (a theme switch); returns the stop function. */
export function watchBodyClass(body: HTMLElement, onChange: () => void): () => void {
  const observer = new MutationObserver(() => onChange());
  observer.observe(body, { attributes: true, attributeFilter: ['class'] });
  return () => observer.disconnect();
}
