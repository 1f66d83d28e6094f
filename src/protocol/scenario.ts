/**
 * `sysdesign/scenario`: which scenario the editor shows for a document (SPEC 5.3). The
 * lenses, hovers, inlay hints, steps view and preview of that document then show the
 * scenario's figures; diagnostics always cover the base and every scenario.
 */
import type { Range } from './range';
import { defineRequest } from './request';

export interface ScenarioParams {
  /** The document's URI as the client sent it in `didOpen`. */
  uri: string;
  /** Show this scenario (its id), or the base design (`null`); absent to only ask. */
  scenario?: string | null;
}

/** One scenario of the document, for a picker. */
export interface ScenarioChoice {
  id: string;
  label?: string;
  /** Its headline figures in one line: peak, instances needed, over capacity, broken requirements. */
  headline: string;
  /** The scenario's entry, for reveal. */
  range: Range;
}

export interface ScenarioState {
  /** The scenario shown, or `null` for the base design (also when the one asked for does not exist). */
  active: string | null;
  scenarios: ScenarioChoice[];
}

/** `null` when the server does not have the document open. */
export type ScenarioResult = ScenarioState | null;

export const ScenarioRequest = defineRequest<ScenarioParams, ScenarioResult>('sysdesign/scenario');
