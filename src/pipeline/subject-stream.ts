import { SUBJECT_DIGEST_BYTES } from '../responsibility/subject-index.ts';

/** Digests handed to the filing at once (64 KiB). */
const BATCH = 4096;

/** Follows a records release row by row and hands the digests of released subjects to a filing. */
export interface SubjectStream {
  /** An input row was admitted (the transformer numbers it next, from 1); `subject` is its subject id. */
  admit(subject: string): void;
  /** The transformer released its next row (in order; rejected rows are never released). */
  released(): Promise<void> | void;
  /** Hands over what is left; the number of released rows whose digests were filed. */
  finish(): Promise<number>;
}

/**
 * Files the subjects of a records release as it streams: the digest of each
 * admitted row waits until the transformer either releases the row or rejects
 * it, so memory holds only the rows in flight, never the whole release.
 *
 * @param digest - the raw subject digest ({@link SUBJECT_DIGEST_BYTES} bytes)
 * @param rejected - the admitted row numbers the transformer rejected, filled as it runs
 * @param onDigests - where batches of raw digests go (the staged filing)
 * @returns the stream
 */
export function streamSubjects(
  digest: (subject: string) => Uint8Array,
  rejected: ReadonlySet<number>,
  onDigests: (digests: Uint8Array) => Promise<void> | void,
): SubjectStream {
  // Digests of admitted rows not yet released or rejected; queue[head] is row `next`.
  let queue: Uint8Array[] = [];
  let head = 0;
  let next = 1;
  let batch = new Uint8Array(BATCH * SUBJECT_DIGEST_BYTES);
  let inBatch = 0;
  let filed = 0;
  const flush = async () => {
    if (inBatch === 0) return;
    const full = batch.subarray(0, inBatch * SUBJECT_DIGEST_BYTES);
    batch = new Uint8Array(BATCH * SUBJECT_DIGEST_BYTES);
    inBatch = 0;
    await onDigests(full);
  };
  const take = (): Uint8Array => {
    const value = queue[head] as Uint8Array;
    head++;
    next++;
    if (head >= 1024 && head * 2 >= queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
    return value;
  };
  return {
    admit(subject) {
      queue.push(digest(subject));
    },
    released() {
      while (rejected.has(next)) take();
      if (head >= queue.length) {
        throw new Error('a row was released that was never admitted');
      }
      batch.set(take(), inBatch * SUBJECT_DIGEST_BYTES);
      inBatch++;
      filed++;
      return inBatch === BATCH ? flush() : undefined;
    },
    async finish() {
      await flush();
      queue = [];
      head = 0;
      return filed;
    },
  };
}
