import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from '../core/bytes.ts';
import { canonicalBytes } from '../core/canonical-json.ts';

/**
 * The `sha-256:<hex>` digest of a value's RFC 8785 canonical JSON.
 *
 * @param value - a JSON value
 * @returns the digest
 */
export function digestOf(value: unknown): string {
  return `sha-256:${toHex(sha256(canonicalBytes(value)))}`;
}
