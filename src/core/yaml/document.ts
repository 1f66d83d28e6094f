/**
 * The `yaml` library's parse of one text (a whole design or a chunk of one), with the
 * options every parse uses and the guards the library does not have.
 */
import { Composer, Parser, YAMLParseError } from 'yaml';
import type { Document } from 'yaml';
import { findDeepCollection, MAX_TREE_DEPTH } from './depth';

/** How every text, and every chunk of the incremental path, is parsed. */
export const PARSE_OPTIONS = {
  version: '1.2',
  schema: 'core',
  merge: false,
  uniqueKeys: false,
  strict: true,
  prettyErrors: false,
  keepSourceTokens: false,
  // Known YAML 1.1 tags (!!set, !!timestamp, !!binary...) would yield Set/Date/Uint8Array values.
  resolveKnownTags: false,
  stringKeys: false,
  // Aliases are expanded by our converter, not by the library.
  maxAliasCount: 100,
} as const;

/**
 * What the library's `parseDocument` does, with our options and two guards:
 * - the syntax tree is checked for nesting deeper than `MAX_TREE_DEPTH` (without
 *   recursion) before the composer recurses through it; `tooDeep` is where it goes too deep;
 * - no stack trace is captured for the parser's error objects: text dense with errors (a
 *   long line of `"`) has one per two characters, and their stacks made parsing it about
 *   three times slower. (`stackTraceLimit` is V8's; elsewhere setting it does nothing.)
 */
export function parseYamlDocument(text: string): { doc: Document.Parsed; tooDeep?: undefined } | { doc?: undefined; tooDeep: number } {
  const errorClass = Error as { stackTraceLimit?: number };
  const limit = errorClass.stackTraceLimit;
  errorClass.stackTraceLimit = 0;
  try {
    const tokens = Array.from(new Parser().parse(text));
    const tooDeep = findDeepCollection(tokens, MAX_TREE_DEPTH);
    if (tooDeep !== undefined) return { tooDeep };
    let doc: Document.Parsed | undefined;
    for (const next of new Composer(PARSE_OPTIONS).compose(tokens, true, text.length)) {
      if (!doc) {
        doc = next;
      } else {
        doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'));
        break;
      }
    }
    // `compose(..., true)` always yields a document, empty text included.
    return { doc: doc! };
  } finally {
    errorClass.stackTraceLimit = limit;
  }
}
