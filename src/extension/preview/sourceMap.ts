// From the editor's cursor to the node it is on, through the source map the server sent
// (LSP positions). Pure, no `vscode`.
import type { Position, PreviewNode, Range } from '../../protocol';

/** The node whose definition, or a reference to it, holds `position`; the tightest range wins. */
export function nodeAtPosition(nodes: readonly PreviewNode[], position: Position): string | null {
  let best: { nodeId: string; size: number } | undefined;
  for (const node of nodes) {
    for (const range of [node.range, ...node.references]) {
      if (!contains(range, position)) continue;
      const size = extent(range);
      if (!best || size < best.size) best = { nodeId: node.nodeId, size };
    }
  }
  return best?.nodeId ?? null;
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Start and end inclusive: the cursor right after an id is still on it. */
export function contains(range: Range, position: Position): boolean {
  return !before(position, range.start) && !before(range.end, position);
}

/** Ranges compared by size: lines first, then characters. */
function extent(range: Range): number {
  return (range.end.line - range.start.line) * 1_000_000 + (range.end.character - range.start.character);
}
