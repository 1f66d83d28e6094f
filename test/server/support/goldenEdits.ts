/**
 * The golden edit files (test/golden/edits/): inputs with CRLF, a byte-order mark and
 * comments, and the expected result of each edit. `UPDATE_GOLDEN=1` rewrites the expected
 * files: review their diff, they are the specification.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './lspClient';

export const EDITS_DIR = path.join(ROOT, 'test', 'golden', 'edits');

/** The text of input/<name>.sysdesign.yaml. */
export function goldenInput(name: string): string {
  return readFileSync(path.join(EDITS_DIR, 'input', `${name}.sysdesign.yaml`), 'utf8');
}

export function goldenFile(name: string): string {
  return path.join(EDITS_DIR, 'expected', `${name}.sysdesign.yaml`);
}

/** The expected text of case `name` (after writing `actual` there when UPDATE_GOLDEN=1). */
export function golden(name: string, actual: string): string {
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(path.dirname(goldenFile(name)), { recursive: true });
    writeFileSync(goldenFile(name), actual);
  }
  return readFileSync(goldenFile(name), 'utf8');
}
