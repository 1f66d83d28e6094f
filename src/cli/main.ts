/**
 * `sysdesign`: the command-line face of the core.
 *
 *   sysdesign check FILE... [--format text|json|sarif] [--max-warnings N]
 *                                    problems as `file:line:col: severity code message`, one
 *                                    JSON object or a SARIF log for code scanning (check.ts)
 *   sysdesign estimate FILE [--json] [--scenario ID | --compare]
 *                                    the numbers of SPEC 2.3 (JSON fields of SPEC 4), of one
 *                                    scenario, or of the base and every scenario side by side
 *   sysdesign export FILE --format mermaid|markdown [--view VIEW]
 *                                    a diagram as Mermaid text, or the design doc in Markdown
 *   sysdesign diff OLD NEW [--format text|markdown|json]
 *                                    what changed between two designs, by meaning (diff.ts)
 *
 * Exit status: 0 clean (warnings allowed, unless more than `check --max-warnings`), 1 any
 * error in a design (or too many warnings), 2 usage or I/O error.
 * Every failure is one line on stderr, never a stack trace.
 */
import { createAnalyzer } from '../core/analyse';
import { comparisonText, estimateInputs, estimateReport, estimateText, inputsText, scenarioComparison } from '../core/report';
import { closest } from '../core/suggest';
import type { Analysis, ScenarioEstimate } from '../core/types';
import { LineIndex } from '../core/lineIndex';
import { designMarkdown, diagramFor, listViews, parseView, viewExists } from '../core/diagram';
import { checkCommand } from './check';
import { diffCommand } from './diff';
import { errorStatus, FileError, oneLine, parseOptions, readDesign, UsageError, VERSION, type Io } from './io';
import { problemJson } from './problems';

export type { Io } from './io';

const USAGE = `Usage:
  sysdesign check FILE... [--format text|json|sarif] [--max-warnings N]
                                     report problems (file:line:col: severity code message), as
                                     JSON, or as SARIF 2.1.0 for code scanning; exit 1 on more
                                     than N warnings
  sysdesign estimate FILE [--json] [--scenario ID | --compare]
                                     print the estimate (QPS, storage, bandwidth, cache, servers),
                                     of one scenario, or the base and every scenario side by side
  sysdesign export FILE --format mermaid|markdown [--view VIEW]
                                     print a diagram as Mermaid (VIEW: architecture, overview,
                                     focus:<component id>, er, flow:<id>; default architecture)
                                     or the design as Markdown
  sysdesign diff OLD NEW [--format text|markdown|json]
                                     what changed (requirements, inputs, APIs, components,
                                     flows...) and the figures that moved; OLD or NEW may be
                                     git:REV, the other file at a git revision (git:HEAD)
  sysdesign --help | --version

Exit status: 0 no errors (warnings allowed unless more than --max-warnings), 1 a design has
errors (or check found too many warnings), 2 usage or file error.`;

export function main(argv: string[], io: Io): number {
  try {
    return run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`sysdesign: ${error.message}`);
      io.err(`Run 'sysdesign --help' for usage.`);
      return 2;
    }
    if (error instanceof FileError) {
      io.err(`sysdesign: ${error.message}`);
      return 2;
    }
    io.err(`sysdesign: internal error: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

function run(argv: string[], io: Io): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v') {
    io.out(VERSION);
    return 0;
  }
  switch (command) {
    case 'check':
      return checkCommand(rest, io);
    case 'estimate':
      return estimateCommand(rest, io);
    case 'export':
      return exportDesign(rest, io);
    case 'diff':
      return diffCommand(rest, io);
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}

/** `export FILE --format mermaid|markdown [--view VIEW]`; options also as `--format=markdown`. */
function exportDesign(args: string[], io: Io): number {
  const { files, options } = parseOptions(args, ['--format', '--view'], []);
  if (files.length !== 1) throw new UsageError('export needs exactly one FILE');
  const format = options.get('--format');
  if (format === undefined) throw new UsageError('export needs --format mermaid or --format markdown');
  if (format !== 'mermaid' && format !== 'markdown') throw new UsageError(`unknown format '${format}' (use mermaid or markdown)`);
  const viewText = options.get('--view');
  if (viewText !== undefined && format !== 'mermaid') throw new UsageError('--view goes with --format mermaid');

  const file = files[0];
  const analysis = createAnalyzer().analyse(readDesign(file));
  if (format === 'markdown') {
    io.out(designMarkdown(analysis).trimEnd());
  } else {
    const view = parseView(viewText ?? 'architecture', analysis.design);
    if (view === undefined || !viewExists(analysis.design, view)) {
      const keys = listViews(analysis.design).map((v) => v.key);
      const known = keys.length > 8 ? `${keys.slice(0, 8).join(', ')}, …` : keys.join(', ');
      throw new UsageError(`unknown view '${oneLine(viewText ?? '')}' (this design has: ${known})`);
    }
    // The preview's caps are Mermaid's defaults; whoever asks for the text may render it with other limits.
    const diagram = diagramFor(analysis.design, view, { maxText: Infinity, maxEdges: Infinity, estimate: analysis.estimate });
    if ('error' in diagram) throw new FileError(`${file}: ${diagram.error}`);
    io.out(diagram.text.trimEnd());
  }
  return errorStatus(file, analysis.problems, io);
}

/** `estimate FILE [--json] [--scenario ID | --compare]`; `--scenario=ID` too. */
function estimateCommand(args: string[], io: Io): number {
  const { files, options, switches } = parseOptions(args, ['--scenario'], ['--json', '--compare']);
  if (files.length !== 1) throw new UsageError('estimate needs exactly one FILE');
  const scenario = options.get('--scenario');
  const compare = switches.has('--compare');
  if (compare && scenario !== undefined) throw new UsageError('--compare shows every scenario; leave out --scenario');
  if (compare && switches.has('--json')) throw new UsageError('--json already has every scenario under "scenarios"; leave out --compare');
  const file = files[0];
  const text = readDesign(file);
  const analysis = createAnalyzer().analyse(text);
  if (compare) {
    if (analysis.scenarios.length === 0) throw new FileError(`${file}: has no scenarios to compare (add \`scenarios:\`)`);
    const name = analysis.design.name?.text;
    for (const line of [...(name ? [name, ''] : []), 'Base and scenarios', ...comparisonText(scenarioComparison(analysis.estimate))]) io.out(line);
    return analysis.problems.some((p) => p.severity === 'error') ? 1 : 0;
  }
  if (scenario !== undefined) {
    const found = analysis.scenarios.find((s) => s.scenario.id.name === scenario);
    if (!found) {
      const ids = analysis.scenarios.map((s) => s.scenario.id.name);
      const suggestion = closest(scenario, ids);
      const known = ids.length === 0 ? 'this design has no scenarios' : `this design has: ${ids.join(', ')}`;
      throw new UsageError(`unknown scenario '${oneLine(scenario)}'${suggestion ? `; did you mean '${suggestion}'?` : ''} (${known})`);
    }
    return estimate(file, text, { ...analysis, design: found.design, estimate: found.estimate, quantities: found.quantities }, switches.has('--json'), io, found.summary);
  }
  return estimate(file, text, analysis, switches.has('--json'), io);
}

