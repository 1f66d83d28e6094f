// `npm run fuzz`: the whole-pipeline fuzz campaign (RELIABILITY.md, "How we will test").
//
//   node scripts/fuzz.mjs [--cases 10000] [--seed N] [--budget-ms 2000] [--watchdog-ms 10000]
//   node scripts/fuzz.mjs --seed N --case I        # replay one case of a campaign
//   node scripts/fuzz.mjs --replay FILE...          # run saved inputs through the same checks
//
// Options: --from I (start at case I), --out DIR (default .cache/fuzz), --heap-mb N (the
// child's heap, default 1024), --json (a last line `FUZZ-SUMMARY {...}` for tools).
//
// This process only supervises. It bundles test/fuzz/worker.ts with esbuild and runs it
// in a child process, which reports each case over IPC before running it. A case fails
// when it uses more than --budget-ms of CPU time (measured by the child: CPU time, so a
// machine busy with other work does not fail it), and every case has a watchdog of
// --watchdog-ms of wall time (default 5 x the budget): when the child dies (V8 fatal
// error, out of memory, abort) or hangs, it is killed, the case is recorded as failed, a new
// child regenerates that case's input into <out>/failures/<seed>-<case>.sysdesign.yaml
// (cases are deterministic from the seed and the index) and the campaign goes on with
// the next case. Exit status: 0 no failure, 1 failures, 2 a usage or harness error.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function usage(message) {
  console.error(`fuzz: ${message}`);
  console.error(
    'usage: node scripts/fuzz.mjs [--cases N] [--seed N] [--budget-ms MS] [--watchdog-ms MS] [--case I | --from I] [--replay FILE...] [--out DIR] [--heap-mb N] [--json]',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const o = {
    cases: 10_000,
    seed: undefined,
    budgetMs: 2000,
    watchdogMs: undefined,
    from: 0,
    only: undefined,
    files: undefined,
    out: join(root, '.cache', 'fuzz'),
    heapMb: 1024,
    json: false,
  };
  const int = (name, value, min = 0) => {
    if (value === undefined || !/^-?\d+$/.test(value) || Number(value) < min) usage(`${name} needs an integer >= ${min}`);
    return Number(value);
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? argv[i].split(/=(.*)/s) : [argv[i], undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--cases':
        o.cases = int(flag, value(), 1);
        break;
      case '--seed':
        o.seed = int(flag, value(), -(2 ** 31)) >>> 0;
        break;
      case '--budget-ms':
        o.budgetMs = int(flag, value(), 1);
        break;
      case '--watchdog-ms':
        o.watchdogMs = int(flag, value(), 1);
        break;
      case '--from':
        o.from = int(flag, value());
        break;
      case '--case':
        o.only = int(flag, value());
        break;
      case '--out':
        o.out = resolve(value() ?? usage('--out needs a folder'));
        break;
      case '--heap-mb':
        o.heapMb = int(flag, value(), 64);
        break;
      case '--json':
        o.json = true;
        break;
      case '--replay':
        o.files = [];
        while (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) o.files.push(resolve(argv[++i]));
        break;
      default:
        usage(`unknown option ${argv[i]}`);
    }
  }
  if (o.files && o.files.length === 0) usage('--replay needs at least one file');
  // Seeds are 32-bit: a negative one names the same campaign as its unsigned twin.
  o.seed ??= (Math.random() * 2 ** 32) >>> 0;
  o.watchdogMs ??= 5 * o.budgetMs;
  return o;
}

const opts = parseArgs(process.argv.slice(2));
const from = opts.files ? 0 : (opts.only ?? opts.from);
const to = opts.files ? opts.files.length : opts.only !== undefined ? opts.only + 1 : opts.from + opts.cases;
const startupMs = 60_000;
const failuresDir = join(opts.out, 'failures');
const rel = (p) => relative(process.cwd(), p) || '.';

