// `npm test`: every test stage in order, each timed; all stages run even when one fails,
// then a summary and a closing `N passed, N failed` line (test counts summed over the
// stages, read from mocha's "N passing / N failing / N pending" lines). Exits non-zero
// if any stage failed.
//
//   node scripts/test.mjs                      # all stages
//   node scripts/test.mjs unit integration     # only these (in the usual order)
//
// Stages: typecheck, lint, build, setup-vscode, unit, server, webview, integration, e2e.
// setup-vscode (installs Chromium, Neovim and code-server, a no-op when done) runs when
// server, webview, integration or e2e does, so its minutes on a fresh machine are not counted
// against any of them; unit needs build (the `sysdesign/core` entry test reads dist/).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, seconds } from './lib/rig.mjs';

const node = process.execPath;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** @type {{ name: string, cmd: string, args: string[], skip?: () => string | undefined }[]} */
const STAGES = [
  { name: 'typecheck', cmd: npm, args: ['run', '--silent', 'typecheck'], skip: () => missingScript('typecheck') },
  { name: 'lint', cmd: npm, args: ['run', '--silent', 'lint'], skip: () => missingScript('lint') },
  { name: 'build', cmd: node, args: [join(root, 'scripts', 'build.mjs')] },
  // Before unit: the grammar tests also run on top of VS Code's own YAML grammar once it is installed.
  { name: 'setup-vscode', cmd: node, args: [join(root, 'scripts', 'setupVscode.mjs')] },
  { name: 'unit', cmd: node, args: [join(root, 'node_modules', 'mocha', 'bin', 'mocha.js')] },
  { name: 'server', cmd: npm, args: ['run', '--silent', 'test:server'] },
  { name: 'webview', cmd: npm, args: ['run', '--silent', 'test:webview'] },
  { name: 'integration', cmd: node, args: [join(root, 'scripts', 'integration.mjs')] },
  { name: 'e2e', cmd: node, args: [join(root, 'scripts', 'e2e.mjs')] },
];

/** Why a package.json script cannot run (absent, or `node <file>` whose file is not there yet). */
function missingScript(name) {
  const script = pkg.scripts?.[name];
  if (!script) return `no "${name}" script in package.json`;
  const file = /^node\s+(\S+\.m?js)\b/.exec(script)?.[1];
  if (file && !existsSync(join(root, file))) return `${file} does not exist yet`;
  return undefined;
}

function selectStages(args) {
  const names = STAGES.map((s) => s.name);
  const unknown = args.filter((a) => !names.includes(a));
  if (unknown.length) {
    console.error(`unknown stage(s): ${unknown.join(', ')}; stages: ${names.join(', ')}`);
    process.exit(2);
  }
  if (args.length === 0) return STAGES;
  const wanted = new Set(args);
  if (wanted.has('server') || wanted.has('webview') || wanted.has('integration') || wanted.has('e2e')) wanted.add('setup-vscode');
  if (wanted.has('unit')) wanted.add('build');
  return STAGES.filter((s) => wanted.has(s.name));
}

/** Runs a stage, echoing its output as it comes and keeping it to count tests. */
function runStage(stage) {
  return new Promise((resolve) => {
    const child = spawn(stage.cmd, stage.args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on('error', (error) => resolve({ code: 1, output: `${output}\n${error.message}` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

/** Sums mocha's epilogue lines ("  12 passing (3s)", "  1 failing", "  2 pending"). */
export function countTests(output) {
  const text = output.replace(/\x1b\[[0-9;]*m/g, '');
  const sum = (word) => [...text.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'gm'))].reduce((n, m) => n + Number(m[1]), 0);
  const found = new RegExp('^\\s*\\d+ (passing|failing|pending)\\b', 'm').test(text);
  return { found, passed: sum('passing'), failed: sum('failing'), skipped: sum('pending') };
}

async function main() {
  const stages = selectStages(process.argv.slice(2));
  const results = [];
  for (const stage of stages) {
    const reason = stage.skip?.();
    if (reason) {
      console.log(`\n=== ${stage.name}: skipped (${reason})`);
      results.push({ name: stage.name, status: 'skipped', note: reason, ms: 0, counts: undefined });
      continue;
    }
    console.log(`\n=== ${stage.name}: ${[stage.cmd === node ? 'node' : stage.cmd, ...stage.args.map((a) => a.replace(`${root}/`, ''))].join(' ')}`);
    const started = Date.now();
    const { code, output } = await runStage(stage);
    const ms = Date.now() - started;
    const counts = countTests(output);
    const status = code === 0 ? 'ok' : 'FAILED';
    console.log(`=== ${stage.name}: ${status} in ${seconds(ms)}`);
    results.push({ name: stage.name, status, ms, counts: counts.found ? counts : undefined });
  }

  let passed = 0;
  let failed = 0;
  let skipped = 0;
  console.log('\n=== summary');
  for (const r of results) {
    let detail = r.note ?? '';
    if (r.counts) {
      passed += r.counts.passed;
      failed += r.counts.failed;
      skipped += r.counts.skipped;
      detail = `${r.counts.passed} passed, ${r.counts.failed} failed${r.counts.skipped ? `, ${r.counts.skipped} skipped` : ''}`;
    }
    if (r.status === 'FAILED' && !(r.counts?.failed > 0)) {
      // A stage that failed without a failing test (a type error, a crash, a timeout)
      // still counts, so the closing line never reads "0 failed" on a red run.
      failed += 1;
      detail = `${detail ? `${detail}; ` : ''}failed outside the tests: counted as 1 failure`;
    }
    console.log(`  ${r.name.padEnd(13)} ${r.status.padEnd(8)} ${r.status === 'skipped' ? '' : seconds(r.ms).padStart(8)}  ${detail}`.trimEnd());
  }
  const total = results.reduce((n, r) => n + r.ms, 0);
  console.log(`  ${'total'.padEnd(13)} ${''.padEnd(8)} ${seconds(total).padStart(8)}`);
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exitCode = results.some((r) => r.status === 'FAILED') ? 1 : 0;
}

await main();
