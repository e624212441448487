// SIV authenticated encryption (RFC 5297) over any 128-bit block cipher:
// AES-SIV for the international suite and the same construction with SM4
// (SM4-SIV) for the national one. See docs/crypto.md for why it is sound.
import { equalBytes } from '../core/bytes.ts';
import { CryptoError } from '../errors/kinds.ts';
import { type BlockCipherName, createBlockCipher } from './block-cipher.ts';
import { cmac, cmacKey, dbl } from './cmac.ts';
import { ctr } from './ctr.ts';

/** A SIV key expanded once: the S2V (CMAC) half and the CTR half. */
export interface SivKey {
  /** Encrypts with the given associated-data components (RFC 5297 §2.6); output V || C. */
  encrypt(plaintext: Uint8Array, associatedData: readonly Uint8Array[]): Uint8Array;
  /** Decrypts V || C and checks V (RFC 5297 §2.7); throws CryptoError on mismatch. */
  decrypt(ciphertext: Uint8Array, associatedData: readonly Uint8Array[]): Uint8Array;
  /** Wipes the expanded keys. */
  destroy(): void;
}

/**
 * Expands a SIV key: the first half keys S2V (CMAC), the second half keys CTR.
 *
 * @param algorithm - `aes` (32, 48 or 64-byte key) or `sm4` (32-byte key)
 * @param key - the SIV key (copied)
 * @returns the expanded key
 * @throws {CryptoError} on a wrong key length (`invalid-key-length`)
 * @example
 * ```ts
 * import { sivKey } from './siv.ts';
 * const siv = sivKey('sm4', new Uint8Array(32).fill(1));
 * const plaintext = new TextEncoder().encode('13800138000');
 * const associatedData = new TextEncoder().encode('mobile');
 * const sealed = siv.encrypt(plaintext, [associatedData]);
 * sealed.length; // 27 (16-byte synthetic IV, then the ciphertext)
 * new TextDecoder().decode(siv.decrypt(sealed, [associatedData])); // '13800138000'
 * siv.destroy();
 * ```
 */
export function sivKey(algorithm: BlockCipherName, key: Uint8Array): SivKey {
  const lengths = algorithm === 'aes' ? [32, 48, 64] : [32];
  if (!(key instanceof Uint8Array) || !lengths.includes(key.length)) {
    throw new CryptoError(
      `${algorithm.toUpperCase()}-SIV key must be ${lengths.join(', ')} bytes`,
      {
        reason: 'invalid-key-length',
        path: 'key',
      },
    );
  }
  const half = key.length / 2;
  const mac = cmacKey(createBlockCipher(algorithm, key.subarray(0, half)));
  const enc = createBlockCipher(algorithm, key.subarray(half));
  // CMAC(<zero>) starts every S2V chain; compute it once per key.
  const d0 = new Uint8Array(16);
  cmac(mac, new Uint8Array(16), d0);
  const scratch = new Uint8Array(16);

  const s2v = (components: readonly Uint8Array[], last: Uint8Array, out: Uint8Array): void => {
    out.set(d0);
    for (const component of components) {
      dbl(out);
      cmac(mac, component, scratch);
      for (let i = 0; i < 16; i++) out[i]! ^= scratch[i]!;
    }
    if (last.length >= 16) {
      // T = Sn xorend D
      const t = new Uint8Array(last);
      const off = t.length - 16;
      for (let i = 0; i < 16; i++) t[off + i]! ^= out[i]!;
      cmac(mac, t, out);
      t.fill(0);
    } else {
      // T = dbl(D) xor pad(Sn)
      dbl(out);
      scratch.set(out);
      for (let i = 0; i < last.length; i++) scratch[i]! ^= last[i]!;
      scratch[last.length]! ^= 0x80;
      cmac(mac, scratch, out);
    }
  };

  const counterFrom = (v: Uint8Array): Uint8Array => {
    const q = new Uint8Array(v);
    // Clearing bits 63 and 31 lets implementations use 64/32-bit counters (RFC 5297 §2.5).
    q[8]! &= 0x7f;
    q[12]! &= 0x7f;
    return q;
  };

  return {
    encrypt(plaintext, associatedData) {
      if (associatedData.length > 126) {
        throw new CryptoError('SIV accepts at most 126 associated-data components', {
          reason: 'too-many-components',
        });
      }
      const out = new Uint8Array(16 + plaintext.length);
      const v = out.subarray(0, 16);
      s2v(associatedData, plaintext, v);
      const q = counterFrom(v);
      ctr(enc, q, plaintext, out.subarray(16), 128);
      q.fill(0);
      return out;
    },
    decrypt(ciphertext, associatedData) {
      if (ciphertext.length < 16) {
        throw new CryptoError('SIV ciphertext is shorter than its 16-byte tag', {
          reason: 'malformed-ciphertext',
        });
      }
      if (associatedData.length > 126) {
        throw new CryptoError('SIV accepts at most 126 associated-data components', {
          reason: 'too-many-components',
        });
      }
      const v = ciphertext.subarray(0, 16);
      const q = counterFrom(v);
      const plaintext = new Uint8Array(ciphertext.length - 16);
      ctr(enc, q, ciphertext.subarray(16), plaintext, 128);
      q.fill(0);
      const t = new Uint8Array(16);
      s2v(associatedData, plaintext, t);
      if (!equalBytes(t, v)) {
        plaintext.fill(0);
        throw new CryptoError('authentication failed: ciphertext or associated data was altered', {
          reason: 'authentication-failed',
        });
      }
      return plaintext;
    },
    destroy() {
      mac.cipher.destroy();
      mac.k1.fill(0);
      mac.k2.fill(0);
      enc.destroy();
      d0.fill(0);
      scratch.fill(0);
    },
  };
}
