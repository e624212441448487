import { assertRecord, assertString } from '../core/assert.ts';
import { equalBytes } from '../core/bytes.ts';
import { ValidationError } from '../errors/kinds.ts';
import type { SafeResult } from '../errors/safe-result.ts';
import { assertByteArrays, assertBytes } from './assert-bytes.ts';
import { assertNoteVerifiers } from './assert-note-keys.ts';
import {
  type CheckpointFailureReason,
  type VerifiedCheckpoint,
  verifyCheckedCheckpoint,
} from './checkpoint.ts';
import { type HashFunction, hashSize, sha256Hash } from './hash-function.ts';
import { emptyRoot, hashLeaf } from './merkle-hash.ts';
import type { NoteVerifier } from './note-keys.ts';
import { invalidInput, type ProofFailureReason, rejected } from './proof-check.ts';
import { checkConsistency } from './verify-consistency.ts';
import { checkInclusion } from './verify-inclusion.ts';

/** Trust settings for checking proofs against signed checkpoints. */
export interface CheckpointTrust {
  /** The log's trusted verifier keys (see `parseVerifierKey`). */
  readonly verifiers: readonly NoteVerifier[];
  /** The expected origin line; checkpoints of other logs are rejected. */
  readonly origin: string;
  /** The log's hash function (default SHA-256). */
  readonly hash?: HashFunction | undefined;
}

/** The input of {@link safeVerifyInclusionAgainstCheckpoint}. */
export interface InclusionAgainstCheckpointInput extends CheckpointTrust {
  /** The signed checkpoint note. */
  readonly checkpoint: string;
  /** The entry's bytes (its leaf hash is computed), or give `leafHash`. */
  readonly leafBytes?: Uint8Array | undefined;
  /** The entry's RFC 9162 leaf hash. */
  readonly leafHash?: Uint8Array | undefined;
  readonly index: number;
  readonly proof: readonly Uint8Array[];
}

/** The input of {@link checkCheckpointConsistency}. */
export interface CheckpointPairInput extends CheckpointTrust {
  /** One signed checkpoint note. */
  readonly a: string;
  /** The other signed checkpoint note. */
  readonly b: string;
  /** The consistency proof between their sizes (empty or absent for equal sizes). */
  readonly proof?: readonly Uint8Array[] | undefined;
}

// Trust settings are checked up front: a verifier list or hash of the wrong
// type is the caller's mistake, never evidence about the log. Notes, indexes
// and sizes are data: bad ones are reported as failed checks.
function assertTrust(input: Readonly<Record<string, unknown>>): void {
  assertNoteVerifiers(input.verifiers, 'verifiers');
  assertString(input.origin, 'origin');
  if (input.hash !== undefined) hashSize(input.hash as HashFunction);
}

function assertInclusionAgainstCheckpointInput(
  input: unknown,
): asserts input is InclusionAgainstCheckpointInput {
  assertRecord(input, 'input');
  assertTrust(input);
  if (input.leafHash !== undefined) assertBytes(input.leafHash, 'leafHash');
  else if (input.leafBytes !== undefined) assertBytes(input.leafBytes, 'leafBytes');
  else {
    throw new ValidationError('give leafBytes or leafHash', {
      path: 'leafBytes',
      reason: 'missing-leaf',
    });
  }
  assertByteArrays(input.proof, 'proof');
}

function inclusionAgainstCheckpoint(
  input: InclusionAgainstCheckpointInput,
): CheckpointInclusionCheck {
  const hash = input.hash ?? sha256Hash;
  const opened = verifyCheckedCheckpoint(input.checkpoint, input);
  if (!opened.ok) return opened;
  const check = checkInclusion({
    leafHash: input.leafHash ?? hashLeaf(input.leafBytes as Uint8Array, hash),
    index: input.index,
    treeSize: opened.checkpoint.size,
    proof: input.proof,
    root: opened.checkpoint.root,
    hash,
  });
  return check.ok ? opened : check;
}

/** Why a proof was not accepted against a checkpoint. */
export type CheckpointProofFailure = CheckpointFailureReason | ProofFailureReason;

/** The internal result of an inclusion check against a checkpoint. */
type CheckpointInclusionCheck =
  | { readonly ok: true; readonly checkpoint: VerifiedCheckpoint }
  | { readonly ok: false; readonly reason: CheckpointProofFailure };

