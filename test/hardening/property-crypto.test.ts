// Property tests for dataguard/crypto: FF1 round trips on random alphabets,
// keyring construction and keyed operations under hostile input.
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { createBlockCipher } from '../../src/crypto/block-cipher.ts';
import { FF1_MAX_LENGTH } from '../../src/crypto/ff1.ts';
import {
  createKeyring,
  ff1,
  generateKeyring,
  type Keyring,
  rotateKeyring,
} from '../../src/crypto/index.ts';
import { sm3Hash } from '../../src/crypto/sm3.ts';
import { garbage, mutated } from './arbitraries.ts';
import { assertProperty, expectSafe, fuzzEach, hardeningIt } from './expect-safe.ts';

const KEY_RECORD = {
  id: 'k1',
  suite: 'international',
  material: '11'.repeat(32),
  createdAt: '2026-01-01T00:00:00Z',
  status: 'active',
} as const;
const NATIONAL_RECORD = {
  id: 'k2',
  suite: 'national',
  material: '22'.repeat(32),
  createdAt: '2026-01-01T00:00:00Z',
  status: 'active',
} as const;
const keyrings: Keyring[] = [
  createKeyring({ keys: [KEY_RECORD] }),
  createKeyring({ keys: [NATIONAL_RECORD] }),
];

describe('FF1 under random alphabets and hostile input', () => {
  const alphabetCase = fc.oneof(
    fc.integer({ min: 2, max: 62 }).map((radix) => ({
      spec: { radix } as const,
      chars: '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'.slice(0, radix),
    })),
    fc
      .uniqueArray(
        fc.integer({ min: 0x20, max: 0x9fff }).filter((c) => c < 0xd800 || c > 0xdfff),
        { minLength: 2, maxLength: 300 },
      )
      .map((codes) => {
        const chars = String.fromCodePoint(...codes);
        return { spec: { alphabet: chars } as const, chars };
      }),
  );

  hardeningIt(
    'decrypt(encrypt(x)) = x, same length and alphabet, for AES and SM4, with tweaks',
    () => {
      assertProperty(
        fc.property(
          alphabetCase,
          fc.uint8Array({ minLength: 16, maxLength: 16 }),
          fc.constantFrom('aes', 'sm4'),
          fc.uint8Array({ maxLength: 12 }),
          fc.array(fc.nat(), { minLength: 1, maxLength: 64 }),
          ({ spec, chars }, key, cipher, tweak, picks) => {
            const numerals = [...chars];
            const f = ff1(key, spec, { cipher: cipher as 'aes' | 'sm4' });
            const length = Math.max(f.minLength, picks.length);
            const text = Array.from(
              { length },
              (_, i) => numerals[(picks[i % picks.length] as number) % numerals.length],
            ).join('');
            const encrypted = f.encrypt(text, tweak);
            expect([...encrypted].length).toBe([...text].length);
            for (const c of encrypted) expect(numerals).toContain(c);
            expect(f.decrypt(encrypted, tweak)).toBe(text);
          },
        ),
        { numRuns: 60 },
      );
    },
  );

  hardeningIt(
    'out-of-alphabet, too short, too long and lone-surrogate texts throw a DataguardError',
    () => {
      const f = ff1(new Uint8Array(16).fill(1), { radix: 10 });
      for (const text of [
        '12345',
        'abcdefgh',
        '1234567\uD800',
        '9'.repeat(FF1_MAX_LENGTH + 1),
        '',
      ]) {
        const out = expectSafe('ff1.encrypt', () => f.encrypt(text));
        expect(out.ok).toBe(false);
      }
    },
  );

  const ff1Args = fc.tuple(garbage, garbage, garbage);
  fuzzEach([
    { name: 'ff1(key, spec, options)', args: ff1Args, call: (k, s, o) => ff1(k, s, o) },
    {
      name: 'ff1(bytes key, garbage spec)',
      args: fc.tuple(fc.uint8Array({ maxLength: 40 }), garbage),
      call: (k, s) => ff1(k, s),
    },
    {
      name: 'ff1.encrypt / decrypt',
      args: fc.tuple(garbage, garbage),
      call: (t, w) => {
        const f = ff1(new Uint8Array(32).fill(2), { radix: 36 });
        f.encrypt(t, w);
        return f.decrypt(t, w);
      },
      values: [0],
    },
    { name: 'createBlockCipher', args: ff1Args, call: (a, k) => createBlockCipher(a, k) },
    { name: 'sm3Hash', args: ff1Args, call: (m) => sm3Hash(m) },
  ]);
});

