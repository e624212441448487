import type { DatasetRef, PartyRef } from '../core/refs.ts';
import { PartyRef as PartyRefSchema } from '../core/refs.ts';
import type { Processing, ResponsibilityRole } from '../tags/vocabulary.ts';
import type { AssignmentVia, CopyOrigin, CopyRecord, RoleAssignment } from './custody-store.ts';
import type { LedgerEntryLike, ProcessingEventLike } from './ledger-entry.ts';
import type { WorkingState, Writable } from './working-state.ts';

/** What custody reads from a catalog: the declared provider (owner) of a dataset id. */
export interface OwnerCatalog {
  get(id: string): { readonly provider?: PartyRef | undefined } | undefined;
}

/** Processing that makes a new copy for its recipients (the source copy keeps its parties). */
const transfers: ReadonlySet<Processing> = new Set<Processing>([
  'share',
  'provide',
  'trade',
  'open',
  'disclose',
  'transmit',
]);
/** Transfers that may have no named recipient: the publisher keeps the published copy. */
const publications: ReadonlySet<Processing> = new Set<Processing>(['open', 'disclose']);
/** Processing recorded on the copies it names without changing who is responsible. */
const recordOnly: ReadonlySet<Processing> = new Set<Processing>(['incident', 'object']);

interface Context {
  readonly state: WorkingState;
  readonly index: number;
  readonly event: ProcessingEventLike;
  seq: number;
}

/**
 * Applies one ledger entry to the working custody state, following the event
 * conventions in docs/responsibility.md.
 *
 * @param state - the working state
 * @param entry - a checked ledger entry
 * @param catalog - declared owners, if any
 */
export async function applyEvent(
  state: WorkingState,
  entry: LedgerEntryLike,
  catalog: OwnerCatalog | undefined,
): Promise<void> {
  const { event, index } = entry;
  const ctx: Context = { state, index, event, seq: 0 };
  const inputs = uniqueRefs(event.inputs);
  const inputIds = new Set(inputs.map((ref) => ref.id));
  const outputs = uniqueRefs(event.outputs);
  const created: CopyRecord[] = [];

  for (const ref of inputs) {
    const copy = await state.copy(ref.id);
    if (copy === undefined) created.push(await createCopy(ctx, ref, 'observed', []));
    else if (copy.deletedAt !== undefined) afterDeletion(ctx, ref.id);
  }
  // Outputs that are not also inputs are the copies this event produced.
  const produced: string[] = [];
  for (const ref of outputs) {
    if (inputIds.has(ref.id)) {
      if (transfers.has(event.processing)) {
        anomaly(ctx, ref.id, 'output-is-input', `${event.processing} must name a new copy`);
      }
      await updateCount(ctx, ref.id);
      continue;
    }
    produced.push(ref.id);
    const copy = await state.copy(ref.id);
    if (copy === undefined) {
      const origin: CopyOrigin =
        event.processing === 'collect' ? 'collected' : inputs.length > 0 ? 'derived' : 'observed';
      created.push(await createCopy(ctx, ref, origin, [...inputIds]));
    } else {
      if (copy.deletedAt !== undefined) afterDeletion(ctx, ref.id);
      await updateCount(ctx, ref.id);
    }
  }
  for (const ref of inputs) {
    state.touch(touchOf(ctx, ref.id, outputs.some((o) => o.id === ref.id) ? 'both' : 'input'));
  }
  for (const id of produced) state.touch(touchOf(ctx, id, 'output'));

  for (const copy of created) await declareOwner(ctx, copy, catalog);
  await transferOwnership(ctx, inputs.length > 0 ? [...inputIds] : produced);
  await applyRoles(ctx, [...inputIds], produced);
}

