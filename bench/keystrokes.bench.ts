/**
 * Issue #8: time from a keystroke's new text to fresh problems (+ estimate), side by side
 * in one process: our analyzer (one `createAnalyzer()` reused across keystrokes, as the
 * language server does) against Red Hat's yaml-language-server validating the same texts
 * with our JSON schema (a new TextDocument per keystroke, as its server would).
 *
 * For each size, a deterministic design (`generateDesign`) is opened by both, warmed up
 * by typing elsewhere, then typed into one character at a time (two places, below); the two contenders run
 * alternately on every keystroke (A, B, then B, A on the next), so load from other
 * processes on the machine lands on both. Prints medians and ratios, writes
 * bench/results.json (bench/results-<variant>.json with the flags below).
 *
 * Run: npm run bench                      (sizes 100,1000,10000,50000)
 *      npm run bench -- 1000,10000 40      (sizes, keystrokes per scenario)
 *      npm run bench -- --from-scratch     (also time analyseText, our analysis without reuse)
 *      npm run bench -- --source           (our sources under tsx instead of the bundle)
 *      npm run bench -- --against REV      (also our core as it was at git revision REV, bundled
 *                                           the same way, on the same keystrokes: the cost of
 *                                           what changed since REV)
 *      npm run bench -- --out FILE         (write bench/FILE instead of the default name)
 */
import { execFileSync, execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService, type LanguageService } from 'yaml-language-server';
import type * as AnalyseModule from '../src/core/analyse';
import { generateDesign } from '../test/support/generate';

const root = path.join(__dirname, '..');
/** `--name value` options; what is left (and not a `--flag`) is positional. */
function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  if (at < 0) return undefined;
  const value = process.argv[at + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}
const VALUED = new Set(['--against', '--out']);
const args = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !(i > 0 && VALUED.has(all[i - 1])));
const fromSource = process.argv.includes('--source');
/** A git revision whose core is measured side by side with ours (bundled the same way). */
const against = option('--against');
const outName = option('--out');
/** Also time `analyseText` (our analysis from scratch, without reuse) on every keystroke. */
const fromScratch = process.argv.includes('--from-scratch');
const sizes = (args[0] ?? '100,1000,10000,50000').split(',').map(Number);
const keystrokesArg = args[1] === undefined ? undefined : Number(args[1]);

/**
 * Our core as it ships: bundled by esbuild like `scripts/build.mjs` does (tsx, which runs
 * the sources, also wraps every function in a `__name` call, which costs about a third
 * more). `--source` measures the sources under tsx instead.
 */
