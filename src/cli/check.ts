/**
 * `sysdesign check FILE... [--format text|json|sarif] [--max-warnings N]`: the problems of
 * each design, as `file:line:col: severity code message` lines for a person, one JSON object
 * for a script, or a SARIF 2.1.0 log, which code-scanning services (GitHub, Azure DevOps)
 * show as annotations on a pull request.
 *
 * A file that cannot be read is one line on stderr and the other files are still checked;
 * json and sarif also record it, so their document is always printed whole. Exit status:
 * 0 clean, 1 an error or more warnings than `--max-warnings`, 2 a file could not be read.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAnalyzer, type Analyzer } from '../core/analyse';
import { LineIndex } from '../core/lineIndex';
import type { ProblemCode, Severity } from '../core/types';
import { FileError, oneLine, parseOptions, readDesign, UsageError, VERSION, type Io } from './io';
import { problemJson, type ProblemJson } from './problems';

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

/** One file's outcome: its problems with positions, or why it could not be read (the FileError's message). */
export type FileReport = { file: string; problems: ProblemJson[] } | { file: string; error: string };

type Counts = Record<Severity, number>;

export function checkCommand(args: string[], io: Io): number {
  const { files, options } = parseOptions(args, ['--format', '--max-warnings'], []);
  if (files.length === 0) throw new UsageError('check needs at least one FILE');
  const format = parseFormat(options.get('--format'));
  const maxWarnings = parseMaxWarnings(options.get('--max-warnings'));
  const analyzer = createAnalyzer();
  const reports = files.map((file) => {
    const report = checkFile(analyzer, file);
    // Text goes out file by file, so a long run shows its progress as it goes.
    if ('error' in report) io.err(`sysdesign: ${report.error}`);
    else if (format === 'text') for (const p of report.problems) io.out(`${file}:${p.line}:${p.column}: ${p.severity} ${p.code} ${oneLine(p.message)}`);
    return report;
  });
  const counts = countProblems(reports);
  if (format === 'json') io.out(JSON.stringify({ files: reports, errors: counts.error, warnings: counts.warning, infos: counts.info }, null, 2));
  if (format === 'sarif') io.out(JSON.stringify(sarifLog(reports, process.cwd()), null, 2));
  return exitStatus(reports, counts, maxWarnings, io);
}

function parseFormat(value = 'text'): Format {
  const format = FORMATS.find((f) => f === value);
  if (format === undefined) throw new UsageError(`unknown format '${oneLine(value)}' (use text, json or sarif)`);
  return format;
}

/** A count, so digits only: `-1`, `1.5`, `1e3` and `0x10` are refused rather than read as something else. */
function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings needs a non-negative integer, not '${oneLine(value)}'`);
  return Number(value);
}

function checkFile(analyzer: Analyzer, file: string): FileReport {
  let text: string;
  try {
    text = readDesign(file);
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    return { file, error: error.message };
  }
  const lines = new LineIndex(text);
  return { file, problems: analyzer.analyse(text).problems.map((p) => problemJson(p, lines)) };
}

function countProblems(reports: readonly FileReport[]): Counts {
  const counts: Counts = { error: 0, warning: 0, info: 0 };
  for (const report of reports) if ('problems' in report) for (const p of report.problems) counts[p.severity]++;
  return counts;
}

/** Too many warnings is said whatever else failed, so a CI log names every reason at once. */
function exitStatus(reports: readonly FileReport[], counts: Counts, maxWarnings: number | undefined, io: Io): number {
  const tooManyWarnings = maxWarnings !== undefined && counts.warning > maxWarnings;
  if (tooManyWarnings) io.err(`sysdesign: ${counts.warning} warning${counts.warning === 1 ? '' : 's'} (more than --max-warnings ${maxWarnings})`);
  if (reports.some((r) => 'error' in r)) return 2;
  return counts.error > 0 || tooManyWarnings ? 1 : 0;
}

// ---------------------------------------------------------------------------
// SARIF 2.1.0 (OASIS): one run of the tool, one result per problem, and a notification
// per file that could not be read.
// ---------------------------------------------------------------------------

/** Where editors and SARIF viewers fetch the 2.1.0 schema from; the URL other producers (CodeQL) write too. */
const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** package.json's `repository` without `.git`; a test keeps the two the same. */
const REPOSITORY = 'https://github.com/sysdesign/sysdesign';
/** The README's table of problem codes, the one place each code is documented (it has no page of its own). */
const HELP_URI = `${REPOSITORY}#problem-codes`;
/** What relative artifact URIs are relative to: the directory the command ran in. */
const SRCROOT = '%SRCROOT%';

