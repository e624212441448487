// The suites' AEADs behind one interface: SIV (deterministic) and GCM (randomized).
import { concatBytes } from '../core/bytes.ts';
import type { RandomSource } from '../core/random.ts';
import { CryptoError } from '../errors/kinds.ts';
import { type BlockCipherName, createBlockCipher } from './block-cipher.ts';
import { gcmKey } from './gcm.ts';
import { sivKey } from './siv.ts';
import type { AeadScheme, BoundAead } from './types.ts';

const EMPTY = /* @__PURE__ */ new Uint8Array(0);
const NONCE = 12;

function checkKey(name: string, key: Uint8Array, length: number): void {
  if (!(key instanceof Uint8Array) || key.length !== length) {
    throw new CryptoError(`${name} key must be ${length} bytes`, {
      reason: 'invalid-key-length',
      path: 'key',
    });
  }
}

function checkBytes(value: unknown, path: string): void {
  if (!(value instanceof Uint8Array)) {
    throw new CryptoError(`${path} must be a Uint8Array`, { reason: 'invalid-input', path });
  }
}

function unbound(bind: (key: Uint8Array) => BoundAead) {
  return {
    encrypt(key: Uint8Array, plaintext: Uint8Array, associatedData?: Uint8Array): Uint8Array {
      const bound = bind(key);
      try {
        return bound.encrypt(plaintext, associatedData);
      } finally {
        bound.destroy();
      }
    },
    decrypt(key: Uint8Array, ciphertext: Uint8Array, associatedData?: Uint8Array): Uint8Array {
      const bound = bind(key);
      try {
        return bound.decrypt(ciphertext, associatedData);
      } finally {
        bound.destroy();
      }
    },
    withKey: bind,
  };
}

/**
 * A deterministic AEAD: SIV (RFC 5297) with one associated-data component.
 *
 * @param name - e.g. `AES-256-SIV`
 * @param algorithm - the block cipher
 * @param keyLength - 64 for AES-256-SIV, 32 for SM4-SIV
 * @returns the scheme; output is V (16 bytes) || ciphertext
 * @example
 * ```ts
 * import { sivScheme } from './aead-schemes.ts';
 * const scheme = sivScheme('SM4-SIV', 'sm4', 32);
 * const key = new Uint8Array(32).fill(1);
 * const once = scheme.encrypt(key, new TextEncoder().encode('hi'));
 * const again = scheme.encrypt(key, new TextEncoder().encode('hi'));
 * once.join() === again.join(); // true (deterministic)
 * ```
 */
export function sivScheme(name: string, algorithm: BlockCipherName, keyLength: number): AeadScheme {
  const bind = (key: Uint8Array): BoundAead => {
    checkKey(name, key, keyLength);
    const siv = sivKey(algorithm, key);
    return {
      encrypt(plaintext, associatedData) {
        checkBytes(plaintext, 'plaintext');
        return siv.encrypt(plaintext, [associatedData ?? EMPTY]);
      },
      decrypt(ciphertext, associatedData) {
        checkBytes(ciphertext, 'ciphertext');
        return siv.decrypt(ciphertext, [associatedData ?? EMPTY]);
      },
      destroy: () => siv.destroy(),
    };
  };
  return { name, keyLength, ...unbound(bind) };
}

/**
 * A randomized AEAD: GCM with a fresh 96-bit nonce per message, over AES
 * (AES-256-GCM) or SM4 (SM4-GCM, RFC 8998); the GHASH table is built once per key.
 *
 * @param name - e.g. `AES-256-GCM`
 * @param algorithm - the block cipher
 * @param keyLength - 32 for AES-256, 16 for SM4
 * @param random - the nonce source
 * @returns the scheme; output is nonce (12) || ciphertext || tag (16)
 * @example
 * ```ts
 * import { systemRandom } from '../core/random.ts';
 * import { gcmScheme } from './aead-schemes.ts';
 * const scheme = gcmScheme('SM4-GCM', 'sm4', 16, systemRandom);
 * const key = new Uint8Array(16).fill(1);
 * const sealed = scheme.encrypt(key, new TextEncoder().encode('hi'));
 * sealed.length; // 30 (12-byte nonce, 2 bytes, 16-byte tag)
 * new TextDecoder().decode(scheme.decrypt(key, sealed)); // 'hi'
 * ```
 */
export function gcmScheme(
  name: string,
  algorithm: BlockCipherName,
  keyLength: number,
  random: RandomSource,
): AeadScheme {
  const bind = (key: Uint8Array): BoundAead => {
    checkKey(name, key, keyLength);
    const gcm = gcmKey(createBlockCipher(algorithm, key));
    return {
      encrypt(plaintext, associatedData) {
        checkBytes(plaintext, 'plaintext');
        const nonce = random(new Uint8Array(NONCE));
        return concatBytes(nonce, gcm.encrypt(nonce, plaintext, associatedData ?? EMPTY));
      },
      decrypt(ciphertext, associatedData) {
        checkBytes(ciphertext, 'ciphertext');
        if (ciphertext.length < NONCE + 16) throw malformed();
        return gcm.decrypt(
          ciphertext.subarray(0, NONCE),
          ciphertext.subarray(NONCE),
          associatedData ?? EMPTY,
        );
      },
      destroy: () => gcm.destroy(),
    };
  };
  return { name, keyLength, ...unbound(bind) };
}

function malformed(): CryptoError {
  return new CryptoError('ciphertext is shorter than its nonce and tag', {
    reason: 'malformed-ciphertext',
  });
}
