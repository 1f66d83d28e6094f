// `npm run test:e2e`: the UI tests of test/e2e (mocha + playwright-core) against a real
// VS Code workbench (code-server 4.99.4 = VS Code 1.99.3) in Debian's Chromium, twice:
//   dev   our repository loaded as the development extension;
//   vsix  the packaged sysdesign.vsix (`npm run package`) installed with
//         --install-extension, so a file missing from the package fails a test.
// Screenshots go to test-results/screenshots/ (<variant>-<nn>-<name>.png).
//
// `node scripts/e2e.mjs [dev] [vsix]` (default: both). Env: SYSDESIGN_TEST_GREP=<text>,
// SYSDESIGN_TIMEOUT_S (default 300 per variant), SYSDESIGN_KEEP_TEMP=1.
import { spawn } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Lifetime } from './lib/lifetime.mjs';
import { chromiumLaunchOptions, ensureSetup, freePort, installVsix, npmRun, root, run, seconds, startCodeServer, TEST_SETTINGS, workbenchUrl } from './lib/rig.mjs';

const VARIANTS = ['dev', 'vsix'];
const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = asked.filter((a) => !VARIANTS.includes(a));
if (unknown.length) {
  console.error(`unknown variant(s): ${unknown.join(', ')}; use ${VARIANTS.join(' and/or ')}`);
  process.exit(2);
}
const variants = asked.length ? VARIANTS.filter((v) => asked.includes(v)) : VARIANTS;
const timeoutS = Number(process.env.SYSDESIGN_TIMEOUT_S ?? 300);
const screenshotsDir = join(root, 'test-results', 'screenshots');
const vsixPath = join(root, 'sysdesign.vsix');
const say = (line) => console.log(`[e2e] ${line}`);
const life = new Lifetime('e2e');

async function main() {
  const started = Date.now();
  ensureSetup();
  rmSync(screenshotsDir, { recursive: true, force: true });
  life.deadline(timeoutS * variants.length, `the e2e run (${variants.join(' + ')})`);

  const results = [];
  for (const variant of variants) {
    const t0 = Date.now();
    if (variant === 'dev') {
      run(process.execPath, [join(root, 'scripts', 'build.mjs')]);
    } else {
      // `vsce package` runs vscode:prepublish (the production build) first.
      npmRun('package');
    }
    const code = await runVariant(variant);
    results.push({ variant, code, ms: Date.now() - t0 });
    say(`${variant}: ${code === 0 ? 'passed' : 'FAILED'} in ${seconds(Date.now() - t0)}`);
  }

  const failed = results.filter((r) => r.code !== 0);
  say(`${results.map((r) => `${r.variant} ${r.code === 0 ? 'ok' : 'FAILED'}`).join(', ')}; screenshots in ${screenshotsDir}; ${seconds(Date.now() - started)}`);
  return failed.length ? 1 : 0;
}

async function runVariant(variant) {
  say(`--- ${variant}: ${variant === 'dev' ? 'repository as the development extension' : `${vsixPath} installed`} ---`);
  const temp = life.tempDir(`sysdesign-e2e-${variant}-`);
  const dirs = { home: join(temp, 'home'), userDataDir: join(temp, 'user-data'), extensionsDir: join(temp, 'extensions') };
  if (variant === 'vsix') installVsix(vsixPath, dirs);

  const port = await freePort();
  const logFile = join(temp, 'code-server.log');
  const server = await startCodeServer({ settings: TEST_SETTINGS, port, ...dirs, logFile, defer: (stop) => life.defer(stop) });
  life.watchServer(server, logFile);

  // A throw-away copy of examples/: tests type into designs and may save them, and the
  // repository's files must never change because a test ran.
  const workspace = join(temp, 'examples');
  cpSync(join(root, 'examples'), workspace, { recursive: true });
  const url = workbenchUrl({ port, folder: workspace, extensionDevelopmentPath: variant === 'dev' ? root : undefined });
  const args = [join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--config', join(root, 'test', 'e2e', '.mocharc.json')];
  if (process.env.SYSDESIGN_TEST_GREP) args.push('--grep', process.env.SYSDESIGN_TEST_GREP);
  const mocha = spawn(process.execPath, args, {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      SYSDESIGN_E2E_URL: url,
      SYSDESIGN_E2E_WORKSPACE: workspace,
      SYSDESIGN_E2E_BROWSER: JSON.stringify(chromiumLaunchOptions(join(temp, 'chromium'))),
      SYSDESIGN_E2E_SCREENSHOTS: screenshotsDir,
      SYSDESIGN_E2E_VARIANT: variant,
    },
  });
  // SIGTERM lets playwright close its Chromium on the way out.
  life.defer(() => {
    if (mocha.exitCode === null) mocha.kill('SIGTERM');
  });
  const code = await new Promise((resolve) => mocha.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));

  server.stop();
  return code;
}

life.main(main);
