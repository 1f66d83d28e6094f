/**
 * The child process of `scripts/fuzz.mjs` (bundled by it with esbuild, then run with
 * plain node): runs cases `from` to `to` of a campaign through the whole pipeline,
 * telling the parent over IPC before each case starts and after it ends, so that when
 * this process aborts or hangs the parent knows which case did it.
 *
 * Arguments: one JSON object (see `WorkerOptions`). Messages to the parent:
 *   { t: 'dumped', index, file, kind, description }
 *                                        the input of case `dump` was written to `file`
 *   { t: 'ready' }                       warmed up; cases follow
 *   { t: 'start', index }
 *   { t: 'done', index, ms, cpuMs, kind, description, failures, text? }
 *                                        wall and CPU time; `text` when the case failed or
 *                                        is this child's slowest (CPU time) so far
 *   { t: 'end' }
 *
 * SYSDESIGN_FUZZ_SELFTEST (tests of the harness only): `crash@3,hang@7,oom@9,throw@2`
 * makes case 3 call process.abort(), case 7 loop forever, case 9 exhaust the heap and
 * case 2 throw inside the pipeline.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { generateCase, loadBases, type FuzzCase } from './cases';
import { describe, runPipeline } from './checks';

interface WorkerOptions {
  root: string;
  seed: number;
  from: number;
  to: number;
  budgetMs: number;
  /** Replay these files instead of generating cases (case i is files[i]). */
  files?: string[];
  /** Before running anything, regenerate case `dump.index` into `dump.file` (the case a dead child was running). */
  dump?: { index: number; file: string };
}

type Message =
  | { t: 'dumped'; index: number; file: string; kind: string; description: string }
  | { t: 'ready' }
  | { t: 'start'; index: number }
  | { t: 'done'; index: number; ms: number; cpuMs: number; kind: string; description: string; failures: string[]; text?: string }
  | { t: 'end' };

/**
 * Resolves once the message is written to the channel, so that nothing is lost in this
 * process's queue if it dies in the next case: the parent reads all of it before `close`.
 */
function send(message: Message): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) {
      process.stdout.write(`${JSON.stringify(message)}\n`);
      resolve();
      return;
    }
    process.send(message, undefined, undefined, (error) => (error ? reject(error) : resolve()));
  });
}

function selftest(): Map<number, string> {
  const out = new Map<number, string>();
  for (const item of (process.env.SYSDESIGN_FUZZ_SELFTEST ?? '').split(',')) {
    const m = /^(crash|hang|oom|throw)@(\d+)$/.exec(item.trim());
    if (m) out.set(Number(m[2]), m[1]);
  }
  return out;
}

function sabotage(what: string | undefined): void {
  if (what === 'crash') process.abort();
  if (what === 'hang') for (;;);
  if (what === 'oom') {
    const hoard: unknown[] = [];
    for (;;) hoard.push(new Array(1_000_000).fill(hoard.length));
  }
  if (what === 'throw') throw new Error('SYSDESIGN_FUZZ_SELFTEST: a thrown error');
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as WorkerOptions;
  const bases = loadBases(options.root);
  const caseAt = (index: number): FuzzCase => {
    if (options.files) {
      const file = options.files[index];
      return { kind: 'file', description: path.relative(options.root, path.resolve(file)), text: readFileSync(file, 'utf8') };
    }
    return generateCase(bases, options.seed, index);
  };

  if (options.dump) {
    mkdirSync(path.dirname(options.dump.file), { recursive: true });
    const c = caseAt(options.dump.index);
    writeFileSync(options.dump.file, c.text);
    await send({ t: 'dumped', index: options.dump.index, file: options.dump.file, kind: c.kind, description: c.description });
  }

  // Warm up (schema compiled, code optimised) so that case `from` is timed like the others.
  const small = bases.find((b) => b.name.includes('photo-sharing')) ?? bases[0];
  runPipeline({ text: small.text, base: small.text.replace('name:', 'name: x') });
  generateCase(bases, options.seed, -1);
  await send({ t: 'ready' });

  const sabotaged = selftest();
  let slowest = -1;
  for (let index = options.from; index < options.to; index++) {
    await send({ t: 'start', index });
    let c: FuzzCase;
    try {
      c = caseAt(index);
    } catch (error) {
      // A bug of the generators (or an unreadable file), not of the pipeline: reported all the same.
      await send({
        t: 'done',
        index,
        ms: 0,
        cpuMs: 0,
        kind: 'none',
        description: 'the case could not be made',
        failures: [`generating the case threw: ${describe(error)}`],
        text: '',
      });
      continue;
    }
    const started = performance.now();
    const cpu = process.cpuUsage();
    let failures: string[];
    try {
      sabotage(sabotaged.get(index));
      failures = runPipeline({ text: c.text, base: c.base });
    } catch (error) {
      failures = [`the pipeline threw: ${describe(error)}`];
    }
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    // The budget is CPU time, so a machine busy with other work does not fail a case;
    // the parent's watchdog (wall time) catches a case that never ends.
    if (cpuMs > options.budgetMs) failures.push(`took ${cpuMs.toFixed(0)} ms of CPU time (${ms.toFixed(0)} ms wall), over the budget of ${options.budgetMs} ms`);
    const keep = failures.length > 0 || cpuMs > slowest;
    if (cpuMs > slowest) slowest = cpuMs;
    await send({ t: 'done', index, ms, cpuMs, kind: c.kind, description: c.description, failures, text: keep ? c.text : undefined });
  }
  await send({ t: 'end' });
  process.disconnect?.();
}

main().catch((error: unknown) => {
  process.stderr.write(`fuzz worker: ${describe(error)}\n`);
  process.exit(3);
});
