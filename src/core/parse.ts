/**
 * Text -> YAML tree with offsets, plus the plain-JSON value the schema sees, plus every
 * YAML hazard of RELIABILITY.md as a problem. Never throws, never hangs.
 *
 * Why each guard exists:
 * - depth is measured by a linear pre-pass *before* the parser runs: deeply nested input
 *   can abort V8 inside the parser with an uncatchable error;
 * - the parser's duplicate-key check is quadratic, so it is off and we use a Set;
 * - tags other than the core ones would resolve to Set/Map/Date values that pass
 *   `type: object`, so they are reported and never resolved;
 * - aliases are expanded by our own converter under a budget (alias bombs, cycles).
 */
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, Parser, Scalar, visit, YAMLParseError } from 'yaml';
import type { Alias, CST, Document, Node as YamlNode, Pair, YAMLMap } from 'yaml';
import type { Problem, Span } from './types';

/** Files larger than this get one problem and no further work. */
export const MAX_TEXT_LENGTH = 2_000_000;
/** Deeper nesting than any real design, far below what hurts the parser. */
export const MAX_DEPTH = 64;
/**
 * Nesting the parser itself may build, checked on its syntax tree before composing (which
 * recurses per level). Deeper than the text pre-pass allows, since its levels count a little
 * differently; it catches nesting the text does not show, e.g. a plain line followed by
 * more-indented `key: value` lines, which the parser nests one in the other, line by line.
 */
export const MAX_TREE_DEPTH = 2 * MAX_DEPTH;
/** Nodes the JSON value may have after alias expansion. */
export const MAX_EXPANDED_NODES = 200_000;
/** Control characters reported at most this many times. */
const MAX_REPORTED = 20;
/**
 * YAML errors (and warnings) reported at most: a line of 100,000 `"` has 50,000 errors,
 * and an editor shown that many diagnostics stalls. One more problem says how many were left out.
 */
export const MAX_YAML_ERRORS = 100;

export interface ParsedYaml {
  /**
   * The YAML document, or null when the text was rejected before parsing, or when the
   * tree was assembled from separately parsed chunks (`incremental.ts`; no caller needs
   * the document then: it only serves alias resolution, and chunks never have aliases).
   */
  doc: Document.Parsed | null;
  /** `doc.contents`, or null. */
  root: YamlNode | null;
  /** The plain JSON value (aliases expanded), or undefined when it could not be built safely. */
  value: unknown;
  problems: Problem[];
  /** True when the YAML itself is broken (syntax, depth, size); later stages stay quiet then. */
  fatal: boolean;
}

/** How every text, and every chunk of the incremental path, is parsed. */
export const PARSE_OPTIONS = {
  version: '1.2',
  schema: 'core',
  merge: false,
  uniqueKeys: false,
  strict: true,
  prettyErrors: false,
  keepSourceTokens: false,
  // Known YAML 1.1 tags (!!set, !!timestamp, !!binary...) would yield Set/Date/Uint8Array values.
  resolveKnownTags: false,
  stringKeys: false,
  // Aliases are expanded by our converter, not by the library.
  maxAliasCount: 100,
} as const;

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

/** The characters reported as `sysdesign/yaml-control-character` (the loop in `precheck` says which). */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u2028\u2029]/;

const YAML11_BOOLEANS = /^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$/;
const LEADING_ZERO_INTEGER = /^[-+]?0[0-9]+$/;

export function parseYaml(text: string): ParsedYaml {
  const pre = precheck(text);
  return pre.rejected ?? parseChecked(text, pre.problems);
}

/**
 * What happens before the parser runs: the size cap, the byte-order mark, control
 * characters and the depth pre-pass. `rejected` is the whole result when the text must
 * not be parsed at all. Shared by the incremental path so both see the same guards.
 */
export function precheck(text: string): { problems: Problem[]; rejected?: ParsedYaml } {
  const problems: Problem[] = [];
  const problem = reporter(problems);

  if (text.length > MAX_TEXT_LENGTH) {
    const firstLine = text.indexOf('\n');
    problem(
      'sysdesign/file-too-large',
      'error',
      `This file has ${text.length.toLocaleString('en-US')} characters; designs are checked up to ${MAX_TEXT_LENGTH.toLocaleString('en-US')}. Split it, or remove what is not part of the design.`,
      { start: 0, end: firstLine > 0 ? Math.min(firstLine, 200) : Math.min(text.length, 1) },
    );
    return { problems, rejected: { doc: null, root: null, value: undefined, problems, fatal: true } };
  }

  if (text.charCodeAt(0) === 0xfeff) {
    problem('sysdesign/yaml-bom', 'info', 'The file starts with a byte-order mark; UTF-8 files do not need one.', { start: 0, end: 1 });
  }

  // The regular expression finds out quickly whether the loop below has anything to do.
  let controls = CONTROL_CHARACTER.test(text) ? 0 : MAX_REPORTED;
  for (let i = 0; i < text.length && controls < MAX_REPORTED; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f || c === 0x2028 || c === 0x2029) {
      controls++;
      problem(
        'sysdesign/yaml-control-character',
        'error',
        `Invalid control character U+${c.toString(16).toUpperCase().padStart(4, '0')}; remove it (it is invisible in most editors).`,
        { start: i, end: i + 1 },
      );
    }
  }

  const tooDeep = findExcessiveDepth(text, MAX_DEPTH);
  if (tooDeep !== undefined) {
    problem('sysdesign/yaml-too-deep', 'error', `Nesting deeper than ${MAX_DEPTH} levels; a design never needs that much, so the file was not parsed further.`, {
      start: tooDeep,
      end: Math.min(text.length, tooDeep + 1),
    });
    return { problems, rejected: { doc: null, root: null, value: undefined, problems, fatal: true } };
  }
  return { problems };
}

