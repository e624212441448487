// SM2 digital signatures (GB/T 32918.2-2016) on the recommended 256-bit curve
// (GB/T 32918.5-2017), with noble's Weierstrass arithmetic and our SM3.

import { mod } from '@noble/curves/abstract/modular.js';
import { type WeierstrassPoint, weierstrass } from '@noble/curves/abstract/weierstrass.js';
import { bytesToNumberBE, numberToBytesBE } from '@noble/curves/utils.js';
import { hmac } from '@noble/hashes/hmac.js';
import { concatBytes, utf8 } from '../core/bytes.ts';
import { type RandomSource, systemRandom } from '../core/random.ts';
import { CryptoError } from '../errors/kinds.ts';
import { sm3, sm3Hash } from './sm3.ts';
import type { SignatureScheme } from './types.ts';

const CURVE: {
  readonly p: bigint;
  readonly n: bigint;
  readonly h: bigint;
  readonly a: bigint;
  readonly b: bigint;
  readonly Gx: bigint;
  readonly Gy: bigint;
} = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  h: 1n,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
};
const N = CURVE.n;

/** The SM2 recommended curve's point type (GB/T 32918.5). */
const Point = /* @__PURE__ */ weierstrass(CURVE);

/** The default signer id of GB/T 32918 / GM/T 0009: the ASCII string `1234567812345678`. */
export const SM2_DEFAULT_ID: string = '1234567812345678';

const CURVE_BYTES = /* @__PURE__ */ concatBytes(
  numberToBytesBE(CURVE.a, 32),
  numberToBytesBE(CURVE.b, 32),
  numberToBytesBE(CURVE.Gx, 32),
  numberToBytesBE(CURVE.Gy, 32),
);

function secretScalar(secretKey: Uint8Array): bigint {
  if (!(secretKey instanceof Uint8Array) || secretKey.length !== 32) {
    throw new CryptoError('SM2 secret key must be 32 bytes', {
      reason: 'invalid-key-length',
      path: 'secretKey',
    });
  }
  const d = bytesToNumberBE(secretKey);
  // d = n − 1 would make (1 + d) non-invertible, so the range is [1, n − 2].
  if (d < 1n || d > N - 2n) {
    throw new CryptoError('SM2 secret key is out of range', {
      reason: 'invalid-key',
      path: 'secretKey',
    });
  }
  return d;
}

/**
 * Z_A = SM3(ENTL_A || ID_A || a || b || x_G || y_G || x_A || y_A) (GB/T 32918.2 §5.5).
 *
 * @param publicKey - the signer's public key (65-byte uncompressed or 33-byte compressed)
 * @param id - the signer's distinguishing id (default `1234567812345678`)
 * @returns the 32-byte Z_A
 * @throws {CryptoError} when the key is not a curve point or the id is too long
 * @example
 * ```ts
 * import { sm2 } from './sm2.ts';
 * import { sm2Za } from './sm2.ts';
 * const publicKey = sm2.getPublicKey(sm2.generateSecretKey());
 * sm2Za(publicKey).length; // 32
 * ```
 */
export function sm2Za(publicKey: Uint8Array, id: Uint8Array = utf8(SM2_DEFAULT_ID)): Uint8Array {
  if (id.length > 8191) {
    throw new CryptoError('SM2 id must be at most 8191 bytes', {
      reason: 'invalid-id',
      path: 'id',
    });
  }
  const point = Point.fromBytes(publicKey);
  const raw = point.toBytes(false);
  const entl = id.length * 8;
  return sm3(concatBytes(Uint8Array.of(entl >>> 8, entl & 0xff), id, CURVE_BYTES, raw.subarray(1)));
}

function messageScalar(publicKey: Uint8Array, id: Uint8Array, message: Uint8Array): bigint {
  return bytesToNumberBE(sm3(concatBytes(sm2Za(publicKey, id), message)));
}

/**
 * One SM2 signing attempt with a given k (GB/T 32918.2 §6.1 steps A4–A6);
 * returns undefined when k must be redrawn. Exposed for known-answer tests.
 *
 * @param d - the secret scalar
 * @param e - the message scalar SM3(Z_A || M)
 * @param k - the per-signature scalar in [1, n − 1]
 * @returns r || s, or undefined when r = 0, r + k = n or s = 0
 * @example
 * ```ts
 * import { sm2SignWithK } from './sm2.ts';
 * sm2SignWithK(1n, 2n, 3n)?.length; // 64 (r || s)
 * ```
 */
export function sm2SignWithK(d: bigint, e: bigint, k: bigint): Uint8Array | undefined {
  const x1 = Point.BASE.multiply(k).toAffine().x;
  const r = mod(e + x1, N);
  if (r === 0n || r + k === N) return undefined;
  const s = mod(Point.Fn.inv(1n + d) * (k - r * d), N);
  if (s === 0n) return undefined;
  return concatBytes(numberToBytesBE(r, 32), numberToBytesBE(s, 32));
}

