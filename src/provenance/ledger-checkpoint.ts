import { equalBytes } from '../core/bytes.ts';
import { IntegrityError, LedgerError } from '../errors/kinds.ts';
import { signCheckpoint } from './checkpoint.ts';
import type { LedgerState } from './ledger-state.ts';
import type { LedgerCheckpoint } from './ledger-types.ts';
import { treeRoot } from './tree-reader.ts';

/**
 * Signs and stores a checkpoint of the current tree, refusing one
 * inconsistent with the latest stored checkpoint (C2SP).
 *
 * @param state - the ledger state
 * @returns the checkpoint
 * @throws {LedgerError} `no-signer`; {IntegrityError} `truncated`, `inconsistent-with-checkpoint`
 */
export async function checkpointLedger(state: LedgerState): Promise<LedgerCheckpoint> {
  const { signer, store, hash, origin } = state;
  if (signer === undefined) {
    throw new LedgerError('checkpoint() needs a signer', {
      path: 'signer',
      reason: 'no-signer',
    });
  }
  // The latest checkpoint first, then the size: another process may append and
  // checkpoint in between, and its checkpoint must not look like a truncation.
  const latest = await store.latestCheckpoint();
  const size = await store.size();
  const root = await treeRoot(store, size, hash);
  // C2SP: a log must never sign a checkpoint inconsistent with one it signed before.
  if (latest !== undefined) {
    if (latest.size > size) {
      throw new IntegrityError(
        `the log holds ${size} entries but a checkpoint covers ${latest.size}`,
        {
          reason: 'truncated',
          details: { size, checkpointSize: latest.size },
        },
      );
    }
    if (!equalBytes(await treeRoot(store, latest.size, hash), latest.root)) {
      throw new IntegrityError(`the log no longer matches its checkpoint of size ${latest.size}`, {
        reason: 'inconsistent-with-checkpoint',
        details: { checkpointSize: latest.size },
      });
    }
  }
  const note = signCheckpoint({ origin, size, root }, [signer]);
  await store.putCheckpoint({ size, root, note });
  return { size, root, note };
}
