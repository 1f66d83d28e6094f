/** What the last `parse` did, for tests and benchmarks. */
export interface IncrementalStats {
  /** `chunks` when the tree was assembled from chunks, else `full` (and why, in `reason`). */
  path: 'chunks' | 'full';
  reason?: string;
  /** Chunks parsed for this version and chunks reused from the previous one. */
  parsed: number;
  reused: number;
  /** On the chunk path: the converter steps of the whole value (the alias budget's count; see `toPlainJson`). */
  steps?: number;
}