/**
 * Creates an SM2 signature scheme bound to a signer id.
 *
 * Nonces are hedged: k is derived with HMAC-SM3 from the secret key, the
 * message digest and fresh randomness, so a weak random source alone cannot
 * leak the key (the failure mode of plain random k).
 *
 * @param options - `id` (default `1234567812345678`) and `random` (default: the platform CSPRNG)
 * @returns the scheme
 * @example
 * ```ts
 * import { createSm2 } from 'dataguard/crypto';
 * const sm2 = createSm2({ id: 'alice@example.gov.cn' });
 * const secret = sm2.generateSecretKey();
 * const signature = sm2.sign(secret, new Uint8Array([1]));
 * sm2.verify(sm2.getPublicKey(secret), new Uint8Array([1]), signature); // true
 * ```
 */
export function createSm2(
  options: { id?: string | Uint8Array; random?: RandomSource } = {},
): SignatureScheme {
  const id =
    typeof options.id === 'string' ? utf8(options.id) : (options.id ?? utf8(SM2_DEFAULT_ID));
  if (id.length > 8191) {
    throw new CryptoError('SM2 id must be at most 8191 bytes', {
      reason: 'invalid-id',
      path: 'id',
    });
  }
  const random = options.random ?? systemRandom;
  const reduce = (bytes: Uint8Array, modulus: bigint): bigint =>
    mod(bytesToNumberBE(bytes), modulus) + 1n;
  return {
    name: 'sm2',
    generateSecretKey(source = random) {
      // 48 bytes reduced mod (n − 2), plus one: uniform in [1, n − 2] up to 2^-128 bias.
      const seed = source(new Uint8Array(48));
      const key = sm2SecretKeyFromSeed(seed);
      seed.fill(0);
      return key;
    },
    getPublicKey(secretKey) {
      return Point.BASE.multiply(secretScalar(secretKey)).toBytes(false);
    },
    sign(secretKey, message) {
      const d = secretScalar(secretKey);
      const publicKey = Point.BASE.multiply(d).toBytes(false);
      const eBytes = sm3(concatBytes(sm2Za(publicKey, id), message));
      const e = bytesToNumberBE(eBytes);
      const seed = hmac(sm3Hash, secretKey, concatBytes(eBytes, random(new Uint8Array(32))));
      for (let counter = 0; counter < 256; counter++) {
        const k = reduce(
          concatBytes(
            hmac(sm3Hash, seed, Uint8Array.of(counter, 1)),
            hmac(sm3Hash, seed, Uint8Array.of(counter, 2)),
          ),
          N - 1n,
        );
        const signature = sm2SignWithK(d, e, k);
        if (signature !== undefined) {
          seed.fill(0);
          return signature;
        }
      }
      throw new CryptoError('SM2 signing failed to find a valid nonce', { reason: 'sign-failed' });
    },
    verify(publicKey, message, signature) {
      try {
        if (!(signature instanceof Uint8Array) || signature.length !== 64) return false;
        const r = bytesToNumberBE(signature.subarray(0, 32));
        const s = bytesToNumberBE(signature.subarray(32));
        if (r < 1n || r >= N || s < 1n || s >= N) return false;
        const t = mod(r + s, N);
        if (t === 0n) return false;
        const p: WeierstrassPoint<bigint> = Point.fromBytes(publicKey);
        p.assertValidity();
        const e = messageScalar(publicKey, id, message);
        const sum = Point.BASE.mulAddUnsafe(s, p, t);
        if (sum.is0()) return false;
        return mod(e + sum.toAffine().x, N) === r;
      } catch {
        return false;
      }
    },
  };
}

/**
 * SM2 signatures with the default id `1234567812345678` and the platform CSPRNG.
 *
 * @example
 * ```ts
 * import { sm2 } from './sm2.ts';
 * const secret = sm2.generateSecretKey();
 * sm2.getPublicKey(secret).length; // 65
 * ```
 */
export const sm2: SignatureScheme = /* @__PURE__ */ createSm2();

/**
 * Maps at least 48 uniformly random bytes to an SM2 secret key in [1, n − 2]
 * (used to derive signing keys from a master key with HKDF).
 *
 * @param seed - 48 or more bytes
 * @returns the 32-byte secret key
 * @throws {CryptoError} when the seed is shorter than 48 bytes
 * @example
 * ```ts
 * import { sm2SecretKeyFromSeed } from './sm2.ts';
 * const seed = crypto.getRandomValues(new Uint8Array(48)); // e.g. HKDF output of a master key
 * sm2SecretKeyFromSeed(seed).length; // 32
 * ```
 */
export function sm2SecretKeyFromSeed(seed: Uint8Array): Uint8Array {
  if (!(seed instanceof Uint8Array) || seed.length < 48) {
    throw new CryptoError('SM2 key seed must be at least 48 bytes', {
      reason: 'invalid-seed',
      path: 'seed',
    });
  }
  return numberToBytesBE(mod(bytesToNumberBE(seed), N - 2n) + 1n, 32);
}
