// The preview's starting state: the `data-state` attribute the extension wrote (escaped
// JSON), overridden by what this webview saved with `setState` before it was hidden or
// the window reloaded. Both are checked field by field; anything odd is dropped.
import { isDesignId, isRecord, layoutSetting, MAX_EXPANDED_GROUPS, themeSetting, viewTransforms, type PreviewInitialState } from '../protocol';

export function initialState(attribute: string | undefined, saved: unknown): PreviewInitialState {
  const base = parse(attribute);
  const theme = themeSetting(base.theme);
  const layout = layoutSetting(base.layout);
  // What this webview saved is newer than the HTML: it may follow another document by now.
  const from = isRecord(saved) && typeof saved.uri === 'string' ? saved : base;
  const uri = typeof from.uri === 'string' ? from.uri : '';
  const view = typeof from.view === 'string' ? from.view : undefined;
  // Keys are this webview's own views, whatever the document calls them.
  const transforms = viewTransforms(from.transforms, () => true);
  // The overview's expanded groups and the component in focus (issue #17): ids the server checks again.
  const expanded = Array.isArray(from.expanded) ? from.expanded.filter(isDesignId).slice(0, MAX_EXPANDED_GROUPS) : undefined;
  const focus = isDesignId(from.focus) ? from.focus : undefined;
  return { uri, theme, layout, view, transforms, ...(expanded && expanded.length > 0 ? { expanded } : {}), ...(focus ? { focus } : {}) };
}

function parse(attribute: string | undefined): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(attribute ?? '{}');
    return isRecord(value) ? value : {};
  } catch {
    return {};
  }
}
