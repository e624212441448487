/**
 * The in-order position of tree node (level, index): `(2·index + 1)·2^level − 1`.
 * Leaf i is at 2i and a node sits between its two halves, so the nodes that
 * appending leaf i completes all lie in [2i − 2^k + 1, 2i], next to each other.
 *
 * @param level - the node's level (0 for a leaf hash)
 * @param index - the node's index within its level
 * @returns the position, or undefined when it is not a safe integer
 * @example
 * ```ts
 * import { treePosition } from './tree-position.ts';
 * treePosition(0, 3); // 6
 * treePosition(1, 1); // 5
 * ```
 */
export function treePosition(level: number, index: number): number | undefined {
  const position = (2 * index + 1) * 2 ** level - 1;
  return Number.isSafeInteger(position) ? position : undefined;
}
