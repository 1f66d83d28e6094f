// `npm start`: try the extension in a real VS Code in your browser. Builds and packages
// the extension, installs the .vsix into a persistent code-server (.cache/start/: settings,
// open editors and installed extensions survive restarts), opens examples/ and prints the
// URL. Runs until Ctrl+C, then stops code-server with everything it started.
//
//   npm start [-- --port 8765] [-- --dev]
//     --port N  the port on 127.0.0.1 (or SYSDESIGN_PORT); default 8765, or a free one
//     --dev     load the repository as a development extension instead of the .vsix:
//               run `npm run build -- --watch` beside it and "Developer: Reload Window"
//
// Only one instance runs at a time: a second `npm start` finds the lock file, checks that
// its owner is alive and answering, and tells where it runs.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Lifetime } from './lib/lifetime.mjs';
import { ensureSetup, freePort, installVsix, npmRun, root, run, startCodeServer, workbenchUrl } from './lib/rig.mjs';

const DEFAULT_PORT = 8765;
const dev = process.argv.includes('--dev');
const portArg = process.argv.indexOf('--port');
const wantedPort = Number(portArg > 0 ? process.argv[portArg + 1] : (process.env.SYSDESIGN_PORT ?? 0)) || undefined;

const stateDir = join(root, '.cache', 'start');
const lockFile = join(stateDir, 'server.lock.json');
const dirs = { home: join(stateDir, 'home'), userDataDir: join(stateDir, 'user-data'), extensionsDir: join(stateDir, 'extensions') };
const say = (line) => console.log(`[start] ${line}`);

async function main() {
  mkdirSync(stateDir, { recursive: true });
  const running = await takeLock();
  if (running?.starting) {
    console.error(`[start] another \`npm start\` (pid ${running.pid}) is starting right now; its URL follows in its terminal.`);
    return 1;
  }
  if (running) {
    console.error(
      [
        `[start] sysdesign's code-server is already running (started ${running.startedAt}, pid ${running.pid}):`,
        '',
        `    ${running.url}`,
        '',
        `Open that URL, or stop it first: Ctrl+C in its terminal, or \`kill ${running.pid}\`.`,
      ].join('\n'),
    );
    return 1;
  }
  life.defer(() => releaseLock());

  ensureSetup();
  if (dev) {
    run(process.execPath, [join(root, 'scripts', 'build.mjs')]);
  } else {
    npmRun('package'); // vsce runs the production build first (vscode:prepublish)
    installVsix(join(root, 'sysdesign.vsix'), dirs);
  }

  const port = await choosePort();
  const logFile = join(stateDir, 'code-server.log');
  const server = await startCodeServer({ port, ...dirs, logFile, defer: (stop) => life.defer(stop) });
  life.watchServer(server, logFile);
  const url = workbenchUrl({ port, folder: join(root, 'examples'), extensionDevelopmentPath: dev ? root : undefined });
  writeLock({ pid: process.pid, serverPgid: server.pid, port, url, startedAt: new Date().toISOString() });

  say(`code-server ${server.url} is running (${dev ? 'development extension from this repository' : 'sysdesign.vsix installed'}; log: ${logFile})`);
  console.log(`\n    ${url}\n`);
  if (dev) say('rebuild with `npm run build -- --watch`, then run "Developer: Reload Window" in the browser');
  say('press Ctrl+C to stop');
  // Runs until a signal: Lifetime stops code-server's process group and removes the lock.
  await new Promise(() => {});
}

/**
 * Creates the lock file atomically (O_EXCL). When one exists, returns its content if its
 * owner is alive and its server answers; a stale lock (crash, reboot) is removed.
 */
async function takeLock() {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString(), starting: true }, null, 2));
      closeSync(fd);
      return undefined;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    const held = readLock();
    if (held && isAlive(held.pid)) {
      if (held.starting) return held;
      if (await answers(held.port)) return held;
    }
    say(`removing a stale lock (${held ? `pid ${held.pid} is gone` : 'unreadable'})`);
    if (held?.serverPgid && isAlive(held.serverPgid)) {
      try {
        process.kill(-held.serverPgid, 'SIGTERM');
      } catch {
        /* gone */
      }
    }
    rmSync(lockFile, { force: true });
  }
  throw new Error(`could not take the lock ${lockFile}`);
}

function readLock() {
  try {
    return JSON.parse(readFileSync(lockFile, 'utf8'));
  } catch {
    return undefined;
  }
}

function writeLock(content) {
  const fd = openSync(lockFile, 'w');
  writeSync(fd, JSON.stringify(content, null, 2) + '\n');
  closeSync(fd);
}

function releaseLock() {
  if (readLock()?.pid === process.pid) rmSync(lockFile, { force: true });
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

async function answers(port) {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(3000) })).ok;
  } catch {
    return false;
  }
}

/** The asked port (it must be free), else the default when free, else any free port. */
async function choosePort() {
  if (wantedPort) {
    if (!(await isFree(wantedPort))) throw new Error(`port ${wantedPort} on 127.0.0.1 is in use; pick another with --port`);
    return wantedPort;
  }
  return (await isFree(DEFAULT_PORT)) ? DEFAULT_PORT : freePort();
}

function isFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

// Ctrl+C is how this command is meant to end: exit 0 then.
const life = new Lifetime('start', { signalExitCode: 0 });
if (!existsSync(join(root, 'examples'))) {
  console.error('[start] examples/ is missing');
  process.exit(1);
}
life.main(main);
