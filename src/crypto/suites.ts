// The two crypto suites: international (SHA-256, AES, Ed25519) and national
// (SM3, SM4, SM2). Everything keyed in dataguard goes through one of them.
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { CHash } from '@noble/hashes/utils.js';
import { type RandomSource, systemRandom } from '../core/random.ts';
import { CryptoError, ValidationError } from '../errors/kinds.ts';
import { gcmScheme, sivScheme } from './aead-schemes.ts';
import { createEd25519 } from './ed25519.ts';
import { createSm2 } from './sm2.ts';
import { sm3Hash } from './sm3.ts';
import type { CryptoSuite, SuiteId } from './types.ts';

function bytes(value: unknown, path: string): Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new CryptoError(`${path} must be a Uint8Array`, { reason: 'invalid-input', path });
  }
  return value;
}

function hashFunctions(hash: CHash) {
  return {
    digest: (data: Uint8Array): Uint8Array => hash(bytes(data, 'data')),
    hmac: (key: Uint8Array, data: Uint8Array): Uint8Array =>
      hmac(hash, bytes(key, 'key'), bytes(data, 'data')),
    hkdf(ikm: Uint8Array, salt: Uint8Array | undefined, info: Uint8Array, length: number) {
      if (!Number.isInteger(length) || length < 1 || length > 255 * 32) {
        throw new CryptoError('HKDF length must be an integer in 1..8160', {
          reason: 'invalid-length',
          path: 'length',
        });
      }
      return hkdf(
        hash,
        bytes(ikm, 'ikm'),
        salt === undefined ? undefined : bytes(salt, 'salt'),
        bytes(info, 'info'),
        length,
      );
    },
  };
}

/**
 * Builds a suite with an injected random source (nonces, key generation, SM2 hedging).
 *
 * @param id - `international` or `national`
 * @param options - `random` (default: the platform CSPRNG)
 * @returns the suite
 * @throws {ValidationError} on an unknown suite id (`unknown-suite`)
 * @example
 * ```ts
 * import { createSuite } from 'dataguard/crypto';
 * const suite = createSuite('national');
 * suite.digest(new Uint8Array()).length; // 32
 * ```
 */
export function createSuite(id: SuiteId, options: { random?: RandomSource } = {}): CryptoSuite {
  const random = options.random ?? systemRandom;
  if (id === 'international') {
    return Object.freeze({
      id,
      digestAlgorithm: 'sha-256',
      ...hashFunctions(sha256),
      deterministicAead: sivScheme('AES-256-SIV', 'aes', 64),
      randomizedAead: gcmScheme('AES-256-GCM', 'aes', 32, random),
      signature: createEd25519(random),
      blockCipher: 'aes',
    } as const);
  }
  if (id === 'national') {
    return Object.freeze({
      id,
      digestAlgorithm: 'sm3',
      ...hashFunctions(sm3Hash),
      deterministicAead: sivScheme('SM4-SIV', 'sm4', 32),
      randomizedAead: gcmScheme('SM4-GCM', 'sm4', 16, random),
      signature: createSm2({ random }),
      blockCipher: 'sm4',
    } as const);
  }
  throw new ValidationError('suite must be "international" or "national"', {
    reason: 'unknown-suite',
    path: 'suite',
  });
}

/**
 * The international suite: SHA-256, HMAC-SHA-256, HKDF-SHA-256, AES-256-SIV,
 * AES-256-GCM, Ed25519.
 *
 * @example
 * ```ts
 * import { international } from 'dataguard/crypto';
 * international.hmac(new Uint8Array(32), new Uint8Array([1])).length; // 32
 * ```
 */
export const international: CryptoSuite = /* @__PURE__ */ createSuite('international');

/**
 * The national (商用密码) suite: SM3, HMAC-SM3, HKDF-SM3, SM4-SIV, SM4-GCM,
 * SM2 signatures with Z_A over the id `1234567812345678`.
 *
 * @example
 * ```ts
 * import { national } from 'dataguard/crypto';
 * national.digest(new TextEncoder().encode('abc')).length; // 32
 * ```
 */
export const national: CryptoSuite = /* @__PURE__ */ createSuite('national');

/**
 * Returns the suite with the given id.
 *
 * @param id - `international` or `national`
 * @returns the shared suite instance
 * @throws {ValidationError} on an unknown id (`unknown-suite`)
 * @example
 * ```ts
 * import { getSuite } from 'dataguard/crypto';
 * getSuite('national').digestAlgorithm; // 'sm3'
 * ```
 */
export function getSuite(id: SuiteId): CryptoSuite {
  if (id === 'international') return international;
  if (id === 'national') return national;
  throw new ValidationError('suite must be "international" or "national"', {
    reason: 'unknown-suite',
    path: 'suite',
  });
}