/**
 * Checks that an entry is in the log, against a signed checkpoint: the
 * checkpoint's signature and origin are verified first, and the proof is
 * checked only against the size and root it signs. Never throws.
 *
 * @param input - trust (`verifiers`, `origin`, `hash`), the signed `checkpoint` note, the entry
 *   (`leafBytes`, or its `leafHash`), its `index` and the inclusion `proof`
 * @returns `{ ok: true, value }` with the verified checkpoint; otherwise `{ ok: false, error }`
 *   with an IntegrityError whose `reason` is a {@link CheckpointProofFailure}, or a
 *   ValidationError with reason `invalid-input` for arguments of the wrong type (or neither
 *   `leafBytes` nor `leafHash`)
 * @example
 * ```ts
 * import { ed25519 } from '../crypto/ed25519.ts';
 * import { createLedger, createNoteSigner, createNoteVerifier, safeVerifyInclusionAgainstCheckpoint } from 'dataguard/provenance';
 * const secretKey = ed25519.generateSecretKey();
 * const origin = 'example.gov.cn/ledger';
 * const ledger = createLedger({ origin, signer: createNoteSigner({ name: origin, secretKey }) });
 * const actor = { id: 'civil-affairs', kind: 'agency' } as const;
 * const entry = await ledger.append({ processing: 'collect', actor, purpose: 'public-service',
 *   legalBasis: 'statutory-duty', inputs: [], outputs: [{ id: 'households' }] });
 * const { note } = await ledger.checkpoint();
 * const { proof } = await ledger.proveInclusion(entry.index);
 * const verifiers = [createNoteVerifier({ name: origin, publicKey: ed25519.getPublicKey(secretKey) })];
 * safeVerifyInclusionAgainstCheckpoint({ checkpoint: note, verifiers, origin, leafBytes: entry.bytes, index: entry.index, proof }).ok; // true
 * ```
 */
export function safeVerifyInclusionAgainstCheckpoint(
  input: InclusionAgainstCheckpointInput,
): SafeResult<VerifiedCheckpoint> {
  // A caller's hash or verifier may also throw: any throw fails closed.
  let check: CheckpointInclusionCheck;
  try {
    assertInclusionAgainstCheckpointInput(input);
    check = inclusionAgainstCheckpoint(input);
  } catch (error) {
    return invalidInput(error);
  }
  return check.ok
    ? { ok: true, value: check.checkpoint }
    : rejected(check.reason, 'inclusion against checkpoint', 'proof');
}

/**
 * Boolean twin of {@link safeVerifyInclusionAgainstCheckpoint}.
 *
 * @param input - see {@link safeVerifyInclusionAgainstCheckpoint}
 * @returns whether the checkpoint verified and the entry is included in it
 * @throws {ValidationError} `missing-leaf` when neither `leafBytes` nor `leafHash` is given;
 *   another reason when an argument has the wrong type
 * @example
 * ```ts
 * import { ed25519 } from '../crypto/ed25519.ts';
 * import { createLedger, createNoteSigner, createNoteVerifier, verifyInclusionAgainstCheckpoint } from 'dataguard/provenance';
 * const secretKey = ed25519.generateSecretKey();
 * const origin = 'example.gov.cn/ledger';
 * const ledger = createLedger({ origin, signer: createNoteSigner({ name: origin, secretKey }) });
 * const actor = { id: 'civil-affairs', kind: 'agency' } as const;
 * const entry = await ledger.append({ processing: 'collect', actor, purpose: 'public-service',
 *   legalBasis: 'statutory-duty', inputs: [], outputs: [{ id: 'households' }] });
 * const { note } = await ledger.checkpoint();
 * const { proof } = await ledger.proveInclusion(entry.index);
 * const verifiers = [createNoteVerifier({ name: origin, publicKey: ed25519.getPublicKey(secretKey) })];
 * verifyInclusionAgainstCheckpoint({ checkpoint: note, verifiers, origin, leafBytes: entry.bytes, index: entry.index, proof }); // true
 * ```
 */
export function verifyInclusionAgainstCheckpoint(input: InclusionAgainstCheckpointInput): boolean {
  assertInclusionAgainstCheckpointInput(input);
  return inclusionAgainstCheckpoint(input).ok;
}

/**
 * Proof that a log signed two checkpoints that cannot both be true (a split
 * view or a rewritten history): both signed notes, which anyone can verify.
 */
export interface InconsistencyEvidence {
  readonly origin: string;
  /** `same-size-different-roots` is conclusive alone; `consistency-proof-failed` holds for the proof given. */
  readonly kind:
    | 'same-size-different-roots'
    | 'consistency-proof-failed'
    | 'empty-tree-root-mismatch';
  /** The two signed notes, smaller size first. */
  readonly notes: readonly [string, string];
  readonly sizes: readonly [number, number];
  /** Why the proof failed, for `consistency-proof-failed`. */
  readonly proofFailure?: ProofFailureReason | undefined;
}