const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** A SARIF log of the reports; `cwd` is the directory the file names are relative to. */
export function sarifLog(reports: readonly FileReport[], cwd: string): object {
  const codes = [...new Set(reports.flatMap((r) => ('problems' in r ? r.problems.map((p) => p.code) : [])))];
  const ruleIndex = new Map(codes.map((code, i) => [code, i]));
  const results = reports.flatMap((r) => {
    if (!('problems' in r)) return [];
    const artifactLocation = artifactLocationOf(r.file, cwd);
    return r.problems.map((p) => ({
      ruleId: p.code,
      ruleIndex: ruleIndex.get(p.code),
      level: LEVELS[p.severity],
      message: { text: p.message },
      locations: [{ physicalLocation: { artifactLocation, region: { startLine: p.line, startColumn: p.column, endLine: p.end_line, endColumn: p.end_column } } }],
    }));
  });
  const unreadable = reports.flatMap((r) => ('error' in r ? [r] : []));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'sysdesign', version: VERSION, informationUri: REPOSITORY, rules: codes.map(rule) } },
        // SARIF requires the base URI to end with a slash; pathToFileURL keeps the trailing separator.
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(path.join(cwd, path.sep)).href } },
        // The core's columns count UTF-16 code units, so a line with `é` or an emoji still points at the right character.
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [
          {
            executionSuccessful: unreadable.length === 0,
            toolExecutionNotifications: unreadable.map((r) => ({
              level: 'error',
              message: { text: r.error },
              locations: [{ physicalLocation: { artifactLocation: artifactLocationOf(r.file, cwd) } }],
            })),
          },
        ],
      },
    ],
  };
}

function rule(code: ProblemCode): object {
  return { id: code, shortDescription: { text: RULE_DESCRIPTIONS[code] ?? code }, helpUri: HELP_URI };
}

/**
 * A file as SARIF names it: relative to the directory the command ran in when it is under
 * it (with `%SRCROOT%`, which a code-scanning service maps onto the checkout), else an
 * absolute `file:` URL. Either way a URI: spaces, `é`, `#` and `%` are percent-encoded.
 */
