/** Problems -> LSP diagnostics, one for one, on the problem's exact range. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Problem, Severity } from '../../core';
import type { Positions } from '../positions';
import type { DocumentAnalysis } from './types';

export const DIAGNOSTIC_SOURCE = 'sysdesign';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toDiagnostics(analysis: DocumentAnalysis, positions: Positions): Diagnostic[] {
  return analysis.problems.map((p) => toDiagnostic(p, positions));
}

export function toDiagnostic(problem: Problem, positions: Positions): Diagnostic {
  return {
    range: positions.range(problem),
    severity: SEVERITY[problem.severity] ?? DiagnosticSeverity.Error,
    code: problem.code,
    source: DIAGNOSTIC_SOURCE,
    message: problem.message,
  };
}
