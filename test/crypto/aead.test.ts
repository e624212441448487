import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { aessiv } from '@noble/ciphers/aes.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBlockCipher } from '../../src/crypto/block-cipher.ts';
import { gcmKey } from '../../src/crypto/gcm.ts';
import { createSuite, international, national } from '../../src/crypto/index.ts';
import { sivKey } from '../../src/crypto/siv.ts';
import { CryptoError } from '../../src/errors/index.ts';
import { hex, seededRandom, toHexString } from './helpers.ts';

describe('SIV (RFC 5297)', () => {
  it('matches RFC 5297 A.1 (deterministic AES-SIV)', () => {
    const siv = sivKey(
      'aes',
      hex('fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff'),
    );
    const sealed = siv.encrypt(hex('112233445566778899aabbccddee'), [
      hex('101112131415161718191a1b1c1d1e1f2021222324252627'),
    ]);
    expect(toHexString(sealed)).toBe(
      '85632d07c6e8f37f950acd320a2ecc9340c02b9690c4dc04daef7f6afe5c',
    );
  });

  it('matches RFC 5297 A.2 (nonce-based, several AD components)', () => {
    const siv = sivKey(
      'aes',
      hex('7f7e7d7c7b7a79787776757473727170404142434445464748494a4b4c4d4e4f'),
    );
    const ad = [
      hex('00112233445566778899aabbccddeeffdeaddadadeaddadaffeeddccbbaa99887766554433221100'),
      hex('102030405060708090a0'),
      hex('09f911029d74e35bd84156c5635688c0'),
    ];
    const plaintext = hex(
      '7468697320697320736f6d6520706c61696e7465787420746f20656e6372797074207573696e67205349562d414553',
    );
    const sealed = siv.encrypt(plaintext, ad);
    expect(toHexString(sealed)).toBe(
      '7bdb6e3b432667eb06f4d14bff2fbd0fcb900f2fddbe404326601965c889bf17dba77ceb094fa663b7a3f748ba8af829ea64ad544a272e9c485b62a3fd5c0d',
    );
    expect(toHexString(siv.decrypt(sealed, ad))).toBe(toHexString(plaintext));
  });

  it('AES-SIV matches @noble/ciphers aessiv for every key size and many lengths', () => {
    for (const keyLength of [32, 48, 64]) {
      for (const n of [0, 1, 15, 16, 17, 31, 32, 33, 64, 100]) {
        const key = randomBytes(keyLength);
        const plaintext = randomBytes(n);
        const ad = randomBytes(n % 23);
        expect(toHexString(sivKey('aes', key).encrypt(plaintext, [ad]))).toBe(
          toHexString(aessiv(key, ad).encrypt(plaintext)),
        );
      }
    }
  });

  it('SM4-SIV matches an independent S2V/CTR built on node:crypto sm4-ecb and sm4-ctr', () => {
    const ecb = (key: Uint8Array, block: Uint8Array): Buffer => {
      const c = createCipheriv('sm4-ecb', key, null);
      c.setAutoPadding(false);
      return c.update(block);
    };
    const dbl = (b: Buffer): Buffer => {
      const out = Buffer.alloc(16);
      for (let i = 0; i < 16; i++) out[i] = ((b[i]! << 1) | (i < 15 ? b[i + 1]! >>> 7 : 0)) & 0xff;
      if (b[0]! & 0x80) out[15]! ^= 0x87;
      return out;
    };
    const xor = (a: Buffer, b: Buffer): Buffer => Buffer.from(a.map((x, i) => x ^ b[i]!));
    const cmac = (key: Uint8Array, m: Buffer): Buffer => {
      const k1 = dbl(ecb(key, Buffer.alloc(16)));
      const k2 = dbl(k1);
      const blocks = Math.max(1, Math.ceil(m.length / 16));
      const complete = m.length > 0 && m.length % 16 === 0;
      let last: Buffer = Buffer.alloc(16);
      m.subarray((blocks - 1) * 16).copy(last);
      if (!complete) last[m.length - (blocks - 1) * 16] = 0x80;
      last = xor(last, complete ? k1 : k2);
      let x: Buffer = Buffer.alloc(16);
      for (let i = 0; i < blocks - 1; i++) x = ecb(key, xor(x, m.subarray(16 * i, 16 * i + 16)));
      return ecb(key, xor(x, last));
    };
    for (const n of [0, 5, 16, 40]) {
      const key = randomBytes(32);
      const k1 = key.subarray(0, 16);
      const k2 = key.subarray(16);
      const plaintext = randomBytes(n);
      const ad = randomBytes(7);
      let d = cmac(k1, Buffer.alloc(16));
      d = xor(dbl(d), cmac(k1, ad));
      let t: Buffer;
      if (plaintext.length >= 16) {
        t = Buffer.from(plaintext);
        const tail = xor(t.subarray(t.length - 16), d);
        tail.copy(t, t.length - 16);
      } else {
        const padded = Buffer.alloc(16);
        plaintext.copy(padded);
        padded[plaintext.length] = 0x80;
        t = xor(dbl(d), padded);
      }
      const v = cmac(k1, t);
      const q = Buffer.from(v);
      q[8]! &= 0x7f;
      q[12]! &= 0x7f;
      const c = createCipheriv('sm4-ctr', k2, q).update(plaintext);
      expect(toHexString(national.deterministicAead.encrypt(key, plaintext, ad))).toBe(
        Buffer.concat([v, c]).toString('hex'),
      );
    }
  });
});

