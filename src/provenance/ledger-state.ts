import type { Clock } from '../core/clock.ts';
import { LedgerError, ValidationError } from '../errors/kinds.ts';
import type { OpenLineageOptions } from './export-openlineage.ts';
import type { HashFunction } from './hash-function.ts';
import type { LedgerStore } from './ledger-store.ts';
import type { LineageIndex } from './lineage.ts';
import type { NoteSigner, NoteVerifier } from './note-keys.ts';
import { treeRoot } from './tree-reader.ts';

/** What the ledger's operations share: the store, options and caches. */
export interface LedgerState {
  readonly origin: string;
  readonly store: LedgerStore;
  readonly hash: HashFunction;
  readonly clock: Clock;
  /** Makes event ids (UUID v7). */
  readonly newId: () => string;
  readonly signer: NoteSigner | undefined;
  readonly verifiers: readonly NoteVerifier[];
  readonly openLineage: OpenLineageOptions | undefined;
  /** Lineage of the entries read so far. */
  readonly lineageIndex: LineageIndex;
  /** Stored nodes never change, so a root of a given size can be reused. */
  cachedRoot: { readonly size: number; readonly root: Uint8Array } | undefined;
  /** The last lineage sync; calls chain on it so no entry is indexed twice. */
  syncing: Promise<unknown>;
}

/**
 * Throws unless the value is a non-negative safe integer.
 *
 * @param value - the argument
 * @param name - its name
 * @throws {ValidationError} `invalid-index`
 */
export function assertIndex(value: unknown, name: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new ValidationError(`${name} must be a non-negative integer`, {
      path: name,
      reason: 'invalid-index',
    });
  }
}

/**
 * The error of an index or size beyond the log.
 *
 * @param message - what was out of range
 * @param path - the argument
 * @returns the error
 */
export function outOfRange(message: string, path: string): LedgerError {
  return new LedgerError(message, { path, reason: 'out-of-range' });
}

/**
 * The tree size an operation works on: the given one, checked, or the current size.
 *
 * @param state - the ledger state
 * @param size - the requested size, or undefined for all entries
 * @param path - the argument name
 * @returns the size
 * @throws {ValidationError} on a bad size; {LedgerError} `out-of-range` beyond the log
 */
export async function currentSize(
  state: LedgerState,
  size: number | undefined,
  path: string,
): Promise<number> {
  const current = await state.store.size();
  if (size === undefined) return current;
  assertIndex(size, path);
  if (size > current) throw outOfRange(`${path} ${size} exceeds the log size ${current}`, path);
  return size;
}

/**
 * The root of the first `size` entries, cached for the last size asked.
 *
 * @param state - the ledger state
 * @param size - the tree size
 * @returns a copy of the root
 */
export async function rootAt(state: LedgerState, size: number): Promise<Uint8Array> {
  if (state.cachedRoot?.size !== size) {
    state.cachedRoot = { size, root: await treeRoot(state.store, size, state.hash) };
  }
  return state.cachedRoot.root.slice();
}
