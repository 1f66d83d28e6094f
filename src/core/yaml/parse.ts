/**
 * Text -> YAML tree with offsets, plus the plain-JSON value the schema sees, plus every
 * YAML hazard of RELIABILITY.md as a problem. Never throws, never hangs. Each guard lives
 * in its own module and says there why it exists: `prechecks.ts` (size, characters,
 * depth of the text), `document.ts` (the library's parse, depth of its tree),
 * `hazards.ts` (tags, keys, YAML 1.1), `toJson.ts` (aliases under a budget).
 */
import type { Node as YamlNode } from 'yaml';
import type { Problem, Span } from '../types';
import { MAX_TREE_DEPTH } from './depth';
import { parseYamlDocument } from './document';
import { inspectSubtree } from './hazards';
import { precheck } from './prechecks';
import { reporter, sortParseProblems } from './report';
import { toPlainJson } from './toJson';
import type { ParsedYaml } from './types';

/**
 * YAML errors (and warnings) reported at most: a line of 100,000 `"` has 50,000 errors,
 * and an editor shown that many diagnostics stalls. One more problem says how many were left out.
 */
export const MAX_YAML_ERRORS = 100;

export function parseYaml(text: string): ParsedYaml {
  const pre = precheck(text);
  return pre.rejected ?? parseChecked(text, pre.problems);
}

/** The full parse of a text that passed `precheck` (whose problems are `early`). */
export function parseChecked(text: string, early: readonly Problem[]): ParsedYaml {
  const problems: Problem[] = [...early];
  const problem = reporter(problems);

  let parsed: ReturnType<typeof parseYamlDocument>;
  try {
    parsed = parseYamlDocument(text);
  } catch (error) {
    // The parser is not expected to throw, but a crash here must never reach the user.
    problem('sysdesign/yaml-syntax', 'error', `The YAML parser failed: ${errorMessage(error)}`, { start: 0, end: Math.min(text.length, 1) });
    return { doc: null, root: null, value: undefined, problems, fatal: true };
  }
  if (parsed.tooDeep !== undefined) {
    problem(
      'sysdesign/yaml-too-deep',
      'error',
      `The YAML parser reads this as nesting deeper than ${MAX_TREE_DEPTH} levels (a line above may have too little indentation, so that each line below nests in the one before it); a design never needs that much, so the file was not parsed further.`,
      { start: parsed.tooDeep, end: Math.min(text.length, parsed.tooDeep + 1) },
    );
    return { doc: null, root: null, value: undefined, problems, fatal: true };
  }
  const doc = parsed.doc;

  let fatal = false;
  for (const [i, error] of doc.errors.entries()) {
    fatal = true;
    const span = clampSpan(error.pos, text.length);
    if (i === MAX_YAML_ERRORS) {
      problem('sysdesign/yaml-syntax', 'error', `${(doc.errors.length - i).toLocaleString('en-US')} more YAML errors from here on are not shown; fix the ones before first.`, span);
      break;
    }
    if (error.code === 'MULTIPLE_DOCS') {
      problem('sysdesign/yaml-multiple-documents', 'error', 'A design is one YAML document; remove this `---` and what follows, or move it to another file.', span);
    } else {
      problem('sysdesign/yaml-syntax', 'error', cleanYamlMessage(error.message), span);
    }
  }
  for (const warning of doc.warnings.slice(0, MAX_YAML_ERRORS)) {
    // Tags are reported below, with a clearer message.
    if (warning.code === 'TAG_RESOLVE_FAILED') continue;
    problem('sysdesign/yaml-syntax', 'warning', cleanYamlMessage(warning.message), clampSpan(warning.pos, text.length));
  }

  const root = (doc.contents as YamlNode | null) ?? null;
  if (root) inspectSubtree(root, text, problem);
  const value = fatal ? undefined : toPlainJson(doc, root, problem);
  sortParseProblems(problems);
  return { doc, root, value, problems, fatal };
}

function clampSpan(pos: [number, number], length: number): Span {
  const start = Math.max(0, Math.min(pos[0], length));
  let end = Math.max(start, Math.min(pos[1], length));
  if (end === start && end < length) end++;
  return { start, end };
}

function cleanYamlMessage(message: string): string {
  const first = message
    .split('\n')[0]
    .replace(/ at line \d+, column \d+:?$/, '')
    .trim();
  return first.endsWith('.') ? first : `${first}.`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