/** The full parse of a text that passed `precheck` (whose problems are `early`). */
export function parseChecked(text: string, early: readonly Problem[]): ParsedYaml {
  const problems: Problem[] = [...early];
  const problem = reporter(problems);

  let parsed: ReturnType<typeof parseYamlDocument>;
  try {
    parsed = parseYamlDocument(text);
  } catch (error) {
    // The parser is not expected to throw, but a crash here must never reach the user.
    problem('sysdesign/yaml-syntax', 'error', `The YAML parser failed: ${errorMessage(error)}`, { start: 0, end: Math.min(text.length, 1) });
    return { doc: null, root: null, value: undefined, problems, fatal: true };
  }
  if (parsed.tooDeep !== undefined) {
    problem(
      'sysdesign/yaml-too-deep',
      'error',
      `The YAML parser reads this as nesting deeper than ${MAX_TREE_DEPTH} levels (a line above may have too little indentation, so that each line below nests in the one before it); a design never needs that much, so the file was not parsed further.`,
      { start: parsed.tooDeep, end: Math.min(text.length, parsed.tooDeep + 1) },
    );
    return { doc: null, root: null, value: undefined, problems, fatal: true };
  }
  const doc = parsed.doc;

  let fatal = false;
  for (const [i, error] of doc.errors.entries()) {
    fatal = true;
    const span = clampSpan(error.pos, text.length);
    if (i === MAX_YAML_ERRORS) {
      problem('sysdesign/yaml-syntax', 'error', `${(doc.errors.length - i).toLocaleString('en-US')} more YAML errors from here on are not shown; fix the ones before first.`, span);
      break;
    }
    if (error.code === 'MULTIPLE_DOCS') {
      problem('sysdesign/yaml-multiple-documents', 'error', 'A design is one YAML document; remove this `---` and what follows, or move it to another file.', span);
    } else {
      problem('sysdesign/yaml-syntax', 'error', cleanYamlMessage(error.message), span);
    }
  }
  for (const warning of doc.warnings.slice(0, MAX_YAML_ERRORS)) {
    // Tags are reported below, with a clearer message.
    if (warning.code === 'TAG_RESOLVE_FAILED') continue;
    problem('sysdesign/yaml-syntax', 'warning', cleanYamlMessage(warning.message), clampSpan(warning.pos, text.length));
  }

  const root = (doc.contents as YamlNode | null) ?? null;
  if (root) inspectSubtree(root, text, problem);
  const value = fatal ? undefined : toPlainJson(doc, root, problem);
  sortParseProblems(problems);
  return { doc, root, value, problems, fatal };
}

/**
 * What the library's `parseDocument` does, with our options and two guards:
 * - the syntax tree is checked for nesting deeper than `MAX_TREE_DEPTH` (without
 *   recursion) before the composer recurses through it; `tooDeep` is where it goes too deep;
 * - no stack trace is captured for the parser's error objects: text dense with errors (a
 *   long line of `"`) has one per two characters, and their stacks made parsing it about
 *   three times slower. (`stackTraceLimit` is V8's; elsewhere setting it does nothing.)
 */
export function parseYamlDocument(text: string): { doc: Document.Parsed; tooDeep?: undefined } | { doc?: undefined; tooDeep: number } {
  const errorClass = Error as { stackTraceLimit?: number };
  const limit = errorClass.stackTraceLimit;
  errorClass.stackTraceLimit = 0;
  try {
    const tokens = Array.from(new Parser().parse(text));
    const tooDeep = findDeepCollection(tokens, MAX_TREE_DEPTH);
    if (tooDeep !== undefined) return { tooDeep };
    let doc: Document.Parsed | undefined;
    for (const next of new Composer(PARSE_OPTIONS).compose(tokens, true, text.length)) {
      if (!doc) {
        doc = next;
      } else {
        doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'));
        break;
      }
    }
    // `compose(..., true)` always yields a document, empty text included.
    return { doc: doc! };
  } finally {
    errorClass.stackTraceLimit = limit;
  }
}