async function applyRoles(ctx: Context, inputs: string[], produced: string[]): Promise<void> {
  const { event } = ctx;
  const principal = event.onBehalfOf ?? event.actor;
  // Acting for someone else means operating the system: the agent manages.
  const agent = event.onBehalfOf === undefined ? undefined : event.actor;
  const ending = event.details?.end === true;
  const recipients = event.recipients ?? [];
  const processing = event.processing;

  if (recordOnly.has(processing)) return;
  if (processing === 'collect') {
    for (const copy of produced.length > 0 ? produced : inputs) {
      await grant(ctx, copy, event.actor, 'collector');
      if (event.onBehalfOf !== undefined) await grant(ctx, copy, event.onBehalfOf, 'collector');
      await hold(ctx, copy, principal, agent);
    }
    return;
  }
  if (processing === 'store') {
    for (const copy of [...inputs, ...produced]) {
      if (!ending) await hold(ctx, copy, principal, agent);
      else if (agent !== undefined) await endRoles(ctx, copy, agent.id, ['manager']);
      else await endRoles(ctx, copy, event.actor.id, ['holder']);
    }
    return;
  }
  if (processing === 'delete') {
    if (event.fields !== undefined && event.fields.length > 0) return;
    for (const copy of [...inputs, ...produced]) await deleteCopy(ctx, copy);
    return;
  }
  if (processing === 'entrust') {
    if (recipients.length === 0) {
      for (const copy of [...inputs, ...produced]) {
        anomaly(ctx, copy, 'missing-recipients', 'entrust names no entrusted party');
      }
    }
    // A new output is the processor's working copy; otherwise it manages the input copy.
    const targets = produced.length > 0 ? produced : inputs;
    for (const copy of targets) {
      if (produced.length > 0 && !ending) await hold(ctx, copy, principal, undefined);
      for (const party of recipients) {
        // When an entrustment ends the processor stops processing: all its roles end.
        if (ending) await endRoles(ctx, copy, party.id, undefined);
        else await grant(ctx, copy, party, 'manager');
      }
    }
    return;
  }
  if (transfers.has(processing) && !(processing === 'transmit' && recipients.length === 0)) {
    if (produced.length === 0) {
      // An output that repeats an input was already reported as output-is-input.
      if (ctx.event.outputs.length > 0) return;
      for (const copy of inputs) {
        anomaly(ctx, copy, 'copy-not-named', `${processing} names no new copy in its outputs`);
      }
      return;
    }
    for (const copy of produced) {
      if (recipients.length > 0) {
        for (const party of recipients) {
          await grant(ctx, copy, party, 'holder');
          await grant(ctx, copy, party, 'user');
        }
      } else if (publications.has(processing)) {
        await hold(ctx, copy, principal, agent);
      } else {
        anomaly(ctx, copy, 'missing-recipients', `${processing} names no recipient`);
      }
    }
    return;
  }
  // use, process, transmit without recipients, de-identification, correction…
  const users = event.onBehalfOf === undefined ? [event.actor] : [event.actor, event.onBehalfOf];
  for (const copy of inputs) {
    for (const party of users) {
      if (ending) await endRoles(ctx, copy, party.id, ['user']);
      else await grant(ctx, copy, party, 'user');
    }
  }
  if (ending) return;
  for (const copy of produced) {
    await hold(ctx, copy, principal, agent);
    for (const party of users) await grant(ctx, copy, party, 'user');
  }
}

/** The principal holds; an agent acting for it manages. */
async function hold(
  ctx: Context,
  copy: string,
  principal: PartyRef,
  agent: PartyRef | undefined,
): Promise<void> {
  await grant(ctx, copy, principal, 'holder');
  if (agent !== undefined) await grant(ctx, copy, agent, 'manager');
}

async function grant(
  ctx: Context,
  copy: string,
  party: PartyRef,
  role: ResponsibilityRole,
  via: AssignmentVia = 'event',
  basis: readonly string[] = [ctx.event.id],
): Promise<void> {
  const active = await ctx.state.active(copy);
  if (active.some((a) => a.role === role && a.party.id === party.id)) return;
  const seq = ctx.seq++;
  const assignment: Writable<RoleAssignment> = {
    id: `${ctx.index}.${seq}`,
    copy,
    party: copyParty(party),
    role,
    since: ctx.event.time,
    basis: [...basis],
    via,
    index: ctx.index,
    seq,
  };
  await ctx.state.add(assignment);
}

async function endRoles(
  ctx: Context,
  copy: string,
  party: string | undefined,
  roles: readonly ResponsibilityRole[] | undefined,
): Promise<void> {
  const active = await ctx.state.active(copy);
  for (const assignment of [...active]) {
    if (party !== undefined && assignment.party.id !== party) continue;
    if (roles !== undefined && !roles.includes(assignment.role)) continue;
    await ctx.state.end(assignment, ctx.event.time, ctx.event.id);
  }
}

async function deleteCopy(ctx: Context, id: string): Promise<void> {
  await endRoles(ctx, id, undefined, undefined);
  const copy = await ctx.state.copy(id);
  if (copy === undefined || copy.deletedAt !== undefined) return;
  ctx.state.putCopy({ ...copy, deletedAt: ctx.event.time, deletedBy: ctx.event.id });
}

