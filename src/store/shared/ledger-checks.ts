import { StoreError } from '../../errors/index.ts';
import type { LedgerLeaf, StoredCheckpoint } from '../../provenance/index.ts';

/**
 * Checks leaves before an append, as the memory store does: bytes and hash
 * are Uint8Arrays and every hash has the same length.
 *
 * @param entries - the leaves to append
 * @returns the leaf hashes, in order
 * @throws StoreError `not-bytes` or `bad-hash-length`
 */
export function leafHashesOf(entries: readonly LedgerLeaf[]): Uint8Array[] {
  const hashes: Uint8Array[] = new Array(entries.length);
  const length = entries[0]?.hash?.length;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as LedgerLeaf;
    if (!(entry?.bytes instanceof Uint8Array) || !(entry.hash instanceof Uint8Array)) {
      throw new StoreError('ledger leaves need bytes and hash as Uint8Array', {
        reason: 'not-bytes',
        path: `leaves[${i}]`,
      });
    }
    if (entry.hash.length !== length || length === 0) {
      throw new StoreError('leaf hash length differs from the stored hashes', {
        reason: 'bad-hash-length',
        path: `leaves[${i}].hash`,
      });
    }
    hashes[i] = entry.hash;
  }
  return hashes;
}

/**
 * Checks that the new leaf hashes have the length of the hashes already stored.
 *
 * @throws StoreError `bad-hash-length`
 */
export function assertHashLength(
  stored: Uint8Array | undefined,
  hashes: readonly Uint8Array[],
): void {
  if (stored !== undefined && hashes[0] !== undefined && stored.length !== hashes[0].length) {
    throw new StoreError('leaf hash length differs from the stored hashes', {
      reason: 'bad-hash-length',
      path: 'leaves[0].hash',
    });
  }
}

/**
 * Checks a checkpoint before storing it.
 *
 * @throws StoreError `bad-checkpoint`
 */
export function assertCheckpoint(checkpoint: StoredCheckpoint): void {
  if (
    typeof checkpoint !== 'object' ||
    checkpoint === null ||
    !Number.isSafeInteger(checkpoint.size) ||
    checkpoint.size < 0 ||
    !(checkpoint.root instanceof Uint8Array) ||
    typeof checkpoint.note !== 'string'
  ) {
    throw new StoreError('a checkpoint needs a size, a root (Uint8Array) and a note (string)', {
      reason: 'bad-checkpoint',
      path: 'checkpoint',
    });
  }
}
