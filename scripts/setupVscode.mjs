// Installs what the real-VS-Code tests need, offline except for the npm registry and
// Debian's packages, idempotently (a second run checks a marker and takes seconds):
//   - Debian: chromium (the browser playwright-core drives), ripgrep (stands in for the
//     ripgrep download of @vscode/ripgrep), libkrb5-dev (headers for the kerberos addon);
//   - code-server 4.99.4 (= VS Code 1.99.3 on the system Node 20) into .cache/code-server/,
//     a package of its own, not a dependency of ours (~300 MB).
// `node scripts/setupVscode.mjs [--force] [--quiet]`
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { arch, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CODE_SERVER_VERSION, codeServerBin, codeServerDir, chromiumPath, root, seconds } from './lib/rig.mjs';

const force = process.argv.includes('--force');
const quiet = process.argv.includes('--quiet');
const say = (line) => console.log(`[setup-vscode] ${line}`);
const started = Date.now();

// neovim: a second LSP client (its built-in one) that the server tests drive.
const APT_PACKAGES = ['chromium', 'ripgrep', 'libkrb5-dev', 'neovim'];

// Packages whose install scripts must run (npm 11 blocks dependency install scripts by
// default and takes the allow list from the `allowScripts` of the project's package.json).
// code-server's own postinstall runs `npm install` again in lib/vscode and
// lib/vscode/extensions; those nested installs are projects of their own, and an
// `allow-scripts` in an npmrc would reach them as an environment variable, which npm 11
// rejects in project installs (EALLOWSCRIPTS). So code-server's postinstall is denied in
// the outer install and run afterwards by this script, once the nested package.json files
// carry their own `allowScripts`.
const ALLOW_SCRIPTS = {
  outer: ['argon2'], // password hashing, loaded at start even with --auth none
  // lib/vscode: native addons built with node-gyp against /usr headers, and ripgrep.
  vscode: ['@parcel/watcher', '@vscode/deviceid', '@vscode/ripgrep', '@vscode/spdlog', 'kerberos', 'native-watchdog', 'node-pty'],
  // Denied explicitly (so npm does not list them as unreviewed): Windows-only addons.
  vscodeDenied: ['@vscode/windows-process-tree', '@vscode/windows-registry'],
  // lib/vscode/extensions: its own postinstall is a root script and runs anyway.
  extensions: ['@parcel/watcher', 'esbuild'],
};

// The marker says what was installed; anything else (or a missing file) means install again.
const markerFile = join(codeServerDir, '.sysdesign-setup.json');
const wanted = { codeServer: CODE_SERVER_VERSION, node: process.versions.node.split('.')[0], arch: arch() };

function main() {
  if (process.platform !== 'linux') {
    throw new Error('the code-server rig runs on Linux only (use `npm run test:electron` with a desktop VS Code elsewhere)');
  }
  const aptDone = ensureAptPackages();
  const codeServerDone = ensureCodeServer();
  if (!aptDone && !codeServerDone) {
    if (!quiet) say(`nothing to do: ${APT_PACKAGES.join(', ')} and code-server ${CODE_SERVER_VERSION} are installed (${seconds(Date.now() - started)})`);
  } else {
    say(`ready in ${seconds(Date.now() - started)}: code-server ${CODE_SERVER_VERSION} in ${rel(codeServerDir)}, chromium at ${chromiumPath}`);
  }
}

/** Installs the Debian packages that are missing; returns whether it did anything. */
function ensureAptPackages() {
  const missing = APT_PACKAGES.filter((pkg) => !dpkgInstalled(pkg));
  if (missing.length === 0) return false;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')}; install them with: sudo apt-get install -y ${missing.join(' ')}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // The package lists may be missing or stale on a fresh machine.
  say(`installing Debian packages: ${missing.join(' ')} (apt-get update first)`);
  sh('apt-get', ['update', '-qq'], { env });
  sh('apt-get', ['install', '-y', '-qq', '--no-install-recommends', '-o', 'Dpkg::Use-Pty=0', ...missing], { env });
  const still = missing.filter((pkg) => !dpkgInstalled(pkg));
  if (still.length) throw new Error(`apt-get did not install: ${still.join(' ')}`);
  return true;
}

function dpkgInstalled(pkg) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

