// SM4 block cipher (GB/T 32907-2016): 128-bit block, 128-bit key, 32 rounds.
// Rounds use four 256-entry tables that fold the S-box and the linear map L,
// the same table technique (and the same cache-timing caveat) as noble's AES.
import { CryptoError } from '../errors/kinds.ts';

// prettier-ignore
const SBOX = /* @__PURE__ */ Uint8Array.from([
  0xd6, 0x90, 0xe9, 0xfe, 0xcc, 0xe1, 0x3d, 0xb7, 0x16, 0xb6, 0x14, 0xc2, 0x28, 0xfb, 0x2c, 0x05,
  0x2b, 0x67, 0x9a, 0x76, 0x2a, 0xbe, 0x04, 0xc3, 0xaa, 0x44, 0x13, 0x26, 0x49, 0x86, 0x06, 0x99,
  0x9c, 0x42, 0x50, 0xf4, 0x91, 0xef, 0x98, 0x7a, 0x33, 0x54, 0x0b, 0x43, 0xed, 0xcf, 0xac, 0x62,
  0xe4, 0xb3, 0x1c, 0xa9, 0xc9, 0x08, 0xe8, 0x95, 0x80, 0xdf, 0x94, 0xfa, 0x75, 0x8f, 0x3f, 0xa6,
  0x47, 0x07, 0xa7, 0xfc, 0xf3, 0x73, 0x17, 0xba, 0x83, 0x59, 0x3c, 0x19, 0xe6, 0x85, 0x4f, 0xa8,
  0x68, 0x6b, 0x81, 0xb2, 0x71, 0x64, 0xda, 0x8b, 0xf8, 0xeb, 0x0f, 0x4b, 0x70, 0x56, 0x9d, 0x35,
  0x1e, 0x24, 0x0e, 0x5e, 0x63, 0x58, 0xd1, 0xa2, 0x25, 0x22, 0x7c, 0x3b, 0x01, 0x21, 0x78, 0x87,
  0xd4, 0x00, 0x46, 0x57, 0x9f, 0xd3, 0x27, 0x52, 0x4c, 0x36, 0x02, 0xe7, 0xa0, 0xc4, 0xc8, 0x9e,
  0xea, 0xbf, 0x8a, 0xd2, 0x40, 0xc7, 0x38, 0xb5, 0xa3, 0xf7, 0xf2, 0xce, 0xf9, 0x61, 0x15, 0xa1,
  0xe0, 0xae, 0x5d, 0xa4, 0x9b, 0x34, 0x1a, 0x55, 0xad, 0x93, 0x32, 0x30, 0xf5, 0x8c, 0xb1, 0xe3,
  0x1d, 0xf6, 0xe2, 0x2e, 0x82, 0x66, 0xca, 0x60, 0xc0, 0x29, 0x23, 0xab, 0x0d, 0x53, 0x4e, 0x6f,
  0xd5, 0xdb, 0x37, 0x45, 0xde, 0xfd, 0x8e, 0x2f, 0x03, 0xff, 0x6a, 0x72, 0x6d, 0x6c, 0x5b, 0x51,
  0x8d, 0x1b, 0xaf, 0x92, 0xbb, 0xdd, 0xbc, 0x7f, 0x11, 0xd9, 0x5c, 0x41, 0x1f, 0x10, 0x5a, 0xd8,
  0x0a, 0xc1, 0x31, 0x88, 0xa5, 0xcd, 0x7b, 0xbd, 0x2d, 0x74, 0xd0, 0x12, 0xb8, 0xe5, 0xb4, 0xb0,
  0x89, 0x69, 0x97, 0x4a, 0x0c, 0x96, 0x77, 0x7e, 0x65, 0xb9, 0xf1, 0x09, 0xc5, 0x6e, 0xc6, 0x84,
  0x18, 0xf0, 0x7d, 0xec, 0x3a, 0xdc, 0x4d, 0x20, 0x79, 0xee, 0x5f, 0x3e, 0xd7, 0xcb, 0x39, 0x48,
]);

const FK = [0xa3b1bac6, 0x56aa3350, 0x677d9197, 0xb27022dc] as const;

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));

// Tk[x] = L(S(x) placed in byte k); L commutes with rotation, so Tk = rotr(T0, 8k).
const TABLES = /* @__PURE__ */ (() => {
  const t0 = new Int32Array(256);
  const t1 = new Int32Array(256);
  const t2 = new Int32Array(256);
  const t3 = new Int32Array(256);
  for (let x = 0; x < 256; x++) {
    const b = SBOX[x]! << 24;
    const l = b ^ rotl(b, 2) ^ rotl(b, 10) ^ rotl(b, 18) ^ rotl(b, 24);
    t0[x] = l;
    t1[x] = rotl(l, 24);
    t2[x] = rotl(l, 16);
    t3[x] = rotl(l, 8);
  }
  return { t0, t1, t2, t3 };
})();

function tauKey(a: number): number {
  const b =
    (SBOX[a >>> 24]! << 24) |
    (SBOX[(a >>> 16) & 0xff]! << 16) |
    (SBOX[(a >>> 8) & 0xff]! << 8) |
    SBOX[a & 0xff]!;
  return b ^ rotl(b, 13) ^ rotl(b, 23);
}

/**
 * Expands a 16-byte SM4 key into its 32 round keys.
 *
 * @param key - the 16-byte key
 * @param decrypt - true for the reversed (decryption) schedule
 * @returns 32 round keys; wipe with `fill(0)` when done
 * @throws {CryptoError} when the key is not 16 bytes
 * @example
 * ```ts
 * import { expandSm4Key } from './sm4.ts';
 * expandSm4Key(new Uint8Array(16)).length; // 32
 * ```
 */
