import type { DatasetRef, PartyRef } from '../core/refs.ts';
import type { Processing, ResponsibilityRole } from '../tags/vocabulary.ts';

/** How a copy came to be known: collected, derived from other copies, or first seen as an input. */
export type CopyOrigin = 'collected' | 'derived' | 'observed';

/**
 * One copy of a dataset. A copy is named by its dataset id: a copy made by
 * sharing, providing, opening or trading is a new dataset id; version and
 * digest describe a copy's content over time, not a different copy.
 */
export interface CopyRecord {
  /** The copy's dataset id. */
  readonly id: string;
  /** The reference as the ledger first named it. */
  readonly ref: DatasetRef;
  readonly origin: CopyOrigin;
  /** The copies it was derived from (empty for collected and observed copies). */
  readonly parents: readonly string[];
  /** The event that created (or first named) the copy. */
  readonly createdBy: string;
  readonly createdIndex: number;
  readonly createdAt: string;
  readonly createdHow: Processing;
  /** Set when a `delete` event without `fields` removed the copy. */
  readonly deletedAt?: string | undefined;
  readonly deletedBy?: string | undefined;
  /** Number of subjects, from the latest event that output the copy with a `subjectCount`. */
  readonly subjectCount?: number | undefined;
}

/** How a role assignment was established. */
export type AssignmentVia = 'event' | 'catalog' | 'inheritance';

/** One party in one role for one copy, over a time span, with the events it rests on. */
export interface RoleAssignment {
  /** `<ledger index>.<sequence>`: unique and stable across re-derivations. */
  readonly id: string;
  readonly copy: string;
  readonly party: PartyRef;
  readonly role: ResponsibilityRole;
  /** ISO 8601: the time of the event that started it. */
  readonly since: string;
  /** ISO 8601: the time of the event that ended it (the end is exclusive). */
  readonly until?: string | undefined;
  /** Ids of the events the assignment rests on, the starting event first. */
  readonly basis: readonly string[];
  /** The event that ended it. */
  readonly endedBy?: string | undefined;
  readonly via: AssignmentVia;
  /** Ledger index of the starting event. */
  readonly index: number;
  /** Order within the starting event. */
  readonly seq: number;
}

/** One ledger event that named a copy (for timelines), without its details. */
export interface CopyEvent {
  readonly copy: string;
  readonly index: number;
  readonly eventId: string;
  readonly time: string;
  readonly processing: Processing;
  readonly actor: PartyRef;
  readonly onBehalfOf?: PartyRef | undefined;
  readonly recipients?: readonly PartyRef[] | undefined;
  readonly purpose: string;
  /** Whether the copy was an input or an output of the event (or both). */
  readonly as: 'input' | 'output' | 'both';
}

/** An event custody could not fully attribute: recorded, never guessed around. */
export interface CustodyAnomaly {
  readonly copy: string;
  readonly index: number;
  readonly eventId: string;
  /** Stable code, e.g. `missing-recipients`, `output-is-input`, `owner-undeclared`. */
  readonly code: string;
  readonly message: string;
}

/** Everything derived from a run of ledger entries, applied atomically. */
export interface CustodyBatch {
  /** The position the store must be at (last index processed, -1 when empty). */
  readonly after: number;
  /** The new position: the last ledger index this batch covers. */
  readonly position: number;
  /** New or changed copies (whole records, replacing earlier ones). */
  readonly copies: readonly CopyRecord[];
  /** New or changed assignments (whole records by id). */
  readonly assignments: readonly RoleAssignment[];
  readonly events: readonly CopyEvent[];
  readonly anomalies: readonly CustodyAnomaly[];
}

/**
 * Persists derived custody so attribution reads it instead of rescanning the
 * ledger. Backends: memory (here), SQLite and PostgreSQL (`dataguard/store/*`);
 * all must pass `runCustodyStoreConformance`.
 */
export interface CustodyStore {
  /** The last ledger index applied, or -1 when nothing was. */
  position(): Promise<number>;
  /**
   * Applies a batch atomically; throws StoreError (`position-conflict`) and
   * changes nothing when the store is not at `batch.after`.
   */
  apply(batch: CustodyBatch): Promise<void>;
  /** One copy, or undefined. */
  copy(id: string): Promise<CopyRecord | undefined>;
  /** The copies derived directly from a copy, in creation order. */
  children(id: string): Promise<readonly CopyRecord[]>;
  /**
   * The assignments of a copy ordered by (index, seq): all of them, or with
   * `{ active: true }` only those not ended.
   */
  assignments(copy: string, options?: { active?: boolean }): Promise<readonly RoleAssignment[]>;
  /** Every assignment of a party (by party id), ordered by (index, seq). */
  assignmentsOf(party: string): Promise<readonly RoleAssignment[]>;
  /** The events that named a copy, in ledger order. */
  events(copy: string): Promise<readonly CopyEvent[]>;
  /** The anomalies recorded for a copy, in ledger order. */
  anomalies(copy: string): Promise<readonly CustodyAnomaly[]>;
}
