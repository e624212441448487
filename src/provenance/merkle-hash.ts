import { assertBytes } from './assert-bytes.ts';
import { type HashFunction, hashSize, prefixedHashOf, sha256Hash } from './hash-function.ts';

// The public functions check their arguments; the ledger, the verifiers and
// the tree reader call the unchecked `hash*` twins from their hot loops.

/** Throws unless `hash` is a usable hash function (the default needs no check). */
function assertHash(hash: unknown): asserts hash is HashFunction {
  if (hash !== sha256Hash) hashSize(hash as HashFunction);
}

/** {@link leafHash} without argument checks (internal). */
export function hashLeaf(bytes: Uint8Array, hash: HashFunction): Uint8Array {
  const streaming = prefixedHashOf(hash);
  if (streaming !== undefined) return streaming(0, bytes);
  const input = new Uint8Array(bytes.length + 1);
  input.set(bytes, 1);
  return hash(input);
}

/** {@link nodeHash} without argument checks (internal). */
export function hashNode(left: Uint8Array, right: Uint8Array, hash: HashFunction): Uint8Array {
  const streaming = prefixedHashOf(hash);
  if (streaming !== undefined) return streaming(1, left, right);
  const input = new Uint8Array(1 + left.length + right.length);
  input[0] = 1;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return hash(input);
}

/**
 * RFC 9162 §2.1.1 leaf hash: `H(0x00 || bytes)`.
 *
 * @param bytes - the leaf's data (for the ledger: the event's canonical JSON)
 * @param hash - the hash function (default SHA-256)
 * @returns the leaf hash
 * @throws {ValidationError} `not-bytes` or `invalid-hash` on arguments of the wrong type
 * @example
 * ```ts
 * import { leafHash } from 'dataguard/provenance';
 * leafHash(new Uint8Array(0)); // 6e340b9c… (RFC 6962 empty leaf)
 * ```
 */
export function leafHash(bytes: Uint8Array, hash: HashFunction = sha256Hash): Uint8Array {
  assertBytes(bytes, 'bytes');
  assertHash(hash);
  return hashLeaf(bytes, hash);
}

/**
 * RFC 9162 §2.1.1 interior node hash: `H(0x01 || left || right)`.
 *
 * @param left - the left child's hash
 * @param right - the right child's hash
 * @param hash - the hash function (default SHA-256)
 * @returns the parent's hash
 * @throws {ValidationError} `not-bytes` or `invalid-hash` on arguments of the wrong type
 * @example
 * ```ts
 * import { leafHash } from 'dataguard/provenance';
 * import { nodeHash } from './merkle-hash.ts';
 * nodeHash(leafHash(new Uint8Array([0])), leafHash(new Uint8Array([0x10])));
 * ```
 */
export function nodeHash(
  left: Uint8Array,
  right: Uint8Array,
  hash: HashFunction = sha256Hash,
): Uint8Array {
  assertBytes(left, 'left');
  assertBytes(right, 'right');
  assertHash(hash);
  return hashNode(left, right, hash);
}

/**
 * The root of the empty tree, `H("")` (RFC 9162 §2.1.1).
 *
 * @param hash - the hash function (default SHA-256)
 * @returns the empty tree's root hash
 * @throws {ValidationError} `invalid-hash` when `hash` is not a hash function
 * @example
 * ```ts
 * import { emptyRoot } from './merkle-hash.ts';
 * emptyRoot(); // e3b0c442… (SHA-256 of nothing)
 * ```
 */
export function emptyRoot(hash: HashFunction = sha256Hash): Uint8Array {
  assertHash(hash);
  return hash(new Uint8Array(0));
}

/**
 * A node hasher that reuses one scratch buffer: hot loops (append, verify,
 * proofs) hash millions of 2×32-byte pairs and should not allocate the input.
 */
export interface NodeHasher {
  readonly hash: HashFunction;
  readonly size: number;
  node(left: Uint8Array, right: Uint8Array): Uint8Array;
}

const hashers = /* @__PURE__ */ new WeakMap<HashFunction, NodeHasher>();

/** The cached {@link NodeHasher} for `hash` (internal). */
export function createNodeHasher(hash: HashFunction): NodeHasher {
  let hasher = hashers.get(hash);
  if (hasher === undefined) {
    hasher = buildNodeHasher(hash);
    hashers.set(hash, hasher);
  }
  return hasher;
}

function buildNodeHasher(hash: HashFunction): NodeHasher {
  const size = hashSize(hash);
  const streaming = prefixedHashOf(hash);
  if (streaming !== undefined) {
    return { hash, size, node: (left, right) => streaming(1, left, right) };
  }
  const scratch = new Uint8Array(1 + 2 * size);
  scratch[0] = 1;
  return {
    hash,
    size,
    node(left, right) {
      // Wrong-length inputs fall back to an exact buffer: they cannot match a
      // real root, and truncating them would hide the difference.
      if (left.length !== size || right.length !== size) return hashNode(left, right, hash);
      scratch.set(left, 1);
      scratch.set(right, 1 + size);
      return hash(scratch);
    },
  };
}
