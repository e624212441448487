// One forward-direction interface over AES (noble's reviewed round function)
// and SM4, so CMAC, SIV, CTR, GCM and FF1 are written once for both suites.
import { unsafe as aesUnsafe } from '@noble/ciphers/aes.js';
import { CryptoError } from '../errors/kinds.ts';
import { expandSm4Key, sm4Rounds } from './sm4.ts';

/** A 128-bit block cipher with an expanded key, encrypting in place. */
export interface BlockCipher {
  /** `aes` or `sm4`. */
  readonly algorithm: 'aes' | 'sm4';
  /** Encrypts the 16 bytes at `block[offset..offset+16)` in place. */
  encryptBlock(block: Uint8Array, offset?: number): void;
  /** Wipes the expanded key; the cipher is unusable afterwards. */
  destroy(): void;
}

/** Which block cipher: AES (128/192/256-bit keys) or SM4 (128-bit keys). */
export type BlockCipherName = 'aes' | 'sm4';

function readLE(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24);
}

function writeLE(b: Uint8Array, o: number, v: number): void {
  b[o] = v;
  b[o + 1] = v >>> 8;
  b[o + 2] = v >>> 16;
  b[o + 3] = v >>> 24;
}

function aesBlockCipher(key: Uint8Array): BlockCipher {
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) {
    throw new CryptoError('AES key must be 16, 24 or 32 bytes', {
      reason: 'invalid-key-length',
      path: 'key',
    });
  }
  // noble works on little-endian words of the block bytes; reading them by hand
  // keeps this byte-order independent and allocation free.
  const copy = new Uint8Array(key);
  const xk = aesUnsafe.expandKeyLE(copy);
  copy.fill(0);
  let live = true;
  return {
    algorithm: 'aes',
    encryptBlock(block, offset = 0) {
      if (!live) throw destroyedError();
      const s = aesUnsafe.encrypt(
        xk,
        readLE(block, offset),
        readLE(block, offset + 4),
        readLE(block, offset + 8),
        readLE(block, offset + 12),
      );
      writeLE(block, offset, s.s0);
      writeLE(block, offset + 4, s.s1);
      writeLE(block, offset + 8, s.s2);
      writeLE(block, offset + 12, s.s3);
    },
    destroy() {
      live = false;
      xk.fill(0);
    },
  };
}

function sm4BlockCipher(key: Uint8Array): BlockCipher {
  const rk = expandSm4Key(key);
  let live = true;
  return {
    algorithm: 'sm4',
    encryptBlock(block, offset = 0) {
      if (!live) throw destroyedError();
      sm4Rounds(rk, block, offset);
    },
    destroy() {
      live = false;
      rk.fill(0);
    },
  };
}

function destroyedError(): CryptoError {
  return new CryptoError('the cipher key was destroyed', { reason: 'destroyed' });
}

/**
 * Expands a key for AES or SM4 and returns an in-place block encryptor.
 *
 * @param algorithm - `aes` or `sm4`
 * @param key - 16/24/32 bytes for AES, 16 bytes for SM4 (copied)
 * @returns the block cipher
 * @throws {CryptoError} on a wrong key length (`invalid-key-length`)
 * @example
 * ```ts
 * import { createBlockCipher } from './block-cipher.ts';
 * const cipher = createBlockCipher('sm4', new Uint8Array(16));
 * const block = new Uint8Array(16);
 * cipher.encryptBlock(block);
 * cipher.destroy();
 * ```
 */
export function createBlockCipher(algorithm: BlockCipherName, key: Uint8Array): BlockCipher {
  if (!(key instanceof Uint8Array)) {
    throw new CryptoError('key must be a Uint8Array', { reason: 'invalid-key', path: 'key' });
  }
  if (algorithm === 'aes') return aesBlockCipher(key);
  if (algorithm === 'sm4') return sm4BlockCipher(key);
  throw new CryptoError('block cipher must be aes or sm4', {
    reason: 'unknown-cipher',
    path: 'cipher',
  });
}
