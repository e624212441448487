import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKeyring } from '../../src/crypto/index.ts';
import {
  compileTransform,
  pseudonymCollisionProbability,
  reidentify,
  type TransformSpec,
} from '../../src/deidentify/index.ts';
import { validate } from '../../src/detect/index.ts';
import { TransformError } from '../../src/errors/index.ts';
import {
  CARD_A,
  card,
  ID_A,
  ID_B,
  ID_C,
  KEYS,
  NATIONAL_KEYS,
  residentId,
  testKeyring,
} from './fixtures.ts';
import { reasonOf } from './helpers.ts';

const keyring = testKeyring();
const t = (spec: TransformSpec, field = {}) => compileTransform(spec, { keyring, field });
const luhn = (digits: string) =>
  [...digits].reverse().reduce((sum, c, i) => {
    let d = Number(c);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    return sum + d;
  }, 0) %
    10 ===
  0;

/** Reverses one value of a one-field policy with `reidentify`. */
async function reverse(
  spec: TransformSpec,
  value: string,
  identifierType?: string,
): Promise<unknown> {
  const [out] = await reidentify([{ v: value }], {
    policy: {
      id: 'p',
      version: '1',
      rules: [{ id: 'r', select: { fields: ['v'] }, transform: spec }],
    },
    dataset: {
      id: 'd',
      version: '1',
      fields: [
        {
          name: 'v',
          role: 'direct-identifier',
          identifierType,
          share: 'conditional',
          open: 'open',
        },
      ],
    },
    keyring,
    // The release's ledger event names the key FF1 fields were enciphered with.
    release: { keyIds: [keyring.activeKeyId()] },
    fields: ['v'],
  });
  return out?.v;
}

describe('pseudonymize', () => {
  it('is deterministic per value, key and domain, and separates domains', () => {
    const a = t({ type: 'pseudonymize', domain: 'residents' });
    const b = compileTransform(
      { type: 'pseudonymize', domain: 'residents' },
      { keyring: createKeyring({ keys: KEYS }) },
    );
    expect(a(ID_A)).toBe(b(ID_A));
    expect(a(ID_A)).toMatch(/^[0-9a-f]{32}$/);
    expect(a(ID_A)).not.toBe(t({ type: 'pseudonymize', domain: 'other' })(ID_A));
    expect(a(ID_A)).not.toBe(a(ID_B));
    const national = compileTransform(
      { type: 'pseudonymize', domain: 'residents' },
      { keyring: createKeyring({ keys: NATIONAL_KEYS }) },
    );
    expect(national(ID_A)).not.toBe(a(ID_A));
  });

  it('known answers (regression vectors for the fixed test key)', () => {
    const hex = t({ type: 'pseudonymize', domain: 'residents' })(ID_A) as string;
    const full = t({ type: 'pseudonymize', domain: 'residents', length: 64 })(ID_A) as string;
    expect(full.startsWith(hex)).toBe(true);
    const b32 = t({
      type: 'pseudonymize',
      domain: 'residents',
      output: 'base32',
      length: 16,
      prefix: 'P',
    })(ID_A) as string;
    expect(b32).toMatch(/^P[a-z2-7]{16}$/);
    // The HMAC is keyring.pseudonymizer(domain).mac(UTF-8 value), in hex.
    const mac = keyring.pseudonymizer('residents').mac(new TextEncoder().encode(ID_A));
    expect(full).toBe(Buffer.from(mac).toString('hex'));
  });

  it('keeps the format with FF1 and reverses with the key', async () => {
    const spec: TransformSpec = { type: 'pseudonymize', domain: 'd', output: 'format' };
    const out = t(spec)('138-0013-8000') as string;
    expect(out).toMatch(/^\d{3}-\d{4}-\d{4}$/);
    expect(out).not.toBe('138-0013-8000');
    expect(await reverse(spec, out)).toBe('138-0013-8000');
    const alpha = t({ type: 'pseudonymize', output: 'format', alphabet: 'alphanumeric' })(
      'Ab12-xY',
    );
    expect(alpha).toMatch(/^[0-9A-Za-z]{4}-[0-9A-Za-z]{2}$/);
    expect(reasonOf(() => t(spec)('12345'))).toBe('too-short-for-ff1');
  });

  it('rejects bad parameters and a missing keyring', () => {
    expect(reasonOf(() => t({ type: 'pseudonymize', output: 'format', length: 10 }))).toBe(
      'bad-parameters',
    );
    expect(reasonOf(() => t({ type: 'pseudonymize', alphabet: 'digits' }))).toBe('bad-parameters');
    expect(reasonOf(() => t({ type: 'pseudonymize', output: 'base32', length: 60 }))).toBe(
      'bad-parameters',
    );
    expect(reasonOf(() => compileTransform({ type: 'pseudonymize' }))).toBe('missing-keyring');
    expect(reasonOf(() => t({ type: 'pseudonymize', keyId: 'nope' }))).toBe('unknown-key');
  });

  it('states the collision risk of truncation', () => {
    expect(pseudonymCollisionProbability(128, 1e9)).toBeLessThan(1e-20);
    expect(pseudonymCollisionProbability(32, 100_000)).toBeGreaterThan(0.5);
    expect(pseudonymCollisionProbability(64, 10_000_000)).toBeCloseTo(2.71e-6, 7);
  });

  it('never returns the original, never throws on arbitrary text (property)', () => {
    const p = t({ type: 'pseudonymize', length: 16 });
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (text) => {
        expect(p(text)).not.toBe(text);
        expect(p(text)).toBe(p(text));
      }),
    );
  });
});

