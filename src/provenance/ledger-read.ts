import { equalBytes } from '../core/bytes.ts';
import { IntegrityError } from '../errors/kinds.ts';
import { type ProcessingEvent, ProcessingEventSchema } from './event.ts';
import { assertIndex, type LedgerState, outOfRange } from './ledger-state.ts';
import type { LedgerEntry } from './ledger-types.ts';
import { hashLeaf } from './merkle-hash.ts';

/**
 * Decodes the leaf bytes of an entry into its event.
 *
 * @param index - the entry index (for the error)
 * @param bytes - the leaf bytes
 * @returns the event
 * @throws {IntegrityError} `invalid-event` when the bytes are not a valid event
 */
export function decodeEvent(index: number, bytes: Uint8Array): ProcessingEvent {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (cause) {
    throw new IntegrityError(`ledger entry ${index} is not JSON`, {
      reason: 'invalid-event',
      cause,
      details: { index },
    });
  }
  const result = ProcessingEventSchema.safeParse(value);
  if (!result.success) {
    throw new IntegrityError(`ledger entry ${index} is not a valid event`, {
      reason: 'invalid-event',
      details: { index },
    });
  }
  return result.data;
}

/**
 * Throws unless the leaf bytes hash to the stored leaf hash.
 *
 * @param state - the ledger state
 * @param leaf - the stored leaf
 * @throws {IntegrityError} `leaf-hash-mismatch`
 */
export function assertLeafHash(
  state: LedgerState,
  leaf: { readonly index: number; readonly bytes: Uint8Array; readonly hash: Uint8Array },
): void {
  if (!equalBytes(hashLeaf(leaf.bytes, state.hash), leaf.hash)) {
    throw new IntegrityError(`ledger entry ${leaf.index} does not match its leaf hash`, {
      reason: 'leaf-hash-mismatch',
      details: { index: leaf.index },
    });
  }
}

/**
 * The entry at `index`, checked against its leaf hash.
 *
 * @param state - the ledger state
 * @param index - the entry index
 * @returns the entry (copies of the stored bytes)
 * @throws {LedgerError} `out-of-range`; {IntegrityError} on a bad leaf
 */
export async function getEntry(state: LedgerState, index: number): Promise<LedgerEntry> {
  assertIndex(index, 'index');
  const leaf = await state.store.getLeaf(index);
  if (leaf === undefined) throw outOfRange(`no ledger entry at index ${index}`, 'index');
  assertLeafHash(state, { index, bytes: leaf.bytes, hash: leaf.hash });
  return {
    index,
    event: decodeEvent(index, leaf.bytes),
    bytes: leaf.bytes.slice(),
    leafHash: leaf.hash.slice(),
  };
}
