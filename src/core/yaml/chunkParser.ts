/**
 * All the incremental parser (`incremental/`) may ask of the parser. It builds the same
 * `ParsedYaml` as `parseYaml` from chunks, so it needs the same guards, checks and
 * converter, applied to one chunk or to a collection assembled from chunks; going through
 * this one interface keeps it out of their internals.
 */
import type { Document } from 'yaml';
import type { Problem } from '../types';
import { parseYamlDocument } from './document';
import { inspectKey, inspectSubtree } from './hazards';
import { parseChecked } from './parse';
import { precheck, type Precheck } from './prechecks';
import { defineKey, toPlainJson, withinBudget, type JsonStats } from './toJson';
import type { ParsedYaml, Report } from './types';

export type { JsonStats, ParsedYaml, Precheck, Report };

export interface ChunkParser {
  /** The guards before parsing, exactly as the full parse runs them. */
  precheck(text: string): Precheck;
  /** The full parse of a text that passed `precheck` (whose problems are `early`): the fallback. */
  parseFull(text: string, early: readonly Problem[]): ParsedYaml;
  /** The library's parse of a chunk in its context, with the options of a full parse; `tooDeep` as in a full parse. */
  parseChunk(text: string): { doc: Document.Parsed; tooDeep?: undefined } | { doc?: undefined; tooDeep: number };
  /** The hazards of a chunk's subtree (tags, keys, YAML 1.1, numbers), pushed in walk order. */
  inspectSubtree(root: unknown, text: string, report: Report): void;
  /** The checks on one key of an assembled map whose earlier keys are in `seen` (duplicates across chunks). */
  inspectKey(key: unknown, seen: Set<string>, report: Report): void;
  /** The JSON value of a subtree without aliases; `stats` receives the converter budget it used. */
  toJson(root: unknown, report: Report, stats: JsonStats): unknown;
  /** Sets a key of an assembled JSON map as the converter does. */
  defineKey(out: Record<string, unknown>, key: string, value: unknown): void;
  /** Whether a value assembled from chunks, with this budget used in all, is within one conversion's budget. */
  withinBudget(stats: JsonStats): boolean;
}

export const chunkParser: ChunkParser = {
  precheck,
  parseFull: parseChecked,
  parseChunk: parseYamlDocument,
  inspectSubtree,
  inspectKey,
  toJson: (root, report, stats) => toPlainJson(null, root, report, stats),
  defineKey,
  withinBudget,
};
