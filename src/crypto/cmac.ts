// CMAC (NIST SP 800-38B, RFC 4493) over any 128-bit block cipher; the base of S2V.
import type { BlockCipher } from './block-cipher.ts';

/** Doubles a 16-byte block in GF(2^128) (RFC 5297 `dbl`) in place. */
export function dbl(block: Uint8Array): void {
  const carry = block[0]! >>> 7;
  for (let i = 0; i < 15; i++) block[i] = ((block[i]! << 1) | (block[i + 1]! >>> 7)) & 0xff;
  // Constant-time conditional reduction by x^128 + x^7 + x^2 + x + 1.
  block[15] = ((block[15]! << 1) & 0xff) ^ (0x87 & -carry);
}

/** A CMAC key: the cipher plus its two derived subkeys. */
export interface CmacKey {
  readonly cipher: BlockCipher;
  readonly k1: Uint8Array;
  readonly k2: Uint8Array;
}

/**
 * Derives the CMAC subkeys K1 = dbl(E(0)), K2 = dbl(K1) for a block cipher.
 *
 * @param cipher - the keyed block cipher
 * @returns the CMAC key
 * @example
 * ```ts
 * import { createBlockCipher } from './block-cipher.ts';
 * import { cmac, cmacKey } from './cmac.ts';
 * const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
 * const k = Uint8Array.from('2b7e151628aed2a6abf7158809cf4f3c'.match(/../g) ?? [], (h) => parseInt(h, 16));
 * const tag = new Uint8Array(16);
 * cmac(cmacKey(createBlockCipher('aes', k)), new Uint8Array(0), tag);
 * hex(tag); // 'bb1d6929e95937287fa37d129b756746' (RFC 4493 example 1)
 * ```
 */
export function cmacKey(cipher: BlockCipher): CmacKey {
  const k1 = new Uint8Array(16);
  cipher.encryptBlock(k1);
  dbl(k1);
  const k2 = new Uint8Array(k1);
  dbl(k2);
  return { cipher, k1, k2 };
}

/**
 * Computes CMAC(message) into `out` (16 bytes).
 *
 * @param key - from {@link cmacKey}
 * @param message - the data
 * @param out - a 16-byte buffer that receives the tag
 * @example
 * ```ts
 * import { createBlockCipher } from './block-cipher.ts';
 * import { cmacKey } from './cmac.ts';
 * const key = cmacKey(createBlockCipher('aes', new Uint8Array(16)));
 * key.k1.length; // 16
 * ```
 */
export function cmac(key: CmacKey, message: Uint8Array, out: Uint8Array): void {
  out.fill(0);
  const n = message.length;
  // The last block is the final (possibly partial) one; an empty message has one padded block.
  const full = n > 0 && n % 16 === 0;
  const lastStart = n === 0 ? 0 : full ? n - 16 : n - (n % 16);
  for (let o = 0; o < lastStart; o += 16) {
    for (let i = 0; i < 16; i++) out[i]! ^= message[o + i]!;
    key.cipher.encryptBlock(out);
  }
  const sub = full ? key.k1 : key.k2;
  const rest = n - lastStart;
  for (let i = 0; i < 16; i++) {
    const m = i < rest ? message[lastStart + i]! : i === rest ? 0x80 : 0;
    out[i]! ^= m ^ sub[i]!;
  }
  key.cipher.encryptBlock(out);
}
