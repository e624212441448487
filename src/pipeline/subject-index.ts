import { toHex } from '../core/bytes.ts';
import type { DatasetRef } from '../core/refs.ts';
import type { Keyring } from '../crypto/keyring-types.ts';
import type { SubjectSource } from '../responsibility/facts.ts';

/**
 * Where a release files the keyed digests of the subjects it released, per
 * copy, so an incident reaching several copies counts the union of their
 * subjects exactly (a subject provided twice is one person). It is also the
 * responsibility chain's subject source.
 */
export interface SubjectIndex extends SubjectSource {
  /** Files the digests of one copy's subjects (replacing any earlier filing of that copy). */
  record(copy: DatasetRef, digests: ReadonlySet<string>): Promise<void> | void;
}

/** The subject digests a release files, and what it reads them from. */
export interface ProtectSubjects {
  /** The input field that identifies each record's subject (e.g. the resident ID). */
  readonly field: string;
  readonly index: SubjectIndex;
}

/** The pseudonym domain of subject digests. */
const DOMAIN = 'dataguard.subject-index';

/**
 * A digest function for subject ids: HMAC under the keyring's subject-index
 * subkey, so the index holds no identifier and cannot be matched without the
 * key; the same subject gives the same digest in every release of the keyring.
 *
 * @param keyring - the release's keyring
 * @returns a function from a subject id to its hex digest (128 bits)
 */
export function subjectDigester(keyring: Keyring): (subject: string) => string {
  const mac = keyring.pseudonymizer(DOMAIN);
  const encoder = new TextEncoder();
  return (subject) => toHex(mac.mac(encoder.encode(subject)).subarray(0, 16));
}

/**
 * An in-memory {@link SubjectIndex}.
 *
 * @returns the index
 * @example
 * ```ts
 * import { createMemorySubjectIndex } from 'dataguard';
 * const index = createMemorySubjectIndex();
 * index.record({ id: 'residents.health.r1' }, new Set(['a1', 'b2']));
 * let count = 0;
 * for await (const _ of (await index.subjectsOf({ id: 'residents.health.r1' })) ?? []) count++;
 * count; // 2
 * ```
 */
export function createMemorySubjectIndex(): SubjectIndex {
  const copies = new Map<string, ReadonlySet<string>>();
  return {
    record(copy, digests) {
      copies.set(copy.id, new Set(digests));
    },
    subjectsOf(dataset) {
      const found = copies.get(dataset.id);
      return found === undefined ? undefined : [...found];
    },
  };
}
