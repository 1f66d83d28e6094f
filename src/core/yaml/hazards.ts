/**
 * The YAML hazards of RELIABILITY.md found on a parsed tree: tags (reported, never
 * resolved: other than the core ones they would resolve to Set/Map/Date values that pass
 * `type: object`), duplicate keys (with a Set: the library's check is quadratic, so it is
 * off), merge and complex keys, YAML 1.1 habits and unsafe numbers.
 */
import { isAlias, isMap, isScalar, isSeq, Scalar } from 'yaml';
import type { Node as YamlNode, YAMLMap } from 'yaml';
import type { Span } from '../types';
import { spanOf, truncate } from './report';
import type { Report } from './types';

/** Tags that resolve to plain JSON values; every other explicit tag is reported. */
const PLAIN_TAGS = new Set([
  'tag:yaml.org,2002:str',
  'tag:yaml.org,2002:int',
  'tag:yaml.org,2002:float',
  'tag:yaml.org,2002:bool',
  'tag:yaml.org,2002:null',
  'tag:yaml.org,2002:map',
  'tag:yaml.org,2002:seq',
]);

const YAML11_BOOLEANS = /^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$/;
const LEADING_ZERO_INTEGER = /^[-+]?0[0-9]+$/;

/**
 * One linear walk of the subtree at `root`: tags, duplicate and odd keys, YAML 1.1
 * habits, unsafe numbers. Problems are pushed in walk order (callers sort them).
 */
export function inspectSubtree(root: unknown, text: string, report: Report): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) continue;
    if (isScalar(node) || isMap(node) || isSeq(node)) {
      const tag = node.tag;
      if (tag && !PLAIN_TAGS.has(tag)) {
        const span = tagSpan(text, node.range?.[0] ?? 0);
        report(
          'sysdesign/yaml-tag',
          'error',
          `The tag \`${text.slice(span.start, span.end) || tag}\` is not supported: a design is plain YAML (maps, lists, strings, numbers, booleans).`,
          span,
        );
      }
    }
    if (isScalar(node)) {
      inspectScalar(node, text, report);
    } else if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of (node as YAMLMap).items) {
        inspectKey(pair.key, seen, report);
        if (pair.value !== null && pair.value !== undefined) stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) if (item !== null && item !== undefined) stack.push(item);
    }
  }
}

/** The checks on one key of a map whose earlier keys are in `seen` (and then `key` is). */
export function inspectKey(key: unknown, seen: Set<string>, report: Report): void {
  if (isScalar(key)) {
    const name = String(key.value);
    if (name === '<<' && key.type === Scalar.PLAIN) {
      report('sysdesign/yaml-merge-key', 'error', 'Merge keys (`<<`) are a YAML 1.1 feature and are not applied here; write the keys out.', spanOf(key));
    } else if (seen.has(name)) {
      report('sysdesign/yaml-duplicate-key', 'error', `Duplicate key "${truncate(name)}": YAML would silently keep only the last one. Remove or rename one of them.`, spanOf(key));
    }
    seen.add(name);
  } else if (key !== null && key !== undefined) {
    report('sysdesign/yaml-complex-key', 'error', 'Keys must be plain strings, not lists, maps or aliases.', spanOf(key as YamlNode));
  }
}

function inspectScalar(node: Scalar, text: string, report: Report): void {
  const span = spanOf(node);
  if (node.type === Scalar.PLAIN) {
    const source = text.slice(span.start, span.end);
    if (typeof node.value === 'string' && YAML11_BOOLEANS.test(node.value)) {
      const meant = /^(?:yes|on)$/i.test(node.value) ? 'true' : 'false';
      report(
        'sysdesign/yaml-1.1-boolean',
        'warning',
        `"${node.value}" is the text "${node.value}" in YAML 1.2, not a boolean; write ${meant}, or quote it if you mean the text.`,
        span,
        { fixes: [{ kind: 'replace', text: meant }] },
      );
    } else if (typeof node.value === 'number' && LEADING_ZERO_INTEGER.test(source)) {
      report(
        'sysdesign/yaml-1.1-number',
        'warning',
        `${source} is read as ${node.value} (YAML 1.1 read a leading 0 as octal); write ${node.value}, or quote it if you mean the text.`,
        span,
        { fixes: [{ kind: 'replace', text: String(node.value) }] },
      );
    }
  }
  if (typeof node.value === 'number') {
    if (!Number.isFinite(node.value)) {
      report('sysdesign/yaml-number', 'error', 'Infinity and NaN are not allowed in a design.', span);
    } else if (Number.isInteger(node.value) && !Number.isSafeInteger(node.value)) {
      report('sysdesign/yaml-number', 'error', 'This integer is beyond 2^53 and cannot be represented exactly; quote it or use a suffix such as `10T`.', span);
    }
  }
}

/** The span of the explicit tag written before a node starting at `nodeStart`. */
function tagSpan(text: string, nodeStart: number): Span {
  // The tag precedes the node, possibly with an anchor between: `!!set &a {...}`.
  let end = nodeStart;
  for (let tokens = 0; tokens < 3; tokens++) {
    while (end > 0 && /\s/.test(text[end - 1])) end--;
    let start = end;
    while (start > 0 && !/\s/.test(text[start - 1])) start--;
    if (text[start] === '!') {
      // `key: !tag` - the token may run into the `:`-less node on the same line.
      return { start, end };
    }
    if (start === end) break;
    end = start;
  }
  // A tag glued to what precedes it (`[!`, `{a: 1}!!set x`): the last `!` run on the node's line.
  const from = Math.min(nodeStart, text.length);
  let bang = text.lastIndexOf('!', from - 1);
  if (bang >= 0 && !text.slice(bang, from).includes('\n')) {
    while (bang > 0 && text[bang - 1] === '!') bang--;
    let tagEnd = bang;
    while (tagEnd < text.length && !/[\s,[\]{}]/.test(text[tagEnd])) tagEnd++;
    return { start: bang, end: Math.max(tagEnd, bang + 1) };
  }
  // Never past the end of the text (a node that starts where the text ends).
  return { start: from, end: Math.min(text.length, from + 1) };
}
