import type { HashFunction } from './hash-function.ts';
import { createNodeHasher, type NodeHasher } from './merkle-hash.ts';

/** A perfect subtree: `level` 0 is a leaf; node (level, index) covers leaves [index·2^level, (index+1)·2^level). */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

/** A node with its hash, as a store writes it. */
export interface NodeRecord extends NodeId {
  readonly hash: Uint8Array;
}

/**
 * The perfect subtrees that cover the leaves [start, end), left to right,
 * each as large as its alignment allows (the "compact range").
 *
 * @param start - first leaf, inclusive
 * @param end - last leaf, exclusive
 * @returns node ids, left to right
 * @example
 * ```ts
 * import { rangeNodeIds } from './compact-range.ts';
 * rangeNodeIds(0, 6); // [{ level: 2, index: 0 }, { level: 1, index: 2 }]
 * ```
 */
export function rangeNodeIds(start: number, end: number): NodeId[] {
  const ids: NodeId[] = [];
  let position = start;
  while (position < end) {
    let level = 0;
    let width = 1;
    while (position % (width * 2) === 0 && position + width * 2 <= end) {
      width *= 2;
      level++;
    }
    ids.push({ level, index: position / width });
    position += width;
  }
  return ids;
}

/**
 * The nodes a store must read before appending to a tree of `size` leaves:
 * the roots of the perfect subtrees of [0, size), largest first.
 *
 * @param size - the current tree size
 * @returns node ids, largest subtree first
 * @example
 * ```ts
 * import { frontierIds } from './compact-range.ts';
 * frontierIds(6); // [{ level: 2, index: 0 }, { level: 1, index: 2 }]
 * ```
 */
export function frontierIds(size: number): NodeId[] {
  // Every append asks for this: below 2^31 leaves the subtrees are the set
  // bits of `size`, read with 32-bit integer operations.
  if (!(size >= 0 && size < 0x80000000 && Number.isInteger(size))) return rangeNodeIds(0, size);
  const ids: NodeId[] = [];
  let position = 0;
  for (let level = 31 - Math.clz32(size); level >= 0; level--) {
    if ((size & (1 << level)) !== 0) {
      ids.push({ level, index: position >>> level });
      position += 1 << level;
    }
  }
  return ids;
}

/**
 * Folds the roots of an RFC 9162-shaped range (sizes strictly decreasing,
 * left to right) into the range's Merkle tree hash: `H(a, H(b, H(c, d)))`.
 */
export function foldRange(hashes: readonly Uint8Array[], hasher: NodeHasher): Uint8Array {
  let root = hashes[hashes.length - 1] as Uint8Array;
  for (let i = hashes.length - 2; i >= 0; i--) root = hasher.node(hashes[i] as Uint8Array, root);
  return root;
}

/** What appending leaves produces: the nodes to write and the frontier after. */
export interface AppendPlan {
  /** Every new node, leaves (level 0) included, in the order they were completed. */
  readonly nodes: NodeRecord[];
  /** The frontier hashes after the append, in {@link frontierIds} order. */
  readonly frontier: Uint8Array[];
}

/**
 * Computes the tree nodes that appending leaf hashes to a tree creates, in
 * O(log n) per leaf, from the tree's frontier alone. Store backends call this
 * inside their write transaction: read `frontierIds(size)` nodes, call this,
 * write the returned nodes with the leaves.
 *
 * @param input - `size` (current leaves), `frontier` (hashes of `frontierIds(size)`, same order),
 *   `leafHashes` (RFC 9162 leaf hashes of the new leaves), `hash`
 * @returns the new nodes (level 0 included) and the new frontier
 * @throws {RangeError} when the frontier does not match the size
 * @example
 * ```ts
 * import { leafHash } from 'dataguard/provenance';
 * import { sha256Hash } from './hash-function.ts';
 * import { computeAppend } from './compact-range.ts';
 * const a = leafHash(new TextEncoder().encode('a'));
 * const b = leafHash(new TextEncoder().encode('b'));
 * const plan = computeAppend({ size: 0, frontier: [], leafHashes: [a, b], hash: sha256Hash });
 * plan.nodes.length; // 3 (two leaves and their parent)
 * ```
 */
export function computeAppend(input: {
  readonly size: number;
  readonly frontier: readonly Uint8Array[];
  readonly leafHashes: readonly Uint8Array[];
  readonly hash: HashFunction;
}): AppendPlan {
  const ids = frontierIds(input.size);
  if (ids.length !== input.frontier.length) {
    throw new RangeError(`frontier has ${input.frontier.length} nodes, size needs ${ids.length}`);
  }
  const hasher = createNodeHasher(input.hash);
  const levels: number[] = ids.map((id) => id.level);
  const hashes: Uint8Array[] = [...input.frontier];
  const nodes: NodeRecord[] = [];
  let size = input.size;
  for (const leaf of input.leafHashes) {
    nodes.push({ level: 0, index: size, hash: leaf });
    size++;
    let level = 0;
    let hash = leaf;
    // Merge while the two rightmost subtrees have the same height.
    while (levels.length > 0 && levels[levels.length - 1] === level) {
      levels.pop();
      hash = hasher.node(hashes.pop() as Uint8Array, hash);
      level++;
      nodes.push({ level, index: size / 2 ** level - 1, hash });
    }
    levels.push(level);
    hashes.push(hash);
  }
  return { nodes, frontier: hashes };
}
