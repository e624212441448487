import { createCipheriv, randomBytes } from 'node:crypto';
import { FF1 } from '@noble/ciphers/ff1.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FF1_MAX_LENGTH, FF1_MAX_TWEAK } from '../../src/crypto/ff1.ts';
import { ff1 } from '../../src/crypto/index.ts';
import { CryptoError, ValidationError } from '../../src/errors/index.ts';
import { hex, vectors } from './helpers.ts';

// A literal transcription of SP 800-38G Algorithm 7 (FF1.Encrypt) with BigInt and
// node:crypto ECB as CIPH: slow, but independent of the implementation under test.
function referenceFf1(
  algorithm: 'aes' | 'sm4',
  key: Uint8Array,
  radix: number,
  tweak: Uint8Array,
  x: number[],
): number[] {
  const ciph = (block: Buffer): Buffer => {
    const name = algorithm === 'sm4' ? 'sm4-ecb' : `aes-${key.length * 8}-ecb`;
    const c = createCipheriv(name, key, null);
    c.setAutoPadding(false);
    return c.update(block);
  };
  const n = x.length;
  const t = tweak.length;
  const u = Math.floor(n / 2);
  const v = n - u;
  let A = x.slice(0, u);
  let B = x.slice(u);
  const R = BigInt(radix);
  const b = Math.ceil((R ** BigInt(v) - 1n).toString(2).length / 8);
  const d = 4 * Math.ceil(b / 4) + 4;
  const P = Buffer.from([
    1,
    2,
    1,
    radix >> 16,
    (radix >> 8) & 255,
    radix & 255,
    10,
    u & 255,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
  ]);
  P.writeUInt32BE(n, 8);
  P.writeUInt32BE(t, 12);
  const num = (digits: number[]) => digits.reduce((acc, digit) => acc * R + BigInt(digit), 0n);
  for (let i = 0; i < 10; i++) {
    const pad = (((-t - b - 1) % 16) + 16) % 16;
    const nb = num(B)
      .toString(16)
      .padStart(2 * b, '0');
    const Q = Buffer.concat([
      Buffer.from(tweak),
      Buffer.alloc(pad),
      Buffer.from([i]),
      Buffer.from(b ? nb : '', 'hex'),
    ]);
    const PQ = Buffer.concat([P, Q]);
    let y: Buffer = Buffer.alloc(16);
    for (let j = 0; j < PQ.length; j += 16) {
      y = ciph(Buffer.from(y.map((byte, k) => byte ^ PQ[j + k]!)));
    }
    let S = Buffer.from(y);
    for (let j = 1; S.length < d; j++) {
      const block = Buffer.alloc(16);
      block.writeUInt32BE(j, 12);
      S = Buffer.concat([S, ciph(Buffer.from(y.map((byte, k) => byte ^ block[k]!)))]);
    }
    const yNum = BigInt(`0x${S.subarray(0, d).toString('hex')}`);
    const m = i % 2 === 0 ? u : v;
    let c = (num(A) + yNum) % R ** BigInt(m);
    const C: number[] = [];
    for (let k = 0; k < m; k++) {
      C.unshift(Number(c % R));
      c /= R;
    }
    A = B;
    B = C;
  }
  return [...A, ...B];
}

const DIGITS36 = '0123456789abcdefghijklmnopqrstuvwxyz';

function alphabetOf(radix: number): string {
  if (radix <= 36) return DIGITS36.slice(0, radix);
  const chars: string[] = [];
  for (let cp = 0x4e00; chars.length < radix; cp++) {
    if (cp < 0xd800 || cp > 0xdfff) chars.push(String.fromCodePoint(cp));
  }
  return chars.join('');
}

