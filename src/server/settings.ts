/**
 * The `sysdesign.*` settings the server uses, read through `workspace/configuration`
 * and checked: a wrong type falls back to the default rather than breaking analysis.
 */
import { CONVENTION_NAMES, type Conventions } from '../core';

export interface Settings {
  codeLensEnabled: boolean;
  inlayHintsEnabled: boolean;
  /** Conventions for documents that set none (`sysdesign.estimation.defaultConventions`). */
  defaultConventions: Partial<Conventions>;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({ codeLensEnabled: true, inlayHintsEnabled: true, defaultConventions: {} });

/** `raw` is the `sysdesign` section as the client returns it (any shape, or null). */
export function readSettings(raw: unknown): Settings {
  const section = record(raw);
  const conventions: Partial<Conventions> = {};
  const given = record(record(section?.estimation)?.defaultConventions);
  for (const name of CONVENTION_NAMES) {
    const v = given?.[name];
    // A utilisation target is a fraction of capacity: over 1 would size for overload.
    if (typeof v === 'number' && Number.isFinite(v) && v > 0 && (name !== 'target_utilisation' || v <= 1)) conventions[name] = v;
  }
  return {
    codeLensEnabled: bool(record(section?.codeLens)?.enabled, true),
    inlayHintsEnabled: bool(record(section?.inlayHints)?.enabled, true),
    defaultConventions: conventions,
  };
}

export function sameConventions(a: Partial<Conventions>, b: Partial<Conventions>): boolean {
  return CONVENTION_NAMES.every((n) => a[n] === b[n]);
}

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function bool(v: unknown, fallback: boolean): boolean {
  return typeof v === 'boolean' ? v : fallback;
}
