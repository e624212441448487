import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explain, type IdentifierType, identifierTypes, validate } from '../../src/detect/index.ts';
import { isMobileSegment } from '../../src/detect/phone.ts';
import { ValidationError } from '../../src/errors/index.ts';

const reason = (type: IdentifierType, value: string) => {
  const result = explain(type, value);
  return result.valid ? 'valid' : result.reason;
};

describe('explain', () => {
  it.each([
    ['cn-resident-id', '11010519491231002X', 'valid'],
    ['cn-resident-id', '11010519491231002x', 'valid'],
    ['cn-resident-id', '110105194912310021', 'checksum'],
    ['cn-resident-id', '110101209901011239', 'date'],
    ['cn-resident-id', '11010219000229000X', 'date'],
    ['cn-resident-id', '170102198404069700', 'region'],
    ['cn-resident-id', '1101051949123100', 'length'],
    ['cn-resident-id', '1101051949123100A2', 'format'],
    ['cn-resident-id', '932682198501010017', 'valid'],
    ['cn-resident-id', '972682198501010017', 'region'],
    ['cn-resident-id', '810000199408230021', 'valid'],
    ['cn-resident-id', '810100199408230021', 'region'],
    ['cn-resident-id-15', '150102880730303', 'valid'],
    ['cn-resident-id-15', '610104620932690', 'date'],
    ['cn-mobile', '13812345678', 'valid'],
    ['cn-mobile', '+86 13812345678', 'valid'],
    ['cn-mobile', '008613812345678', 'valid'],
    ['cn-mobile', '15412345678', 'segment'],
    ['cn-mobile', '16112345678', 'segment'],
    ['cn-mobile', '16192345678', 'valid'],
    ['cn-mobile', '17401345678', 'valid'],
    ['cn-mobile', '17412345678', 'valid'],
    ['cn-mobile', '17413345678', 'segment'],
    ['cn-mobile', '1381234567', 'length'],
    ['cn-mobile', '138-1234-5678', 'format'],
    ['cn-landline', '010-12345678', 'valid'],
    ['cn-landline', '026-12345678', 'format'],
    ['bank-card', '6228 4804 0256 4890 018', 'valid'],
    ['bank-card', '6228480402564890018', 'valid'],
    ['bank-card', '6228480402564890', 'checksum'],
    ['bank-card', '622848040256', 'length'],
    ['bank-card', '0228480402564890018', 'format'],
    ['cn-uscc', '91110000600037341L', 'valid'],
    ['cn-uscc', '91110000600037341M', 'checksum'],
    ['cn-uscc', '9111000060003IOZSV', 'format'],
    ['hk-id', 'A123456(3)', 'valid'],
    ['hk-id', 'A1234563', 'valid'],
    ['hk-id', 'A123456(4)', 'checksum'],
    ['tw-id', 'A123456789', 'valid'],
    ['tw-id', 'A123456788', 'checksum'],
    ['email', 'zhang.san+tag@mail.example.com', 'valid'],
    ['email', 'zhang..san@example.com', 'format'],
    ['email', 'a@b.c', 'length'],
    ['email', 'zhang@localhost', 'format'],
    ['email', 'zhang@-example.com', 'format'],
    ['ipv4', '192.168.0.1', 'valid'],
    ['ipv4', '192.168.0.256', 'range'],
    ['ipv4', '192.168.00.1', 'range'],
    ['ipv4', '1.2.3', 'format'],
    ['ipv6', '2001:db8::1', 'valid'],
    ['ipv6', '::ffff:192.168.0.1', 'valid'],
    ['ipv6', '2001:0db8:0000:0000:0000:ff00:0042:8329', 'valid'],
    ['ipv6', '2001:db8::1::1', 'format'],
    ['ipv6', '2001:db8:1:2:3:4:5:6:7', 'format'],
    ['ipv6', '12345::1', 'format'],
    ['mac-address', '00:1A:2B:3C:4D:5E', 'valid'],
    ['mac-address', '00-1a-2b-3c-4d-5e', 'valid'],
    ['mac-address', '001a.2b3c.4d5e', 'valid'],
    ['mac-address', '00:1A-2B:3C:4D:5E', 'format'],
    ['imei', '490154203237518', 'valid'],
    ['imei', '49-015420-323751-8', 'valid'],
    ['imei', '490154203237519', 'checksum'],
    ['cn-plate', '粤B·12345', 'valid'],
    ['cn-plate', '粤BD12345', 'valid'],
    ['cn-plate', '粤B12345D', 'valid'],
    ['cn-plate', '粤BI2345', 'format'],
    ['cn-plate', '使123456', 'valid'],
    ['cn-postal-code', '100101', 'valid'],
    ['cn-postal-code', '141234', 'range'],
    ['cn-region-code', '110105', 'valid'],
    ['cn-region-code', '362324', 'valid'],
    ['cn-region-code', '990426', 'region'],
    ['cn-business-license', '110108000000016', 'valid'],
    ['cn-business-license', '110108000000017', 'checksum'],
    ['cn-passport', 'E12345678', 'valid'],
    ['cn-passport', 'EI1234567', 'format'],
    ['cn-service-number', '400-860-8608', 'valid'],
  ] as const)('%s %s → %s', (type, value, expected) => {
    expect(reason(type, value)).toBe(expected);
  });

  it('throws a typed error for an unknown type', () => {
    expect(() => validate('ssn' as IdentifierType, '1')).toThrow(ValidationError);
    expect(() => explain('ssn' as IdentifierType, '1')).toThrow(/type must be one of/);
  });

  it('treats non-strings as invalid', () => {
    expect(validate('email', 42 as unknown as string)).toBe(false);
    expect(explain('email', null as unknown as string)).toEqual({ valid: false, reason: 'format' });
  });

  it('birth dates in the future fail against the injected clock', () => {
    const id = '110101202401011235'.slice(0, 17);
    const full = `${id}${'10X98765432'.charAt(
      [...id].reduce(
        (s, d, i) => s + Number(d) * [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2][i]!,
        0,
      ) % 11,
    )}`;
    expect(validate('cn-resident-id', full, { clock: () => Date.UTC(2024, 0, 1, 12) })).toBe(true);
    expect(explain('cn-resident-id', full, { clock: () => Date.UTC(2023, 11, 31, 12) })).toEqual({
      valid: false,
      reason: 'date',
    });
  });
});

describe('isMobileSegment', () => {
  it('follows the MIIT allocation table', () => {
    const allocated = [
      '130',
      '139',
      '145',
      '149',
      '150',
      '153',
      '155',
      '162',
      '165',
      '166',
      '167',
      '170',
      '171',
      '172',
      '173',
      '175',
      '178',
      '180',
      '189',
      '190',
      '192',
      '199',
    ];
    const unallocated = [
      '140',
      '144',
      '154',
      '160',
      '163',
      '164',
      '168',
      '169',
      '179',
      '194',
      '120',
      '200',
    ];
    for (const p of allocated) expect(isMobileSegment(`${p}12345678`), p).toBe(true);
    for (const p of unallocated) expect(isMobileSegment(`${p}12345678`), p).toBe(false);
  });
});

describe('validators never throw', () => {
  const anyUnit = fc.string({
    unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    maxLength: 40,
  });
  it.each(identifierTypes.map((t) => [t]))(
    '%s on arbitrary strings (lone surrogates included)',
    (type) => {
      fc.assert(
        fc.property(anyUnit, (value) => {
          const result = explain(type, value);
          expect(typeof result.valid).toBe('boolean');
          expect(validate(type, value)).toBe(result.valid);
        }),
        { numRuns: 300 },
      );
    },
  );
});