function artifactLocationOf(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  const outside = relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  if (outside) return { uri: pathToFileURL(absolute).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/**
 * One sentence per problem code for SARIF's rule list, from the README's table of codes
 * (which groups them); a test fails when a code the core reports is missing here.
 */
const RULE_DESCRIPTIONS: Readonly<Partial<Record<ProblemCode, string>>> = {
  'sysdesign/yaml-syntax': 'The YAML cannot be parsed.',
  'sysdesign/yaml-multiple-documents': 'The file holds more than one YAML document; a design is one.',
  'sysdesign/yaml-too-deep': 'The YAML nests deeper than a design ever needs, so it is not read further.',
  'sysdesign/file-too-large': 'The file is larger than a design is checked up to.',
  'sysdesign/yaml-duplicate-key': 'A key appears twice in a map; YAML would silently keep the last one.',
  'sysdesign/yaml-tag': 'A YAML tag, which a design (plain maps, lists, strings, numbers, booleans) does not use.',
  'sysdesign/yaml-alias': 'A YAML alias that names no anchor, contains itself or expands into an enormous value.',
  'sysdesign/yaml-merge-key': 'A merge key (`<<`), a YAML 1.1 feature that is not applied.',
  'sysdesign/yaml-complex-key': 'A key that is not a plain string (a list, a map or an alias).',
  'sysdesign/yaml-1.1-boolean': '`no`, `yes`, `on` or `off`: text in YAML 1.2, a boolean in YAML 1.1.',
  'sysdesign/yaml-1.1-number': 'A number with a leading zero such as `014`, octal in YAML 1.1 and decimal in YAML 1.2.',
  'sysdesign/yaml-number': 'A number a design cannot hold exactly: infinity, NaN or an integer beyond 2^53.',
  'sysdesign/yaml-control-character': 'An invisible control character in the text.',
  'sysdesign/yaml-bom': 'A byte-order mark at the start of the file, which UTF-8 does not need.',
  'sysdesign/unknown-key': 'A key the schema does not know, often a misspelling.',
  'sysdesign/missing-key': 'A key the schema requires is missing.',
  'sysdesign/wrong-type': 'A value of the wrong type for its key, such as a list where a map belongs.',
  'sysdesign/invalid-value': 'A value the schema does not allow for its key.',
  'sysdesign/too-many-items': 'A list with more items than a design may have.',
  'sysdesign/quantity-syntax': 'A quantity that cannot be parsed.',
  'sysdesign/quantity-unit': 'A quantity with an unknown unit.',
  'sysdesign/quantity-dimension': 'A quantity of the wrong kind for its field, such as bytes where a rate belongs.',
  'sysdesign/quantity-range': 'A quantity outside the range its field allows.',
  'sysdesign/quantity-cycle': 'Values defined through each other in a cycle.',
  'sysdesign/quantity-too-deep': 'A value defined through a chain of more than 32 others.',
  'sysdesign/unknown-name': 'A quantity names a value that is not defined.',
  'sysdesign/quantity-ambiguous-b': 'A bare `100B` among the values, which reads as 100 billion rather than 100 bytes.',
  'sysdesign/unknown-component': 'A reference to a component that does not exist.',
  'sysdesign/unknown-requirement': 'A reference to a requirement that does not exist.',
  'sysdesign/unknown-data-model': 'A reference to a data model that does not exist.',
  'sysdesign/unknown-field': 'A reference to a field its data model does not have.',
  'sysdesign/duplicate-id': 'Two things of one kind share an id.',
  'sysdesign/step-without-connection': 'A dry-run step between components that no connection joins.',
  'sysdesign/missing-dry-run': 'An important requirement without a dry run.',
  'sysdesign/requirement-without-api': 'A requirement that no API serves.',
  'sysdesign/unconnected-component': 'A component that nothing connects to.',
  'sysdesign/traffic-without-rate': 'A traffic line with neither `per_user` nor `rate`, so it has no numbers.',
  'sysdesign/missing-dau': 'A traffic line counted `per_user` in a design without `dau`.',
  'sysdesign/write-without-size': 'A write without a size, so it adds nothing to storage.',
  'sysdesign/read-without-size': 'A read without a size while others are sized, so it adds nothing to egress and cache memory.',
  'sysdesign/rate-ignored': 'A traffic line with both `per_user` and `rate`; `per_user` wins.',
  'sysdesign/implausible-figure': 'A figure no real system has, most often a slipped unit or magnitude.',
  'sysdesign/store-not-a-store': 'A data model stored in a component that keeps no rows, such as a service or a load balancer.',
  'sysdesign/flow-availability': 'A dry run whose availability misses its target.',
  'sysdesign/flow-latency': 'A dry run whose latency misses its target, at average or at peak load.',
  'sysdesign/over-capacity': 'A component at or past 100 % of what its instances handle at peak, or with more connections or data than they hold.',
  'sysdesign/high-utilisation': 'A component busier at peak than its target utilisation.',
  'sysdesign/no-failover-headroom': 'On an important dry run, losing one instance pushes the rest past 100 %.',
  'sysdesign/scenario-path': "A scenario's `set` path that names nothing.",
  'sysdesign/internal-error': 'A bug in sysdesign; please report it with the file.',
};
