/**
 * The processes of this machine as /proc shows them, for the tests that find the language
 * server a VS Code extension host started (integration: in that host; e2e: from outside).
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface Proc {
  pid: number;
  ppid: number;
  pgrp: number;
  /** Clock ticks after boot. */
  started: number;
  cmdline: string[];
}

/** Every live (not zombie) process we can read. */
export function processes(): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // "pid (comm) state ppid pgrp ... starttime(22) ...": comm may hold spaces and parentheses.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z') continue;
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').filter(Boolean);
      out.push({ pid: Number(name), ppid: Number(fields[1]), pgrp: Number(fields[2]), started: Number(fields[19]), cmdline });
    } catch {
      // Ended while we looked.
    }
  }
  return out;
}