describe('keyring under hostile input', () => {
  fuzzEach([
    { name: 'createKeyring(garbage)', args: fc.tuple(garbage), call: (o) => createKeyring(o) },
    {
      name: 'createKeyring(mutated options)',
      args: fc.tuple(
        mutated({ keys: [KEY_RECORD, { ...NATIONAL_RECORD, status: 'decrypt-only' }] }),
      ),
      call: (o) => createKeyring(o),
    },
    { name: 'generateKeyring', args: fc.tuple(garbage), call: (o) => generateKeyring(o) },
    {
      name: 'rotateKeyring',
      args: fc.tuple(fc.oneof(garbage, mutated({ keys: [KEY_RECORD] })), garbage),
      call: (f, o) => rotateKeyring(f, o),
    },
  ]);

  const ops = fc.tuple(fc.constantFrom(0, 1), garbage, garbage, garbage);
  fuzzEach([
    {
      name: 'keyring.pseudonymizer',
      args: ops,
      call: (i, d, k, data) => keyrings[i as number]?.pseudonymizer(d, k).mac(data),
    },
    { name: 'keyring.ff1', args: ops, call: (i, d, s, k) => keyrings[i as number]?.ff1(d, s, k) },
    {
      name: 'keyring.aead seal/open',
      args: ops,
      call: (i, d, m, data) => {
        const aead = (keyrings[i as number] as Keyring).aead(d, m);
        const sealed = aead.seal(data);
        return aead.open(sealed);
      },
    },
    {
      name: 'keyring.aead open(garbage)',
      args: fc.tuple(
        fc.constantFrom(0, 1),
        fc.constantFrom('deterministic', 'randomized'),
        garbage,
        garbage,
      ),
      call: (i, m, c, ad) => keyrings[i as number]?.aead('x', m).open(c, ad),
    },
    {
      name: 'keyring.signer / verifier',
      args: ops,
      call: (i, k, msg, sig) => {
        const ring = keyrings[i as number] as Keyring;
        ring.signer(k);
        return ring.verifier(k).verify(msg, sig);
      },
    },
    {
      name: 'verifier.verify(garbage)',
      args: ops,
      call: (i, msg, sig) => keyrings[i as number]?.verifier().verify(msg, sig),
    },
  ]);

  hardeningIt(
    'sealed bytes with any flipped bit never open (AEAD integrity), for both suites and modes',
    () => {
      assertProperty(
        fc.property(
          fc.constantFrom(0, 1),
          fc.constantFrom('deterministic', 'randomized'),
          fc.uint8Array({ maxLength: 64 }),
          fc.nat(),
          fc.integer({ min: 0, max: 7 }),
          (i, mode, data, at, bit) => {
            const aead = (keyrings[i] as Keyring).aead(
              'payload',
              mode as 'deterministic' | 'randomized',
            );
            const sealed = aead.seal(data);
            expect(aead.open(sealed)).toEqual(data);
            const bad = sealed.slice();
            const index = at % bad.length;
            bad[index] = (bad[index] as number) ^ (1 << bit);
            const out = expectSafe('aead.open(tampered)', () => aead.open(bad));
            expect(out.ok).toBe(false);
          },
        ),
        { numRuns: 100 },
      );
    },
  );

  hardeningIt('a destroyed keyring refuses every operation with a DataguardError', () => {
    const ring = createKeyring({ keys: [KEY_RECORD] });
    const mac = ring.pseudonymizer('x');
    ring.destroy();
    const runs: (() => unknown)[] = [
      () => mac.mac(new Uint8Array(1)),
      () => ring.pseudonymizer('y'),
      () => ring.signer(),
      () => ring.aead('z', 'randomized'),
    ];
    for (const run of runs) {
      expect(expectSafe('after destroy', run).ok).toBe(false);
    }
  });

  hardeningIt('toString / JSON of keyrings and handles never show key material', () => {
    const ring = createKeyring({ keys: [KEY_RECORD] });
    const handles = [
      ring,
      ring.pseudonymizer('x'),
      ring.ff1('x', { radix: 10 }),
      ring.aead('x', 'randomized'),
      ring.signer(),
      ring.verifier(),
    ];
    for (const handle of handles) {
      const shown = `${String(handle)} ${JSON.stringify(handle)} ${JSON.stringify(Object.entries(handle))}`;
      expect(shown).not.toContain('11'.repeat(16));
      expect(shown).not.toContain(
        Buffer.from('11'.repeat(32), 'hex').toString('base64').slice(0, 16),
      );
    }
  });
});