/**
 * The offset of the first collection of the syntax tree nested deeper than `limit`, found
 * with an explicit stack. Collections nest only as the value of a document or as the key
 * or value of a collection's item; everything else in the tree is a leaf.
 */
function findDeepCollection(tokens: readonly CST.Token[], limit: number): number | undefined {
  type Node = { type?: string; offset?: number; value?: unknown; items?: Array<{ key?: unknown; value?: unknown }> };
  const stack: Array<{ node: Node; depth: number }> = tokens.map((node) => ({ node: node as Node, depth: 0 }));
  const push = (node: unknown, depth: number) => {
    if (typeof node === 'object' && node !== null) stack.push({ node: node as Node, depth });
  };
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    let level = depth;
    if (node.type === 'block-map' || node.type === 'block-seq' || node.type === 'flow-collection') {
      if (++level > limit) return node.offset ?? 0;
    }
    push(node.value, level);
    for (const item of node.items ?? []) {
      push(item.key, level);
      push(item.value, level);
    }
  }
  return undefined;
}

/** The order of `ParsedYaml.problems`: by span, ties in the order found (the sort is stable). */
export function sortParseProblems(problems: Problem[]): void {
  problems.sort((a, b) => a.start - b.start || a.end - b.end);
}

export type Report = (code: Problem['code'], severity: Problem['severity'], message: string, span: Span, extra?: Partial<Problem>) => void;

export function reporter(problems: Problem[]): Report {
  return (code, severity, message, span, extra) => {
    problems.push({ code, severity, message, start: span.start, end: Math.max(span.end, span.start), ...extra });
  };
}

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
        report('sysdesign/yaml-tag', 'error', `The tag \`${text.slice(span.start, span.end) || tag}\` is not supported: a design is plain YAML (maps, lists, strings, numbers, booleans).`, span);
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

/** How much of the converter's budget a conversion used; see `toPlainJson`. */
export interface JsonStats {
  /** Calls of the converter: every node, null values included, each counts against MAX_EXPANDED_NODES. */
  steps: number;
  /** The deepest `depth` the converter reached (the root is 0). */
  depth: number;
}

/**
 * The JSON value of the document with aliases expanded under a budget. Keys are own
 * properties even when named `__proto__`. Returns undefined after reporting when the
 * value cannot be built safely. `doc` resolves aliases (a subtree without aliases needs
 * none); `stats`, when given, receives the budget used, so the incremental path can add
 * up the budget of separately converted chunks.
 */
export function toPlainJson(doc: Document.Parsed | null, root: unknown, report: Report, stats?: JsonStats): unknown {
  let budget = MAX_EXPANDED_NODES;
  let deepest = 0;
  let failed = false;
  const expanding = new Set<unknown>();
  let targets: Map<Alias, unknown> | undefined;

  const convert = (node: unknown, depth: number, via: Alias | undefined): unknown => {
    if (failed) return null;
    if (depth > deepest) deepest = depth;
    if (--budget < 0 || depth > MAX_DEPTH * 4) {
      failed = true;
      report('sysdesign/yaml-alias', 'error', 'Aliases here expand into an enormous value (an "alias bomb"); the file was not checked further.', spanOf(via ?? (node as YamlNode)));
      return null;
    }
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      if (doc !== null && targets === undefined) targets = aliasTargets(doc);
      const target = targets?.get(node);
      if (target === undefined) {
        report('sysdesign/yaml-alias', 'error', `Unknown anchor "${truncate(node.source)}": define it with &${truncate(node.source)} before using it.`, spanOf(node));
        return null;
      }
      if (expanding.has(target)) {
        failed = true;
        report('sysdesign/yaml-alias', 'error', `The alias *${truncate(node.source)} refers to a node that contains it, which never ends.`, spanOf(node));
        return null;
      }
      return convert(target, depth + 1, via ?? node);
    }
    if (isScalar(node)) {
      const v = node.value;
      if (typeof v === 'string' || typeof v === 'boolean' || v === null) return v;
      if (typeof v === 'number') return Number.isFinite(v) ? v : null;
      // Anything else (a tag resolved to an object) never reaches the schema as an object.
      return String(v);
    }
    if (isSeq(node)) {
      expanding.add(node);
      const out = node.items.map((item) => convert(item, depth + 1, via));
      expanding.delete(node);
      return out;
    }
    if (isMap(node)) {
      expanding.add(node);
      const out: Record<string, unknown> = {};
      for (const pair of (node as YAMLMap).items as Pair[]) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        const value = convert(pair.value, depth + 1, via);
        defineKey(out, key, value);
      }
      expanding.delete(node);
      return out;
    }
    if (isPair(node)) return null;
    return null;
  };

  const value = convert(root, 0, undefined);
  if (stats) {
    stats.steps = MAX_EXPANDED_NODES - budget;
    stats.depth = deepest;
  }
  return failed ? undefined : value;
}

