/**
 * The elements of the five-step tree: plain data built from one `sysdesign/analysis`
 * summary, each with a `key` that stays the same across versions of the document (so the
 * view keeps its expansion and selection while the author types) and a link to its parent
 * (so `TreeView.reveal` can find any element). No `vscode` here: only protocol data.
 */
import type { AnalysisSummary, Position, Range, StepItemSummary, StepKey, StepSummary } from '../../protocol';

interface ElementBase {
  /** Unique in the tree: the step's or item's key (made unique when the document repeats an id). */
  readonly key: string;
  /** The document the element belongs to (its URI as a string). */
  readonly uri: string;
  /** The step this element is, or belongs to. */
  readonly stepKey: StepKey;
  readonly parent: StepsElement | undefined;
}

export interface StepElement extends ElementBase {
  readonly type: 'step';
  readonly step: StepSummary;
  readonly children: readonly ItemElement[];
}

export interface ItemElement extends ElementBase {
  readonly type: 'item';
  readonly item: StepItemSummary;
  /** The item's range without the line break a block item ends with: what a click selects. */
  readonly range: Range;
  readonly depth: number;
  readonly children: readonly ItemElement[];
}

export type StepsElement = StepElement | ItemElement;

export interface StepsTree {
  readonly summary: AnalysisSummary;
  readonly roots: readonly StepElement[];
  readonly byKey: ReadonlyMap<string, StepsElement>;
}

export function buildStepsTree(summary: AnalysisSummary): StepsTree {
  const byKey = new Map<string, StepsElement>();
  const unique = (key: string): string => {
    if (!byKey.has(key)) return key;
    let n = 2;
    while (byKey.has(`${key}#${n}`)) n++;
    return `${key}#${n}`;
  };
  const items = (list: readonly StepItemSummary[] | undefined, parent: StepsElement, stepKey: StepKey, depth: number): ItemElement[] =>
    (list ?? []).map((item) => {
      const children: ItemElement[] = [];
      const element: ItemElement = { type: 'item', key: unique(item.key), uri: summary.uri, stepKey, parent, item, range: trimmed(item.range), depth, children };
      byKey.set(element.key, element);
      children.push(...items(item.children, element, stepKey, depth + 1));
      return element;
    });
  const roots = summary.steps.map((step) => {
    const children: ItemElement[] = [];
    const element: StepElement = { type: 'step', key: unique(`step:${step.key}`), uri: summary.uri, stepKey: step.key, parent: undefined, step, children };
    byKey.set(element.key, element);
    children.push(...items(step.items, element, step.key, 1));
    return element;
  });
  return { summary, roots, byKey };
}

/**
 * The element the cursor is in: the deepest item whose range holds the position (the
 * item's own characters first, then its lines, so the `- ` before an item counts as the
 * item), else the step whose section holds it.
 */
export function elementAt(tree: StepsTree, position: Position): StepsElement | undefined {
  let best: { element: ItemElement; exact: boolean } | undefined;
  const visit = (elements: readonly ItemElement[]) => {
    for (const element of elements) {
      const exact = contains(element.range, position);
      if (exact || onLines(element.range, position)) {
        if (!best || element.depth > best.element.depth || (element.depth === best.element.depth && exact && !best.exact)) best = { element, exact };
      }
      visit(element.children);
    }
  };
  for (const root of tree.roots) visit(root.children);
  if (best) return best.element;
  return tree.roots.find((root) => root.step.ranges.some((range) => onLines(trimmed(range), position)));
}

/** The summaries say the same (the version aside): nothing in the view would change. */
export function sameSummary(a: AnalysisSummary | undefined, b: AnalysisSummary | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return JSON.stringify({ ...a, version: 0 }) === JSON.stringify({ ...b, version: 0 });
}

/**
 * A block item's range ends at the start of the line after it; a selection should end on
 * its last line instead (the character is clamped to the line's end by the editor).
 */
export function trimmed(range: Range): Range {
  if (range.end.character !== 0 || range.end.line <= range.start.line) return range;
  return { start: range.start, end: { line: range.end.line - 1, character: Number.MAX_SAFE_INTEGER } };
}

function contains(range: Range, p: Position): boolean {
  return compare(range.start, p) <= 0 && compare(p, range.end) <= 0;
}

function onLines(range: Range, p: Position): boolean {
  return range.start.line <= p.line && p.line <= range.end.line;
}

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}
