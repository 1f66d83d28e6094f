/**
 * parse -> schema -> model -> quantities -> estimate -> checks: one Analysis per text.
 * Synchronous and total: any text yields an Analysis, never an exception.
 */
import { CHECKS } from './checks';
import { computeEstimate } from './estimate';
import { analyseScenarios } from './scenarios';
import { LoadCache } from './load';
import { buildDesign, emptyDesign, ModelCache } from './model';
import { createIncrementalParser, parseYaml, type IncrementalStats, type ParsedYaml } from './yaml';
import { evaluateFigures, QuantityCache } from './quantities';
import { validateSchema } from './schema';
import { collectSymbols, type SymbolTable } from './symbols';
import type { Analysis, Conventions, Problem } from './types';

export interface AnalyzerOptions {
  /** Conventions used where the document sets none (e.g. from the user's settings). */
  defaultConventions?: Partial<Conventions>;
}

export interface Analyzer {
  /**
   * The whole analysis of `text`, equal to `analyseText(text)`. Reuses work from earlier
   * calls, so successive analyses share their unchanged parts (model objects, problems):
   * treat every analysis as read-only.
   */
  analyse(text: string): Analysis & { symbols: SymbolTable };
}

export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  return createInstrumentedAnalyzer(options).analyzer;
}

/** What an analyzer's last analysis did, for tests and benchmarks. */
export interface AnalyzerStats {
  parse: IncrementalStats;
  /** Times the incremental parser threw (a bug: the analysis then used a full parse). */
  parserCrashes: number;
  /** Analyses that reused the last load model and flow estimates, and analyses that computed them. */
  load: LoadCache['stats'];
}

/**
 * `createAnalyzer`, plus its statistics. Work reused from one text to the next (each
 * cache says why that is sound, and `test/unit/incremental.unit.test.ts` checks every
 * result against `analyseText`):
 * - the YAML tree, chunk by chunk (`incremental.ts`);
 * - model parts read from unchanged YAML nodes (`ModelCache`);
 * - evaluated quantities that use no names (`QuantityCache`);
 * - the load model and the flow estimates while none of their inputs changed (`LoadCache`).
 */
export function createInstrumentedAnalyzer(options: AnalyzerOptions = {}): { analyzer: Analyzer; stats: AnalyzerStats } {
  let parser = createIncrementalParser();
  const load = new LoadCache();
  const stats: AnalyzerStats = { parse: parser.stats, parserCrashes: 0, load: load.stats };
  const caches: Caches = {
    parse: (text) => {
      try {
        return parser.parse(text);
      } catch {
        // Never let the cache take an analysis down: start afresh with a full parse.
        stats.parserCrashes++;
        parser = createIncrementalParser();
        stats.parse = parser.stats;
        return parseYaml(text);
      }
    },
    model: new ModelCache(),
    quantities: new QuantityCache(),
    load,
    scenarioLoads: new Map(),
  };
  let last: (Analysis & { symbols: SymbolTable }) | undefined;
  const analyzer: Analyzer = {
    analyse(text) {
      if (last && last.text === text) return last;
      last = analyse(text, options, caches);
      return last;
    },
  };
  return { analyzer, stats };
}

/** What an analyzer keeps between texts. */
interface Caches {
  parse(text: string): ParsedYaml;
  model: ModelCache;
  quantities: QuantityCache;
  load: LoadCache;
  /** One load cache per scenario id. */
  scenarioLoads: Map<string, LoadCache>;
}

/** The whole analysis of one text, from scratch (the reference the analyzer's reuse must equal). */
export function analyseText(text: string, options: AnalyzerOptions = {}): Analysis & { symbols: SymbolTable } {
  return analyse(text, options, undefined);
}

function analyse(text: string, options: AnalyzerOptions, caches: Caches | undefined): Analysis & { symbols: SymbolTable } {
  const problems: Problem[] = [];
  try {
    return analyseStages(text, options, problems, caches);
  } catch (error) {
    // Last line of defence: the stages below guard themselves, but `analyse` must never throw.
    const design = emptyDesign();
    const figures = evaluateFigures(design, collectSymbols(design), options.defaultConventions);
    guard(
      problems,
      'analysis',
      () => {
        throw error;
      },
      undefined,
    );
    return {
      text,
      design,
      problems: sortAndDedupe(problems),
      estimate: computeEstimate(design, figures.figures),
      quantities: new Map(),
      symbols: collectSymbols(design),
      scenarios: [],
    };
  }
}

function analyseStages(text: string, options: AnalyzerOptions, problems: Problem[], caches: Caches | undefined): Analysis & { symbols: SymbolTable } {
  const parsed = caches ? caches.parse(text) : parseYaml(text);
  append(problems, parsed.problems);
  const quiet = parsed.fatal;

  if (!quiet && parsed.value !== undefined) {
    append(
      problems,
      guard(problems, 'schema', () => validateSchema(parsed.value, parsed.root), []),
    );
  }

  const design = guard(problems, 'model', () => buildDesign(parsed.root, text, caches?.model), emptyDesign());
  const symbols = collectSymbols(design);
  const evaluated = evaluateFigures(design, symbols, options.defaultConventions, caches?.quantities);
  const estimate = computeEstimate(design, evaluated.figures, caches?.load);

  if (!quiet) {
    append(problems, evaluated.problems);
    const report = (p: Problem) => problems.push(p);
    for (const check of CHECKS) {
      guard(problems, check.codes[0], () => check.run({ design, symbols, figures: evaluated.figures, estimate, report }), undefined);
    }
  }
  const scenarios =
    design.scenarios.length === 0
      ? { scenarios: [], problems: [] }
      : guard(problems, 'scenarios', () => analyseScenarios({ design, symbols, checks: CHECKS, baseProblems: problems, defaultConventions: options.defaultConventions }), {
          scenarios: [],
          problems: [],
        });
  if (!quiet) append(problems, scenarios.problems);
  estimate.scenarios = scenarios.scenarios.map((s) => s.summary);

  return { text, design, problems: sortAndDedupe(problems), estimate, quantities: evaluated.quantities, symbols, scenarios: scenarios.scenarios };
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

/** `target.push(...items)` for any number of items: spreading 150,000 of them overflows the stack. */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/**
 * At most this many problems of one code are reported; the next one becomes a note of how
 * many more there are. A generated list of 80,000 `{id: a}` would otherwise send 80,000
 * duplicate-id diagnostics to the editor.
 */
export const MAX_PROBLEMS_PER_CODE = 200;

function sortAndDedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  const perCode = new Map<string, number>();
  /** Per code over the limit: the note that replaces its first problem past the limit, on that range. */
  const notes = new Map<string, Problem>();
  const out: Problem[] = [];
  for (const p of problems.sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code))) {
    const key = `${p.start}:${p.end}:${p.code}:${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const count = (perCode.get(p.code) ?? 0) + 1;
    perCode.set(p.code, count);
    if (count <= MAX_PROBLEMS_PER_CODE) out.push(p);
    else if (count === MAX_PROBLEMS_PER_CODE + 1) {
      const note = { ...p, fixes: undefined };
      notes.set(p.code, note);
      out.push(note);
    }
  }
  for (const [code, note] of notes) {
    const more = (perCode.get(code) ?? 0) - MAX_PROBLEMS_PER_CODE;
    note.message = `${more.toLocaleString('en-US')} more \`${code}\` problems from here on are not shown; fix the ones before first.`;
  }
  return out;
}
