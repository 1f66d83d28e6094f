// `npm run test:integration`: the integration suite (test/integration/suite) inside a real
// VS Code: code-server 4.99.4 (VS Code 1.99.3) with our repository as the development
// extension, its workbench opened in Debian's Chromium through playwright-core. The
// workbench runs the suite's `run()` in the extension host, hands its console output to
// `window.codeAutomationLog` and its result to `window.codeAutomationExit`; this script
// prints the one and exits with the other.
//
// Env: SYSDESIGN_TEST_GREP=<text> runs only matching tests; SYSDESIGN_TIMEOUT_S (default
// 300) bounds the run in VS Code; SYSDESIGN_KEEP_TEMP=1 keeps the throw-away folders.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { buildIntegrationSuite, integrationEntry } from './lib/buildTests.mjs';
import { Lifetime } from './lib/lifetime.mjs';
import { ensureSetup, freePort, launchChromium, root, run, seconds, startCodeServer, workbenchUrl } from './lib/rig.mjs';

const timeoutS = Number(process.env.SYSDESIGN_TIMEOUT_S ?? 300);
const say = (line) => console.log(`[integration] ${line}`);
const started = Date.now();
const life = new Lifetime('integration');

async function main() {
  run(process.execPath, [join(root, 'scripts', 'build.mjs')]);
  const count = await buildIntegrationSuite();
  say(`built the extension and ${count} test file(s)`);
  ensureSetup();

  // From here on everything runs under one deadline.
  life.deadline(timeoutS, 'the integration run in VS Code');
  const temp = life.tempDir('sysdesign-integration-');
  // The window's folder is a throw-away copy of examples/: tests may write workspace
  // settings, and the repository is never touched. Tests open designs from the extension's
  // own folder (repoFile), which is the repository.
  const workspace = join(temp, 'workspace');
  cpSync(join(root, 'examples'), workspace, { recursive: true });
  const port = await freePort();
  const logFile = join(temp, 'code-server.log');
  const server = await startCodeServer({
    port,
    home: join(temp, 'home'),
    userDataDir: join(temp, 'user-data'),
    extensionsDir: join(temp, 'extensions'),
    logFile,
    defer: (stop) => life.defer(stop),
  });
  life.watchServer(server, logFile);
  say(`code-server ${server.url} (pid ${server.pid}) up after ${seconds(Date.now() - started)}`);

  const { browser, page } = await launchChromium(join(temp, 'chromium'));
  life.defer(() => browser.close().catch(() => {}));

  const exit = new Promise((resolve) => {
    void page.exposeFunction('codeAutomationExit', (code, logs) => resolve({ code, logs }));
  });
  await page.exposeFunction('codeAutomationLog', (level, message) => printLog(level, message));
  page.on('crash', () => life.fail('the workbench page crashed'));

  const url = workbenchUrl({
    port,
    folder: workspace,
    extensionDevelopmentPath: root,
    extensionTestsPath: integrationEntry,
  });
  await page.goto(url);
  const { code, logs } = await exit;

  if (code !== 0) saveLogs(logs, logFile);
  say(`${code === 0 ? 'passed' : `FAILED (exit code ${code})`} in ${seconds(Date.now() - started)}`);
  return code;
}

/**
 * The extension host's console lines (mocha's report among them) as they come, formatted
 * like console.log. The workbench's own log lines travel the same way: before the suite
 * announces itself they only go to the log kept for a failed run; after it, the few
 * known background messages are left out too.
 */
const SUITE_BANNER = 'sysdesign integration suite:';
const BACKGROUND = /^(Ignoring fetching additional builtin extensions|Updating additional builtin extensions cache)/;
const workbenchLog = [];
let suiteStarted = false;
function printLog(level, args) {
  const text = format(...(Array.isArray(args) ? args : [args])).replace(/\n$/, '');
  workbenchLog.push(`${level} ${text}`);
  if (text.startsWith(SUITE_BANNER)) suiteStarted = true;
  if (level === 'error') console.error(text);
  else if (suiteStarted && !BACKGROUND.test(text)) console.log(text);
}

/** Keeps the workbench's log files and code-server's output for a failed run. */
function saveLogs(logs, serverLog) {
  const dir = join(root, 'test-results', 'integration-logs');
  mkdirSync(dir, { recursive: true });
  for (const log of Array.isArray(logs) ? logs : []) {
    if (!log?.relativePath) continue;
    const file = join(dir, log.relativePath.replace(/[\\/]/g, '__'));
    writeFileSync(file, log.contents ?? '');
  }
  life.copyFile(serverLog, join(dir, 'code-server.log'));
  writeFileSync(join(dir, 'workbench-console.log'), workbenchLog.join('\n') + '\n');
  say(`logs kept in ${dir}`);
}

life.main(main);
