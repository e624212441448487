import { fromHex } from '../../core/bytes.ts';
import { SUBJECT_DIGEST_BYTES } from '../../responsibility/subject-index.ts';

/** Digests read per page from a store (bounds the memory of one read). */
export const SUBJECT_PAGE = 8192;

/**
 * Concatenates checked hex digests into raw bytes.
 *
 * @param digests - hex digests (already checked by assertHexDigests)
 * @returns the raw digests, concatenated
 */
export function rawDigests(digests: ReadonlySet<string>): Uint8Array {
  const out = new Uint8Array(digests.size * SUBJECT_DIGEST_BYTES);
  let at = 0;
  for (const digest of digests) {
    out.set(fromHex(digest) as Uint8Array, at);
    at += SUBJECT_DIGEST_BYTES;
  }
  return out;
}

/**
 * Views each digest of concatenated raw digests as a Buffer (no copy), for binding as a BLOB.
 *
 * @param digests - concatenated raw digests
 * @returns one Buffer per digest
 */
export function digestBuffers(digests: Uint8Array): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < digests.length; at += SUBJECT_DIGEST_BYTES) {
    out.push(Buffer.from(digests.buffer, digests.byteOffset + at, SUBJECT_DIGEST_BYTES));
  }
  return out;
}