/**
 * Every alias of `doc` with the node it refers to: the last node before it, in document
 * order, with its anchor (what `Alias.resolve` finds). One walk for all aliases:
 * `Alias.resolve` walks the whole document for each alias, which made a 24 KB file of
 * 8,000 aliases take 11 s.
 */
function aliasTargets(doc: Document.Parsed): Map<Alias, unknown> {
  const anchors = new Map<string, unknown>();
  const targets = new Map<Alias, unknown>();
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target !== undefined) targets.set(node, target);
      } else if (node.anchor) {
        anchors.set(node.anchor, node);
      }
    },
  });
  return targets;
}

/**
 * `out[key] = value` as an own, enumerable property even for `__proto__`; a repeated key
 * keeps its first position and takes the last value (as YAML's last-wins would).
 */
export function defineKey(out: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * The offset where nesting first exceeds `limit`, or undefined. Linear, no recursion:
 * block nesting from an indentation stack plus `- `/`? ` indicators on a line, flow
 * nesting from brackets outside quotes and comments.
 */
export function findExcessiveDepth(text: string, limit: number): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote: '"' | "'" | undefined;
  let blockScalarIndent = -1; // lines indented more than this belong to a block scalar
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let i = lineStart;
    while (i < lineEnd && text[i] === ' ') i++;
    const indent = i - lineStart;
    const blank = i >= lineEnd || text[i] === '#' || text[i] === '\r';
    if (blockScalarIndent >= 0 && (blank || indent > blockScalarIndent) && quote === undefined) {
      lineStart = lineEnd + 1;
      continue;
    }
    blockScalarIndent = -1;
    if (!blank && quote === undefined && flow === 0) {
      while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
    }
    let inline = 0;
    if (quote === undefined && flow === 0) {
      // `- - - x` and `? ` nest on one line.
      while (i + 1 < lineEnd && (text[i] === '-' || text[i] === '?') && text[i + 1] === ' ') {
        inline++;
        // On the indicator that goes too deep, not at the end of a long line of them.
        if (indents.length + inline > limit) return i;
        i += 2;
        while (i < lineEnd && text[i] === ' ') i++;
      }
    }
    if (indents.length + inline + flow > limit) return i;
    let lastContent = -1;
    for (; i < lineEnd; i++) {
      const ch = text[i];
      if (quote !== undefined) {
        if (quote === '"' && ch === '\\') i++;
        else if (ch === quote) {
          if (quote === "'" && text[i + 1] === "'") i++;
          else quote = undefined;
        }
        continue;
      }
      if (ch === '#' && (i === lineStart || text[i - 1] === ' ' || text[i - 1] === '\t')) break;
      if (ch === '"' || ch === "'") {
        // A quote only opens a quoted scalar at the start of a value.
        const prev = previousNonSpace(text, i, lineStart);
        if (prev === -1 || ':-[{,?'.includes(text[prev])) quote = ch;
      } else if (ch === '[' || ch === '{') {
        if (++flow + indents.length + inline > limit) return i;
      } else if ((ch === ']' || ch === '}') && flow > 0) {
        flow--;
      }
      if (ch !== ' ' && ch !== '\t' && ch !== '\r') lastContent = i;
    }
    if (quote === undefined && flow === 0 && lastContent >= 0 && /[|>][0-9+-]*$/.test(text.slice(Math.max(lineStart, lastContent - 3), lastContent + 1))) {
      const before = previousNonSpace(text, text.slice(lineStart, lastContent + 1).search(/[|>][0-9+-]*$/) + lineStart, lineStart);
      if (before === -1 || text[before] === ':' || text[before] === '-') blockScalarIndent = indent;
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}

function previousNonSpace(text: string, i: number, lineStart: number): number {
  let j = i - 1;
  while (j >= lineStart && (text[j] === ' ' || text[j] === '\t')) j--;
  return j >= lineStart ? j : -1;
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
  return { start: nodeStart, end: nodeStart + 1 };
}

export function spanOf(node: YamlNode | Alias | undefined | null): Span {
  const range = node?.range;
  if (!range) return { start: 0, end: 0 };
  return { start: range[0], end: Math.max(range[1], range[0]) };
}

function clampSpan(pos: [number, number], length: number): Span {
  const start = Math.max(0, Math.min(pos[0], length));
  let end = Math.max(start, Math.min(pos[1], length));
  if (end === start && end < length) end++;
  return { start, end };
}

function cleanYamlMessage(message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').trim();
  return first.endsWith('.') ? first : `${first}.`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function truncate(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
