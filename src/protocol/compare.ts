/**
 * `sysdesign/compare`: compare an open design with another version of it (a file, or the
 * file's last committed version), issue #18. While a document is compared, its preview
 * marks the components added and changed since that version, lists the removed ones, and
 * has a *Changes* tab with the changes and the figures that moved (`PreviewComparison`).
 */
import { defineRequest } from './request';

/** The version to compare with, as the client read it. */
export interface CompareBaseline {
  /** For people: `HEAD`, `design.v1.sysdesign.yaml`. */
  name: string;
  text: string;
}

export interface CompareParams {
  /** The document's URI as the client sent it in `didOpen`. */
  uri: string;
  /** Compare with this version, or stop comparing (`null`). */
  baseline: CompareBaseline | null;
}

/** What the comparison says in one line, or why there is none. `null` when the server does not have the document open. */
export type CompareResult = { comparing: false } | { comparing: true; summary: string } | { error: string } | null;

export const CompareRequest = defineRequest<CompareParams, CompareResult>('sysdesign/compare');
