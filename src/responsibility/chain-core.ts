import type { Clock } from '../core/clock.ts';
import type { DatasetRef } from '../core/refs.ts';
import { ResponsibilityError } from '../errors/kinds.ts';
import type { OwnerCatalog } from './apply-event.ts';
import { applyEvent } from './apply-event.ts';
import type { CopyRecord, CustodyStore } from './custody-store.ts';
import { datasetIdOf } from './facts.ts';
import { type LedgerSource, readEntries } from './ledger-entry.ts';
import { WorkingState } from './working-state.ts';

/** What a sync did. */
export interface SyncResult {
  /** The last ledger index now reflected in the custody store (-1 when none). */
  readonly position: number;
  /** How many entries this sync applied. */
  readonly applied: number;
}

/** Shared internals of a responsibility chain: its store, sync and graph walks. */
export interface ChainCore {
  readonly store: CustodyStore;
  readonly clock: Clock;
  sync(): Promise<SyncResult>;
  /** A copy that must exist, or a ResponsibilityError (`unknown-dataset`). */
  requireCopy(dataset: DatasetRef | string, path: string): Promise<CopyRecord>;
  /** Ancestors nearest first (breadth first), without the copy itself. */
  ancestors(id: string): Promise<CopyRecord[]>;
  /** Descendants breadth first, without the copies themselves. */
  descendants(ids: readonly string[]): Promise<CopyRecord[]>;
}

/**
 * Builds the core of a responsibility chain over a ledger source and a store.
 *
 * @param options - source, store, catalog, clock and batch size
 * @returns the core
 */
export function createChainCore(options: {
  readonly source: LedgerSource;
  readonly store: CustodyStore;
  readonly catalog: OwnerCatalog | undefined;
  readonly clock: Clock;
  readonly batchSize: number;
}): ChainCore {
  const { source, store, catalog, batchSize } = options;
  let queue: Promise<unknown> = Promise.resolve();

  async function runSync(): Promise<SyncResult> {
    let position = await store.position();
    const state = new WorkingState(store, position);
    let applied = 0;
    for await (const entry of readEntries(source, position + 1)) {
      if (entry.index !== position + 1) {
        throw new ResponsibilityError(
          `ledger entry ${position + 1} is missing (next entry read is ${entry.index}); custody cannot be derived past a gap`,
          { reason: 'ledger-gap', path: 'ledger', details: { expected: position + 1 } },
        );
      }
      await applyEvent(state, entry, catalog);
      position = entry.index;
      applied += 1;
      if (applied % batchSize === 0) await state.flush(position);
    }
    await state.flush(position);
    return { position, applied };
  }

  // Syncs run one after another, so two never race on the store position and
  // each sees every entry appended before it was called.
  function sync(): Promise<SyncResult> {
    const run = queue.then(runSync, runSync);
    queue = run.catch(() => undefined);
    return run;
  }

  async function requireCopy(dataset: DatasetRef | string, path: string): Promise<CopyRecord> {
    const id = datasetIdOf(dataset, path);
    const copy = await store.copy(id);
    if (copy === undefined) {
      throw new ResponsibilityError(
        `no ledger event names dataset ${id}; its custody cannot be attributed`,
        { reason: 'unknown-dataset', path },
      );
    }
    return copy;
  }

  async function ancestors(id: string): Promise<CopyRecord[]> {
    const out: CopyRecord[] = [];
    const seen = new Set([id]);
    let frontier = [id];
    while (frontier.length > 0) {
      const next: string[] = [];
      for (const current of frontier) {
        const copy = await store.copy(current);
        for (const parent of copy?.parents ?? []) {
          if (seen.has(parent)) continue;
          seen.add(parent);
          const record = await store.copy(parent);
          if (record !== undefined) out.push(record);
          next.push(parent);
        }
      }
      frontier = next;
    }
    return out;
  }

  async function descendants(ids: readonly string[]): Promise<CopyRecord[]> {
    const out: CopyRecord[] = [];
    const seen = new Set(ids);
    let frontier = [...ids];
    while (frontier.length > 0) {
      const next: string[] = [];
      for (const current of frontier) {
        for (const child of await store.children(current)) {
          if (seen.has(child.id)) continue;
          seen.add(child.id);
          out.push(child);
          next.push(child.id);
        }
      }
      frontier = next;
    }
    return out;
  }

  return { store, clock: options.clock, sync, requireCopy, ancestors, descendants };
}
