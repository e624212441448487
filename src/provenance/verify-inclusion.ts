import { assertRecord } from '../core/assert.ts';
import { equalBytes } from '../core/bytes.ts';
import type { SafeResult } from '../errors/safe-result.ts';
import { assertByteArrays, assertBytes } from './assert-bytes.ts';
import type { HashFunction } from './hash-function.ts';
import { hashSize, sha256Hash } from './hash-function.ts';
import { createNodeHasher } from './merkle-hash.ts';
import {
  failed,
  invalidInput,
  PROOF_OK,
  type ProofCheck,
  type ProofFailureReason,
  rejected,
} from './proof-check.ts';
import { isTreeNumber } from './tree-math.ts';

/** The inputs of an inclusion proof check (RFC 9162 §2.1.3.2). */
export interface InclusionProofInput {
  /** The RFC 9162 leaf hash `H(0x00 || bytes)` of the entry. */
  readonly leafHash: Uint8Array;
  /** The entry's 0-based index. */
  readonly index: number;
  /** The size of the tree the root belongs to. */
  readonly treeSize: number;
  /** The audit path, bottom-up. */
  readonly proof: readonly Uint8Array[];
  /** The root hash of the tree of `treeSize` leaves. */
  readonly root: Uint8Array;
  /** The tree's hash function (default SHA-256). */
  readonly hash?: HashFunction | undefined;
}

/**
 * Throws a ValidationError unless `input` has the types of an
 * {@link InclusionProofInput} (internal). Sizes are not checked here: a bad
 * index or size is a failed proof (`invalid-size`), not a type error.
 */
function assertInclusionInput(input: unknown): asserts input is InclusionProofInput {
  assertRecord(input, 'input');
  assertBytes(input.leafHash, 'leafHash');
  assertBytes(input.root, 'root');
  assertByteArrays(input.proof, 'proof');
  if (input.hash !== undefined) hashSize(input.hash as HashFunction);
}

/** The inclusion check on arguments already checked (internal: shared by both twins). */
export function checkInclusion(input: InclusionProofInput): ProofCheck {
  const { leafHash, index, treeSize, proof, root } = input;
  if (!isTreeNumber(index) || !isTreeNumber(treeSize)) return failed('invalid-size');
  if (index >= treeSize) return failed('index-out-of-range');
  const hasher = createNodeHasher(input.hash ?? sha256Hash);
  if (leafHash.length !== hasher.size || root.length !== hasher.size) {
    return failed('bad-hash-length');
  }
  // RFC 9162 §2.1.3.2, steps 2–5.
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return failed('proof-too-long');
    if (p.length !== hasher.size) return failed('bad-hash-length');
    if (fn % 2 === 1 || fn === sn) {
      r = hasher.node(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = hasher.node(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return failed('proof-too-short');
  return equalBytes(r, root) ? PROOF_OK : failed('root-mismatch');
}

/**
 * Checks an RFC 9162 inclusion proof and says why it fails. Never throws.
 *
 * @param input - leaf hash, index, tree size, proof, root and optional hash
 * @returns `{ ok: true, value: true }` when the proof holds; otherwise `{ ok: false, error }`
 *   with an IntegrityError whose `reason` is a {@link ProofFailureReason}, or a
 *   ValidationError with reason `invalid-input` for arguments of the wrong type
 * @example
 * ```ts
 * import { leafHash, safeVerifyInclusion } from 'dataguard/provenance';
 * const h = leafHash(new TextEncoder().encode('event'));
 * safeVerifyInclusion({ leafHash: h, index: 0, treeSize: 1, proof: [], root: h }); // { ok: true, value: true }
 * ```
 */
export function safeVerifyInclusion(input: InclusionProofInput): SafeResult<true> {
  // A caller's hash function may also throw mid-proof: any throw fails closed.
  let check: ProofCheck;
  try {
    assertInclusionInput(input);
    check = checkInclusion(input);
  } catch (error) {
    return invalidInput(error);
  }
  return check.ok ? { ok: true, value: true } : rejected(check.reason, 'inclusion proof', 'proof');
}

/**
 * Verifies an RFC 9162 inclusion proof: true only when the leaf is at
 * `index` in the tree of `treeSize` leaves whose root is `root`.
 *
 * @param input - leaf hash, index, tree size, proof, root and optional hash
 * @returns whether the proof holds
 * @throws {ValidationError} when an argument has the wrong type (not bytes, not a hash function)
 * @example
 * ```ts
 * import { leafHash, verifyInclusion } from 'dataguard/provenance';
 * const h = leafHash(new TextEncoder().encode('event'));
 * verifyInclusion({ leafHash: h, index: 0, treeSize: 1, proof: [], root: h }); // true (a one-leaf tree's root is its leaf)
 * ```
 */
export function verifyInclusion(input: InclusionProofInput): boolean {
  assertInclusionInput(input);
  return checkInclusion(input).ok;
}
