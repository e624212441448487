import { sha256 } from '@noble/hashes/sha2.js';
import { canonicalBytes } from '../core/canonical-json.ts';
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
 * @example
 * ```ts
 * import { policyDigest } from 'dataguard/deidentify';
 * policyDigest({ id: 'p', version: '1', rules: [] }).startsWith('sha-256:'); // true
 * ```
 */
export function policyDigest(policy: PolicyDocument, hash: DigestFunction = SHA256): string {
  return `${hash.algorithm}:${hexPrefix(hash.digest(canonicalBytes(policy)), 64)}`;
}