function loadCore(): typeof AnalyseModule {
  if (fromSource) return require('../src/core/analyse') as typeof AnalyseModule;
  const outdir = path.join(root, '.cache', 'bench');
  mkdirSync(outdir, { recursive: true });
  const outfile = path.join(outdir, 'analyse.js');
  buildSync({
    entryPoints: [path.join(root, 'src', 'core', 'analyse.ts')],
    bundle: true,
    outfile,
    platform: 'neutral',
    format: 'cjs',
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
  return require(outfile) as typeof AnalyseModule;
}
const { createInstrumentedAnalyzer, analyseText } = loadCore();

/**
 * Our core as it was at git revision `rev`: its `src/core` and `schemas` (and the
 * tsconfig.base.json its tsconfig extends, which esbuild reads), extracted with
 * `git archive` into a temporary folder, bundled exactly as `loadCore` bundles the current
 * one (the packages come from the current node_modules). Also says which commit `rev` is.
 */
function loadCoreAt(rev: string): { core: typeof AnalyseModule; commit: string; subject: string } {
  const commit = execFileSync('git', ['rev-parse', '--verify', `${rev}^{commit}`], { cwd: root, encoding: 'utf8' }).trim();
  const subject = execFileSync('git', ['log', '-1', '--format=%s', commit], { cwd: root, encoding: 'utf8' }).trim();
  const tmp = mkdtempSync(path.join(os.tmpdir(), `sysdesign-bench-${commit.slice(0, 7)}-`));
  try {
    const tar = execFileSync('git', ['archive', '--format=tar', commit, 'src/core', 'schemas', 'tsconfig.base.json'], { cwd: root, maxBuffer: 256 * 1024 * 1024 });
    execFileSync('tar', ['-x', '-C', tmp], { input: tar });
    const outdir = path.join(root, '.cache', 'bench');
    mkdirSync(outdir, { recursive: true });
    const outfile = path.join(outdir, `analyse-${commit.slice(0, 12)}.js`);
    // The same options as loadCore; nodePaths only lets the temporary folder find the packages.
    buildSync({
      entryPoints: [path.join(tmp, 'src', 'core', 'analyse.ts')],
      bundle: true,
      outfile,
      platform: 'neutral',
      format: 'cjs',
      mainFields: ['module', 'main'],
      logLevel: 'warning',
      nodePaths: [path.join(root, 'node_modules')],
    });
    return { core: require(outfile) as typeof AnalyseModule, commit, subject };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
const previous = against === undefined ? undefined : loadCoreAt(against);
/** Keystrokes typed elsewhere before measuring: enough for the JIT on small documents, cheap on big ones. */
const warmupFor = (lines: number): number => (lines >= 10000 ? 10 : 40);
const SCHEMA_URI = 'file:///sysdesign.schema.json';
const schemaText = readFileSync(path.join(root, 'schemas', 'sysdesign.schema.json'), 'utf8');

/** Where typing happens: the label of an arrow, found by a line pattern near a point of the document. */
interface Scenario {
  name: string;
  description: string;
  /** The line to type at the end of, given the design's lines. */
  line(lines: string[]): number;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'connection label, middle of the document',
    description: 'appending to the label of the connection nearest the middle line (`- svc-i -> db-j: SQL`): half the document follows the edit',
    line: (lines) => nearest(lines, Math.floor(lines.length / 2), /^  - svc-\d+ -> db-\d+: SQL$/),
  },
  {
    name: 'flow step label, middle of flows',
    description: 'appending to the label of the last step of the middle flow (`- svc-i -> db-j: query`)',
    line: (lines) => {
      const flows = lines.indexOf('flows:');
      return nearest(lines, Math.floor((flows + lines.length) / 2), /^      - svc-\d+ -> db-\d+: query$/);
    },
  },
];

/**
 * The generated design without what the load model added to it (component `capacity`,
 * `shards`, `storage_capacity`; a flow's `traffic`; step maps become their label), as it
 * would be written for a core without the load model.
 */
function withoutLoadFields(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^    (capacity|shards|storage_capacity|traffic): /.test(l))
    .map((l) => l.replace(/: \{ label: ([^,}]+)(,[^}]*)?\}$/, ': $1'))
    .join('\n');
}

function sameLine(lines: string[], line: string): number {
  const at = lines.indexOf(line);
  if (at < 0) throw new Error(`no line ${JSON.stringify(line)}`);
  return at;
}

function nearest(lines: string[], around: number, pattern: RegExp): number {
  for (let d = 0; d < lines.length; d++) {
    if (around + d < lines.length && pattern.test(lines[around + d])) return around + d;
    if (around - d >= 0 && pattern.test(lines[around - d])) return around - d;
  }
  throw new Error(`no line matches ${pattern}`);
}

/** The texts of typing `word` at the end of line `line`, one character per keystroke. */
function typing(text: string, line: number, word: string): string[] {
  const lines = text.split('\n');
  const texts: string[] = [];
  for (let i = 1; i <= word.length; i++) {
    const copy = [...lines];
    copy[line] = lines[line] + word.slice(0, i);
    texts.push(copy.join('\n'));
  }
  return texts;
}

/** Deterministic letters and spaces, as someone typing a label would. */
function word(length: number, seed: number): string {
  const letters = 'etaoin shrdlu cmfwyp vbgkqj';
  let x = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += letters[x % letters.length];
  }
  return ` ${out}`.slice(0, length);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

function yamlLanguageService(): LanguageService {
  const service = getLanguageService({
    schemaRequestService: async (uri) => {
      if (uri === SCHEMA_URI) return schemaText;
      throw new Error(`no schema at ${uri}`);
    },
    workspaceContext: { resolveRelativePath: (relativePath) => relativePath },
  });
  service.configure({ validate: true, yamlVersion: '1.2', schemas: [{ uri: SCHEMA_URI, fileMatch: ['*.sysdesign.yaml'] }] });
  return service;
}

