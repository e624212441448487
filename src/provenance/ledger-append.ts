import { parseArgument } from '../core/parse.ts';
import { toEpochMs, toIso } from '../core/time.ts';
import { ValidationError } from '../errors/kinds.ts';
import { type DecisionLink, linkEventToDecision } from './decision-link.ts';
import {
  type ProcessingEvent,
  type ProcessingEventInput,
  ProcessingEventInputSchema,
} from './event.ts';
import { eventBytes } from './event-bytes.ts';
import { fastParseEventInput } from './event-fast-path.ts';
import type { LedgerState } from './ledger-state.ts';
import type { LedgerEntry } from './ledger-types.ts';
import { hashLeaf } from './merkle-hash.ts';

interface PreparedEvent {
  readonly event: ProcessingEvent;
  readonly bytes: Uint8Array;
  readonly hash: Uint8Array;
}

function prepareEvent(state: LedgerState, input: unknown, path: string): PreparedEvent {
  // Well-formed input takes the hand-written check; anything else gets zod's errors.
  const parsed =
    fastParseEventInput(input) ?? parseArgument(ProcessingEventInputSchema, input, path);
  const time = toIso(
    parsed.time === undefined ? state.clock() : toEpochMs(parsed.time, `${path}.time`),
  );
  const event: ProcessingEvent = { ...parsed, id: parsed.id ?? state.newId(), time };
  const bytes = eventBytes(event);
  return { event, bytes, hash: hashLeaf(bytes, state.hash) };
}

/**
 * Validates, canonicalizes and appends one event, optionally linked to the
 * consent decision that allowed it.
 *
 * @param state - the ledger state
 * @param input - the event
 * @param link - the decision the event rests on
 * @returns the stored entry
 * @throws {ValidationError} on a malformed event; what `linkEventToDecision` throws on a refused link
 */
export async function appendEvent(
  state: LedgerState,
  input: ProcessingEventInput,
  link: { readonly decision: DecisionLink } | undefined,
): Promise<LedgerEntry> {
  const prepared = prepareEvent(
    state,
    link === undefined ? input : linkEventToDecision(input, link),
    'event',
  );
  const { firstIndex } = await state.store.append(
    [{ bytes: prepared.bytes, hash: prepared.hash }],
    state.hash,
  );
  return {
    index: firstIndex,
    event: prepared.event,
    bytes: prepared.bytes,
    leafHash: prepared.hash,
  };
}

/**
 * Appends several events atomically (all or none), in order.
 *
 * @param state - the ledger state
 * @param inputs - the events
 * @returns the stored entries
 * @throws {ValidationError} `not-iterable`, or on the first malformed event (named by index)
 */
export async function appendEvents(
  state: LedgerState,
  inputs: Iterable<ProcessingEventInput>,
): Promise<LedgerEntry[]> {
  if (inputs === null || typeof inputs !== 'object' || !(Symbol.iterator in inputs)) {
    throw new ValidationError('events must be iterable', {
      path: 'events',
      reason: 'not-iterable',
    });
  }
  const prepared = [...inputs].map((input, i) => prepareEvent(state, input, `events[${i}]`));
  const { firstIndex } = await state.store.append(
    prepared.map((p) => ({ bytes: p.bytes, hash: p.hash })),
    state.hash,
  );
  return prepared.map((p, i) => ({
    index: firstIndex + i,
    event: p.event,
    bytes: p.bytes,
    leafHash: p.hash,
  }));
}