export function expandSm4Key(key: Uint8Array, decrypt = false): Int32Array {
  if (!(key instanceof Uint8Array) || key.length !== 16) {
    throw new CryptoError('SM4 key must be a 16-byte Uint8Array', {
      reason: 'invalid-key-length',
      path: 'key',
    });
  }
  const rk = new Int32Array(32);
  let k0 = readBE(key, 0) ^ FK[0];
  let k1 = readBE(key, 4) ^ FK[1];
  let k2 = readBE(key, 8) ^ FK[2];
  let k3 = readBE(key, 12) ^ FK[3];
  for (let i = 0; i < 32; i++) {
    // CK_i bytes are (4i + j) * 7 mod 256.
    const c = 28 * i;
    const ck =
      ((c & 0xff) << 24) | (((c + 7) & 0xff) << 16) | (((c + 14) & 0xff) << 8) | ((c + 21) & 0xff);
    const next = k0 ^ tauKey(k1 ^ k2 ^ k3 ^ ck);
    rk[decrypt ? 31 - i : i] = next;
    k0 = k1;
    k1 = k2;
    k2 = k3;
    k3 = next;
  }
  return rk;
}

function readBE(b: Uint8Array, o: number): number {
  return (b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!;
}

function writeBE(b: Uint8Array, o: number, v: number): void {
  b[o] = v >>> 24;
  b[o + 1] = v >>> 16;
  b[o + 2] = v >>> 8;
  b[o + 3] = v;
}

/**
 * Runs the 32 SM4 rounds over one 16-byte block in place (encrypts with an
 * encryption schedule, decrypts with a decryption schedule).
 *
 * @param rk - round keys from {@link expandSm4Key}
 * @param block - the buffer holding the block
 * @param offset - where the block starts in `block`
 * @example
 * ```ts
 * import { expandSm4Key, sm4Rounds } from './sm4.ts';
 * const block = new Uint8Array(16);
 * sm4Rounds(expandSm4Key(new Uint8Array(16)), block);
 * ```
 */
export function sm4Rounds(rk: Int32Array, block: Uint8Array, offset = 0): void {
  const { t0, t1, t2, t3 } = TABLES;
  let x0 = readBE(block, offset);
  let x1 = readBE(block, offset + 4);
  let x2 = readBE(block, offset + 8);
  let x3 = readBE(block, offset + 12);
  for (let i = 0; i < 32; i += 4) {
    let a = x1 ^ x2 ^ x3 ^ rk[i]!;
    x0 ^= t0[a >>> 24]! ^ t1[(a >>> 16) & 0xff]! ^ t2[(a >>> 8) & 0xff]! ^ t3[a & 0xff]!;
    a = x2 ^ x3 ^ x0 ^ rk[i + 1]!;
    x1 ^= t0[a >>> 24]! ^ t1[(a >>> 16) & 0xff]! ^ t2[(a >>> 8) & 0xff]! ^ t3[a & 0xff]!;
    a = x3 ^ x0 ^ x1 ^ rk[i + 2]!;
    x2 ^= t0[a >>> 24]! ^ t1[(a >>> 16) & 0xff]! ^ t2[(a >>> 8) & 0xff]! ^ t3[a & 0xff]!;
    a = x0 ^ x1 ^ x2 ^ rk[i + 3]!;
    x3 ^= t0[a >>> 24]! ^ t1[(a >>> 16) & 0xff]! ^ t2[(a >>> 8) & 0xff]! ^ t3[a & 0xff]!;
  }
  // The output is the reversed final state (X35, X34, X33, X32).
  writeBE(block, offset, x3);
  writeBE(block, offset + 4, x2);
  writeBE(block, offset + 8, x1);
  writeBE(block, offset + 12, x0);
}

/**
 * Encrypts one 16-byte block with SM4 (ECB of a single block), returning a new array.
 *
 * @param key - the 16-byte key
 * @param block - the 16-byte plaintext block
 * @returns the 16-byte ciphertext block
 * @throws {CryptoError} when the key or block is not 16 bytes
 * @example
 * ```ts
 * import { sm4EncryptBlock } from './sm4.ts';
 * sm4EncryptBlock(new Uint8Array(16), new Uint8Array(16)).length; // 16
 * ```
 */
export function sm4EncryptBlock(key: Uint8Array, block: Uint8Array): Uint8Array {
  return sm4Single(key, block, false);
}

/**
 * Decrypts one 16-byte block with SM4, returning a new array.
 *
 * @param key - the 16-byte key
 * @param block - the 16-byte ciphertext block
 * @returns the 16-byte plaintext block
 * @throws {CryptoError} when the key or block is not 16 bytes
 * @example
 * ```ts
 * import { sm4DecryptBlock, sm4EncryptBlock } from './sm4.ts';
 * const key = new Uint8Array(16).fill(1);
 * sm4DecryptBlock(key, sm4EncryptBlock(key, new Uint8Array(16))); // zeros again
 * ```
 */
export function sm4DecryptBlock(key: Uint8Array, block: Uint8Array): Uint8Array {
  return sm4Single(key, block, true);
}

function sm4Single(key: Uint8Array, block: Uint8Array, decrypt: boolean): Uint8Array {
  if (!(block instanceof Uint8Array) || block.length !== 16) {
    throw new CryptoError('SM4 block must be a 16-byte Uint8Array', {
      reason: 'invalid-block-length',
      path: 'block',
    });
  }
  const rk = expandSm4Key(key, decrypt);
  // new Uint8Array copies even when given a Node Buffer (whose slice() is a view).
  const out = new Uint8Array(block);
  sm4Rounds(rk, out);
  rk.fill(0);
  return out;
}
