/**
 * A problem as the CLI prints it for machines: the core's offsets turned into 1-based lines
 * and columns (UTF-16 code units, as the core counts), shared by `estimate --json` (SPEC 4)
 * and `check --format json|sarif`.
 */
import type { LineIndex } from '../core/lineIndex';
import type { Problem, ProblemCode, Severity } from '../core/types';

export interface ProblemJson {
  severity: Severity;
  code: ProblemCode;
  message: string;
  line: number;
  column: number;
  /** Where the problem's span ends, exclusive: the column after its last character. */
  end_line: number;
  end_column: number;
}

export function problemJson(p: Problem, lines: LineIndex): ProblemJson {
  const start = lines.position(p.start);
  const end = lines.position(p.end);
  return { severity: p.severity, code: p.code, message: p.message, line: start.line, column: start.column, end_line: end.line, end_column: end.column };
}