/** Installs code-server into .cache/code-server/ unless the marker says it is there. */
function ensureCodeServer() {
  if (!force && existsSync(codeServerBin) && markerMatches()) return false;

  say(`installing code-server ${CODE_SERVER_VERSION} into ${rel(codeServerDir)} (about 1-3 min)`);
  rmSync(join(codeServerDir, 'node_modules'), { recursive: true, force: true });
  rmSync(markerFile, { force: true });
  mkdirSync(codeServerDir, { recursive: true });

  // @vscode/ripgrep's postinstall downloads from GitHub unless its cache already holds
  // the archive: give it Debian's rg in the expected tarball.
  const rgTarget = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' }[arch()];
  if (!rgTarget) throw new Error(`no ripgrep archive name known for ${arch()}`);
  const rgCache = join(tmpdir(), 'vscode-ripgrep-cache-1.15.11');
  const rgArchive = join(rgCache, `ripgrep-v13.0.0-10-${rgTarget}.tar.gz`);
  mkdirSync(rgCache, { recursive: true });
  sh('tar', ['-czf', rgArchive, '-C', '/usr/bin', 'rg']);
  say(`ripgrep archive from /usr/bin/rg: ${rgArchive}`);

  writeFileSync(
    join(codeServerDir, 'package.json'),
    JSON.stringify(
      {
        name: 'sysdesign-code-server',
        private: true,
        description: 'code-server for the sysdesign tests; installed by scripts/setupVscode.mjs',
        dependencies: { 'code-server': CODE_SERVER_VERSION },
        allowScripts: { ...allow(ALLOW_SCRIPTS.outer), 'code-server': false },
      },
      null,
      2,
    ) + '\n',
  );

  const env = {
    ...process.env,
    npm_config_unsafe_perm: 'true', // code-server's postinstall refuses to run as root otherwise
    npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp`
    npm_config_nodedir: '/usr', // node-gyp builds against Debian's headers, no download
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  const log = [];
  const npm = (args, cwd) => {
    const result = spawnSync('npm', args, { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    log.push(`$ (cd ${rel(cwd)} && npm ${args.join(' ')})`, result.stdout ?? '', result.stderr ?? '');
    writeFileSync(logFile, log.join('\n'));
    if (result.status !== 0) {
      const tail = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().split('\n').slice(-60).join('\n');
      throw new Error(`npm ${args.join(' ')} in ${rel(cwd)} failed (${result.status ?? result.signal}); last lines (all in ${rel(logFile)}):\n${tail}`);
    }
  };
  const logFile = join(codeServerDir, 'install.log');

  npm(['install', '--no-package-lock', '--foreground-scripts'], codeServerDir);
  say('npm install code-server: done; now its postinstall (the nested VS Code installs, native addons)');

  const pkgDir = join(codeServerDir, 'node_modules', 'code-server');
  addAllowScripts(join(pkgDir, 'lib', 'vscode', 'package.json'), ALLOW_SCRIPTS.vscode, ALLOW_SCRIPTS.vscodeDenied);
  addAllowScripts(join(pkgDir, 'lib', 'vscode', 'extensions', 'package.json'), ALLOW_SCRIPTS.extensions);
  // `npm run` sets npm_config_user_agent, from which postinstall.sh takes the Node version
  // and the package manager for its nested installs.
  npm(['run', '--foreground-scripts', 'postinstall'], pkgDir);

  verifyInstall();
  writeFileSync(markerFile, JSON.stringify(wanted, null, 2) + '\n');
  say(`code-server installed (log: ${rel(logFile)})`);
  return true;
}

function allow(names) {
  return Object.fromEntries(names.map((name) => [name, true]));
}

function addAllowScripts(file, names, denied = []) {
  const pkg = JSON.parse(readFileSync(file, 'utf8'));
  pkg.allowScripts = { ...pkg.allowScripts, ...allow(names), ...Object.fromEntries(denied.map((name) => [name, false])) };
  writeFileSync(file, JSON.stringify(pkg, null, 2) + '\n');
}

function markerMatches() {
  try {
    const marker = JSON.parse(readFileSync(markerFile, 'utf8'));
    return Object.entries(wanted).every(([k, v]) => marker[k] === v);
  } catch {
    return false;
  }
}

/** The pieces whose absence would only show up later as an obscure failure. */
function verifyInstall() {
  const vscode = join(codeServerDir, 'node_modules', 'code-server', 'lib', 'vscode');
  const required = [
    codeServerBin,
    join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'),
    join(vscode, 'node_modules', 'node-pty', 'build', 'Release', 'pty.node'),
    join(vscode, 'node_modules', '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'),
    join(vscode, 'node_modules.asar'),
  ];
  const missing = required.filter((f) => !existsSync(f));
  if (missing.length) throw new Error(`code-server install is incomplete, missing:\n  ${missing.map(rel).join('\n  ')}`);
  // --version writes into ~/.config/code-server: keep that out of the real HOME.
  const home = mkdtempSync(join(tmpdir(), 'sysdesign-cs-version-'));
  const version = spawnSync(process.execPath, [codeServerBin, '--version'], {
    encoding: 'utf8',
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share') },
  });
  rmSync(home, { recursive: true, force: true });
  const line = version.stdout?.split('\n').find((l) => l.startsWith(`${CODE_SERVER_VERSION} `));
  if (version.status !== 0 || !line) {
    throw new Error(`code-server --version failed: ${version.stdout}${version.stderr}`);
  }
  say(`code-server --version: ${line}`);
}

function sh(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

function rel(p) {
  return p.startsWith(root + '/') ? p.slice(root.length + 1) : p;
}

try {
  main();
} catch (error) {
  console.error(`[setup-vscode] FAILED: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
