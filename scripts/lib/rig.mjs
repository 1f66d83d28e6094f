// Shared pieces of the real-VS-Code rig (setup, integration, e2e, start): where things
// live, a code-server process in its own process group, and Chromium via playwright-core.
// See scripts/setupVscode.mjs for how code-server gets installed (offline, as root).
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, chromiumPath } from '../../test/support/chromium.mjs';

export { chromiumPath };

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CODE_SERVER_VERSION = '4.99.4';
export const codeServerDir = join(root, '.cache', 'code-server');
export const codeServerBin = join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** Runs a command with inherited output; throws when it fails. */
export function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

/** `npm run build` (and anything else in package.json) without going through a shell. */
export function npmRun(script, extra = []) {
  run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', script, ...extra]);
}

/** Makes sure code-server and Chromium are installed (fast no-op when they are). */
export function ensureSetup() {
  run(process.execPath, [join(root, 'scripts', 'setupVscode.mjs'), '--quiet']);
}

/** A free TCP port on 127.0.0.1 (the OS picks it). */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Environment for code-server and its CLI: HOME/XDG into `home` (even `--version` writes
 * into ~/.config/code-server), no gallery lookups.
 */
export function codeServerEnv(home) {
  const env = { ...process.env };
  // npm's lifecycle variables would leak into the extension host; they mean nothing there.
  for (const key of Object.keys(env)) if (key.startsWith('npm_')) delete env[key];
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    EXTENSIONS_GALLERY: '{}',
    VSCODE_CLI_DISABLE_KEYCHAIN_ENCRYPT: '1',
  };
}

/** Installs a .vsix into `extensionsDir` with code-server's CLI. */
export function installVsix(vsix, { home, userDataDir, extensionsDir }) {
  run(process.execPath, [codeServerBin, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], {
    env: codeServerEnv(home),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/**
 * Starts code-server on 127.0.0.1:port in its own process group (`setsid`), so that
 * `stop()` ends it with everything it spawned (extension hosts, watchers, pty hosts).
 * Resolves once /healthz answers.
 */
export async function startCodeServer({ port, home, userDataDir, extensionsDir, logFile, extraArgs = [], defer, settings = DEFAULT_SETTINGS }) {
  mkdirSync(extensionsDir, { recursive: true });
  writeDefaultSettings(userDataDir, settings);
  const args = [
    process.execPath,
    codeServerBin,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...extraArgs,
  ];
  const log = logFile ? createWriteStream(logFile) : null;
  const child = spawn('setsid', args, {
    cwd: root,
    env: codeServerEnv(home),
    stdio: ['ignore', log ? 'pipe' : 'inherit', log ? 'pipe' : 'inherit'],
  });
  if (log) {
    child.stdout.pipe(log);
    child.stderr.pipe(log);
  }
  // setsid runs the program in the same process (it forks only when already a group
  // leader, which a child of ours never is), so child.pid is the group id.
  const pgid = child.pid;
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });

  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    killGroup(pgid);
  };
  // Owned from the moment it exists, so Ctrl+C during the start still stops it.
  defer?.(stop);

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited early (${exited.code ?? exited.signal})${logFile ? `; see ${logFile}` : ''}`);
    if (Date.now() > deadline) {
      stop();
      throw new Error('code-server did not answer /healthz within 60 s');
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200)); // polling a port that is not open yet: no event to wait on
  }
  return {
    pid: pgid,
    url: `http://127.0.0.1:${port}`,
    stop,
    child,
    get stopped() {
      return stopped;
    },
  };
}

/**
 * User settings for a quiet, predictable workbench (written only when there are none, so
 * a persistent `npm start` profile keeps the user's own): no prompts about the parent git
 * repository, no welcome page, tips, telemetry or update checks.
 */
export const DEFAULT_SETTINGS = {
  'git.openRepositoryInParentFolders': 'never',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'chat.commandCenter.enabled': false,
};

/**
 * Added for test runs only (not `npm start`): tests type whole words, and suggestions
 * popping up on their own race the keystrokes (an Enter or a letter accepting one).
 * Ctrl+Space still opens them on demand.
 */
export const TEST_SETTINGS = {
  ...DEFAULT_SETTINGS,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.acceptSuggestionOnEnter': 'off',
};

function writeDefaultSettings(userDataDir, settings) {
  const file = join(userDataDir, 'User', 'settings.json');
  if (existsSync(file)) return;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(settings, null, 2) + '\n');
}

/** SIGTERM to a process group, then SIGKILL to whatever is left shortly after. */
export function killGroup(pgid) {
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    return;
  }
  // Synchronous on purpose: this also runs from 'exit' handlers.
  const until = Date.now() + 3000;
  while (Date.now() < until) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return;
    }
    spawnSync('sleep', ['0.1']);
  }
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    /* gone */
  }
}

/**
 * Options for playwright-core's `chromium.launch`: the flags of test/support/chromium.mjs,
 * its config and cache in `profileDir`
 * (playwright gives each launch a fresh --user-data-dir of its own). The e2e tests get
 * these as JSON in SYSDESIGN_E2E_BROWSER, so the flags live in this one place.
 */
export function chromiumLaunchOptions(profileDir) {
  mkdirSync(profileDir, { recursive: true });
  return {
    executablePath: chromiumPath,
    headless: true,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: profileDir,
      XDG_CONFIG_HOME: join(profileDir, '.config'),
      XDG_CACHE_HOME: join(profileDir, '.cache'),
      TMPDIR: process.env.TMPDIR ?? '/tmp',
    },
    args: CHROMIUM_ARGS,
  };
}

export const VIEWPORT = { width: 1400, height: 900 };

/** Launches Chromium (see chromiumLaunchOptions); resolves with the browser and a page. */
export async function launchChromium(profileDir) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch(chromiumLaunchOptions(profileDir));
  const page = await browser.newPage({ viewport: VIEWPORT });
  return { browser, page };
}

/** The workbench URL for `folder`, with an optional development extension and test suite. */
export function workbenchUrl({ port, folder, extensionDevelopmentPath, extensionTestsPath }) {
  const authority = `127.0.0.1:${port}`;
  const remote = (p) => `vscode-remote://${authority}${p}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  const query = new URLSearchParams({ folder });
  if (payload.length) query.set('payload', JSON.stringify(payload));
  return `http://${authority}/?${query}`;
}

export function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

export function fileExists(file) {
  return existsSync(file);
}

/** "12.3 s" */
export function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}