mkdirSync(opts.out, { recursive: true });
const started = performance.now();
const workerFile = join(opts.out, `worker-${process.pid}.cjs`);
try {
  await build({
    entryPoints: [join(root, 'test', 'fuzz', 'worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: workerFile,
    logLevel: 'error',
    // The schema is JSON read by the core; everything else is bundled.
    external: ['mermaid', 'dompurify'],
  });
} catch (error) {
  console.error(`fuzz: could not bundle the worker: ${error.message}`);
  process.exit(2);
}
const cleanup = () => rmSync(workerFile, { force: true });
process.on('exit', cleanup);

const what = opts.files ? `${to} saved file(s)` : opts.only !== undefined ? `case ${opts.only}` : `${to - from} cases${from ? ` from case ${from}` : ''}`;
console.log(`fuzz: seed ${opts.seed}, ${what}, budget ${opts.budgetMs} ms of CPU per case, watchdog ${opts.watchdogMs} ms, child heap ${opts.heapMb} MB`);

/** @type {{ index: number, reason: string, description?: string, file?: string }[]} */
const failures = [];
const times = [];
const cpuTimes = [];
let run = 0;
let slowest;
let children = 0;
let lastProgress = performance.now();

function recordFailure(index, reason, description, text) {
  let file;
  if (opts.files) file = opts.files[index];
  else if (text !== undefined) {
    file = join(failuresDir, `${opts.seed}-${index}.sysdesign.yaml`);
    mkdirSync(failuresDir, { recursive: true });
    writeFileSync(file, text);
  }
  failures.push({ index, reason, description, file });
  console.log(`FAIL case ${index}${description ? ` (${description})` : ''}: ${reason}${file ? `\n     input: ${rel(file)}` : ''}`);
}

/**
 * Runs one child from case `first`; resolves when it exits with what it got through.
 * `dump`: the index of a case a dead child was running, to regenerate into a file first.
 */
function runChild(first, dump) {
  return new Promise((resolvePromise) => {
    children++;
    const dumpFile = dump === undefined ? undefined : join(failuresDir, `${opts.seed}-${dump}.sysdesign.yaml`);
    const args = { root, seed: opts.seed, from: first, to, budgetMs: opts.budgetMs, files: opts.files, dump: dump === undefined ? undefined : { index: dump, file: dumpFile } };
    // cwd in the git-ignored cache: should an abort write a core file, it lands there.
    const child = spawn(process.execPath, [`--max-old-space-size=${opts.heapMb}`, workerFile, JSON.stringify(args)], {
      cwd: opts.out,
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      env: process.env,
    });
    const state = { ready: false, dumped: false, ended: false, current: undefined, lastDone: first - 1, timedOut: false, stderr: '' };
    let timer;
    const arm = (ms) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        state.timedOut = true;
        child.kill('SIGKILL');
      }, ms);
    };
    arm(startupMs);
    child.stderr.on('data', (chunk) => {
      state.stderr = (state.stderr + chunk).slice(-4000);
    });
    child.on('message', (m) => {
      switch (m.t) {
        case 'dumped': {
          state.dumped = true;
          const failure = failures.find((f) => f.index === m.index);
          if (failure) failure.description = `${m.kind}: ${m.description}`;
          console.log(`     case ${m.index} was ${m.kind}: ${m.description.slice(0, 300)}`);
          break;
        }
        case 'ready':
          state.ready = true;
          arm(opts.watchdogMs);
          break;
        case 'start':
          state.current = m.index;
          arm(opts.watchdogMs);
          break;
        case 'done': {
          state.current = undefined;
          state.lastDone = m.index;
          run++;
          times.push(m.ms);
          cpuTimes.push(m.cpuMs);
          if (m.failures.length > 0) recordFailure(m.index, m.failures.join('; '), `${m.kind}: ${m.description}`, m.text);
          if (m.text !== undefined && (!slowest || m.cpuMs > slowest.cpuMs))
            slowest = { index: m.index, ms: m.ms, cpuMs: m.cpuMs, description: `${m.kind}: ${m.description}`, text: m.text };
          // The next case starts at once: its watchdog runs from here even if its `start` is late.
          arm(opts.watchdogMs);
          progress();
          break;
        }
        case 'end':
          state.ended = true;
          clearTimeout(timer);
          break;
      }
    });
    child.on('error', (error) => {
      state.stderr += `\n${error.message}`;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ ...state, code, signal, dumpFile });
    });
  });
}

function progress() {
  const now = performance.now();
  if (now - lastProgress < 10_000) return;
  lastProgress = now;
  console.log(`  ${run}/${to - from} cases, ${failures.length} failure(s), ${((now - started) / 1000).toFixed(0)} s`);
}

function lastLines(text, n = 3) {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-n)
    .join(' | ');
}

/** The line of a dead child's stderr that says why (V8's `FATAL ERROR: ...`), else its last line that is not a stack frame. */
function why(stderr) {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const frame = (l) => /^\d+: /.test(l);
  return (lines.find((l) => /fatal|error|out of memory|call stack/i.test(l) && !frame(l)) ?? lines.filter((l) => !frame(l)).at(-1) ?? '').slice(0, 300);
}

