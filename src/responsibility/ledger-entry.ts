import { toEpochMs } from '../core/time.ts';
import { ValidationError } from '../errors/kinds.ts';
import type { ProcessingEvent } from '../provenance/event.ts';
import type { DetailValue } from '../provenance/event-details.ts';
import { Processing } from '../tags/vocabulary.ts';

/**
 * A provenance event as responsibility reads it: the `dataguard/provenance`
 * {@link ProcessingEvent}, except that details read back may carry members
 * whose value is `undefined`. Ledger entries pass as they are.
 */
export interface ProcessingEventLike extends Omit<ProcessingEvent, 'details'> {
  readonly details?: { readonly [key: string]: DetailJson | undefined } | undefined;
}

/** A JSON value in event details, as read (absent optional members may be `undefined`). */
export type DetailJson =
  | null
  | boolean
  | number
  | string
  | readonly DetailJson[]
  | { readonly [key: string]: DetailJson | undefined };

/** A JSON value in event details, as written: the provenance {@link DetailValue}. */
export type StrictDetailJson = DetailValue;

/** An event as responsibility writes it (incident events): a provenance {@link ProcessingEvent}. */
export type RecordedEvent = ProcessingEvent;

/** One ledger entry: the event and its position (0-based) in the ledger. */
export interface LedgerEntryLike {
  readonly index: number;
  readonly event: ProcessingEventLike;
}

/** Options passed to a source's `entries()`: read from this ledger index on. */
export interface EntriesOptions {
  readonly from: number;
}

/**
 * Where custody is derived from: an array or (async) iterable of ledger
 * entries, or a ledger-like object with `entries()`. Entries must come in
 * index order without gaps; `entries({ from })` lets a ledger skip what was
 * already processed.
 */
export type LedgerSource =
  | Iterable<LedgerEntryLike>
  | AsyncIterable<LedgerEntryLike>
  | {
      entries(options?: EntriesOptions): Iterable<LedgerEntryLike> | AsyncIterable<LedgerEntryLike>;
    }
  | IndexedLedger;

/** A ledger read entry by entry, like the `dataguard/provenance` ledger (`size()` and `get(index)`). */
export interface IndexedLedger {
  size(): Promise<number> | number;
  get(index: number): Promise<LedgerEntryLike> | LedgerEntryLike;
}

/** Something that appends events to the ledger (the provenance ledger, or `createEventLog()`). */
export interface EventAppender {
  append(event: RecordedEvent): Promise<{ index: number }> | { index: number };
}

const processings: ReadonlySet<string> = new Set(Processing.options);

/**
 * Reads a source's entries from a ledger index on, in order.
 *
 * @param source - the ledger source
 * @param from - the first index wanted (earlier entries are skipped)
 * @returns the entries
 */
export async function* readEntries(
  source: LedgerSource,
  from: number,
): AsyncGenerator<LedgerEntryLike, void, undefined> {
  const iterable = hasEntries(source)
    ? source.entries({ from })
    : isIndexed(source)
      ? readIndexed(source, from)
      : Array.isArray(source)
        ? arrayFrom(source, from)
        : source;
  for await (const entry of iterable as AsyncIterable<unknown>) {
    // Checked before filtering, so a wrong kind of item fails instead of being skipped.
    assertLedgerEntry(entry);
    if ((entry as LedgerEntryLike).index >= from) yield entry as LedgerEntryLike;
  }
}

// An array laid out by index (entry i at position i) is read from `from` on,
// so a query does not re-read a whole array; otherwise it is read in full.
function arrayFrom(entries: readonly unknown[], from: number): readonly unknown[] {
  const first = entries[0] as Partial<LedgerEntryLike> | undefined;
  const at = entries[from] as Partial<LedgerEntryLike> | undefined;
  if (from > 0 && first?.index === 0 && at?.index === from) return entries.slice(from);
  return entries;
}

async function* readIndexed(ledger: IndexedLedger, from: number): AsyncGenerator<LedgerEntryLike> {
  const size = await ledger.size();
  for (let index = from; index < size; index++) yield await ledger.get(index);
}

function isIndexed(source: LedgerSource): source is IndexedLedger {
  const candidate = source as Partial<IndexedLedger>;
  return typeof candidate.get === 'function' && typeof candidate.size === 'function';
}

function hasEntries(source: LedgerSource): source is Extract<LedgerSource, { entries: unknown }> {
  // Arrays, sets and maps have an `entries()` of their own that yields pairs.
  if (Array.isArray(source) || source instanceof Set || source instanceof Map) return false;
  return (
    typeof source === 'object' &&
    source !== null &&
    typeof (source as { entries?: unknown }).entries === 'function'
  );
}

/**
 * Checks by hand (this runs once per ledger entry) the fields custody depends on.
 *
 * @param entry - the entry read from the source
 * @returns the event time in epoch milliseconds
 * @throws {ValidationError} when a field custody needs is missing or malformed
 */
export function assertLedgerEntry(entry: unknown): number {
  const where = 'entry';
  if (typeof entry !== 'object' || entry === null) fail(where, 'must be an object');
  const { index, event } = entry as { index?: unknown; event?: unknown };
  if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0) {
    fail(`${where}.index`, 'must be a non-negative integer');
  }
  if (typeof event !== 'object' || event === null) fail(`${where}.event`, 'must be an object');
  const e = event as Record<string, unknown>;
  if (typeof e.id !== 'string' || e.id.length === 0) fail(`${where}.event.id`, 'must be a string');
  if (typeof e.processing !== 'string' || !processings.has(e.processing)) {
    fail(`${where}.event.processing`, 'must be a known processing');
  }
  assertParty(e.actor, `${where}.event.actor`);
  if (e.onBehalfOf !== undefined) assertParty(e.onBehalfOf, `${where}.event.onBehalfOf`);
  assertRefs(e.inputs, `${where}.event.inputs`);
  assertRefs(e.outputs, `${where}.event.outputs`);
  if (e.recipients !== undefined) {
    if (!Array.isArray(e.recipients)) fail(`${where}.event.recipients`, 'must be an array');
    for (const [i, party] of e.recipients.entries()) {
      assertParty(party, `${where}.event.recipients[${i}]`);
    }
  }
  if (
    e.subjectCount !== undefined &&
    (typeof e.subjectCount !== 'number' ||
      !Number.isSafeInteger(e.subjectCount) ||
      e.subjectCount < 0)
  ) {
    fail(`${where}.event.subjectCount`, 'must be a non-negative integer');
  }
  if (typeof e.time !== 'string') fail(`${where}.event.time`, 'must be an ISO 8601 string');
  return toEpochMs(e.time, `${where}.event.time`);
}

function assertParty(value: unknown, path: string): void {
  if (typeof value !== 'object' || value === null) fail(path, 'must be a party reference');
  const party = value as { id?: unknown; kind?: unknown };
  if (typeof party.id !== 'string' || party.id.length === 0 || typeof party.kind !== 'string') {
    fail(path, 'must have a string id and kind');
  }
}

function assertRefs(value: unknown, path: string): void {
  if (!Array.isArray(value)) fail(path, 'must be an array of dataset references');
  for (const [i, ref] of value.entries()) {
    if (
      typeof ref !== 'object' ||
      ref === null ||
      typeof (ref as { id?: unknown }).id !== 'string' ||
      (ref as { id: string }).id.length === 0
    ) {
      fail(`${path}[${i}]`, 'must be a dataset reference with an id');
    }
  }
}

function fail(path: string, what: string): never {
  throw new ValidationError(`ledger ${path} ${what}`, { path, reason: 'invalid-ledger-entry' });
}
