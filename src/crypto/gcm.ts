// GCM (NIST SP 800-38D) over any 128-bit block cipher with 96-bit nonces:
// AES-256-GCM and SM4-GCM (RFC 8998). GHASH is noble's reviewed implementation;
// its key table is built once per key and reset between messages.
import { GHASH } from '@noble/ciphers/_polyval.js';
import { equalBytes } from '../core/bytes.ts';
import { CryptoError } from '../errors/kinds.ts';
import type { BlockCipher } from './block-cipher.ts';
import { ctr } from './ctr.ts';

// Table-window hint: 4-bit windows (512 entries) suit short values and keep per-key memory small.
const GHASH_TABLE_HINT = 4096;

// A GHASH whose accumulator can be reset, so the per-key table is reused.
class ReusableGhash extends GHASH {
  reset(): this {
    this.s0 = 0;
    this.s1 = 0;
    this.s2 = 0;
    this.s3 = 0;
    this.finished = false;
    return this;
  }
}

/** A GCM key: the block cipher and its GHASH table. */
export interface GcmKey {
  /** Returns ciphertext || 16-byte tag. */
  encrypt(nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array;
  /** Checks the tag in constant time, then returns the plaintext. */
  decrypt(nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array;
  /** Wipes the GHASH table and the cipher key. */
  destroy(): void;
}

function lengthBlock(aadLength: number, dataLength: number): Uint8Array {
  const block = new Uint8Array(16);
  const view = new DataView(block.buffer);
  // Bit lengths as 64-bit big-endian integers; inputs stay far below 2^53 bits.
  view.setUint32(0, Math.floor((aadLength * 8) / 2 ** 32));
  view.setUint32(4, (aadLength * 8) >>> 0);
  view.setUint32(8, Math.floor((dataLength * 8) / 2 ** 32));
  view.setUint32(12, (dataLength * 8) >>> 0);
  return block;
}

function j0Of(nonce: Uint8Array): Uint8Array {
  if (!(nonce instanceof Uint8Array) || nonce.length !== 12) {
    throw new CryptoError('GCM nonce must be 12 bytes', { reason: 'invalid-nonce', path: 'nonce' });
  }
  const j0 = new Uint8Array(16);
  j0.set(nonce);
  j0[15] = 1;
  return j0;
}

function inc32(block: Uint8Array): Uint8Array {
  const next = new Uint8Array(block);
  for (let i = 15; i >= 12; i--) {
    next[i] = (next[i]! + 1) & 0xff;
    if (next[i] !== 0) break;
  }
  return next;
}

/**
 * Binds GCM to a keyed block cipher (which the GCM key then owns).
 *
 * @param cipher - the keyed block cipher
 * @returns the GCM key
 * @example
 * ```ts
 * import { createBlockCipher } from './block-cipher.ts';
 * import { gcmKey } from './gcm.ts';
 * const key = gcmKey(createBlockCipher('sm4', new Uint8Array(16).fill(1)));
 * const nonce = new Uint8Array(12);
 * const data = new TextEncoder().encode('13800138000');
 * const aad = new TextEncoder().encode('mobile');
 * const sealed = key.encrypt(nonce, data, aad);
 * sealed.length; // 27 (ciphertext, then the 16-byte tag)
 * new TextDecoder().decode(key.decrypt(nonce, sealed, aad)); // '13800138000'
 * key.destroy();
 * ```
 */
export function gcmKey(cipher: BlockCipher): GcmKey {
  const hashKey = new Uint8Array(16);
  cipher.encryptBlock(hashKey);
  const ghash = new ReusableGhash(hashKey, GHASH_TABLE_HINT);
  hashKey.fill(0);
  const tagOf = (j0: Uint8Array, aad: Uint8Array, ciphertext: Uint8Array): Uint8Array => {
    ghash.reset();
    ghash.update(aad).update(ciphertext).update(lengthBlock(aad.length, ciphertext.length));
    const s = new Uint8Array(16);
    ghash.digestInto(s);
    const ek = new Uint8Array(j0);
    cipher.encryptBlock(ek);
    for (let i = 0; i < 16; i++) s[i]! ^= ek[i]!;
    ek.fill(0);
    return s;
  };
  return {
    encrypt(nonce, plaintext, aad) {
      const j0 = j0Of(nonce);
      const out = new Uint8Array(plaintext.length + 16);
      const body = out.subarray(0, plaintext.length);
      ctr(cipher, inc32(j0), plaintext, body, 32);
      out.set(tagOf(j0, aad, body), plaintext.length);
      return out;
    },
    decrypt(nonce, sealed, aad) {
      if (sealed.length < 16) {
        throw new CryptoError('GCM ciphertext is shorter than its 16-byte tag', {
          reason: 'malformed-ciphertext',
        });
      }
      const j0 = j0Of(nonce);
      const body = sealed.subarray(0, sealed.length - 16);
      if (!equalBytes(tagOf(j0, aad, body), sealed.subarray(sealed.length - 16))) {
        throw new CryptoError('authentication failed: ciphertext or associated data was altered', {
          reason: 'authentication-failed',
        });
      }
      const plaintext = new Uint8Array(body.length);
      ctr(cipher, inc32(j0), body, plaintext, 32);
      return plaintext;
    },
    destroy() {
      ghash.destroy();
      cipher.destroy();
    },
  };
}