describe('SM4-GCM', () => {
  it('matches RFC 8998 A.1', () => {
    const sealed = gcmKey(
      createBlockCipher('sm4', hex('0123456789ABCDEFFEDCBA9876543210')),
    ).encrypt(
      hex('00001234567800000000ABCD'),
      hex(
        'AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDDEEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA',
      ),
      hex('FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2'),
    );
    expect(toHexString(sealed)).toBe(
      '17f399f08c67d5ee19d0dc9969c4bb7d5fd46fd3756489069157b282bb200735d82710ca5c22f0ccfa7cbf93d496ac15a56834cbcf98c397b4024a2691233b8d83de3541e4c2b58177e065a9bf7b62ec',
    );
  });

  it('generic GCM over AES matches node:crypto aes-256-gcm', () => {
    for (const n of [0, 1, 15, 16, 17, 100]) {
      const key = randomBytes(32);
      const nonce = randomBytes(12);
      const plaintext = randomBytes(n);
      const aad = randomBytes(n % 9);
      const node = createCipheriv('aes-256-gcm', key, nonce);
      node.setAAD(aad);
      const expected = Buffer.concat([node.update(plaintext), node.final(), node.getAuthTag()]);
      const ours = gcmKey(createBlockCipher('aes', key));
      expect(toHexString(ours.encrypt(nonce, plaintext, aad))).toBe(expected.toString('hex'));
      // The GHASH table is reused: a second message under the same key is still right.
      expect(toHexString(ours.encrypt(nonce, plaintext, aad))).toBe(expected.toString('hex'));
      expect(toHexString(ours.decrypt(nonce, expected, aad))).toBe(plaintext.toString('hex'));
    }
  });
});

describe.each([
  ['international', international],
  ['national', national],
] as const)('%s suite AEADs', (_name, suite) => {
  const schemes = [suite.deterministicAead, suite.randomizedAead];

  it('round-trip any plaintext and associated data', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ maxLength: 40 }), (pt, ad) => {
        for (const scheme of schemes) {
          const key = randomBytes(scheme.keyLength);
          expect(toHexString(scheme.decrypt(key, scheme.encrypt(key, pt, ad), ad))).toBe(
            toHexString(pt),
          );
        }
      }),
      { numRuns: 50 },
    );
  });

  it('detect any flipped bit in ciphertext or associated data', () => {
    for (const scheme of schemes) {
      const key = randomBytes(scheme.keyLength);
      const sealed = scheme.encrypt(key, randomBytes(20), randomBytes(5));
      const ad = randomBytes(5);
      const good = scheme.encrypt(key, randomBytes(20), ad);
      for (let bit = 0; bit < good.length * 8; bit += 7) {
        const bad = new Uint8Array(good);
        bad[bit >> 3]! ^= 1 << (bit & 7);
        expect(() => scheme.decrypt(key, bad, ad)).toThrow(
          expect.objectContaining({ reason: 'authentication-failed' }),
        );
      }
      expect(() => scheme.decrypt(key, good, new Uint8Array([1]))).toThrow(CryptoError);
      expect(() => scheme.decrypt(key, sealed.subarray(0, 10))).toThrow(
        expect.objectContaining({ reason: 'malformed-ciphertext' }),
      );
    }
  });

  it('deterministic AEAD is deterministic; randomized AEAD is not', () => {
    const det = suite.deterministicAead;
    const key = randomBytes(det.keyLength);
    const pt = randomBytes(11);
    expect(toHexString(det.encrypt(key, pt))).toBe(toHexString(det.encrypt(key, pt)));
    const rnd = suite.randomizedAead;
    const rkey = randomBytes(rnd.keyLength);
    expect(toHexString(rnd.encrypt(rkey, pt))).not.toBe(toHexString(rnd.encrypt(rkey, pt)));
  });

  it('treats absent and empty associated data alike, and rejects wrong key lengths', () => {
    for (const scheme of schemes) {
      const key = randomBytes(scheme.keyLength);
      const sealed = scheme.encrypt(key, randomBytes(3));
      expect(scheme.decrypt(key, sealed, new Uint8Array(0)).length).toBe(3);
      expect(() => scheme.encrypt(randomBytes(scheme.keyLength - 1), new Uint8Array(1))).toThrow(
        expect.objectContaining({ reason: 'invalid-key-length' }),
      );
    }
  });
});

describe('randomized AEAD nonces', () => {
  it('come from the injected random source (nonce || ciphertext || tag)', () => {
    const suite = createSuite('national', { random: seededRandom(7) });
    const sealed = suite.randomizedAead.encrypt(new Uint8Array(16), new Uint8Array(5));
    expect(sealed.length).toBe(12 + 5 + 16);
    expect(toHexString(sealed.subarray(0, 12))).toBe(
      toHexString(seededRandom(7)(new Uint8Array(12))),
    );
  });

  it('AES-256-GCM output verifies with node:crypto', () => {
    const key = randomBytes(32);
    const pt = randomBytes(40);
    const ad = randomBytes(8);
    const sealed = international.randomizedAead.encrypt(key, pt, ad);
    const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
    d.setAAD(ad);
    d.setAuthTag(sealed.subarray(sealed.length - 16));
    const out = Buffer.concat([d.update(sealed.subarray(12, sealed.length - 16)), d.final()]);
    expect(out.equals(pt)).toBe(true);
  });
});
