import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type IdentifierType, validate } from '../../src/detect/index.ts';
import { sharedPath } from '../fixtures/shared-path.ts';

// The labelled development vectors (../shared/vectors/pii-dev.json): every
// entry either matches dataguard's verdict or is listed below with the reason
// it differs (docs/detect.md, "Choices").
interface Vector {
  type: string;
  value: string;
  valid: boolean;
  source: string;
  note?: string;
}
const path = sharedPath('vectors/pii-dev.json');
const vectors = JSON.parse(readFileSync(path, 'utf8')) as Vector[];

const TYPES: Record<string, IdentifierType | undefined> = {
  cn_resident_id_18: 'cn-resident-id',
  hmt_residence_permit: 'cn-resident-id',
  foreign_permanent_resident_id_18: 'cn-resident-id',
  cn_resident_id_15: 'cn-resident-id-15',
  business_license_reg_no_15: 'cn-business-license',
  uscc: 'cn-uscc',
  cn_mobile: 'cn-mobile',
  hk_mobile: 'hk-mobile',
  mo_mobile: 'mo-mobile',
  cn_landline: 'cn-landline',
  cn_service_number_400_800: 'cn-service-number',
  bank_card: 'bank-card',
  cn_passport: 'cn-passport',
  hk_mo_mainland_travel_permit: 'cn-hkmo-travel-permit',
  tw_mainland_travel_permit: 'cn-tw-travel-permit',
  hk_id: 'hk-id',
  tw_id: 'tw-id',
  mo_id: 'mo-id',
  military_officer_id: 'cn-military-id',
  vehicle_plate: 'cn-plate',
  postal_code: 'cn-postal-code',
  admin_division_code: 'cn-region-code',
  // Names have no structure to validate; column profiling finds them by header.
  cn_person_name: undefined,
};

const TIMELINE =
  'strict GB/T 2260 timeline (code valid on the birth date): dataguard embeds no per-year validity dates and checks the province by default';
const REGEX_ONLY = 'the source is regex-level; dataguard verifies the check character';
/** Entries whose source verdict dataguard deliberately does not share, with the reason. */
const DIFFERENCES: Record<string, string> = {
  'cn_resident_id_18 110111198012010078': TIMELINE,
  'cn_resident_id_18 110201199312010077': TIMELINE,
  'cn_resident_id_18 500154199301135886': TIMELINE,
  'cn_resident_id_18 411082198901010002': TIMELINE,
  'cn_resident_id_18 170102198404069700':
    'province 17 does not exist; dataguard checks the province code',
  'cn_resident_id_18 622223199912051311': REGEX_ONLY,
  'cn_resident_id_18 12345619991205131x': REGEX_ONLY,
  'cn_mobile 17469427292':
    '1746 is not an allocated block of 174 in the MIIT table (only 1740x, 17410-17412, 1749)',
  'cn_mobile 92138389438': '92x is not an allocated mobile segment (validator.js "reserved")',
  'cn_mobile +8692138389438': '92x is not an allocated mobile segment (validator.js "reserved")',
  'cn_mobile 008692138389438': '92x is not an allocated mobile segment (validator.js "reserved")',
  'cn_mobile 98199649964': '98x is not an allocated mobile segment (validator.js "reserved")',
  'cn_mobile +8698099649964': '98x is not an allocated mobile segment (validator.js "reserved")',
  'cn_mobile 008698099649964': '98x is not an allocated mobile segment (validator.js "reserved")',
  'cn_mobile 015100221432': 'a leading trunk 0 is not part of a mobile number (hutool-specific)',
  'cn_mobile 16000000000': '160 is not an allocated segment in the MIIT 2023 table',
  'bank_card 6228480402564890':
    'fails Luhn: dataguard requires Luhn (scan reports such UnionPay numbers as near-misses)',
  'bank_card 6222026006705354217': 'fails Luhn: dataguard requires Luhn',
  'bank_card 6221558812340000': 'fails Luhn: dataguard requires Luhn',
  'bank_card 6212345000000001': 'fails Luhn: dataguard requires Luhn',
  'hk_id K034169(1)': REGEX_ONLY,
  'vehicle_plate BL1234警':
    'a plate starts with a province abbreviation (GA 36-2018); util-helpers also accepts a letter',
};

describe('pii-dev.json vectors', () => {
  const cases = vectors
    .filter((v) => TYPES[v.type] !== undefined)
    .map((v) => ({ ...v, key: `${v.type} ${v.value}`, our: TYPES[v.type] as IdentifierType }));

  it('covers every vector type', () => {
    for (const v of vectors) expect(v.type in TYPES, v.type).toBe(true);
    expect(cases.length).toBeGreaterThan(500);
  });

  it.each(cases)('$key → $valid (or a listed difference)', ({ key, our, value, valid }) => {
    const expected = key in DIFFERENCES ? !valid : valid;
    expect(validate(our, value)).toBe(expected);
  });

  it('lists no difference that is not one', () => {
    for (const key of Object.keys(DIFFERENCES)) {
      expect(
        cases.some((c) => c.key === key),
        key,
      ).toBe(true);
    }
  });

  it("regionCheck 'county' rejects exactly the listed address codes", () => {
    // Every other mainland address code in the vectors is in the embedded
    // table (current or abolished); the four timeline entries still differ
    // for want of validity dates.
    const COUNTY_DIFFERENCES: Record<string, string> = {
      'cn_resident_id_15 410001910101123': '410001 is in no GB/T 2260 table (hutool test value)',
      'cn_resident_id_15 123456991010193': '123456 is not a division code (regex-level example)',
    };
    for (const c of cases.filter(
      (x) => x.our === 'cn-resident-id' || x.our === 'cn-resident-id-15',
    )) {
      const county = validate(c.our, c.value, { regionCheck: 'county' });
      const province = validate(c.our, c.value);
      expect(county, c.key).toBe(c.key in COUNTY_DIFFERENCES ? false : province);
    }
  });
});