async function createCopy(
  ctx: Context,
  ref: DatasetRef,
  origin: CopyOrigin,
  parents: string[],
): Promise<CopyRecord> {
  const { event } = ctx;
  const copy: Writable<CopyRecord> = {
    id: ref.id,
    ref: copyRef(ref),
    origin,
    parents,
    createdBy: event.id,
    createdIndex: ctx.index,
    createdAt: event.time,
    createdHow: event.processing,
  };
  if (origin !== 'observed' && event.subjectCount !== undefined) {
    copy.subjectCount = event.subjectCount;
  }
  ctx.state.putCopy(copy);
  return copy;
}

async function updateCount(ctx: Context, id: string): Promise<void> {
  const count = ctx.event.subjectCount;
  if (count === undefined) return;
  const copy = await ctx.state.copy(id);
  if (copy !== undefined && copy.subjectCount !== count) {
    ctx.state.putCopy({ ...copy, subjectCount: count });
  }
}

/** Owner of a new copy: `details.owner`, else the catalog's provider, else its parents' owners. */
async function declareOwner(
  ctx: Context,
  copy: CopyRecord,
  catalog: OwnerCatalog | undefined,
): Promise<void> {
  const declared = ctx.event.details?.owner;
  if (declared !== undefined) {
    const owner = partyDetail(ctx, copy.id, 'owner');
    if (owner !== undefined) await grant(ctx, copy.id, owner, 'owner');
    return;
  }
  const provider = catalog?.get(copy.id)?.provider;
  if (provider !== undefined) {
    await grant(ctx, copy.id, provider, 'owner', 'catalog');
    return;
  }
  let inherited = false;
  for (const parent of copy.parents) {
    for (const owner of await ctx.state.active(parent)) {
      if (owner.role !== 'owner') continue;
      inherited = true;
      const basis = [ctx.event.id, ...owner.basis.filter((id) => id !== ctx.event.id)];
      await grant(ctx, copy.id, owner.party, 'owner', 'inheritance', basis);
    }
  }
  if (!inherited && copy.parents.length === 0) {
    anomaly(ctx, copy.id, 'owner-undeclared', 'no event or catalog entry declares an owner');
  }
}

/** `details.ownerTransferTo` hands ownership of the event's copies to another party. */
async function transferOwnership(ctx: Context, copies: readonly string[]): Promise<void> {
  if (ctx.event.details?.ownerTransferTo === undefined) return;
  for (const copy of copies) {
    const owner = partyDetail(ctx, copy, 'ownerTransferTo');
    if (owner === undefined) continue;
    const active = await ctx.state.active(copy);
    for (const assignment of [...active]) {
      if (assignment.role === 'owner' && assignment.party.id !== owner.id) {
        await ctx.state.end(assignment, ctx.event.time, ctx.event.id);
      }
    }
    await grant(ctx, copy, owner, 'owner');
  }
}

function partyDetail(ctx: Context, copy: string, key: string): PartyRef | undefined {
  const parsed = PartyRefSchema.safeParse(ctx.event.details?.[key]);
  if (parsed.success) return parsed.data;
  anomaly(ctx, copy, 'invalid-detail', `details.${key} is not a party reference`);
  return undefined;
}

function afterDeletion(ctx: Context, copy: string): void {
  anomaly(ctx, copy, 'named-after-deletion', 'the event names a copy that was deleted');
}

function anomaly(ctx: Context, copy: string, code: string, message: string): void {
  ctx.state.anomaly({ copy, index: ctx.index, eventId: ctx.event.id, code, message });
}

function touchOf(ctx: Context, copy: string, as: 'input' | 'output' | 'both') {
  const { event } = ctx;
  return {
    copy,
    index: ctx.index,
    eventId: event.id,
    time: event.time,
    processing: event.processing,
    actor: copyParty(event.actor),
    ...(event.onBehalfOf === undefined ? {} : { onBehalfOf: copyParty(event.onBehalfOf) }),
    ...(event.recipients === undefined ? {} : { recipients: event.recipients.map(copyParty) }),
    purpose: event.purpose,
    as,
  };
}

function copyParty(party: PartyRef): PartyRef {
  return party.name === undefined
    ? { id: party.id, kind: party.kind }
    : { id: party.id, kind: party.kind, name: party.name };
}

function copyRef(ref: DatasetRef): DatasetRef {
  return {
    id: ref.id,
    ...(ref.version === undefined ? {} : { version: ref.version }),
    ...(ref.digest === undefined ? {} : { digest: ref.digest }),
  };
}

function uniqueRefs(refs: readonly DatasetRef[]): DatasetRef[] {
  const seen = new Set<string>();
  const out: DatasetRef[] = [];
  for (const ref of refs) {
    if (seen.has(ref.id)) continue;
    seen.add(ref.id);
    out.push(ref);
  }
  return out;
}
