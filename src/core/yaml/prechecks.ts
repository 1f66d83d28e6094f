/**
 * What happens before the parser runs, for the full parse and the incremental path alike:
 * the size cap, the byte-order mark, control characters and the depth pre-pass.
 */
import type { Problem } from '../types';
import { findExcessiveDepth, MAX_DEPTH } from './depth';
import { reporter } from './report';
import type { ParsedYaml } from './types';

/** Files larger than this get one problem and no further work. */
export const MAX_TEXT_LENGTH = 2_000_000;
/** Control characters reported at most this many times. */
const MAX_REPORTED = 20;

/** The characters reported as `sysdesign/yaml-control-character` (the loop in `precheck` says which). */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u2028\u2029]/;

export interface Precheck {
  problems: Problem[];
  /** The whole result when the text must not be parsed at all. */
  rejected?: ParsedYaml;
}

/**
 * What happens before the parser runs: the size cap, the byte-order mark, control
 * characters and the depth pre-pass. `rejected` is the whole result when the text must
 * not be parsed at all. Shared by the incremental path so both see the same guards.
 */
export function precheck(text: string): Precheck {
  const problems: Problem[] = [];
  const problem = reporter(problems);

  if (text.length > MAX_TEXT_LENGTH) {
    const firstLine = text.indexOf('\n');
    problem(
      'sysdesign/file-too-large',
      'error',
      `This file has ${text.length.toLocaleString('en-US')} characters; designs are checked up to ${MAX_TEXT_LENGTH.toLocaleString('en-US')}. Split it, or remove what is not part of the design.`,
      { start: 0, end: firstLine > 0 ? Math.min(firstLine, 200) : Math.min(text.length, 1) },
    );
    return { problems, rejected: { doc: null, root: null, value: undefined, problems, fatal: true } };
  }

  if (text.charCodeAt(0) === 0xfeff) {
    problem('sysdesign/yaml-bom', 'info', 'The file starts with a byte-order mark; UTF-8 files do not need one.', { start: 0, end: 1 });
  }

  // The regular expression finds out quickly whether the loop below has anything to do.
  let controls = CONTROL_CHARACTER.test(text) ? 0 : MAX_REPORTED;
  for (let i = 0; i < text.length && controls < MAX_REPORTED; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f || c === 0x2028 || c === 0x2029) {
      controls++;
      problem(
        'sysdesign/yaml-control-character',
        'error',
        `Invalid control character U+${c.toString(16).toUpperCase().padStart(4, '0')}; remove it (it is invisible in most editors).`,
        { start: i, end: i + 1 },
      );
    }
  }

  const tooDeep = findExcessiveDepth(text, MAX_DEPTH);
  if (tooDeep !== undefined) {
    problem('sysdesign/yaml-too-deep', 'error', `Nesting deeper than ${MAX_DEPTH} levels; a design never needs that much, so the file was not parsed further.`, {
      start: tooDeep,
      end: Math.min(text.length, tooDeep + 1),
    });
    return { problems, rejected: { doc: null, root: null, value: undefined, problems, fatal: true } };
  }
  return { problems };
}
