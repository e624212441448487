import { IntegrityError } from '../errors/kinds.ts';
import { foldRange, type NodeId, rangeNodeIds } from './compact-range.ts';
import type { HashFunction } from './hash-function.ts';
import type { LedgerStore } from './ledger-store.ts';
import { createNodeHasher, emptyRoot } from './merkle-hash.ts';
import { consistencyPlan, inclusionPlan, type LeafRange } from './proof-plan.ts';

// Reads the hashes of whole ranges with one getNodes call and folds each.
async function rangeHashes(
  store: LedgerStore,
  ranges: readonly LeafRange[],
  hash: HashFunction,
): Promise<Uint8Array[]> {
  const idsPerRange = ranges.map(([start, end]) => rangeNodeIds(start, end));
  const ids: NodeId[] = idsPerRange.flat();
  const nodes = await store.getNodes(ids);
  const hasher = createNodeHasher(hash);
  const out: Uint8Array[] = [];
  let at = 0;
  for (const rangeIds of idsPerRange) {
    const parts: Uint8Array[] = [];
    for (const id of rangeIds) {
      const node = nodes[at++];
      if (node === undefined) {
        throw new IntegrityError(`ledger store is missing tree node (${id.level}, ${id.index})`, {
          reason: 'missing-node',
          details: { level: id.level, index: id.index },
        });
      }
      parts.push(node);
    }
    out.push(foldRange(parts, hasher));
  }
  return out;
}

/** The root hash of the first `size` leaves, from O(log n) stored nodes. */
export async function treeRoot(
  store: LedgerStore,
  size: number,
  hash: HashFunction,
): Promise<Uint8Array> {
  if (size === 0) return emptyRoot(hash);
  const [root] = await rangeHashes(store, [[0, size]], hash);
  return root as Uint8Array;
}

/** The inclusion path of leaf `index` in the tree of `size` leaves. */
export function inclusionPath(
  store: LedgerStore,
  index: number,
  size: number,
  hash: HashFunction,
): Promise<Uint8Array[]> {
  return rangeHashes(store, inclusionPlan(index, size), hash);
}

/** The consistency path from the tree of `oldSize` leaves to the one of `newSize` (0 < old ≤ new). */
export function consistencyPath(
  store: LedgerStore,
  oldSize: number,
  newSize: number,
  hash: HashFunction,
): Promise<Uint8Array[]> {
  return rangeHashes(store, consistencyPlan(oldSize, newSize), hash);
}
