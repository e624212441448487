import { assertIterable } from '../core/assert.ts';
import { ValidationError } from '../errors/kinds.ts';
import {
  assertLedgerEntry,
  type EntriesOptions,
  type LedgerEntryLike,
  type ProcessingEventLike,
} from './ledger-entry.ts';

/** A minimal in-memory event log: a ledger source and appender without Merkle proofs. */
export interface EventLog {
  /** Appends an event; returns its index. */
  append(event: ProcessingEventLike): { index: number };
  /** The entries from an index on. */
  entries(options?: EntriesOptions): Iterable<LedgerEntryLike>;
  /** The number of entries. */
  readonly size: number;
}

/**
 * Creates an in-memory event log, for tests, examples and replays. Use the
 * `dataguard/provenance` ledger in production: it makes the log tamper-evident.
 *
 * @param events - events to start with
 * @returns the log
 * @throws {ValidationError} when `events` is not iterable or an event lacks what custody needs
 * @example
 * ```ts
 * import { createEventLog } from 'dataguard/responsibility';
 * const log = createEventLog();
 * log.append({ id: 'e1', time: '2026-01-01T00:00:00Z', processing: 'collect',
 *   actor: { id: 'civil-affairs', kind: 'agency' }, purpose: 'public-service',
 *   legalBasis: 'statutory-duty', inputs: [], outputs: [{ id: 'households' }] }); // { index: 0 }
 * ```
 */
export function createEventLog(events: Iterable<ProcessingEventLike> = []): EventLog {
  assertIterable(events, 'events');
  const entries: LedgerEntryLike[] = [];
  const log: EventLog = {
    append(event) {
      const entry = { index: entries.length, event: copyEvent(event) };
      assertLedgerEntry(entry);
      entries.push(entry);
      return { index: entry.index };
    },
    *entries(options) {
      for (let i = Math.max(0, options?.from ?? 0); i < entries.length; i++) {
        yield entries[i] as LedgerEntryLike;
      }
    },
    get size() {
      return entries.length;
    },
  };
  for (const event of events) log.append(event);
  return log;
}

// The log keeps its own copy, so later changes by the caller do not rewrite
// history. Functions, Symbols and the like cannot be copied: an event must be
// plain data. The clone error is not kept as the cause: its message quotes values.
function copyEvent(event: ProcessingEventLike): ProcessingEventLike {
  try {
    return structuredClone(event);
  } catch {
    throw new ValidationError('ledger entry.event must be plain data (no functions or symbols)', {
      path: 'entry.event',
      reason: 'invalid-ledger-entry',
    });
  }
}
