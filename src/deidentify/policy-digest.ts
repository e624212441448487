import { sha256 } from '@noble/hashes/sha2.js';
import { assertFunction, assertRecord } from '../core/assert.ts';
import { canonicalBytes } from '../core/canonical-json.ts';
import { ValidationError } from '../errors/kinds.ts';
import { hexPrefix } from './encoding.ts';
import type { PolicyDocument } from './policy-schema.ts';

/** A digest function and the algorithm name it goes by in digests (`sha-256`, `sm3`). */
export interface DigestFunction {
  readonly algorithm: 'sha-256' | 'sm3';
  digest(data: Uint8Array): Uint8Array;
}

const SHA256: DigestFunction = { algorithm: 'sha-256', digest: (data) => sha256(data) };

/**
 * The digest of a policy for provenance: `<algorithm>:<hex>` over its RFC 8785
 * canonical JSON. SHA-256 by default; pass the keyring's suite for SM3.
 *
 * @param policy - a validated policy document
 * @param hash - the digest to use (default SHA-256)
 * @returns the digest, e.g. `sha-256:…`
 * @throws {ValidationError} reason `invalid-argument` when `hash` is not a digest function
 * @example
 * ```ts
 * import { policyDigest } from 'dataguard/deidentify';
 * policyDigest({ id: 'p', version: '1', rules: [] }).startsWith('sha-256:'); // true
 * ```
 */
export function policyDigest(policy: PolicyDocument, hash: DigestFunction = SHA256): string {
  assertRecord(hash, 'hash');
  if (hash.algorithm !== 'sha-256' && hash.algorithm !== 'sm3') {
    throw new ValidationError('hash.algorithm must be sha-256 or sm3', {
      path: 'hash.algorithm',
      reason: 'invalid-argument',
    });
  }
  assertFunction(hash.digest, 'hash.digest');
  const digest: unknown = hash.digest(canonicalBytes(policy));
  if (!(digest instanceof Uint8Array) || digest.length === 0) {
    throw new ValidationError('hash.digest must return the digest bytes', {
      path: 'hash.digest',
      reason: 'invalid-argument',
    });
  }
  return `${hash.algorithm}:${hexPrefix(digest, 64)}`;
}
