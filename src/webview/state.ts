// The preview's starting state: the `data-state` attribute the extension wrote (escaped
// JSON), overridden by what this webview saved with `setState` before it was hidden or
// the window reloaded. Both are checked field by field; anything odd is dropped.
import type { PreviewInitialState, PreviewThemeSetting, ViewTransform } from '../protocol';
import { layoutSetting } from './layout';

export function initialState(attribute: string | undefined, saved: unknown): PreviewInitialState {
  const base = parse(attribute);
  const theme: PreviewThemeSetting = base.theme === 'light' || base.theme === 'dark' ? base.theme : 'auto';
  const layout = layoutSetting(base.layout);
  // What this webview saved is newer than the HTML: it may follow another document by now.
  const from = isObject(saved) && typeof saved.uri === 'string' ? saved : base;
  const uri = typeof from.uri === 'string' ? from.uri : '';
  const view = typeof from.view === 'string' ? from.view : undefined;
  const transforms = transformsOf(from.transforms);
  return { uri, theme, layout, view, transforms };
}

function parse(attribute: string | undefined): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(attribute ?? '{}');
    return isObject(value) ? value : {};
  } catch {
    return {};
  }
}

function transformsOf(value: unknown): Record<string, ViewTransform> | undefined {
  if (!isObject(value)) return undefined;
  const out: Record<string, ViewTransform> = {};
  for (const [key, t] of Object.entries(value).slice(0, 100)) {
    if (isObject(t) && finite(t.scale) && t.scale > 0 && finite(t.x) && finite(t.y)) out[key] = { scale: t.scale, x: t.x, y: t.y };
  }
  return out;
}

function finite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