/** The result of checking two checkpoints of one log against each other. */
export type CheckpointConsistencyCheck =
  | {
      readonly ok: true;
      readonly older: VerifiedCheckpoint;
      readonly newer: VerifiedCheckpoint;
    }
  | { readonly ok: false; readonly reason: CheckpointFailureReason; readonly note: 0 | 1 }
  | {
      readonly ok: false;
      readonly reason: 'inconsistent';
      readonly evidence: InconsistencyEvidence;
    };

/**
 * Checks that two signed checkpoints of one log are consistent: both must
 * verify; equal sizes need equal roots; different sizes need a consistency
 * proof from the smaller to the larger. When they are inconsistent the
 * result carries both notes as evidence.
 *
 * @param input - trust (`verifiers`, `origin`, `hash`), the two notes `a` and `b` (any order) and
 *   the consistency `proof` between their sizes (empty for equal sizes)
 * @returns `ok`, a rejected note, or `inconsistent` with evidence
 * @throws {ValidationError} when the trust settings or the proof have the wrong type (a malformed
 *   note is a rejected note, not an error)
 * @example
 * ```ts
 * import { ed25519 } from '../crypto/ed25519.ts';
 * import { checkCheckpointConsistency, createLedger, createNoteSigner, createNoteVerifier } from 'dataguard/provenance';
 * const secretKey = ed25519.generateSecretKey();
 * const origin = 'example.gov.cn/ledger';
 * const ledger = createLedger({ origin, signer: createNoteSigner({ name: origin, secretKey }) });
 * const actor = { id: 'civil-affairs', kind: 'agency' } as const;
 * const entry = await ledger.append({ processing: 'collect', actor, purpose: 'public-service',
 *   legalBasis: 'statutory-duty', inputs: [], outputs: [{ id: 'households' }] });
 * const oldNote = (await ledger.checkpoint()).note;
 * await ledger.append({ processing: 'use', actor, purpose: 'public-service', legalBasis: 'statutory-duty',
 *   inputs: [{ id: 'households' }], outputs: [] });
 * const newNote = (await ledger.checkpoint()).note;
 * const { proof } = await ledger.proveConsistency(1, 2);
 * const verifiers = [createNoteVerifier({ name: origin, publicKey: ed25519.getPublicKey(secretKey) })];
 * const result = checkCheckpointConsistency({ a: oldNote, b: newNote, proof, verifiers, origin });
 * result.ok; // true (a false result with reason 'inconsistent' carries evidence to publish)
 * ```
 */
export function checkCheckpointConsistency(input: CheckpointPairInput): CheckpointConsistencyCheck {
  assertRecord(input, 'input');
  assertTrust(input);
  if (input.proof !== undefined) assertByteArrays(input.proof, 'proof');
  const hash = input.hash ?? sha256Hash;
  const first = verifyCheckedCheckpoint(input.a, input);
  if (!first.ok) return { ok: false, reason: first.reason, note: 0 };
  const second = verifyCheckedCheckpoint(input.b, input);
  if (!second.ok) return { ok: false, reason: second.reason, note: 1 };
  const [older, newer] =
    first.checkpoint.size <= second.checkpoint.size
      ? [first.checkpoint, second.checkpoint]
      : [second.checkpoint, first.checkpoint];
  const evidence = (
    kind: InconsistencyEvidence['kind'],
    proofFailure?: ProofFailureReason,
  ): CheckpointConsistencyCheck => ({
    ok: false,
    reason: 'inconsistent',
    evidence: {
      origin: input.origin,
      kind,
      notes: [older.note, newer.note],
      sizes: [older.size, newer.size],
      proofFailure,
    },
  });
  if (older.size === newer.size) {
    return equalBytes(older.root, newer.root)
      ? { ok: true, older, newer }
      : evidence('same-size-different-roots');
  }
  if (older.size === 0) {
    // Every tree extends the empty one, whose root is fixed.
    return equalBytes(older.root, emptyRoot(hash))
      ? { ok: true, older, newer }
      : evidence('empty-tree-root-mismatch');
  }
  const check = checkConsistency({
    oldSize: older.size,
    newSize: newer.size,
    oldRoot: older.root,
    newRoot: newer.root,
    proof: input.proof ?? [],
    hash,
  });
  return check.ok ? { ok: true, older, newer } : evidence('consistency-proof-failed', check.reason);
}
