/**
 * Messages shared by the language server and the VS Code client: types (the core's own
 * where the wire carries them unchanged, imported as types only) and each request's
 * descriptor. Positions follow LSP: zero-based line and UTF-16 character.
 */
import type { StepItemKind, StepKey, StepStatus } from '../core/steps';
import { defineRequest } from './request';

export type { StepItemKind, StepKey, StepStatus };
export { defineRequest, type ParamsOf, type RequestDescriptor, type ResultOf } from './request';

import type { Position, Range } from './range';

export type { Position, Range } from './range';

export interface AnalysisParams {
  /** The document's URI as the client sent it in `didOpen`. */
  uri: string;
}

/** `null` when the server does not have the document open. */
export type AnalysisResult = AnalysisSummary | null;

/** `sysdesign/analysis`: a small summary of one open document, for the five-step tree. */
export const AnalysisRequest = defineRequest<AnalysisParams, AnalysisResult>('sysdesign/analysis');

export interface AnalysisSummary {
  uri: string;
  /** The document version the summary was computed from. */
  version: number;
  /** The design's `name`, when it has one. */
  name?: string;
  /** The scenario whose figures the steps show; absent for the base design. */
  scenario?: { id: string; label?: string };
  problems: ProblemTotals;
  /** The five steps in order. */
  steps: StepSummary[];
}

export interface ProblemTotals {
  errors: number;
  warnings: number;
  infos: number;
}

export interface StepSummary {
  key: StepKey;
  /** 1 to 5. */
  number: number;
  title: string;
  status: StepStatus;
  /** One line, e.g. "3.5k read QPS · 43.8 PB". */
  description: string;
  /** What is still needed for `done`, in words. */
  missing: string[];
  /** The top-level keys of this step (a step may span several sections). */
  ranges: Range[];
  errors: number;
  warnings: number;
  /** Up to a few problem messages, for a tooltip. */
  messages: string[];
  items: StepItemSummary[];
  /** Ways to add an item to this step (the step's main kind first); empty when its section has a shape no insert fits (flow style, a scalar). */
  insertions: StepInsertion[];
}

/** An insert that adds one item to a step, in the document's own indentation and line breaks. */
export interface StepInsertion {
  /** The item it adds: `requirement`, `traffic`, `api`, `data-model`, `component`, `connection`, `flow`. */
  kind: string;
  /** For people, e.g. "Functional requirement". */
  label: string;
  /** The folder item it adds to (e.g. `folder:components`), for steps that group their items. */
  folder?: string;
  /** Where the text goes (computed for the summary's `version`). */
  position: Position;
  /** The text in VS Code snippet syntax (`${1:id}`); it may start with a line break. */
  snippet: string;
}

export interface StepItemSummary {
  kind: StepItemKind;
  /** Stable within a document version, e.g. `component:api`. */
  key: string;
  label: string;
  description?: string;
  /** A component's kind, a requirement's op, an API's method: for icons. */
  detail?: string;
  /** The whole item, for reveal. */
  range: Range;
  errors: number;
  warnings: number;
  messages: string[];
  children?: StepItemSummary[];
}

export * from './compare';
export * from './preview';
export * from './scenario';
export * from './guards';
