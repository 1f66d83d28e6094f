import { isMap, isPair, isSeq } from 'yaml';

/**
 * Calls `visit` on every node of a subtree (an item, or a pair's key and value; pairs
 * themselves are stepped through), with an explicit stack since chunks can nest deeply;
 * stops at the first `false`, and returns whether it went through the whole subtree.
 */
export function everyNode(root: unknown, visit: (node: object) => boolean): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || node === undefined) continue;
    if (isPair(node)) {
      stack.push(node.key, node.value);
      continue;
    }
    if (!visit(node as object)) return false;
    if (isMap(node)) {
      for (const pair of node.items) stack.push(pair.key, pair.value);
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return true;
}
