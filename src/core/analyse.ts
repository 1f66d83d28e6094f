/**
 * parse -> schema -> model -> quantities -> estimate -> checks: one Analysis per text.
 * Synchronous and total: any text yields an Analysis, never an exception.
 */
import { CHECKS } from './checks';
import { computeEstimate } from './estimate';
import { buildDesign, emptyDesign } from './model';
import { parseYaml } from './parse';
import { evaluateFigures } from './quantities';
import { validateSchema } from './schema';
import { collectSymbols, type SymbolTable } from './symbols';
import type { Analysis, Conventions, Problem } from './types';

export interface AnalyzerOptions {
  /** Conventions used where the document sets none (e.g. from the user's settings). */
  defaultConventions?: Partial<Conventions>;
}

export interface Analyzer {
  /** The whole analysis of `text`. May reuse work from the previous call. */
  analyse(text: string): Analysis & { symbols: SymbolTable };
}

export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  let last: (Analysis & { symbols: SymbolTable }) | undefined;
  return {
    analyse(text) {
      if (last && last.text === text) return last;
      last = analyseText(text, options);
      return last;
    },
  };
}

export function analyseText(text: string, options: AnalyzerOptions = {}): Analysis & { symbols: SymbolTable } {
  const problems: Problem[] = [];
  try {
    return analyseStages(text, options, problems);
  } catch (error) {
    // Last line of defence: the stages below guard themselves, but `analyse` must never throw.
    const design = emptyDesign();
    const figures = evaluateFigures(design, collectSymbols(design), options.defaultConventions);
    guard(problems, 'analysis', () => {
      throw error;
    }, undefined);
    return { text, design, problems: sortAndDedupe(problems), estimate: computeEstimate(design, figures.figures), quantities: new Map(), symbols: collectSymbols(design) };
  }
}

function analyseStages(text: string, options: AnalyzerOptions, problems: Problem[]): Analysis & { symbols: SymbolTable } {
  const parsed = parseYaml(text);
  problems.push(...parsed.problems);
  const quiet = parsed.fatal;

  if (!quiet && parsed.value !== undefined) {
    problems.push(...guard(problems, 'schema', () => validateSchema(parsed.value, parsed.root), []));
  }

  const design = guard(problems, 'model', () => buildDesign(parsed.root, text), emptyDesign());
  const symbols = collectSymbols(design);
  const evaluated = evaluateFigures(design, symbols, options.defaultConventions);
  const estimate = computeEstimate(design, evaluated.figures);

  if (!quiet) {
    problems.push(...evaluated.problems);
    const report = (p: Problem) => problems.push(p);
    for (const check of CHECKS) {
      guard(problems, check.codes[0], () => check.run({ design, symbols, figures: evaluated.figures, estimate, report }), undefined);
    }
  }

  return { text, design, problems: sortAndDedupe(problems), estimate, quantities: evaluated.quantities, symbols };
}

/**
 * A bug in one stage must not take the whole analysis down: it becomes one visible
 * problem (which the fuzz tests treat as a failure) and the other stages go on.
 */
function guard<T>(problems: Problem[], stage: string, work: () => T, fallback: T): T {
  try {
    return work();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    problems.push({
      code: 'sysdesign/internal-error',
      severity: 'error',
      message: `Internal error in ${stage} (please report it with this file): ${detail.slice(0, 200)}`,
      start: 0,
      end: 0,
    });
    return fallback;
  }
}

function sortAndDedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const p of problems.sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code))) {
    const key = `${p.start}:${p.end}:${p.code}:${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}
