import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { international, national } from '../../src/crypto/index.ts';
import { sm3, sm3Hash } from '../../src/crypto/sm3.ts';
import { CryptoError } from '../../src/errors/index.ts';
import { hex, text, toHexString, vectors } from './helpers.ts';

describe('SM3 (GB/T 32905-2016)', () => {
  it.each(vectors.sm3)('matches the standard example for $message_utf8', (v) => {
    expect(toHexString(sm3(text(v.message_utf8)))).toBe(v.digest);
    expect(toHexString(national.digest(text(v.message_utf8)))).toBe(v.digest);
  });

  it('matches node:crypto sm3 on random inputs of every padding length', () => {
    for (let n = 0; n < 300; n++) {
      const data = randomBytes(n);
      expect(toHexString(sm3(data))).toBe(createHash('sm3').update(data).digest('hex'));
    }
    const big = randomBytes(100_000);
    expect(toHexString(sm3(big))).toBe(createHash('sm3').update(big).digest('hex'));
  });

  it('gives the same digest incrementally as in one call', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(300), (data, cut) => {
        const at = Math.min(cut, data.length);
        const incremental = sm3Hash
          .create()
          .update(data.subarray(0, at))
          .update(data.subarray(at))
          .digest();
        expect(toHexString(incremental)).toBe(toHexString(sm3(data)));
      }),
    );
  });

  it('does not modify its input', () => {
    const data = Buffer.from('abcdefgh'.repeat(20));
    const copy = Buffer.from(data);
    sm3(data);
    expect(data.equals(copy)).toBe(true);
  });
});

describe('SHA-256 digest', () => {
  it('matches node:crypto on random inputs', () => {
    for (let n = 0; n < 200; n += 7) {
      const data = randomBytes(n);
      expect(toHexString(international.digest(data))).toBe(
        createHash('sha256').update(data).digest('hex'),
      );
    }
  });

  it('rejects non-bytes with a typed error', () => {
    expect(() => international.digest('abc' as unknown as Uint8Array)).toThrow(CryptoError);
  });
});

// RFC 4231 §4.2–4.8 (test case 5 is a truncation case, omitted: the suite returns full tags).
const rfc4231 = [
  {
    key: '0b'.repeat(20),
    data: text('Hi There'),
    mac: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
  },
  {
    key: toHexString(text('Jefe')),
    data: text('what do ya want for nothing?'),
    mac: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
  },
  {
    key: 'aa'.repeat(20),
    data: hex('dd'.repeat(50)),
    mac: '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe',
  },
  {
    key: '0102030405060708090a0b0c0d0e0f10111213141516171819',
    data: hex('cd'.repeat(50)),
    mac: '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
  },
  {
    key: 'aa'.repeat(131),
    data: text('Test Using Larger Than Block-Size Key - Hash Key First'),
    mac: '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
  },
  {
    key: 'aa'.repeat(131),
    data: text(
      'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
    ),
    mac: '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
  },
];

describe('HMAC', () => {
  it.each(rfc4231)('HMAC-SHA-256 matches RFC 4231 ($mac)', ({ key, data, mac }) => {
    expect(toHexString(international.hmac(hex(key), data))).toBe(mac);
  });

  it('HMAC-SHA-256 and HMAC-SM3 match node:crypto on random keys and data', () => {
    for (let i = 0; i < 100; i++) {
      const key = randomBytes(i % 140);
      const data = randomBytes((i * 7) % 200);
      expect(toHexString(international.hmac(key, data))).toBe(
        createHmac('sha256', key).update(data).digest('hex'),
      );
      expect(toHexString(national.hmac(key, data))).toBe(
        createHmac('sm3', key).update(data).digest('hex'),
      );
    }
  });
});

// RFC 5869 Appendix A.1–A.3 (HKDF-SHA-256).
const rfc5869 = [
  {
    ikm: '0b'.repeat(22),
    salt: '000102030405060708090a0b0c',
    info: 'f0f1f2f3f4f5f6f7f8f9',
    length: 42,
    okm: '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
  },
  {
    ikm: Array.from({ length: 80 }, (_, i) => i.toString(16).padStart(2, '0')).join(''),
    salt: Array.from({ length: 80 }, (_, i) => (0x60 + i).toString(16).padStart(2, '0')).join(''),
    info: Array.from({ length: 80 }, (_, i) => (0xb0 + i).toString(16).padStart(2, '0')).join(''),
    length: 82,
    okm: 'b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87',
  },
  {
    ikm: '0b'.repeat(22),
    salt: '',
    info: '',
    length: 42,
    okm: '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8',
  },
];

describe('HKDF', () => {
  it.each(rfc5869)('HKDF-SHA-256 matches RFC 5869 (L=$length)', (v) => {
    expect(toHexString(international.hkdf(hex(v.ikm), hex(v.salt), hex(v.info), v.length))).toBe(
      v.okm,
    );
  });

  it('treats an absent salt as HashLen zero bytes (RFC 5869 §2.2)', () => {
    const ikm = randomBytes(32);
    expect(toHexString(national.hkdf(ikm, undefined, text('x'), 32))).toBe(
      toHexString(national.hkdf(ikm, new Uint8Array(32), text('x'), 32)),
    );
  });

  it('HKDF-SHA-256 and HKDF-SM3 match node:crypto hkdfSync', () => {
    for (let i = 1; i < 40; i++) {
      const ikm = randomBytes(i);
      const salt = randomBytes(i % 17);
      const info = randomBytes(i % 9);
      const length = (i * 13) % 200 || 1;
      expect(toHexString(international.hkdf(ikm, salt, info, length))).toBe(
        Buffer.from(hkdfSync('sha256', ikm, salt, info, length)).toString('hex'),
      );
      expect(toHexString(national.hkdf(ikm, salt, info, length))).toBe(
        Buffer.from(hkdfSync('sm3', ikm, salt, info, length)).toString('hex'),
      );
    }
  });

  it('rejects impossible lengths with a typed error', () => {
    expect(() => international.hkdf(new Uint8Array(32), undefined, new Uint8Array(), 0)).toThrow(
      expect.objectContaining({ reason: 'invalid-length' }),
    );
    expect(() =>
      international.hkdf(new Uint8Array(32), undefined, new Uint8Array(), 255 * 32 + 1),
    ).toThrow(CryptoError);
  });
});

describe('precomputed HMAC (pseudonymizer engine)', () => {
  it('matches node:crypto for every data length around the block boundaries and long keys', async () => {
    const { precomputeMac } = await import('../../src/crypto/mac.ts');
    for (const keyLength of [0, 1, 32, 64, 65, 200]) {
      const key = randomBytes(keyLength);
      const sha = precomputeMac('sha-256', key);
      const sm = precomputeMac('sm3', key);
      for (let n = 0; n < 200; n++) {
        const data = randomBytes(n);
        expect(toHexString(sha.mac(data))).toBe(
          createHmac('sha256', key).update(data).digest('hex'),
        );
        expect(toHexString(sm.mac(data))).toBe(createHmac('sm3', key).update(data).digest('hex'));
      }
      sha.destroy();
      sm.destroy();
    }
  });
});
