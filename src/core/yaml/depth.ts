/**
 * Nesting limits and the two linear depth scans: of the text before the parser runs, and
 * of the parser's syntax tree before the composer recurses through it. Deeply nested input
 * can abort V8 inside the parser with an uncatchable error, so neither scan recurses.
 */
import type { CST } from 'yaml';

/** Deeper nesting than any real design, far below what hurts the parser. */
export const MAX_DEPTH = 64;
/**
 * Nesting the parser itself may build, checked on its syntax tree before composing (which
 * recurses per level). Deeper than the text pre-pass allows, since its levels count a little
 * differently; it catches nesting the text does not show, e.g. a plain line followed by
 * more-indented `key: value` lines, which the parser nests one in the other, line by line.
 */
export const MAX_TREE_DEPTH = 2 * MAX_DEPTH;

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
        // A quote only opens a quoted scalar at the start of a value; elsewhere it is a
        // character of a plain scalar (`answers "shortened?".`), and taking it for an
        // opening quote would hide every bracket after it.
        if (atValueStart(text, i, lineStart, flow)) quote = ch;
      } else if ((ch === '[' || ch === '{') && (flow > 0 || atValueStart(text, i, lineStart, flow))) {
        // Outside flow collections a bracket inside a plain scalar (`a --> b["x"]`) is a character, as here.
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

/**
 * Whether a value may start at `i`: at the start of the line, after an indicator (`:`,
 * `-` or `?`) and a space, or in a flow collection after `[`, `{` or `,`.
 */
function atValueStart(text: string, i: number, lineStart: number, flow: number): boolean {
  const prev = previousNonSpace(text, i, lineStart);
  if (prev === -1) return true;
  const c = text[prev];
  if (flow > 0 && (c === '[' || c === '{' || c === ',')) return true;
  if (c !== ':' && c !== '-' && c !== '?') return false;
  // `-` and `?` are indicators at the start of a line or after a space; `:` after anything.
  const indicator = c === ':' || prev === lineStart || text[prev - 1] === ' ' || text[prev - 1] === '\t';
  return indicator && prev < i - 1;
}

function previousNonSpace(text: string, i: number, lineStart: number): number {
  let j = i - 1;
  while (j >= lineStart && (text[j] === ' ' || text[j] === '\t')) j--;
  return j >= lineStart ? j : -1;
}

/**
 * The offset of the first collection of the syntax tree nested deeper than `limit`, found
 * with an explicit stack. Collections nest only as the value of a document or as the key
 * or value of a collection's item; everything else in the tree is a leaf.
 */
export function findDeepCollection(tokens: readonly CST.Token[], limit: number): number | undefined {
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
