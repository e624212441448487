import type { DataguardError } from '../errors/dataguard-error.ts';
import { IntegrityError, ValidationError } from '../errors/kinds.ts';

/** Why a Merkle proof did not verify. */
export type ProofFailureReason =
  /** An index or size is not an integer in [0, 2^53). */
  | 'invalid-size'
  /** The leaf index is not below the tree size. */
  | 'index-out-of-range'
  /** The old tree is larger than the new one. */
  | 'old-size-greater'
  /** Consistency with an empty tree is not defined (RFC 9162 §2.1.4: 0 < m). */
  | 'old-size-zero'
  /** Equal sizes need an empty proof. */
  | 'proof-not-empty'
  /** A proof hash, the leaf hash or the root does not have the hash's length. */
  | 'bad-hash-length'
  /** The proof has fewer hashes than the sizes need. */
  | 'proof-too-short'
  /** The proof has more hashes than the sizes need. */
  | 'proof-too-long'
  /** The recomputed root differs from the given root. */
  | 'root-mismatch'
  /** The recomputed old root differs from the given old root. */
  | 'old-root-mismatch'
  /** An argument has the wrong type (not bytes, not a hash function): only from the `safe*` checks. */
  | 'invalid-input';

/** The result of a non-throwing proof check: `ok`, or the reason it failed. */
export type ProofCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: ProofFailureReason };

export const PROOF_OK: ProofCheck = Object.freeze({ ok: true });

/** A failed check with its reason (internal). */
export function failed(reason: ProofFailureReason): ProofCheck {
  return { ok: false, reason };
}

/**
 * The failed `safeX` result for a check that did not hold: an IntegrityError
 * whose `reason` is the failure reason (internal).
 */
export function rejected(
  reason: string,
  what: string,
  path: string,
): { readonly ok: false; readonly error: DataguardError } {
  return { ok: false, error: new IntegrityError(`${what} rejected: ${reason}`, { path, reason }) };
}

/**
 * The failed `safeX` result for arguments of the wrong type, or a caller's
 * hash or verifier that threw: a ValidationError with reason `invalid-input` (internal).
 */
export function invalidInput(cause: unknown): {
  readonly ok: false;
  readonly error: DataguardError;
} {
  return {
    ok: false,
    error: new ValidationError('an argument has the wrong type or a callback threw', {
      reason: 'invalid-input',
      cause,
    }),
  };
}
