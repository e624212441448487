import type { DatasetRef, PartyRef } from '../core/refs.ts';
import type { CopyEvent, CopyRecord, CustodyAnomaly, RoleAssignment } from './custody-store.ts';

// Hand-written copies of the custody records: structuredClone is several
// times slower and these shapes are fixed. Optional members stay absent.

/** A copy of a party reference. */
function cloneParty(party: PartyRef): PartyRef {
  return party.name === undefined
    ? { id: party.id, kind: party.kind }
    : { id: party.id, kind: party.kind, name: party.name };
}

/** A copy of a dataset reference with only its known members. */
function cloneRef(ref: DatasetRef): DatasetRef {
  const out: { id: string; version?: string; digest?: string } = { id: ref.id };
  if (ref.version !== undefined) out.version = ref.version;
  if (ref.digest !== undefined) out.digest = ref.digest;
  return out;
}

/** A deep copy of a copy record. */
export function cloneCopy(copy: CopyRecord): CopyRecord {
  const out: { -readonly [K in keyof CopyRecord]: CopyRecord[K] } = {
    id: copy.id,
    ref: cloneRef(copy.ref),
    origin: copy.origin,
    parents: [...copy.parents],
    createdBy: copy.createdBy,
    createdIndex: copy.createdIndex,
    createdAt: copy.createdAt,
    createdHow: copy.createdHow,
  };
  if (copy.deletedAt !== undefined) out.deletedAt = copy.deletedAt;
  if (copy.deletedBy !== undefined) out.deletedBy = copy.deletedBy;
  if (copy.subjectCount !== undefined) out.subjectCount = copy.subjectCount;
  return out;
}

/** A deep copy of a role assignment. */
export function cloneAssignment(a: RoleAssignment): RoleAssignment {
  const out: { -readonly [K in keyof RoleAssignment]: RoleAssignment[K] } = {
    id: a.id,
    copy: a.copy,
    party: cloneParty(a.party),
    role: a.role,
    since: a.since,
    basis: [...a.basis],
    via: a.via,
    index: a.index,
    seq: a.seq,
  };
  if (a.until !== undefined) out.until = a.until;
  if (a.endedBy !== undefined) out.endedBy = a.endedBy;
  return out;
}

/** A deep copy of a copy event. */
export function cloneEvent(e: CopyEvent): CopyEvent {
  const out: { -readonly [K in keyof CopyEvent]: CopyEvent[K] } = {
    copy: e.copy,
    index: e.index,
    eventId: e.eventId,
    time: e.time,
    processing: e.processing,
    actor: cloneParty(e.actor),
    purpose: e.purpose,
    as: e.as,
  };
  if (e.onBehalfOf !== undefined) out.onBehalfOf = cloneParty(e.onBehalfOf);
  if (e.recipients !== undefined) out.recipients = e.recipients.map(cloneParty);
  return out;
}

/** A copy of an anomaly. */
export function cloneAnomaly(a: CustodyAnomaly): CustodyAnomaly {
  return { copy: a.copy, index: a.index, eventId: a.eventId, code: a.code, message: a.message };
}