describe('FF1 (NIST SP 800-38G)', () => {
  it.each(vectors.ff1)('matches the NIST sample (radix $radix, key $key, tweak "$tweak")', (v) => {
    const cipher = ff1(hex(v.key), { radix: v.radix });
    expect(cipher.encrypt(v.plaintext, hex(v.tweak))).toBe(v.ciphertext);
    expect(cipher.decrypt(v.ciphertext, hex(v.tweak))).toBe(v.plaintext);
  });

  it('matches a literal BigInt transcription of the standard, for AES and SM4, fast and BigInt paths', () => {
    const cases: [number, number][] = [
      [10, 6],
      [10, 11],
      [10, 18],
      [10, 30],
      [36, 9],
      [36, 40],
      [2, 20],
      [2, 100],
      [1000, 2],
      [4096, 5],
      [65536, 3],
    ];
    for (const algorithm of ['aes', 'sm4'] as const) {
      for (const [radix, n] of cases) {
        for (const t of [0, 3, 13, 40]) {
          const key = randomBytes(algorithm === 'sm4' ? 16 : 32);
          const tweak = randomBytes(t);
          const digits = Array.from({ length: n }, () => Math.floor(Math.random() * radix));
          const chars = Array.from(alphabetOf(radix));
          const cipher = ff1(key, radix <= 36 ? { radix } : { alphabet: chars.join('') }, {
            cipher: algorithm,
          });
          const expected = referenceFf1(algorithm, key, radix, tweak, digits)
            .map((d) => chars[d])
            .join('');
          const plaintext = digits.map((d) => chars[d]).join('');
          expect(cipher.encrypt(plaintext, tweak)).toBe(expected);
          expect(cipher.decrypt(expected, tweak)).toBe(plaintext);
        }
      }
    }
  });

  it('agrees with @noble/ciphers FF1 (AES) on random inputs', () => {
    for (let trial = 0; trial < 40; trial++) {
      const radix = [10, 16, 36][trial % 3]!;
      const key = randomBytes([16, 24, 32][trial % 3]!);
      const tweak = randomBytes(trial % 20);
      const n = 6 + (trial % 30);
      const digits = Array.from({ length: n }, () => Math.floor(Math.random() * radix));
      const expected = FF1(radix, key, tweak).encrypt(digits);
      const got = ff1(key, { radix }).encrypt(digits.map((d) => DIGITS36[d]).join(''), tweak);
      expect(Array.from(got, (c) => DIGITS36.indexOf(c))).toEqual(expected);
    }
  });

  it('round-trips any value and tweak (property)', () => {
    const phone = ff1(randomBytes(32), { radix: 10 });
    const id = ff1(randomBytes(16), { radix: 36 }, { cipher: 'sm4' });
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 6, maxLength: 40 }),
        fc.uint8Array({ maxLength: 32 }),
        (value, tweak) => {
          const token = phone.encrypt(value, tweak);
          expect(token).toMatch(/^[0-9]+$/);
          expect(token.length).toBe(value.length);
          expect(phone.decrypt(token, tweak)).toBe(value);
          expect(id.decrypt(id.encrypt(value, tweak), tweak)).toBe(value);
        },
      ),
    );
  });

  it('supports arbitrary Unicode alphabets such as Chinese name characters', () => {
    const surnames =
      '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
    const names = ff1(randomBytes(32), { alphabet: surnames });
    // 100 common surnames: 100³ = 10⁶, so three characters is the shortest value.
    expect(names.radix).toBe(100);
    expect(names.minLength).toBe(3);
    expect(() => names.encrypt('王李')).toThrow(
      expect.objectContaining({ reason: 'ff1-too-short' }),
    );
    const token = names.encrypt('王李张刘');
    expect(Array.from(token).every((c) => surnames.includes(c))).toBe(true);
    expect(names.decrypt(token)).toBe('王李张刘');
    // A 3,000-character alphabet admits two-character given names (3000² ≥ 10⁶).
    const big = ff1(randomBytes(16), { alphabet: alphabetOf(3000) }, { cipher: 'sm4' });
    expect(big.minLength).toBe(2);
    const given = Array.from(alphabetOf(3000)).slice(100, 102).join('');
    expect(big.decrypt(big.encrypt(given))).toBe(given);
    // Astral-plane code points (surrogate pairs) are single numerals.
    const astral = ff1(randomBytes(16), { alphabet: '𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇𠀈𠀉' });
    const value = '𠀁𠀂𠀃𠀄𠀅𠀆';
    const sealed = astral.encrypt(value);
    expect(Array.from(sealed)).toHaveLength(6);
    expect(astral.decrypt(sealed)).toBe(value);
  });

  it('enforces the minimum domain radix^minlen ≥ 1,000,000 and the maximum length', () => {
    expect(ff1(randomBytes(16), { radix: 10 }).minLength).toBe(6);
    expect(ff1(randomBytes(16), { radix: 36 }).minLength).toBe(4);
    expect(ff1(randomBytes(16), { radix: 2 }).minLength).toBe(20);
    expect(ff1(randomBytes(16), { alphabet: alphabetOf(1000) }).minLength).toBe(2);
    const cipher = ff1(randomBytes(16), { radix: 10 });
    expect(() => cipher.encrypt('12345')).toThrow(
      expect.objectContaining({ reason: 'ff1-too-short' }),
    );
    expect(() => cipher.decrypt('12345')).toThrow(CryptoError);
    expect(cipher.decrypt(cipher.encrypt('123456'))).toBe('123456');
    const longest = '7'.repeat(FF1_MAX_LENGTH);
    expect(cipher.decrypt(cipher.encrypt(longest))).toBe(longest);
    expect(() => cipher.encrypt('7'.repeat(FF1_MAX_LENGTH + 1))).toThrow(
      expect.objectContaining({ reason: 'ff1-too-long' }),
    );
  });

  it('rejects characters outside the alphabet without echoing the value', () => {
    const cipher = ff1(randomBytes(16), { radix: 10 });
    try {
      cipher.encrypt('1380013800X');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CryptoError);
      expect((error as CryptoError).reason).toBe('ff1-invalid-character');
      expect((error as CryptoError).message).not.toContain('1380013800');
      expect((error as CryptoError).details).toEqual({ position: 10 });
    }
    expect(() => cipher.encrypt('１２３４５６')).toThrow(CryptoError);
  });

  it('rejects bad specs, keys and tweaks with typed errors', () => {
    expect(() => ff1(randomBytes(16), { radix: 1 })).toThrow(ValidationError);
    expect(() => ff1(randomBytes(16), { radix: 65537 })).toThrow(
      expect.objectContaining({ reason: 'ff1-invalid-radix' }),
    );
    expect(() => ff1(randomBytes(16), { radix: 100 })).toThrow(
      expect.objectContaining({ reason: 'ff1-alphabet-required' }),
    );
    expect(() => ff1(randomBytes(16), { alphabet: 'abca' })).toThrow(
      expect.objectContaining({ reason: 'ff1-duplicate-character' }),
    );
    expect(() => ff1(randomBytes(16), { alphabet: 'a' })).toThrow(ValidationError);
    expect(() => ff1(randomBytes(16), { alphabet: 'ab\ud800' })).toThrow(
      expect.objectContaining({ reason: 'ff1-invalid-alphabet' }),
    );
    expect(() => ff1(randomBytes(20), { radix: 10 })).toThrow(
      expect.objectContaining({ reason: 'invalid-key-length' }),
    );
    expect(() => ff1(randomBytes(32), { radix: 10 }, { cipher: 'sm4' })).toThrow(CryptoError);
    const cipher = ff1(randomBytes(16), { radix: 10 });
    expect(() => cipher.encrypt('123456', new Uint8Array(FF1_MAX_TWEAK + 1))).toThrow(
      expect.objectContaining({ reason: 'ff1-invalid-tweak' }),
    );
    expect(() => cipher.encrypt(123456 as unknown as string)).toThrow(CryptoError);
  });

  it('is keyed and tweaked: different keys or tweaks give different outputs', () => {
    const value = '13800138000';
    const a = ff1(randomBytes(32), { radix: 10 });
    const b = ff1(randomBytes(32), { radix: 10 });
    expect(a.encrypt(value)).not.toBe(b.encrypt(value));
    expect(a.encrypt(value, new Uint8Array([1]))).not.toBe(a.encrypt(value, new Uint8Array([2])));
    expect(a.encrypt(value)).toBe(a.encrypt(value));
  });

  it('does not keep a reference to the caller key, and refuses use after destroy', () => {
    const key = new Uint8Array(randomBytes(16));
    const cipher = ff1(key, { radix: 10 });
    const before = cipher.encrypt('123456789');
    key.fill(0);
    expect(cipher.encrypt('123456789')).toBe(before);
    cipher.destroy();
    expect(() => cipher.encrypt('123456789')).toThrow(
      expect.objectContaining({ reason: 'destroyed' }),
    );
  });
});
