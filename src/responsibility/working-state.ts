import type {
  CopyEvent,
  CopyRecord,
  CustodyAnomaly,
  CustodyBatch,
  CustodyStore,
  RoleAssignment,
} from './custody-store.ts';

/** A record with its readonly modifiers removed, for building records in place. */
export type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The custody state while a run of ledger entries is derived: reads fall
 * through to the store once per copy, writes collect into one batch.
 */
export class WorkingState {
  readonly #store: CustodyStore;
  #after: number;
  readonly #copies = new Map<string, Writable<CopyRecord> | null>();
  readonly #active = new Map<string, Writable<RoleAssignment>[]>();
  readonly #dirtyCopies = new Set<string>();
  readonly #dirtyAssignments = new Map<string, Writable<RoleAssignment>>();
  #events: CopyEvent[] = [];
  #anomalies: CustodyAnomaly[] = [];

  constructor(store: CustodyStore, after: number) {
    this.#store = store;
    this.#after = after;
  }

  /** Pending changes, as a count of records. */
  get size(): number {
    return (
      this.#dirtyCopies.size +
      this.#dirtyAssignments.size +
      this.#events.length +
      this.#anomalies.length
    );
  }

  /** A copy as of the entries derived so far. */
  async copy(id: string): Promise<Writable<CopyRecord> | undefined> {
    let copy = this.#copies.get(id);
    if (copy === undefined) {
      copy = ((await this.#store.copy(id)) as Writable<CopyRecord> | undefined) ?? null;
      this.#copies.set(id, copy);
    }
    return copy ?? undefined;
  }

  /** Adds or replaces a copy. */
  putCopy(copy: Writable<CopyRecord>): void {
    this.#copies.set(copy.id, copy);
    this.#dirtyCopies.add(copy.id);
  }

  /** The assignments of a copy that have not ended. */
  async active(copy: string): Promise<Writable<RoleAssignment>[]> {
    let list = this.#active.get(copy);
    if (list === undefined) {
      list = [
        ...((await this.#store.assignments(copy, { active: true })) as Writable<RoleAssignment>[]),
      ];
      this.#active.set(copy, list);
    }
    return list;
  }

  /** Adds a new assignment (the caller checked it is not already active). */
  async add(assignment: Writable<RoleAssignment>): Promise<void> {
    (await this.active(assignment.copy)).push(assignment);
    this.#dirtyAssignments.set(assignment.id, assignment);
  }

  /** Ends an active assignment at the time of the given event. */
  async end(assignment: Writable<RoleAssignment>, until: string, endedBy: string): Promise<void> {
    assignment.until = until;
    assignment.endedBy = endedBy;
    const list = await this.active(assignment.copy);
    const at = list.indexOf(assignment);
    if (at >= 0) list.splice(at, 1);
    this.#dirtyAssignments.set(assignment.id, assignment);
  }

  /** Records that an event named a copy. */
  touch(event: CopyEvent): void {
    this.#events.push(event);
  }

  /** Records an event custody could not fully attribute. */
  anomaly(anomaly: CustodyAnomaly): void {
    this.#anomalies.push(anomaly);
  }

  /** Writes the pending changes up to `position` as one batch and starts a new one. */
  async flush(position: number): Promise<void> {
    if (position === this.#after) return;
    const batch: CustodyBatch = {
      after: this.#after,
      position,
      copies: [...this.#dirtyCopies].map((id) => this.#copies.get(id) as CopyRecord),
      assignments: [...this.#dirtyAssignments.values()],
      events: this.#events,
      anomalies: this.#anomalies,
    };
    await this.#store.apply(batch);
    this.#after = position;
    this.#dirtyCopies.clear();
    this.#dirtyAssignments.clear();
    this.#events = [];
    this.#anomalies = [];
    // The cache stays valid: it holds exactly what was just written.
    if (this.#copies.size > 50_000) this.#copies.clear();
    if (this.#active.size > 50_000) this.#active.clear();
  }
}
