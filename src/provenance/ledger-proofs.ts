import { IntegrityError } from '../errors/kinds.ts';
import { assertIndex, currentSize, type LedgerState, outOfRange, rootAt } from './ledger-state.ts';
import type { ConsistencyProof, InclusionProof } from './ledger-types.ts';
import { consistencyPath, inclusionPath, treeRoot } from './tree-reader.ts';

/**
 * Inclusion proof of entry `index` in the tree of `size` entries.
 *
 * @param state - the ledger state
 * @param index - the entry index
 * @param size - the tree size (default: all entries)
 * @returns the proof
 * @throws {ValidationError} on a bad argument; {LedgerError} `out-of-range`; {IntegrityError} `missing-node`
 */
export async function proveInclusion(
  state: LedgerState,
  index: number,
  size: number | undefined,
): Promise<InclusionProof> {
  assertIndex(index, 'index');
  const treeSize = await currentSize(state, size, 'size');
  if (index >= treeSize)
    throw outOfRange(`index ${index} is not below the tree size ${treeSize}`, 'index');
  const [leaf, proof, root] = await Promise.all([
    state.store.getNode(0, index),
    inclusionPath(state.store, index, treeSize, state.hash),
    rootAt(state, treeSize),
  ]);
  if (leaf === undefined) {
    throw new IntegrityError(`ledger store is missing the leaf hash of entry ${index}`, {
      reason: 'missing-node',
      details: { index },
    });
  }
  return { index, treeSize, leafHash: leaf.slice(), proof, root };
}

/**
 * Consistency proof from `oldSize` to `newSize` entries.
 *
 * @param state - the ledger state
 * @param oldSize - the older tree size
 * @param newSize - the newer tree size (default: all entries)
 * @returns the proof
 * @throws {ValidationError} on a bad argument; {LedgerError} `out-of-range`
 */
export async function proveConsistency(
  state: LedgerState,
  oldSize: number,
  newSize: number | undefined,
): Promise<ConsistencyProof> {
  assertIndex(oldSize, 'oldSize');
  const size = await currentSize(state, newSize, 'newSize');
  if (oldSize > size) throw outOfRange(`oldSize ${oldSize} exceeds newSize ${size}`, 'oldSize');
  const { store, hash } = state;
  const [oldRoot, newRoot, proof] = await Promise.all([
    treeRoot(store, oldSize, hash),
    treeRoot(store, size, hash),
    oldSize === 0 || oldSize === size
      ? Promise.resolve([])
      : consistencyPath(store, oldSize, size, hash),
  ]);
  return { oldSize, newSize: size, oldRoot, newRoot, proof };
}
