/**
 * Run-time checks of what the preview hands across a boundary, shared by the extension
 * (which trusts nothing from the webview) and the webview (which reads its own saved
 * state and the extension's `data-state`), so both sides agree on a view key, a setting
 * and a saved zoom. Pure functions with no imports: the webview bundles them.
 */
import type { PanelShape, PreviewLayoutSetting, PreviewThemeSetting, ViewTransform } from './preview';

/** `architecture`, `overview`, `er`, `estimates`, `changes`, `flow:` and a flow id, or `focus:` and a component id (no control characters). */
const VIEW = /^(?:architecture|overview|er|estimates|changes|(?:flow|focus):[^\u0000-\u001f\u007f]{1,512})$/;
/** Saved zoom and pan: at most this many views (a saved state is small). */
const MAX_TRANSFORMS = 100;

export function isViewKey(value: unknown): value is string {
  return typeof value === 'string' && VIEW.test(value);
}

/** A theme setting from anywhere (a setting, the initial state): anything unknown is `auto`. */
export function themeSetting(value: unknown): PreviewThemeSetting {
  return value === 'light' || value === 'dark' ? value : 'auto';
}

/** A layout setting from anywhere (a setting, the initial state, a message): anything unknown is `auto`. */
export function layoutSetting(value: unknown): PreviewLayoutSetting {
  return value === 'dagre' || value === 'elk' ? value : 'auto';
}

export function isViewTransform(value: unknown): value is ViewTransform {
  return isRecord(value) && isFiniteNumber(value.scale) && value.scale > 0 && isFiniteNumber(value.x) && isFiniteNumber(value.y);
}

/**
 * Saved zoom and pan per view (the first 100), each copied field by field; `undefined`
 * when `value` is not an object. `acceptKey` says which view keys to keep.
 */
export function viewTransforms(value: unknown, acceptKey: (key: string) => boolean): Record<string, ViewTransform> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, ViewTransform> = {};
  for (const [key, t] of Object.entries(value).slice(0, MAX_TRANSFORMS)) {
    if (acceptKey(key) && isViewTransform(t)) out[key] = { scale: t.scale, x: t.x, y: t.y };
  }
  return out;
}

/** The longest group or component id the preview's options carry (the server checks it against the design). */
const MAX_ID_CHARS = 200;
/** The most groups the overview is asked to expand. */
export const MAX_EXPANDED_GROUPS = 1_000;
/** The largest panel side, in CSS pixels, taken as a size. */
const MAX_PANEL_SIDE = 100_000;

/** A group or component id in the preview's options (issue #17): 1 to 200 characters, no control characters. */
export function isDesignId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_CHARS && !/[\u0000-\u001f\u007f]/.test(value);
}

/** The diagram area's size: two finite positive numbers of CSS pixels, else undefined. */
export function panelShape(value: unknown): PanelShape | undefined {
  if (!isRecord(value)) return undefined;
  const side = (x: unknown): x is number => isFiniteNumber(x) && x > 0 && x <= MAX_PANEL_SIDE;
  return side(value.width) && side(value.height) ? { width: value.width, height: value.height } : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
