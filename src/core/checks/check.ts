import type { Figures } from '../quantities';
import type { SymbolTable } from '../symbols';
import type { Design, Estimate, Problem, ProblemCode } from '../types';

/** What every check sees: the model, its symbols and its numbers. */
export interface CheckContext {
  design: Design;
  symbols: SymbolTable;
  figures: Figures;
  estimate: Estimate;
  report(problem: Problem): void;
}

/** One semantic rule (SPEC 2.4), in a file of its own, with the codes it may report. */
export interface Check {
  codes: readonly ProblemCode[];
  run(context: CheckContext): void;
}
