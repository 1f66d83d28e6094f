/**
 * What every command of the CLI shares: its version, its output sink, its two kinds of failure,
 * the option parser, the one way a design is read (from a file or from bytes another
 * command printed) and the status of a command that prints a design with errors.
 */
import { readFileSync, statSync } from 'node:fs';
import { formatBytes } from '../core/quantity';
import type { Problem } from '../core/types';

/** Larger files are refused before reading; the analyzer itself stops at 2 M characters. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

declare const SYSDESIGN_VERSION: string | undefined;
/** package.json's version, which the build defines (scripts/lib/buildTargets.mjs); `dev` when run from source. */
export const VERSION = typeof SYSDESIGN_VERSION === 'string' ? SYSDESIGN_VERSION : 'dev';

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

/** A mistake in the command line: the message, then a pointer to `--help`; exit 2. */
export class UsageError extends Error {}
/** A file that cannot be read as a design: one line; exit 2. */
export class FileError extends Error {}

/** Splits arguments into files, options with a value (`--scenario ID`, `--scenario=ID`) and switches. */
export function parseOptions(args: string[], withValue: string[], switches: string[]): { files: string[]; options: Map<string, string>; switches: Set<string> } {
  const files: string[] = [];
  const options = new Map<string, string>();
  const on = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('-') || arg === '-') {
      files.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (switches.includes(name) && eq < 0) {
      on.add(name);
      continue;
    }
    if (!withValue.includes(name)) throw new UsageError(`unknown option '${name}'`);
    const value = eq < 0 ? args[++i] : arg.slice(eq + 1);
    if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
    options.set(name, value);
  }
  return { files, options, switches: on };
}

/** Reads a design file, refusing what is not one with a one-line reason. */
export function readDesign(file: string): string {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new FileError(`${file}: is a directory, not a design file`);
    if (!stat.isFile()) throw new FileError(`${file}: not a regular file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof FileError) throw error;
    throw new FileError(`${file}: ${describeFsError(error)}`);
  }
  if (size > MAX_FILE_BYTES) throw tooLarge(file, size);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new FileError(`${file}: ${describeFsError(error)}`);
  }
  return decodeDesign(bytes, file);
}

/** The text of a design read from anywhere (a file, `git show`), refusing what is not one; `name` says where it came from. */
export function decodeDesign(bytes: Uint8Array, name: string): string {
  if (bytes.length > MAX_FILE_BYTES) throw tooLarge(name, bytes.length);
  if (bytes.subarray(0, 8192).includes(0)) throw new FileError(`${name}: a binary file, not a design (YAML text)`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FileError(`${name}: not UTF-8 text`);
  }
}

/** `size` where it is known: a command's output past the limit is cut off, not measured. */
export function tooLarge(name: string, size?: number): FileError {
  return new FileError(`${name}: too large${size === undefined ? '' : ` (${formatBytes(size)})`}; design files are read up to ${formatBytes(MAX_FILE_BYTES)}`);
}

/**
 * The status of a command that prints a design whatever its problems (`export`, `diff`):
 * 1 when it has errors, said in one line on stderr, else 0.
 */
export function errorStatus(file: string, problems: readonly Problem[], io: Io): number {
  const errors = problems.filter((p) => p.severity === 'error').length;
  if (errors > 0) io.err(`sysdesign: ${file}: ${errors} error(s) in the design; run 'sysdesign check ${file}' for details.`);
  return errors > 0 ? 1 : 0;
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a design file';
    default:
      return error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
}

export function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ');
}
