import type { Document, Node as YamlNode } from 'yaml';
import type { Problem, Span } from '../types';

/** What the YAML front end hands to the later stages, from a full parse or from chunks. */
export interface ParsedYaml {
  /**
   * The YAML document, or null when the text was rejected before parsing, or when the
   * tree was assembled from separately parsed chunks (`incremental/`; no caller needs
   * the document then: it only serves alias resolution, and chunks never have aliases).
   */
  doc: Document.Parsed | null;
  /** `doc.contents`, or null. */
  root: YamlNode | null;
  /** The plain JSON value (aliases expanded), or undefined when it could not be built safely. */
  value: unknown;
  problems: Problem[];
  /** True when the YAML itself is broken (syntax, depth, size); later stages stay quiet then. */
  fatal: boolean;
}

export type Report = (code: Problem['code'], severity: Problem['severity'], message: string, span: Span, extra?: Partial<Problem>) => void;