function estimate(file: string, text: string, analysis: Analysis, json: boolean, io: Io, scenario?: ScenarioEstimate): number {
  const lines = new LineIndex(text);
  if (json) {
    const scenarioFields = scenario
      ? { scenario: { id: scenario.id, label: scenario.label, failed: scenario.failed, broken_requirements: scenario.broken_requirements, broken_flows: scenario.broken_flows } }
      : {};
    io.out(JSON.stringify({ ...scenarioFields, ...estimateJson(analysis, lines) }, null, 2));
  } else {
    if (scenario) {
      io.out(`Scenario ${scenario.id}${scenario.label ? `: ${scenario.label}` : ''}`);
      if (scenario.failed.length > 0) io.out(`Down: ${scenario.failed.join(', ')}; broken requirements: ${scenario.broken_requirements.join(', ') || 'none'}`);
      io.out('');
    }
    for (const line of estimateTable(analysis)) io.out(line);
    const errors = analysis.problems.filter((p) => p.severity === 'error');
    if (analysis.problems.length > 0) {
      io.out('');
      io.out(`${analysis.problems.length} problem(s), ${errors.length} error(s); run 'sysdesign check ${file}' for details.`);
    }
  }
  return analysis.problems.some((p) => p.severity === 'error') ? 1 : 0;
}

/** The JSON of SPEC section 4: the estimate in base units plus the problems with positions. */
export function estimateJson(analysis: Analysis, lines: LineIndex): Record<string, unknown> {
  const { estimate } = analysis;
  return {
    conventions: estimate.conventions,
    dau: estimate.dau,
    users: estimate.users,
    concurrent: estimate.concurrent,
    values: estimate.values,
    traffic: estimate.traffic,
    totals: estimate.totals,
    availability: estimate.availability,
    flows: estimate.flows,
    components: estimate.components,
    connections: estimate.connections,
    cost: estimate.cost,
    scenarios: estimate.scenarios.map((s) => ({ ...s, problems: s.problems.map((p) => problemJson(p, lines)) })),
    problems: analysis.problems.map((p) => problemJson(p, lines)),
  };
}

function estimateTable(analysis: Analysis): string[] {
  const name = analysis.design.name?.text;
  const inputs = inputsText(estimateInputs(analysis.design, analysis.estimate, analysis.quantities));
  return [...(name ? [name, ''] : []), ...(inputs.length > 0 ? [...inputs, ''] : []), ...estimateText(estimateReport(analysis.estimate))];
}

if (require.main === module) {
  // `sysdesign estimate x | head`: the reader closed the pipe, so stop writing, quietly and
  // with the status so far (a shell's own tools die of SIGPIPE, which Node ignores).
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') process.stderr.write(`sysdesign: cannot write the output: ${error.message}\n`);
    process.exit(error.code === 'EPIPE' ? (process.exitCode ?? 0) : 2);
  });
  const status = main(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
  process.exitCode = status;
}
