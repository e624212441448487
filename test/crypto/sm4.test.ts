import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createBlockCipher } from '../../src/crypto/block-cipher.ts';
import { expandSm4Key, sm4DecryptBlock, sm4EncryptBlock, sm4Rounds } from '../../src/crypto/sm4.ts';
import { CryptoError } from '../../src/errors/index.ts';
import { hex, toHexString, vectors } from './helpers.ts';

function nodeEcb(algorithm: string, key: Uint8Array, block: Uint8Array): string {
  const cipher = createCipheriv(algorithm, key, null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(block), cipher.final()]).toString('hex');
}

describe('SM4 (GB/T 32907-2016)', () => {
  it.each(vectors.sm4)('matches the standard example ($note)', (v) => {
    const rk = expandSm4Key(hex(v.key));
    const block = hex(v.plaintext);
    for (let i = 0; i < (v.iterations ?? 1); i++) sm4Rounds(rk, block);
    expect(toHexString(block)).toBe(v.ciphertext);
    if (v.iterations === undefined) {
      expect(toHexString(sm4EncryptBlock(hex(v.key), hex(v.plaintext)))).toBe(v.ciphertext);
      expect(toHexString(sm4DecryptBlock(hex(v.key), hex(v.ciphertext)))).toBe(v.plaintext);
    }
  });

  it('matches node:crypto sm4-ecb on random keys and blocks, and decrypts back', () => {
    for (let i = 0; i < 200; i++) {
      const key = randomBytes(16);
      const block = randomBytes(16);
      const ours = sm4EncryptBlock(key, block);
      expect(toHexString(ours)).toBe(nodeEcb('sm4-ecb', key, block));
      expect(toHexString(sm4DecryptBlock(key, ours))).toBe(block.toString('hex'));
    }
  });

  it('does not modify a Buffer key or block (Buffer#slice is a view)', () => {
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const block = Buffer.from(key);
    sm4EncryptBlock(key, block);
    expect(block.toString('hex')).toBe('0123456789abcdeffedcba9876543210');
    expect(key.toString('hex')).toBe('0123456789abcdeffedcba9876543210');
  });

  it('rejects wrong key and block lengths with typed errors', () => {
    expect(() => expandSm4Key(new Uint8Array(15))).toThrow(CryptoError);
    expect(() => sm4EncryptBlock(new Uint8Array(16), new Uint8Array(15))).toThrow(
      expect.objectContaining({ reason: 'invalid-block-length' }),
    );
  });
});

describe('createBlockCipher', () => {
  it('AES matches node:crypto aes-*-ecb for 128/192/256-bit keys', () => {
    for (const bits of [128, 192, 256]) {
      for (let i = 0; i < 50; i++) {
        const key = randomBytes(bits / 8);
        const block = new Uint8Array(randomBytes(16));
        const expected = nodeEcb(`aes-${bits}-ecb`, key, block);
        createBlockCipher('aes', key).encryptBlock(block);
        expect(toHexString(block)).toBe(expected);
      }
    }
  });

  it('encrypts at an offset and refuses use after destroy', () => {
    const cipher = createBlockCipher('sm4', hex('0123456789abcdeffedcba9876543210'));
    const buffer = new Uint8Array(20);
    buffer.set(hex('0123456789abcdeffedcba9876543210'), 4);
    cipher.encryptBlock(buffer, 4);
    expect(toHexString(buffer.subarray(4))).toBe('681edf34d206965e86b3e94f536e4246');
    cipher.destroy();
    expect(() => cipher.encryptBlock(buffer)).toThrow(
      expect.objectContaining({ reason: 'destroyed' }),
    );
  });

  it('rejects bad keys and ciphers', () => {
    expect(() => createBlockCipher('aes', new Uint8Array(20))).toThrow(
      expect.objectContaining({ reason: 'invalid-key-length' }),
    );
    expect(() => createBlockCipher('des' as 'aes', new Uint8Array(16))).toThrow(
      expect.objectContaining({ reason: 'unknown-cipher' }),
    );
  });
});
