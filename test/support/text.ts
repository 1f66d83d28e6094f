/**
 * Text helpers for every test tier (unit, server, webview, and the integration suite,
 * which esbuild bundles into the extension host): plain strings only, no file reads, so
 * the bundled copy needs no paths.
 */
import * as assert from 'node:assert/strict';

/** `text` with one textual change; `from` must occur exactly once, so a fixture cannot drift silently. */
export function replaceOnce(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `"${from}" must occur once`);
  const at = text.indexOf(from);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** The offset of `needle` (which must occur once) plus `delta`. */
export function offsetOf(text: string, needle: string, delta = 0): number {
  assert.equal(text.split(needle).length, 2, `"${needle}" must occur once`);
  return text.indexOf(needle) + delta;
}

/** CR and BOM made visible, so that a failure's diff shows them. */
export function visible(text: string): string {
  return text.replace(/\uFEFF/g, '<BOM>').replace(/\r/g, '␍');
}