describe('fpe keeps values valid', () => {
  it('mobile: network prefix kept, allocated segment, reversible', async () => {
    const spec: TransformSpec = { type: 'fpe', format: 'cn-mobile', domain: 'm' };
    const f = t(spec);
    for (const mobile of ['13800138000', '+86 13912345678', '16190000001', '17400123456']) {
      const out = f(mobile) as string;
      expect(out).not.toBe(mobile);
      expect(validate('cn-mobile', out)).toBe(true);
      expect(out.slice(0, -8)).toBe(mobile.slice(0, -8));
      expect(await reverse(spec, out)).toBe(mobile);
    }
    expect(reasonOf(() => f('12345678901'))).toBe('invalid-mobile');
  });

  it('bank card: length, issuer number and Luhn kept, reversible', async () => {
    const spec: TransformSpec = { type: 'fpe', format: 'bank-card' };
    const f = t(spec);
    const grouped = '6222 0212 3456 7890 128';
    for (const number of [CARD_A, card('411111111111111'), grouped, card('4000000000006')]) {
      const out = f(number) as string;
      expect(out.length).toBe(number.length);
      expect(out.slice(0, 6)).toBe(number.slice(0, 6));
      expect(luhn(out.replace(/ /g, ''))).toBe(luhn(number.replace(/ /g, '')));
      expect(await reverse(spec, out)).toBe(number);
    }
    const noBin = t({ type: 'fpe', format: 'bank-card', keepBin: false })(CARD_A) as string;
    expect(noBin[0]).not.toBe('0');
    expect(luhn(noBin)).toBe(true);
    expect(reasonOf(() => f('123'))).toBe('invalid-bank-card');
    expect(reasonOf(() => f('0123456789012'))).toBe('invalid-bank-card');
  });

  it('resident ID: valid output with a recomputed check character, reversible', async () => {
    for (const options of [{}, { keepRegion: false }, { keepRegion: false, keepBirthDate: true }]) {
      const spec: TransformSpec = { type: 'fpe', format: 'cn-resident-id', ...options };
      const f = t(spec);
      const permit = residentId('82000019800101001');
      for (const id of [ID_A, ID_B, ID_C, permit]) {
        // A permit keeps its region; with the birth date kept too, too little is left to encipher.
        if (id === permit && 'keepBirthDate' in options) continue;
        const out = f(id) as string;
        expect(out).not.toBe(id);
        expect(validate('cn-resident-id', out)).toBe(true);
        expect(out.slice(0, 2)).toBe(id.slice(0, 2));
        expect(out.slice(6, 10)).toBe(id.slice(6, 10));
        if (options.keepRegion !== false) expect(out.slice(0, 6)).toBe(id.slice(0, 6));
        if ('keepBirthDate' in options) expect(out.slice(6, 14)).toBe(id.slice(6, 14));
        expect(await reverse(spec, out)).toBe(id);
      }
    }
    expect(reasonOf(() => t({ type: 'fpe', format: 'cn-resident-id', keepBirthDate: true }))).toBe(
      'fpe-domain-too-small',
    );
    expect(reasonOf(() => t({ type: 'fpe', format: 'cn-resident-id' })('110105194912310021'))).toBe(
      'invalid-resident-id',
    );
    expect(
      reasonOf(() =>
        t({ type: 'fpe', format: 'cn-resident-id', keepRegion: false, keepBirthDate: true })(
          residentId('82000019800101001'),
        ),
      ),
    ).toBe('fpe-domain-too-small');
  });

  it('resident ID: a lower-case x check character keeps its case through encryption and back', async () => {
    const xIds = [ID_A, residentId('35010219900307001'), residentId('44052418800101001')].filter(
      (id) => id.endsWith('X'),
    );
    expect(xIds.length).toBeGreaterThan(0);
    for (const options of [{}, { keepRegion: false }, { keepRegion: false, keepBirthDate: true }]) {
      const spec: TransformSpec = { type: 'fpe', format: 'cn-resident-id', ...options };
      const f = t(spec);
      for (const upper of xIds) {
        const lower = `${upper.slice(0, 17)}x`;
        const out = f(lower) as string;
        expect(out).not.toBe(lower);
        expect(out.endsWith('x')).toBe(true);
        expect(validate('cn-resident-id', out)).toBe(true);
        expect(await reverse(spec, out)).toBe(lower);
        // The upper-case form and digit check characters behave as before.
        expect(await reverse(spec, f(upper) as string)).toBe(upper);
      }
      expect(await reverse(spec, f(ID_B) as string)).toBe(ID_B);
    }
  });

  it('round-trips random resident IDs written with a lower-case x (property)', async () => {
    const spec: TransformSpec = { type: 'fpe', format: 'cn-resident-id', keepRegion: false };
    const f = t(spec);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1900, max: 2020 }),
        fc.integer({ min: 0, max: 364 }),
        fc.integer({ min: 0, max: 999 }),
        async (year, day, seq) => {
          const date = new Date(Date.UTC(year, 0, 1 + day)).toISOString().slice(0, 10);
          const id = residentId(`350102${date.replaceAll('-', '')}${String(seq).padStart(3, '0')}`);
          const written = id.endsWith('X') ? `${id.slice(0, 17)}x` : id;
          const out = f(written) as string;
          expect(validate('cn-resident-id', out)).toBe(true);
          expect(out.endsWith('x')).toBe(written.endsWith('x'));
          expect(await reverse(spec, out)).toBe(written);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a format that does not match the field type', () => {
    expect(
      reasonOf(() => t({ type: 'fpe', format: 'cn-mobile' }, { identifierType: 'bank-card' })),
    ).toBe('incompatible-field');
  });

  it('round-trips and validates random resident IDs (property)', async () => {
    const spec: TransformSpec = { type: 'fpe', format: 'cn-resident-id', keepRegion: false };
    const f = t(spec);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1900, max: 2020 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 999 }),
        async (year, month, day, seq) => {
          const id = residentId(
            `350102${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(seq).padStart(3, '0')}`,
          );
          const out = f(id) as string;
          expect(validate('cn-resident-id', out)).toBe(true);
          expect(await reverse(spec, out)).toBe(id);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('throws only TransformError on arbitrary strings (property)', () => {
    const formats = [
      'cn-mobile',
      'cn-resident-id',
      'bank-card',
      'cn-uscc',
      'digits',
      'alphanumeric',
      'cjk-common',
      'cjk-unified',
    ] as const;
    const fns = formats.map((format) => t({ type: 'fpe', format }));
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.nat(formats.length - 1), (text, i) => {
        try {
          (fns[i] as (v: unknown) => unknown)(text);
        } catch (error) {
          expect(error).toBeInstanceOf(TransformError);
        }
      }),
    );
  });
});

