import { ValidationError } from '../errors/kinds.ts';
import { sha256Oneshot } from './sha256-oneshot.ts';

/**
 * A hash function for the Merkle tree: bytes in, digest out (32 bytes for
 * SHA-256 and SM3). It must be pure and must not keep a reference to its
 * input, because callers reuse scratch buffers.
 */
export type HashFunction = (data: Uint8Array) => Uint8Array;

/**
 * Hashes `prefix || a || b` without concatenating first; only the default
 * SHA-256 has one (internal: leaf and node hashing look it up).
 */
export type PrefixedHash = (prefix: number, a: Uint8Array, b?: Uint8Array) => Uint8Array;

const prefixed = /* @__PURE__ */ new WeakMap<HashFunction, PrefixedHash>();

/** The streaming form of `hash`, when it has one (internal). */
export function prefixedHashOf(hash: HashFunction): PrefixedHash | undefined {
  return prefixed.get(hash);
}

/**
 * SHA-256, the default hash of the international suite (FIPS 180-4; digests
 * equal @noble/hashes' sha256, which the tests check).
 *
 * @example
 * ```ts
 * import { sha256Hash } from './hash-function.ts';
 * sha256Hash(new Uint8Array(0)); // e3b0c442…
 * ```
 */
export const sha256Hash: HashFunction = (data) => sha256Oneshot(-1, data);

prefixed.set(sha256Hash, sha256Oneshot);

const sizes = /* @__PURE__ */ new WeakMap<HashFunction, number>();

function invalidHash(message: string, cause?: unknown): ValidationError {
  return new ValidationError(message, { path: 'hash', reason: 'invalid-hash', cause });
}

/**
 * The digest length of a hash function, measured once and cached; also the
 * boundary check that a caller-supplied hash is usable.
 *
 * @param hash - the hash function
 * @returns its output length in bytes
 * @throws {ValidationError} `invalid-hash` when `hash` is not a function returning non-empty bytes
 * @example
 * ```ts
 * import { hashSize, sha256Hash } from './hash-function.ts';
 * hashSize(sha256Hash); // 32
 * ```
 */
export function hashSize(hash: HashFunction): number {
  let size = sizes.get(hash);
  if (size === undefined) {
    if (typeof hash !== 'function') throw invalidHash('hash must be a function');
    let probe: unknown;
    try {
      probe = hash(new Uint8Array(0));
    } catch (cause) {
      throw invalidHash('hash failed on the empty input', cause);
    }
    if (!(probe instanceof Uint8Array) || probe.length === 0) {
      throw invalidHash('hash must return a non-empty Uint8Array');
    }
    size = probe.length;
    sizes.set(hash, size);
  }
  return size;
}
