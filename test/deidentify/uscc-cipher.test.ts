import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileTransform, type TransformSpec } from '../../src/deidentify/index.ts';
import { explain, usccCheckCharacter, validate } from '../../src/detect/index.ts';
import { testKeyring } from './fixtures.ts';
import { reasonOf, reverseOne } from './helpers.ts';

const keyring = testKeyring();
const t = (spec: TransformSpec, field = {}) => compileTransform(spec, { keyring, field });
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** GB 11714-1997 check character of an organization-code body, written out independently. */
function organizationCheck(body: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce(
    (acc, c, i) => acc + Number.parseInt(c, 36) * (weights[i] as number),
    0,
  );
  return ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X', '0'][11 - (sum % 11)] as string;
}

// Real-shaped codes from the detect tests: individual business (92), enterprise (91).
const CODES = [
  '92340603MA2UK0KQ72',
  '91110000600037341L',
  '92340621MA2UK02XXW',
  '92340603MA2PELE65C',
];

describe('fpe cn-uscc (GB 32100-2015)', () => {
  it('the test codes are valid, with valid organization-code check characters', () => {
    for (const code of CODES) {
      expect(validate('cn-uscc', code)).toBe(true);
      expect(code.charAt(16)).toBe(organizationCheck(code.slice(8, 16)));
    }
  });

  it('keeps category and region, validates with the detect validator, round-trips', async () => {
    for (const options of [{}, { keepRegion: false }]) {
      const spec: TransformSpec = { type: 'fpe', format: 'cn-uscc', domain: 'orgs', ...options };
      const f = t(spec, { identifierType: 'cn-uscc' });
      for (const code of CODES) {
        const out = f(code) as string;
        expect(out).not.toBe(code);
        expect(out).toHaveLength(18);
        expect(explain('cn-uscc', out)).toEqual({ valid: true });
        expect(out.slice(0, 4)).toBe(code.slice(0, 4));
        if (options.keepRegion === false) expect(out.slice(4, 8)).toMatch(/^\d{4}$/);
        else expect(out.slice(0, 8)).toBe(code.slice(0, 8));
        expect(out.charAt(16)).toBe(organizationCheck(out.slice(8, 16)));
        expect(await reverseOne(spec, out, keyring, 'cn-uscc')).toBe(code);
      }
    }
  });

  it('round-trips random valid codes, and codes whose organization check is off (property)', async () => {
    const char = fc.constantFrom(...ALPHABET);
    const digit = fc.constantFrom(...'0123456789');
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(char, char),
        fc.array(digit, { minLength: 6, maxLength: 6 }),
        fc.array(char, { minLength: 9, maxLength: 9 }),
        fc.boolean(),
        async (head, region, tail, keepRegion) => {
          const first17 = head.join('') + region.join('') + tail.join('');
          const code = first17 + usccCheckCharacter(first17);
          const spec: TransformSpec = { type: 'fpe', format: 'cn-uscc', keepRegion };
          const out = t(spec)(code) as string;
          expect(validate('cn-uscc', out)).toBe(true);
          // A valid organization check stays valid, an invalid one stays invalid.
          expect(out.charAt(16) === organizationCheck(out.slice(8, 16))).toBe(
            code.charAt(16) === organizationCheck(code.slice(8, 16)),
          );
          expect(await reverseOne(spec, out, keyring)).toBe(code);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('writes upper case: a lower-case code enciphers like its upper-case form', async () => {
    const spec: TransformSpec = { type: 'fpe', format: 'cn-uscc' };
    const f = t(spec);
    const lower = CODES[0]?.toLowerCase() as string;
    expect(f(lower)).toBe(f(CODES[0]));
    expect(await reverseOne(spec, f(lower) as string, keyring)).toBe(CODES[0]);
  });

  it('refuses invalid codes, other field types and parameters of other formats', () => {
    const f = t({ type: 'fpe', format: 'cn-uscc' });
    expect(reasonOf(() => f('92340603MA2UK0KQ73'))).toBe('invalid-uscc');
    expect(reasonOf(() => f('9234060'))).toBe('invalid-uscc');
    expect(
      reasonOf(() => t({ type: 'fpe', format: 'cn-uscc' }, { identifierType: 'cn-mobile' })),
    ).toBe('incompatible-field');
    expect(reasonOf(() => t({ type: 'fpe', format: 'cn-uscc', keepBirthDate: true }))).toBe(
      'bad-parameters',
    );
  });
});