describe('encrypt', () => {
  it('deterministic is joinable, randomized is not, both reverse', async () => {
    const det: TransformSpec = { type: 'encrypt', mode: 'deterministic', domain: 'x' };
    const rnd: TransformSpec = { type: 'encrypt', mode: 'randomized' };
    expect(t(det)('张三')).toBe(t(det)('张三'));
    expect(t(rnd)('张三')).not.toBe(t(rnd)('张三'));
    expect(await reverse(det, t(det)('张三') as string)).toBe('张三');
    expect(await reverse(rnd, t(rnd)('张三') as string)).toBe('张三');
    expect(t(det)('张三')).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('round-trips arbitrary text (property)', async () => {
    const spec: TransformSpec = { type: 'encrypt', mode: 'randomized' };
    const e = t(spec);
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, unit: 'grapheme' }), async (text) => {
        const out = e(text) as string;
        expect(out).not.toBe(text);
        expect(await reverse(spec, out)).toBe(text);
      }),
      { numRuns: 30 },
    );
  });

  it('a corrupted ciphertext fails to open', async () => {
    const spec: TransformSpec = { type: 'encrypt', mode: 'deterministic' };
    const out = t(spec)('abc') as string;
    const flipped = `${out.slice(0, -2)}${out.at(-2) === 'A' ? 'B' : 'A'}${out.at(-1)}`;
    await expect(reverse(spec, flipped)).rejects.toThrow();
    await expect(reverse(spec, '!!!')).rejects.toThrow(TransformError);
  });
});
