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
import { isPowerOfTwo, isTreeNumber } from './tree-math.ts';

/** The inputs of a consistency proof check (RFC 9162 §2.1.4.2). */
export interface ConsistencyProofInput {
  /** Size of the older tree. */
  readonly oldSize: number;
  /** Size of the newer tree. */
  readonly newSize: number;
  /** Root of the older tree. */
  readonly oldRoot: Uint8Array;
  /** Root of the newer tree. */
  readonly newRoot: Uint8Array;
  /** The consistency path. */
  readonly proof: readonly Uint8Array[];
  /** The tree's hash function (default SHA-256). */
  readonly hash?: HashFunction | undefined;
}

/**
 * Throws a ValidationError unless `input` has the types of a
 * {@link ConsistencyProofInput} (internal). Bad sizes are a failed proof
 * (`invalid-size`), not a type error.
 */
function assertConsistencyInput(input: unknown): asserts input is ConsistencyProofInput {
  assertRecord(input, 'input');
  assertBytes(input.oldRoot, 'oldRoot');
  assertBytes(input.newRoot, 'newRoot');
  assertByteArrays(input.proof, 'proof');
  if (input.hash !== undefined) hashSize(input.hash as HashFunction);
}

/** The consistency check on arguments already checked (internal: shared by both twins). */
export function checkConsistency(input: ConsistencyProofInput): ProofCheck {
  const { oldSize, newSize, oldRoot, newRoot, proof } = input;
  if (!isTreeNumber(oldSize) || !isTreeNumber(newSize)) return failed('invalid-size');
  if (oldSize > newSize) return failed('old-size-greater');
  if (oldSize === 0) return failed('old-size-zero');
  if (oldSize === newSize) {
    if (proof.length !== 0) return failed('proof-not-empty');
    return equalBytes(oldRoot, newRoot) ? PROOF_OK : failed('root-mismatch');
  }
  // RFC 9162 §2.1.4.2.
  if (proof.length === 0) return failed('proof-too-short');
  const hasher = createNodeHasher(input.hash ?? sha256Hash);
  for (const p of proof) if (p.length !== hasher.size) return failed('bad-hash-length');
  let fn = oldSize - 1;
  let sn = newSize - 1;
  // Step 2: when the old size is a power of two its root is the first node.
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : proof;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0] as Uint8Array;
  let sr = fr;
  for (let i = 1; i < path.length; i++) {
    const c = path[i] as Uint8Array;
    if (sn === 0) return failed('proof-too-long');
    if (fn % 2 === 1 || fn === sn) {
      fr = hasher.node(c, fr);
      sr = hasher.node(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = hasher.node(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return failed('proof-too-short');
  if (!equalBytes(fr, oldRoot)) return failed('old-root-mismatch');
  return equalBytes(sr, newRoot) ? PROOF_OK : failed('root-mismatch');
}

/**
 * Checks an RFC 9162 consistency proof and says why it fails. Never throws.
 * Equal sizes need an empty proof and equal roots; an empty old tree is
 * rejected (the RFC defines proofs for 0 < old ≤ new).
 *
 * @param input - sizes, roots, proof and optional hash
 * @returns `{ ok: true, value: true }` when the proof holds; otherwise `{ ok: false, error }`
 *   with an IntegrityError whose `reason` is a {@link ProofFailureReason}, or a
 *   ValidationError with reason `invalid-input` for arguments of the wrong type
 * @example
 * ```ts
 * import { leafHash, safeVerifyConsistency } from 'dataguard/provenance';
 * const r = leafHash(new TextEncoder().encode('event'));
 * safeVerifyConsistency({ oldSize: 1, newSize: 1, oldRoot: r, newRoot: r, proof: [] }); // { ok: true, value: true }
 * ```
 */
export function safeVerifyConsistency(input: ConsistencyProofInput): SafeResult<true> {
  // A caller's hash function may also throw mid-proof: any throw fails closed.
  let check: ProofCheck;
  try {
    assertConsistencyInput(input);
    check = checkConsistency(input);
  } catch (error) {
    return invalidInput(error);
  }
  return check.ok
    ? { ok: true, value: true }
    : rejected(check.reason, 'consistency proof', 'proof');
}

/**
 * Verifies an RFC 9162 consistency proof: true only when the tree of
 * `oldSize` leaves with `oldRoot` is a prefix of the tree of `newSize`
 * leaves with `newRoot`.
 *
 * @param input - sizes, roots, proof and optional hash
 * @returns whether the proof holds
 * @throws {ValidationError} when an argument has the wrong type (not bytes, not a hash function)
 * @example
 * ```ts
 * import { leafHash, verifyConsistency } from 'dataguard/provenance';
 * const r = leafHash(new TextEncoder().encode('event'));
 * verifyConsistency({ oldSize: 1, newSize: 1, oldRoot: r, newRoot: r, proof: [] }); // true
 * ```
 */
export function verifyConsistency(input: ConsistencyProofInput): boolean {
  assertConsistencyInput(input);
  return checkConsistency(input).ok;
}
