import { StoreError } from '../../errors/index.ts';
import type { CustodyBatch } from '../../responsibility/custody-store.ts';

/** The stored facts a custody batch check needs, gathered by the backend. */
export interface CustodyLookup {
  /** The store's position. */
  readonly position: number;
  /** Which of the ids in {@link copiesToLookUp} are stored. */
  readonly storedCopies: ReadonlySet<string>;
  /** The copy of each stored assignment among the batch's assignment ids. */
  readonly assignmentCopies: ReadonlyMap<string, string>;
}

/**
 * The copy ids a batch names that it does not itself contain: the backend
 * checks which of them are stored.
 *
 * @param batch - the batch
 * @returns distinct ids
 */
export function copiesToLookUp(batch: CustodyBatch): string[] {
  const inBatch = new Set(batch.copies.map((copy) => copy.id));
  const wanted = new Set<string>();
  const want = (id: string) => {
    if (!inBatch.has(id)) wanted.add(id);
  };
  for (const copy of batch.copies) for (const parent of copy.parents) want(parent);
  for (const assignment of batch.assignments) want(assignment.copy);
  for (const event of batch.events) want(event.copy);
  for (const anomaly of batch.anomalies) want(anomaly.copy);
  return [...wanted];
}

/**
 * Checks a custody batch against the store, in the same order and with the
 * same errors as the memory store, so every backend rejects the same batches.
 *
 * @param batch - the batch to apply
 * @param lookup - the stored facts
 * @throws StoreError `position-conflict`, `invalid-batch` or `unknown-copy`
 */
export function checkCustodyBatch(batch: CustodyBatch, lookup: CustodyLookup): void {
  if (batch.after !== lookup.position) {
    throw new StoreError(
      `custody store is at ledger index ${lookup.position}, not ${batch.after}; re-read and retry`,
      { reason: 'position-conflict', path: 'batch.after' },
    );
  }
  if (!Number.isSafeInteger(batch.position) || batch.position <= batch.after) {
    throw new StoreError('batch.position must be after batch.after', {
      reason: 'invalid-batch',
      path: 'batch.position',
    });
  }
  const known = new Set(batch.copies.map((copy) => copy.id));
  const named = (id: string) => known.has(id) || lookup.storedCopies.has(id);
  for (const copy of batch.copies) {
    for (const parent of copy.parents) {
      if (!named(parent)) unknownCopy('batch.copies.parents');
    }
  }
  for (const assignment of batch.assignments) {
    if (!named(assignment.copy)) unknownCopy('batch.assignments.copy');
    const existing = lookup.assignmentCopies.get(assignment.id);
    if (existing !== undefined && existing !== assignment.copy) {
      throw new StoreError('an assignment cannot move to another copy', {
        reason: 'invalid-batch',
        path: 'batch.assignments.copy',
      });
    }
  }
  for (const event of batch.events) if (!named(event.copy)) unknownCopy('batch.events.copy');
  for (const anomaly of batch.anomalies) {
    if (!named(anomaly.copy)) unknownCopy('batch.anomalies.copy');
  }
}

function unknownCopy(path: string): never {
  throw new StoreError('a batch names a copy that is neither stored nor in the batch', {
    reason: 'unknown-copy',
    path,
  });
}
