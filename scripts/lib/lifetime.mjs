// What a rig script owns while it runs (code-server's process group, the browser,
// throw-away folders) and the one way it ends: normally, on an error, on Ctrl+C/SIGTERM,
// or when its deadline passes. Every exit path runs the same cleanups, newest first.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class Lifetime {
  #name;
  #cleanups = [];
  #ending = false;

  constructor(name, { signalExitCode = 130 } = {}) {
    this.#name = name;
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.on(signal, () => {
        console.error(`[${this.#name}] ${signal}: stopping`);
        void this.end(signalExitCode);
      });
    }
    // Last resort (e.g. process.exit elsewhere): synchronous cleanups only.
    process.on('exit', () => this.#runSync());
  }

  /** Registers a cleanup; it runs once, newest first. */
  defer(cleanup) {
    this.#cleanups.push({ cleanup, done: false });
  }

  /** A throw-away folder under $TMPDIR, removed at the end unless SYSDESIGN_KEEP_TEMP=1. */
  tempDir(prefix) {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    if (process.env.SYSDESIGN_KEEP_TEMP === '1') console.log(`[${this.#name}] keeping ${dir}`);
    else this.defer(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }

  /** Fails the run when `seconds` pass, whatever it is waiting for. */
  deadline(seconds, what) {
    const timer = setTimeout(() => this.fail(`TIMEOUT: ${what} took more than ${seconds} s; everything was stopped`), seconds * 1000);
    timer.unref();
    this.defer(() => clearTimeout(timer));
  }

  /** Fails the run as soon as code-server exits on its own, showing the end of its log. */
  watchServer(server, logFile) {
    server.child.on('exit', (code, signal) => {
      if (this.#ending || server.stopped) return;
      const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').trim().split('\n').slice(-30).join('\n') : '';
      this.fail(`code-server exited unexpectedly (${code ?? signal})\n${tail}`);
    });
  }

  copyFile(from, to) {
    if (existsSync(from)) copyFileSync(from, to);
  }

  fail(message) {
    // Once ending, later failures are consequences of the cleanup (a closed browser...).
    if (this.#ending) return;
    console.error(`[${this.#name}] FAILED: ${message}`);
    void this.end(1);
  }

  /** Runs `main` (which resolves with an exit code) and ends with its code. */
  main(main) {
    main().then(
      (code) => this.end(typeof code === 'number' ? code : 0),
      (error) => this.fail(error instanceof Error ? (error.stack ?? error.message) : String(error)),
    );
  }

  async end(code) {
    if (this.#ending) return;
    this.#ending = true;
    for (const entry of [...this.#cleanups].reverse()) {
      if (entry.done) continue;
      entry.done = true;
      try {
        // Bounded: a cleanup that hangs (a browser that does not close) must not keep us.
        await Promise.race([entry.cleanup(), new Promise((r) => setTimeout(r, 10_000).unref())]);
      } catch (error) {
        console.error(`[${this.#name}] cleanup failed: ${error}`);
      }
    }
    process.exit(code);
  }

  #runSync() {
    for (const entry of [...this.#cleanups].reverse()) {
      if (entry.done) continue;
      entry.done = true;
      try {
        entry.cleanup();
      } catch {
        // exiting anyway
      }
    }
  }
}