interface Row {
  /** The 1-minute load average when the row was done. */
  load_average: number;
  lines: number;
  chars: number;
  scenario: string;
  keystrokes: number;
  ours: { median_ms: number; p90_ms: number; problems: number; chunk_path: number; chunks_parsed_median: number };
  yaml_language_server: { median_ms: number; p90_ms: number; diagnostics: number };
  /** With --from-scratch: `analyseText` on the same texts. */
  ours_from_scratch?: { median_ms: number; p90_ms: number };
  /** With --against REV: the core of REV, reused the same way, on the same texts. */
  against?: { rev: string; median_ms: number; p90_ms: number; problems: number; chunk_path: number };
  /** With --against: our median over REV's (1.10 = ours takes 10 % longer). */
  ratio_ours_over_against?: number;
  /** With --against: REV's core on the same keystrokes in the design without the load model's fields. */
  against_without_load_fields?: { rev: string; lines: number; chars: number; median_ms: number; p90_ms: number; problems: number };
  ratio_ours_over_against_without_load_fields?: number;
  /** yaml-language-server's median over ours. */
  ratio: number;
}

async function measure(lines: number, scenario: Scenario, keystrokes: number, seed: number): Promise<Row> {
  const text = generateDesign(lines);
  const textLines = text.split('\n');
  const at = scenario.line(textLines);
  const warmAt = nearest(textLines, Math.floor(textLines.length / 4), /^\s+- .* -> .*: \w+$/);
  const warm = typing(text, warmAt, word(warmupFor(lines), seed + 1));
  const texts = typing(text, at, word(keystrokes, seed));
  // For REV's core also the same design without the load model's fields (which its schema
  // rejects, so on the same texts it spends time reporting them), typed at the same lines.
  const plain = withoutLoadFields(text);
  const plainLines = plain.split('\n');
  const plainWarm = typing(plain, sameLine(plainLines, textLines[warmAt]), word(warmupFor(lines), seed + 1));
  const plainTexts = typing(plain, sameLine(plainLines, textLines[at]), word(keystrokes, seed));

  const { analyzer, stats } = createInstrumentedAnalyzer();
  const service = yamlLanguageService();
  const uri = `file:///bench/design-${lines}.sysdesign.yaml`;
  let version = 0;
  const ours = (t: string): number => {
    const started = performance.now();
    const analysis = analyzer.analyse(t);
    const elapsed = performance.now() - started;
    lastProblems = analysis.problems.length;
    return elapsed;
  };
  const theirs = async (t: string): Promise<number> => {
    const document = TextDocument.create(uri, 'yaml', ++version, t);
    const started = performance.now();
    const diagnostics = await service.doValidation(document, false);
    const elapsed = performance.now() - started;
    lastDiagnostics = diagnostics.length;
    return elapsed;
  };
  let lastProblems = 0;
  let lastDiagnostics = 0;
  const old = previous?.core.createInstrumentedAnalyzer();
  let lastOldProblems = 0;
  const rev = (t: string): number => {
    if (!old) return 0;
    const started = performance.now();
    const analysis = old.analyzer.analyse(t);
    const elapsed = performance.now() - started;
    lastOldProblems = analysis.problems.length;
    return elapsed;
  };
  const oldPlain = previous?.core.createInstrumentedAnalyzer();
  let lastOldPlainProblems = 0;
  const revPlain = (t: string): number => {
    if (!oldPlain) return 0;
    const started = performance.now();
    const analysis = oldPlain.analyzer.analyse(t);
    const elapsed = performance.now() - started;
    lastOldPlainProblems = analysis.problems.length;
    return elapsed;
  };
  if (oldPlain) {
    revPlain(plain);
    for (const t of plainWarm) revPlain(t);
    revPlain(plain);
  }

  // Open the document in all, then type elsewhere to warm all up (JIT, caches, schema).
  ours(text);
  rev(text);
  await theirs(text);
  for (const t of warm) {
    ours(t);
    rev(t);
    await theirs(t);
  }
  ours(text);
  rev(text);
  await theirs(text);

  const scratch = (t: string): number => {
    const started = performance.now();
    analyseText(t);
    return performance.now() - started;
  };
  const a: number[] = [];
  const b: number[] = [];
  const c: number[] = [];
  const d: number[] = [];
  const e: number[] = [];
  const parsed: number[] = [];
  let chunkPath = 0;
  let oldChunkPath = 0;
  for (let i = 0; i < texts.length; i++) {
    if (old) {
      // Four contenders (ours, REV's on the same text, REV's on the text without the load
      // fields, yaml-language-server): the order rotates on every keystroke and reverses
      // every fourth, so each goes first, second, third and last equally often.
      const t = texts[i];
      const contenders = ['ours', 'rev-plain', 'yls', 'rev'] as const;
      const order = [...contenders.slice(i % 4), ...contenders.slice(0, i % 4)];
      if (Math.floor(i / 4) % 2 === 1) order.reverse();
      for (const who of order) {
        if (who === 'ours') a.push(ours(t));
        else if (who === 'rev') d.push(rev(t));
        else if (who === 'rev-plain') e.push(revPlain(plainTexts[i]));
        else b.push(await theirs(t));
      }
      if (fromScratch) c.push(scratch(t));
      if (old.stats.parse.path === 'chunks') oldChunkPath++;
    } else if (i % 2 === 0) {
      a.push(ours(texts[i]));
      b.push(await theirs(texts[i]));
      if (fromScratch) c.push(scratch(texts[i]));
    } else {
      if (fromScratch) c.push(scratch(texts[i]));
      b.push(await theirs(texts[i]));
      a.push(ours(texts[i]));
    }
    parsed.push(stats.parse.parsed);
    if (stats.parse.path === 'chunks') chunkPath++;
  }
  return {
    load_average: Number(os.loadavg()[0].toFixed(1)),
    lines: textLines.length - 1,
    chars: text.length,
    scenario: scenario.name,
    keystrokes: texts.length,
    ours: { median_ms: round(median(a)), p90_ms: round(quantile(a, 0.9)), problems: lastProblems, chunk_path: chunkPath, chunks_parsed_median: median(parsed) },
    yaml_language_server: { median_ms: round(median(b)), p90_ms: round(quantile(b, 0.9)), diagnostics: lastDiagnostics },
    ours_from_scratch: fromScratch ? { median_ms: round(median(c)), p90_ms: round(quantile(c, 0.9)) } : undefined,
    against: previous
      ? { rev: previous.commit.slice(0, 7), median_ms: round(median(d)), p90_ms: round(quantile(d, 0.9)), problems: lastOldProblems, chunk_path: oldChunkPath }
      : undefined,
    ratio_ours_over_against: previous ? round(median(a) / median(d)) : undefined,
    against_without_load_fields: previous
      ? {
          rev: previous.commit.slice(0, 7),
          lines: plainLines.length - 1,
          chars: plain.length,
          median_ms: round(median(e)),
          p90_ms: round(quantile(e, 0.9)),
          problems: lastOldPlainProblems,
        }
      : undefined,
    ratio_ours_over_against_without_load_fields: previous ? round(median(a) / median(e)) : undefined,
    ratio: round(median(b) / median(a)),
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function machine(): Record<string, string | number> {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const match = /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match) cpu = match[1];
  } catch {
    // Not Linux: os.cpus() it is.
  }
  let nproc: number = os.availableParallelism();
  try {
    nproc = Number(execSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    // Keep Node's count.
  }
  const ylsVersion = (JSON.parse(readFileSync(require.resolve('yaml-language-server/package.json'), 'utf8')) as { version: string }).version;
  // Other work on the machine slows both contenders alike, but say how busy it was.
  const load = os.loadavg()[0].toFixed(1);
  return { nproc, cpu, node: process.version, platform: `${os.platform()} ${os.release()}`, yaml_language_server: ylsVersion, load_average_at_start: Number(load) };
}

async function main(): Promise<void> {
  const info = machine();
  console.log(
    `${info.cpu}, nproc ${info.nproc}, node ${info.node}, yaml-language-server ${info.yaml_language_server}, ours ${fromSource ? 'from source (tsx)' : 'bundled (esbuild)'}`,
  );
  console.log('median ms per keystroke (new text -> problems [+ estimate]); ratio = theirs / ours\n');
  if (previous) console.log(`against ${previous.commit.slice(0, 7)} (${previous.subject}), bundled the same way; ours/REV = our median over REV's`);
  if (previous) console.log('REV = its core on the same texts; REV- = on the same keystrokes in the design without the load fields (its schema rejects them)');
  const againstHeader = previous ? `${'REV'.padStart(9)}${'ours/REV'.padStart(10)}${'REV-'.padStart(9)}${'ours/REV-'.padStart(10)}` : '';
  console.log(`${'lines'.padEnd(8)}${'scenario'.padEnd(44)}${'ours'.padStart(9)}${againstHeader}${'yaml-ls'.padStart(10)}${'ratio'.padStart(8)}  chunk path  problems`);
  const rows: Row[] = [];
  for (const lines of sizes) {
    // Big documents take yaml-language-server over a second per keystroke: fewer keystrokes.
    const keystrokes = keystrokesArg ?? (lines >= 50000 ? 20 : 60);
    for (const [k, scenario] of SCENARIOS.entries()) {
      const row = await measure(lines, scenario, keystrokes, lines + k);
      rows.push(row);
      console.log(
        `${String(row.lines).padEnd(8)}${scenario.name.padEnd(44)}${row.ours.median_ms.toFixed(2).padStart(9)}` +
          (row.against ? `${row.against.median_ms.toFixed(2).padStart(9)}${(row.ratio_ours_over_against ?? 0).toFixed(2).padStart(10)}` : '') +
          (row.against_without_load_fields
            ? `${row.against_without_load_fields.median_ms.toFixed(2).padStart(9)}${(row.ratio_ours_over_against_without_load_fields ?? 0).toFixed(2).padStart(10)}`
            : '') +
          `${row.yaml_language_server.median_ms.toFixed(2).padStart(10)}${`${row.ratio.toFixed(1)}x`.padStart(8)}  ${row.ours.chunk_path}/${row.keystrokes}` +
          (row.against ? ` (REV ${row.against.chunk_path})` : '') +
          `  ours ${row.ours.problems}, yls ${row.yaml_language_server.diagnostics}` +
          (row.against ? `, REV ${row.against.problems}` : '') +
          (row.against_without_load_fields ? `, REV- ${row.against_without_load_fields.problems}` : '') +
          (row.ours_from_scratch ? `   from scratch ${row.ours_from_scratch.median_ms.toFixed(2)} ms` : ''),
      );
    }
  }
  const out = {
    date: new Date().toISOString(),
    machine: info,
    ours: fromSource ? 'sources under tsx' : 'src/core bundled by esbuild (as shipped)',
    from_scratch: fromScratch,
    against: previous
      ? {
          rev: against,
          commit: previous.commit,
          subject: previous.subject,
          how: 'src/core and schemas of the commit (git archive), bundled by esbuild with the same options as ours',
        }
      : undefined,
    load_average_at_end: Number(os.loadavg()[0].toFixed(1)),
    method:
      'Same process, same texts; per keystroke the two contenders run alternately (A,B then B,A). Ours: createAnalyzer() reused across keystrokes, analyse(text) -> problems, estimate, model. yaml-language-server: getLanguageService with our schema, doValidation(new TextDocument per keystroke, false). Designs from test/support/generate.ts; warm-up: open, then 40 keystrokes elsewhere (10 from 10,000 lines on).' +
      (previous
        ? ` With --against: the core of ${previous.commit.slice(0, 7)} reused the same way, twice: on the same texts (against), and on the same keystrokes in the same design without the load model's fields, which its schema rejects (against_without_load_fields); the order of the four rotates every keystroke and reverses every fourth.`
        : ''),
    scenarios: SCENARIOS.map((s) => ({ name: s.name, description: s.description })),
    rows,
  };
  // The default run is the one bench/README.md reports; variants go to their own file.
  const variant = [fromScratch ? 'from-scratch' : '', fromSource ? 'source' : '', previous ? `against-${previous.commit.slice(0, 7)}` : ''].filter((v) => v !== '').join('-');
  const file = outName ?? (variant === '' ? 'results.json' : `results-${variant}.json`);
  writeFileSync(path.join(__dirname, file), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nwrote bench/${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
