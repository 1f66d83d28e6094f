/** Small helpers every part of the YAML front end uses to report problems on YAML nodes. */
import type { Alias, Node as YamlNode } from 'yaml';
import type { Problem, Span } from '../types';
import type { Report } from './types';

export function reporter(problems: Problem[]): Report {
  return (code, severity, message, span, extra) => {
    problems.push({ code, severity, message, start: span.start, end: Math.max(span.end, span.start), ...extra });
  };
}

/** The order of `ParsedYaml.problems`: by span, ties in the order found (the sort is stable). */
export function sortParseProblems(problems: Problem[]): void {
  problems.sort((a, b) => a.start - b.start || a.end - b.end);
}

export function spanOf(node: YamlNode | Alias | undefined | null): Span {
  const range = node?.range;
  if (!range) return { start: 0, end: 0 };
  return { start: range[0], end: Math.max(range[1], range[0]) };
}

export function truncate(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
