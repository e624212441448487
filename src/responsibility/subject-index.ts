import { toHex } from '../core/bytes.ts';
import type { DatasetRef } from '../core/refs.ts';
import { ValidationError } from '../errors/kinds.ts';
import type { SubjectSource } from './facts.ts';

/** Bytes of one subject digest (128 bits). */
export const SUBJECT_DIGEST_BYTES = 16;

/**
 * A filing of one copy's subjects under way: digests are added in batches as
 * a release runs, and become the copy's filing only at `commit` (until then
 * `subjectsOf` does not see them).
 */
export interface SubjectFiling {
  /** Adds raw digests: {@link SUBJECT_DIGEST_BYTES} bytes each, concatenated; duplicates are kept once. */
  add(digests: Uint8Array): Promise<void> | void;
  /** Makes the added digests the copy's filing, replacing any earlier one, atomically. */
  commit(): Promise<void> | void;
  /** Drops what was added; the copy keeps its earlier filing, if any. */
  abort(): Promise<void> | void;
}

/**
 * Where a release files the keyed digests of the subjects it released, per
 * copy, so an incident reaching several copies counts the union of their
 * subjects exactly (a subject provided twice is one person). It is also the
 * responsibility chain's subject source: `subjectsOf` yields a copy's
 * digests (hex, each once), or undefined for a copy never filed.
 */
export interface SubjectIndex extends SubjectSource {
  /**
   * Files the hex digests of one copy's subjects, replacing any earlier filing of that copy
   * atomically; `key` is the id of the key they were made under (digests under different keys
   * do not match, so counts across them are only lower bounds).
   */
  record(copy: DatasetRef, digests: ReadonlySet<string>, key?: string): Promise<void> | void;
  /** Starts a filing of one copy's subjects made under key `key`, added in batches (for streamed releases). */
  stage(copy: DatasetRef, key?: string): Promise<SubjectFiling> | SubjectFiling;
  /** The key id a copy's live filing was made under; undefined when none was given or the copy is not filed. */
  keyOf(copy: DatasetRef): Promise<string | undefined> | string | undefined;
}

const HEX_DIGEST = /^[0-9a-f]{32}$/;

/**
 * Checks the hex digests given to {@link SubjectIndex.record}.
 *
 * @param digests - the digests
 * @throws {ValidationError} `bad-subject-digest` when one is not 32 lowercase hex characters (never quoted)
 */
export function assertHexDigests(digests: Iterable<string>): void {
  let position = 0;
  for (const digest of digests) {
    if (typeof digest !== 'string' || !HEX_DIGEST.test(digest)) {
      throw new ValidationError(
        `subject digest ${position} is not 32 lowercase hex characters (a digest from subjectDigester)`,
        { path: 'digests', reason: 'bad-subject-digest' },
      );
    }
    position++;
  }
}

/**
 * Checks the raw digests given to {@link SubjectFiling.add}.
 *
 * @param digests - concatenated digests
 * @throws {ValidationError} `bad-subject-digest` when it is not a whole number of digests
 */
export function assertRawDigests(digests: Uint8Array): void {
  if (!(digests instanceof Uint8Array) || digests.length % SUBJECT_DIGEST_BYTES !== 0) {
    throw new ValidationError(
      `subject digests must be a Uint8Array of ${SUBJECT_DIGEST_BYTES}-byte digests`,
      { path: 'digests', reason: 'bad-subject-digest' },
    );
  }
}

/**
 * Splits concatenated raw digests into hex strings.
 *
 * @param digests - concatenated {@link SUBJECT_DIGEST_BYTES}-byte digests
 * @returns their hex forms, in order
 */
export function hexDigests(digests: Uint8Array): string[] {
  const out: string[] = [];
  for (let at = 0; at < digests.length; at += SUBJECT_DIGEST_BYTES) {
    out.push(toHex(digests.subarray(at, at + SUBJECT_DIGEST_BYTES)));
  }
  return out;
}

/**
 * The error of a filing used after commit or abort.
 *
 * @returns a ValidationError `filing-closed`
 */
export function closedFiling(): ValidationError {
  return new ValidationError('this subject filing was already committed or aborted', {
    path: 'filing',
    reason: 'filing-closed',
  });
}
