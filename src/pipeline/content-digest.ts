import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from '../core/bytes.ts';
import { canonicalJson } from '../core/canonical-json.ts';
import { sm3Hash } from '../crypto/sm3.ts';

/** An incremental content digest of a record stream. */
export interface ContentDigest {
  /** Adds one record. */
  add(record: unknown): void;
  /** The digest as `sha-256:<hex>` or `sm3:<hex>`. */
  finish(): string;
}

const encoder = /* @__PURE__ */ new TextEncoder();

/**
 * Digests records as canonical NDJSON: the hash of every record's RFC 8785
 * canonical JSON followed by a newline, in order. Two runs producing the same
 * records in the same order produce the same digest, whatever the file format.
 *
 * @param algorithm - `sha-256` (international suite) or `sm3` (national suite)
 * @returns an incremental digest
 * @example
 * ```ts
 * import { createContentDigest } from './content-digest.ts';
 * const digest = createContentDigest('sha-256');
 * digest.add({ a: 1 });
 * digest.finish(); // 'sha-256:…'
 * ```
 */
export function createContentDigest(algorithm: 'sha-256' | 'sm3'): ContentDigest {
  const hash = algorithm === 'sm3' ? sm3Hash.create() : sha256.create();
  return {
    add(record) {
      hash.update(encoder.encode(`${canonicalJson(record)}\n`));
    },
    finish: () => `${algorithm}:${toHex(hash.digest())}`,
  };
}