let next = from;
let dump;
let deadBeforeReady = 0;
while (next < to) {
  const r = await runChild(next, dump);
  dump = undefined;
  if (r.ended) break;
  if (!r.ready) {
    // Died while warming up (or while regenerating a dead case): a harness problem, unless it was the dump.
    if (r.dumpFile !== undefined && !r.dumped) {
      console.log(`     (the input of case ${next - 1} could not be regenerated: ${lastLines(r.stderr) || `exit ${r.code ?? r.signal}`})`);
      const failure = failures.find((f) => f.index === next - 1);
      if (failure) failure.file = undefined;
      continue;
    }
    if (++deadBeforeReady >= 2) {
      console.error(`fuzz: the worker died before its first case (${r.timedOut ? 'timed out' : `exit ${r.code ?? r.signal}`}): ${lastLines(r.stderr, 10)}`);
      process.exit(2);
    }
    continue;
  }
  deadBeforeReady = 0;
  const index = r.current ?? r.lastDone + 1;
  if (index >= to) break; // died after its last case: nothing lost
  const how = r.timedOut
    ? `hang: no answer within ${opts.watchdogMs} ms, child killed`
    : `the child process died (${r.signal ? `signal ${r.signal}` : `exit code ${r.code}`})${why(r.stderr) ? `: ${why(r.stderr)}` : ''}`;
  run++;
  recordFailure(index, how, undefined, undefined);
  if (!opts.files) {
    // The new child writes the dead case's input (regenerated from seed and index) before going on.
    failures.at(-1).file = join(failuresDir, `${opts.seed}-${index}.sysdesign.yaml`);
    console.log(`     input: ${rel(failures.at(-1).file)}`);
    dump = index;
  }
  next = index + 1;
  if (next >= to && dump !== undefined) {
    // Nothing left to run: a child only to write the input.
    await runChild(to, dump);
    dump = undefined;
  }
}

const totalMs = performance.now() - started;
const percentile = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return (p) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);
};
const pct = percentile(times);
const cpuPct = percentile(cpuTimes);
const ms = (v) => `${v.toFixed(1)} ms`;
let slowestFile;
if (slowest) {
  slowestFile = join(opts.out, 'slowest.sysdesign.yaml');
  writeFileSync(slowestFile, slowest.text);
}

console.log('');
console.log(`cases run:     ${run} of ${to - from}`);
console.log(`failures:      ${failures.length}`);
for (const f of failures) {
  const replay = opts.files ? `--replay ${rel(f.file)}` : `--seed ${opts.seed} --case ${f.index}`;
  console.log(
    `  case ${f.index}: ${f.reason}${f.description ? `\n    ${f.description.slice(0, 300)}` : ''}\n    ${f.file ? `input ${rel(f.file)}; ` : ''}replay: npm run fuzz -- ${replay}`,
  );
}
if (slowest)
  console.log(`slowest case:  ${ms(slowest.cpuMs)} CPU (${ms(slowest.ms)} wall), case ${slowest.index} (${slowest.description.slice(0, 160)}), saved as ${rel(slowestFile)}`);
console.log(`per case:      median ${ms(pct(50))}, p99 ${ms(pct(99))} wall; median ${ms(cpuPct(50))}, p99 ${ms(cpuPct(99))} CPU`);
console.log(`total:         ${(totalMs / 1000).toFixed(1)} s (${children} child process${children === 1 ? '' : 'es'})`);
console.log(`replay all:    npm run fuzz -- --seed ${opts.seed} --cases ${to - from}${from ? ` --from ${from}` : ''}`);
if (opts.json) {
  const summary = {
    seed: opts.seed,
    requested: to - from,
    run,
    failures: failures.map((f) => ({ index: f.index, reason: f.reason, file: f.file })),
    slowest: slowest ? { index: slowest.index, ms: slowest.ms, cpuMs: slowest.cpuMs, description: slowest.description, file: slowestFile } : undefined,
    medianMs: pct(50),
    p99Ms: pct(99),
    medianCpuMs: cpuPct(50),
    p99CpuMs: cpuPct(99),
    totalMs,
    children,
  };
  console.log(`FUZZ-SUMMARY ${JSON.stringify(summary)}`);
}
process.exitCode = failures.length > 0 ? 1 : 0;
