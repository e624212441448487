import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  luhnCheckDigit,
  residentIdCheckCharacter,
  usccCheckCharacter,
  validate,
} from '../../src/detect/index.ts';
import { ValidationError } from '../../src/errors/index.ts';

describe('residentIdCheckCharacter (GB 11643-1999 MOD 11-2)', () => {
  it.each([
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
    ['34052419800101001', 'X'],
    ['15010219880730303', '5'],
  ])('%s → %s (worked examples of the standard, hutool upgrade test)', (first17, check) => {
    expect(residentIdCheckCharacter(first17)).toBe(check);
  });
  it("equals python-stdnum's form (1 - 2·int(first17, 13)) mod 11", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), (first17) => {
        const viaBase13 = Number(((1n - 2n * BigInt(parseInt13(first17))) % 11n) + 11n) % 11;
        expect(residentIdCheckCharacter(first17)).toBe(viaBase13 === 10 ? 'X' : String(viaBase13));
      }),
    );
  });
  it.each(['', '1234567890123456', '1234567890123456a', '123456789012345678', 12])(
    'rejects %s with reason format',
    (bad) => {
      expect(() => residentIdCheckCharacter(bad as string)).toThrow(ValidationError);
      try {
        residentIdCheckCharacter(bad as string);
      } catch (error) {
        expect((error as ValidationError).reason).toBe('format');
      }
    },
  );
});

function parseInt13(digits: string): bigint {
  let n = 0n;
  for (const d of digits) n = n * 13n + BigInt(d);
  return n;
}

describe('luhnCheckDigit', () => {
  it.each([
    ['49015420323751', '8'], // IMEI example (3GPP TS 23.003 style)
    ['7992739871', '3'], // the classic Luhn example
    ['624000863140114', '8'], // card-validator UnionPay vector
  ])('%s → %s', (payload, check) => {
    expect(luhnCheckDigit(payload)).toBe(check);
  });
  it('makes every payload Luhn-valid as a bank card', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{12,17}$/), (payload) => {
        expect(validate('bank-card', payload + luhnCheckDigit(payload))).toBe(true);
      }),
    );
  });
  it('rejects non-digits', () => {
    expect(() => luhnCheckDigit('12a')).toThrow(ValidationError);
    expect(() => luhnCheckDigit('')).toThrow(ValidationError);
  });
});

describe('usccCheckCharacter (GB 32100-2015)', () => {
  it.each(['92340603MA2UK0KQ72', '92340621MA2UK02XXW', '92340603MA2PELE65C', '91110000600037341L'])(
    'reproduces the check character of %s (python-stdnum tests)',
    (code) => {
      expect(usccCheckCharacter(code.slice(0, 17))).toBe(code.charAt(17));
    },
  );
  it('rejects characters outside the alphabet', () => {
    expect(() => usccCheckCharacter('9111000060003IOZS')).toThrow(ValidationError);
  });
  it('round-trips arbitrary payloads', () => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{9}$/),
        (payload) => {
          const check = usccCheckCharacter(payload);
          expect(alphabet.includes(check)).toBe(true);
          expect(validate('cn-uscc', payload + check)).toBe(true);
          expect(validate('cn-uscc', (payload + check).toLowerCase())).toBe(true);
        },
      ),
    );
  });
});
