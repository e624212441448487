import { sha256 } from '@noble/hashes/sha2.js';
import { ValidationError } from '../errors/kinds.ts';

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

// One reusable hasher reset from a pristine template: the tree hashes
// millions of small inputs, and a fresh hasher per call is mostly garbage.
const template = /* @__PURE__ */ sha256.create();
const work = /* @__PURE__ */ sha256.create();
const prefixByte = /* @__PURE__ */ new Uint8Array(1);

/**
 * SHA-256 (@noble/hashes), the default hash of the international suite.
 *
 * @example
 * ```ts
 * sha256Hash(new Uint8Array(0)); // e3b0c442…
 * ```
 */
export const sha256Hash: HashFunction = (data) => {
  template._cloneInto(work);
  work.update(data);
  const out = new Uint8Array(32);
  work.digestInto(out);
  return out;
};

prefixed.set(sha256Hash, (prefix, a, b) => {
  template._cloneInto(work);
  prefixByte[0] = prefix;
  work.update(prefixByte);
  work.update(a);
  if (b !== undefined) work.update(b);
  const out = new Uint8Array(32);
  work.digestInto(out);
  return out;
});

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
