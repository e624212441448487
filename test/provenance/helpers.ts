// Shared test fixtures for the provenance tests.
import { sha512 } from '@noble/hashes/sha2.js';
import { fixedClock } from '../../src/core/clock.ts';
import type { RandomSource } from '../../src/core/random.ts';
import type { HashFunction, ProcessingEventInput } from '../../src/provenance/index.ts';
import { nodeHash } from '../../src/provenance/merkle-hash.ts';

export const ORIGIN = 'example.gov.cn/ledger';
/** A fixed Ed25519 secret key (test only). */
export const SECRET: Uint8Array = Uint8Array.from({ length: 32 }, (_, i) => i + 1);

export const agency = {
  id: 'fj-bigdata',
  kind: 'agency',
  name: 'Fujian Big Data Administration',
} as const;
export const developer = { id: 'acme-dev', kind: 'enterprise', name: 'Acme Data Co.' } as const;
export const etl = { id: 'etl-runner', kind: 'system' } as const;

/** SHA-512 truncated to 32 bytes: a second hash to prove the hash is really injected. */
export const sha512t: HashFunction = (data) => sha512(data).slice(0, 32);

/** A deterministic random source (counter bytes). */
export function counterRandom(): RandomSource {
  let n = 0;
  return (bytes) => {
    for (let i = 0; i < bytes.length; i++) bytes[i] = (n++ * 37) & 255;
    return bytes;
  };
}

export function testClock(): ReturnType<typeof fixedClock> {
  return fixedClock('2026-03-01T08:00:00+08:00');
}

/** A valid event with overridable fields. */
export function event(overrides: Partial<ProcessingEventInput> = {}): ProcessingEventInput {
  return {
    processing: 'process',
    actor: etl,
    onBehalfOf: agency,
    purpose: 'public-service.social-assistance.eligibility',
    legalBasis: 'statutory-duty',
    inputs: [{ id: 'households', version: '3' }],
    outputs: [{ id: 'eligibility', version: '1' }],
    ...overrides,
  };
}

/** Reference Merkle tree hash (RFC 9162 §2.1.1), recursive. */
export function referenceRoot(leafHashes: readonly Uint8Array[], hash: HashFunction): Uint8Array {
  if (leafHashes.length === 0) return hash(new Uint8Array(0));
  if (leafHashes.length === 1) return leafHashes[0] as Uint8Array;
  let k = 1;
  while (k * 2 < leafHashes.length) k *= 2;
  return nodeHash(
    referenceRoot(leafHashes.slice(0, k), hash),
    referenceRoot(leafHashes.slice(k), hash),
    hash,
  );
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
