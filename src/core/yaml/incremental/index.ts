/**
 * Incremental parsing for as-you-type analysis: the same `ParsedYaml` as `parseYaml(text)`
 * (tree with every range, JSON value, problems), built from chunks of whole lines so that
 * an edit re-parses only the chunk it touches.
 *
 * Why: parsing YAML is most of the cost of an analysis (about 90 % in a plain yaml + ajv
 * pipeline), and a keystroke changes one line of a document of thousands.
 *
 * How:
 * - The text is split into lines (`lines.ts`) and by indentation into a tree of chunks
 *   (`chunks.ts`): the top-level entries; inside an entry written `key:` whose value is a
 *   long block map or block sequence, its entries or items; and so on. Chunk boundaries are always lines
 *   that start an entry (`key: ...`) or an item (`- ...`) at the collection's indentation.
 * - Each chunk (a "leaf") is parsed by the `yaml` library with the options of a full
 *   parse, inside a minimal context that puts the parser in the state a full parse is in
 *   (`leaves.ts`). A leaf is a function of its text and that context, so an
 *   unchanged leaf is reused from the previous version: at the same offset (edit after
 *   it) or shifted by the length change (edit before it). Shifting adds to the ranges of
 *   its nodes in place: the nodes belong to this parser, never to an analysis handed out.
 * - The collections that contain chunks are assembled anew each time (`assembly.ts`)
 *   with the ranges, key problems (duplicates) and JSON value a full parse gives them.
 *
 * Whenever anything is unusual, the whole text gets a full parse, so error messages and
 * positions stay exactly those of a full analysis: a byte-order mark or control
 * character, tabs in indentation, directives, `---`/`...`, content at column 0 that is not
 * a `key:`, an explicit block scalar indentation, anchors, aliases and tags, a chunk with
 * any YAML error or warning, a chunk that does not parse to exactly one entry or item,
 * and a value over the converter's budget. The size cap and the depth pre-pass run first,
 * on the whole text, exactly as in a full parse (`precheck`).
 * The parser is reached only through `ChunkParser` (`../chunkParser.ts`).
 * `test/unit/incremental.unit.test.ts` compares the result with `parseYaml` and
 * `analyseText` over random edit sequences.
 */
import type { Problem } from '../../types';
import { chunkParser, type ChunkParser, type ParsedYaml } from '../chunkParser';
import { assembleDocument } from './assembly';
import { splitDocument } from './chunks';
import type { Leaf } from './leaves';
import { scanLines } from './lines';
import type { IncrementalStats } from './stats';

export type { IncrementalStats };

/** An entry written `key:` is split into its entries or items only when longer than this many lines. */
export const SPLIT_MIN_LINES = 8;

export interface IncrementalParser {
  /** Exactly `parseYaml(text)` (values, ranges, problems), reusing the previous version's chunks. */
  parse(text: string): ParsedYaml;
  readonly stats: IncrementalStats;
}

export interface IncrementalOptions {
  /** See SPLIT_MIN_LINES; tests lower it to split small documents as deeply as large ones. */
  splitMinLines?: number;
}

export function createIncrementalParser(options: IncrementalOptions = {}): IncrementalParser {
  const splitMinLines = options.splitMinLines ?? SPLIT_MIN_LINES;
  // Handed down to the leaves and the assembly, so that only this file picks the parser.
  const parser: ChunkParser = chunkParser;
  /** The chunks of the last version that went through assembly, by offset, and that version's length. */
  let leaves = new Map<number, Leaf>();
  let leavesLength = 0;
  const stats: IncrementalStats = { path: 'full', parsed: 0, reused: 0 };
  const full = (text: string, early: Problem[], reason: string): ParsedYaml => {
    stats.path = 'full';
    stats.reason = reason;
    return parser.parseFull(text, early);
  };
  return {
    stats,
    parse(text) {
      stats.parsed = 0;
      stats.reused = 0;
      stats.reason = undefined;
      stats.steps = undefined;
      const pre = parser.precheck(text);
      if (pre.rejected) {
        leaves = new Map();
        leavesLength = 0;
        stats.path = 'full';
        stats.reason = 'rejected before parsing';
        return pre.rejected;
      }
      // A byte-order mark or control characters: rare, and their problems come first.
      if (pre.problems.length > 0) return full(text, pre.problems, 'problems before parsing');
      const lines = scanLines(text);
      const root = lines && splitDocument(lines, splitMinLines);
      if (!lines || !root) return full(text, [], 'layout');
      const next = new Map<number, Leaf>();
      const result = assembleDocument(lines, root, { previous: leaves, next, stats, parser, delta: text.length - leavesLength });
      // Keep whatever was parsed or reused, even when this version falls back: once the
      // text is well-formed again, the untouched chunks are still there.
      leaves = next;
      leavesLength = text.length;
      if (typeof result === 'string') return full(text, [], result);
      stats.path = 'chunks';
      return result;
    },
  };
}
