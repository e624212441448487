import { toHex } from '../core/bytes.ts';
import type { Keyring } from '../crypto/keyring-types.ts';
import {
  assertHexDigests,
  assertRawDigests,
  closedFiling,
  hexDigests,
  SUBJECT_DIGEST_BYTES,
  type SubjectIndex,
} from '../responsibility/subject-index.ts';

export type { SubjectFiling, SubjectIndex } from '../responsibility/subject-index.ts';

/** The subject digests a release files, and what it reads them from. */
export interface ProtectSubjects {
  /** The input field that identifies each record's subject (e.g. the resident ID). */
  readonly field: string;
  readonly index: SubjectIndex;
}

/** The pseudonym domain of subject digests (the keyring subkey they are made under). */
export const SUBJECT_DIGEST_DOMAIN = 'dataguard.subject-index';

/**
 * A digest function for subject ids: HMAC under the keyring's subject-index
 * subkey, so the index holds no identifier and cannot be matched without the
 * key; the same subject gives the same digest in every release of the keyring.
 *
 * @param keyring - the release's keyring
 * @returns a function from a subject id to its hex digest (128 bits)
 */
export function subjectDigester(keyring: Keyring): (subject: string) => string {
  const raw = rawSubjectDigester(keyring);
  return (subject) => toHex(raw(subject));
}

/**
 * The raw form of {@link subjectDigester}: the digest's {@link SUBJECT_DIGEST_BYTES}
 * bytes, as a streamed filing takes them.
 *
 * @param keyring - the release's keyring
 * @returns a function from a subject id to its raw digest
 */
export function rawSubjectDigester(keyring: Keyring): (subject: string) => Uint8Array {
  const mac = keyring.pseudonymizer(SUBJECT_DIGEST_DOMAIN);
  const encoder = new TextEncoder();
  return (subject) => mac.mac(encoder.encode(subject)).subarray(0, SUBJECT_DIGEST_BYTES);
}

/**
 * An in-memory {@link SubjectIndex}.
 *
 * @returns the index
 * @example
 * ```ts
 * import { createMemorySubjectIndex } from 'dataguard';
 * const index = createMemorySubjectIndex();
 * index.record({ id: 'residents.health.r1' }, new Set(['0'.repeat(32), 'f'.repeat(32)]));
 * let count = 0;
 * for await (const _ of (await index.subjectsOf({ id: 'residents.health.r1' })) ?? []) count++;
 * count; // 2
 * ```
 */
export function createMemorySubjectIndex(): SubjectIndex {
  const copies = new Map<string, ReadonlySet<string>>();
  const keys = new Map<string, string | undefined>();
  return {
    record(copy, digests, key) {
      assertHexDigests(digests);
      copies.set(copy.id, new Set(digests));
      keys.set(copy.id, key);
    },
    stage(copy, key) {
      const staged = new Set<string>();
      let open = true;
      return {
        add(digests) {
          assertRawDigests(digests);
          if (!open) throw closedFiling();
          for (const digest of hexDigests(digests)) staged.add(digest);
        },
        commit() {
          if (!open) throw closedFiling();
          open = false;
          copies.set(copy.id, staged);
          keys.set(copy.id, key);
        },
        abort() {
          open = false;
          staged.clear();
        },
      };
    },
    keyOf: (copy) => keys.get(copy.id),
    subjectsOf(dataset) {
      const found = copies.get(dataset.id);
      return found === undefined ? undefined : [...found].sort();
    },
  };
}
