import { StoreError } from '../errors/kinds.ts';
import { cloneAnomaly, cloneAssignment, cloneCopy, cloneEvent } from './clone-records.ts';
import type {
  CopyEvent,
  CopyRecord,
  CustodyAnomaly,
  CustodyBatch,
  CustodyStore,
  RoleAssignment,
} from './custody-store.ts';

/**
 * Creates an in-memory custody store (for tests, single-process services and
 * replays). Records are cloned on the way in and out, so callers cannot alter
 * stored state by mutating what they passed or received.
 *
 * @returns the store
 * @example
 * ```ts
 * import { createMemoryCustodyStore } from 'dataguard/responsibility';
 * const store = createMemoryCustodyStore();
 * await store.position(); // -1
 * ```
 */
export function createMemoryCustodyStore(): CustodyStore {
  let position = -1;
  const copies = new Map<string, CopyRecord>();
  const children = new Map<string, string[]>();
  const byCopy = new Map<string, string[]>();
  const byParty = new Map<string, string[]>();
  const assignments = new Map<string, RoleAssignment>();
  const events = new Map<string, CopyEvent[]>();
  const anomalies = new Map<string, CustodyAnomaly[]>();

  function check(batch: CustodyBatch): void {
    if (batch.after !== position) {
      throw new StoreError(
        `custody store is at ledger index ${position}, not ${batch.after}; re-read and retry`,
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
    const named = (id: string) => known.has(id) || copies.has(id);
    for (const copy of batch.copies) {
      for (const parent of copy.parents) {
        if (!named(parent)) unknownCopy('batch.copies.parents');
      }
    }
    for (const assignment of batch.assignments) {
      if (!named(assignment.copy)) unknownCopy('batch.assignments.copy');
      const existing = assignments.get(assignment.id);
      if (existing !== undefined && existing.copy !== assignment.copy) {
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

  return {
    position: async () => position,
    async apply(batch) {
      check(batch);
      // Checked first, then applied: the batch lands whole or not at all.
      for (const record of batch.copies) {
        const copy = cloneCopy(record);
        if (!copies.has(copy.id)) {
          for (const parent of copy.parents) push(children, parent, copy.id);
        }
        copies.set(copy.id, copy);
      }
      for (const record of batch.assignments) {
        const assignment = cloneAssignment(record);
        if (!assignments.has(assignment.id)) {
          push(byCopy, assignment.copy, assignment.id);
          push(byParty, assignment.party.id, assignment.id);
        }
        assignments.set(assignment.id, assignment);
      }
      for (const event of batch.events) push(events, event.copy, cloneEvent(event));
      for (const anomaly of batch.anomalies) {
        push(anomalies, anomaly.copy, cloneAnomaly(anomaly));
      }
      position = batch.position;
    },
    copy: async (id) => {
      const copy = copies.get(id);
      return copy === undefined ? undefined : cloneCopy(copy);
    },
    children: async (id) =>
      (children.get(id) ?? []).map((child) => cloneCopy(copies.get(child) as CopyRecord)),
    assignments: async (copy, options = {}) => {
      const list = sortAssignments(byCopy.get(copy) ?? [], assignments);
      return options.active === true ? list.filter((a) => a.until === undefined) : list;
    },
    assignmentsOf: async (party) => sortAssignments(byParty.get(party) ?? [], assignments),
    events: async (copy) =>
      (events.get(copy) ?? []).map(cloneEvent).sort((a, b) => a.index - b.index),
    anomalies: async (copy) =>
      (anomalies.get(copy) ?? []).map(cloneAnomaly).sort((a, b) => a.index - b.index),
  };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function sortAssignments(
  ids: readonly string[],
  all: ReadonlyMap<string, RoleAssignment>,
): RoleAssignment[] {
  return ids
    .map((id) => cloneAssignment(all.get(id) as RoleAssignment))
    .sort((a, b) => a.index - b.index || a.seq - b.seq);
}

function unknownCopy(path: string): never {
  throw new StoreError('a batch names a copy that is neither stored nor in the batch', {
    reason: 'unknown-copy',
    path,
  });
}
