/**
 * `sysdesign diff OLD NEW [--format text|markdown|json]`: what a change to a design
 * changes, by meaning (the core's `designDiff`). One side may be `git:REV`, the other
 * file as it was at that revision of the git repository it lives in, so a pull request
 * can say what it changes against its base (`sysdesign diff git:origin/main design.yaml`).
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { createAnalyzer } from '../core/analyse';
import { designDiff, diffMarkdown, diffText } from '../core/report';
import { decodeDesign, errorStatus, FileError, MAX_FILE_BYTES, parseOptions, readDesign, tooLarge, UsageError, type Io } from './io';

const FORMATS = ['text', 'markdown', 'json'] as const;
type Format = (typeof FORMATS)[number];

/** Long enough for a large repository on a slow disk; a hung `git` (a lock, a prompt) must not hang the command. */
const GIT_TIMEOUT_MS = 30_000;

/** A design to compare: how the output names it, and its text. */
interface Side {
  name: string;
  text: string;
}

export function diffCommand(args: string[], io: Io): number {
  const { files, options } = parseOptions(args, ['--format'], []);
  if (files.length !== 2) throw new UsageError('diff needs OLD and NEW (a file each, or git:REV for the other file at a git revision)');
  const format = options.get('--format') ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format '${format}' (use text, markdown or json)`);
  const [before, after] = readSides(files[0], files[1]);
  const analyzer = createAnalyzer();
  const old = analyzer.analyse(before.text);
  const now = analyzer.analyse(after.text);
  const diff = designDiff(old, now);
  const names = { before: before.name, after: after.name };
  const output: Record<Format, () => string> = {
    text: () => diffText(diff, names).join('\n'),
    markdown: () => diffMarkdown(diff, names).trimEnd(),
    json: () => JSON.stringify(diff, null, 2),
  };
  io.out(output[format as Format]());
  return errorStatus(after.name, now.problems, io);
}

function readSides(oldArg: string, newArg: string): [Side, Side] {
  const oldRev = revisionOf(oldArg);
  const newRev = revisionOf(newArg);
  if (oldRev !== undefined && newRev !== undefined) throw new UsageError('only one of OLD and NEW can be git:REV; the other names the file');
  if (oldRev !== undefined) return [atRevision(newArg, oldRev), fromFile(newArg)];
  if (newRev !== undefined) return [fromFile(oldArg), atRevision(oldArg, newRev)];
  return [fromFile(oldArg), fromFile(newArg)];
}

function fromFile(file: string): Side {
  return { name: file, text: readDesign(file) };
}

/**
 * The revision of a `git:REV` argument, undefined for a file. `git` receives it as part
 * of one argument and no shell runs, but a revision starting with `-` would still read as
 * an option, and whitespace or control characters belong to no revision name.
 */
function revisionOf(arg: string): string | undefined {
  if (!arg.startsWith('git:')) return undefined;
  const rev = arg.slice('git:'.length);
  if (rev === '') throw new UsageError('git: needs a revision, e.g. git:HEAD');
  if (rev.startsWith('-') || /[\s\p{Cc}]/u.test(rev)) throw new UsageError('a git revision cannot start with "-" or hold spaces or control characters');
  return rev;
}

/** `file` as it was at `rev`, by `git show` in the file's folder (`./` makes the path relative to it). */
function atRevision(file: string, rev: string): Side {
  const name = `${rev}:${file}`;
  let bytes: Buffer;
  try {
    bytes = execFileSync('git', ['-C', path.dirname(file), 'show', `${rev}:./${path.basename(file)}`], {
      maxBuffer: MAX_FILE_BYTES,
      timeout: GIT_TIMEOUT_MS,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    throw gitError(error, name, rev, file);
  }
  return { name, text: decodeDesign(bytes, name) };
}

/** A failed `git show` as one line: git's own first line where none of the usual causes fits. */
function gitError(error: unknown, name: string, rev: string, file: string): FileError {
  const { code, stderr } = error as { code?: string; stderr?: Buffer };
  if (code === 'ENOENT') return new FileError(`${name}: git is not installed (or not on PATH)`);
  if (code === 'ENOBUFS') return tooLarge(name);
  if (code === 'ETIMEDOUT') return new FileError(`${name}: git did not answer in ${GIT_TIMEOUT_MS / 1000} s`);
  const message = (stderr?.toString('utf8') ?? '').split('\n')[0].replace(/^fatal: /, '');
  if (/not a git repository/.test(message)) return new FileError(`${file}: not in a git repository`);
  if (/^cannot change to/.test(message)) return new FileError(`${file}: no such directory`);
  if (/^invalid object name|^ambiguous argument|^bad revision/.test(message)) return new FileError(`${name}: unknown revision '${rev}'`);
  if (/does not exist in|exists on disk, but not in/.test(message)) return new FileError(`${name}: ${path.basename(file)} did not exist at ${rev}`);
  return new FileError(`${name}: git show failed: ${message || (error instanceof Error ? error.message.split('\n')[0] : String(error))}`);
}
