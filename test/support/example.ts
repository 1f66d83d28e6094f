/** The spec example (test/fixtures/spec-example.sysdesign.yaml), read once, for tests that run in Node. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { replaceOnce } from './text';

export const EXAMPLE_FILE = path.join(__dirname, '..', 'fixtures', 'spec-example.sysdesign.yaml');
export const example = readFileSync(EXAMPLE_FILE, 'utf8');

/** The example (or `text`) with one textual change; `from` must occur once. */
export function edited(from: string, to: string, text = example): string {
  return replaceOnce(text, from, to);
}
