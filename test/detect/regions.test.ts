import { describe, expect, it } from 'vitest';
import { packedRegions } from '../../src/detect/data/regions.ts';
import {
  generalizeRegion,
  lookupRegion,
  parseResidentId,
  safeParseResidentId,
  upgradeResidentId,
} from '../../src/detect/index.ts';
import { ValidationError } from '../../src/errors/index.ts';

describe('lookupRegion (embedded GB/T 2260)', () => {
  it('finds counties with their prefecture and province', () => {
    expect(lookupRegion('110105')).toEqual({
      code: '110105',
      level: 'county',
      name: '朝阳区',
      province: '北京市',
      prefecture: '市辖区',
    });
    expect(lookupRegion('412723')).toMatchObject({
      name: '商水县',
      province: '河南省',
      prefecture: '周口地区',
      historical: true,
    });
    expect(lookupRegion('440113')).toMatchObject({ name: '番禺区', province: '广东省' });
  });
  it('finds prefectures and provinces', () => {
    expect(lookupRegion('440300')).toEqual({
      code: '440300',
      level: 'prefecture',
      name: '深圳市',
      province: '广东省',
    });
    expect(lookupRegion('650000')).toEqual({
      code: '650000',
      level: 'province',
      name: '新疆维吾尔自治区',
    });
    expect(lookupRegion('810000')).toMatchObject({ level: 'province', name: '香港特别行政区' });
  });
  it('keeps abolished codes, marked historical', () => {
    expect(lookupRegion('362324')).toMatchObject({ name: '铅山县', historical: true });
    expect(lookupRegion('110103')).toMatchObject({ name: '崇文区', historical: true });
    expect(lookupRegion('110101')?.historical).toBeUndefined();
  });
  it('returns undefined for unknown or malformed codes', () => {
    for (const code of ['990426', '111111', '11010', '1101051', 'abcdef', ''])
      expect(lookupRegion(code)).toBeUndefined();
    expect(lookupRegion(110105 as unknown as string)).toBeUndefined();
  });
  it('stays compact', () => {
    // A packed string, not an object literal: about 7,000 codes in well under 64 K code units.
    expect(packedRegions.length).toBeLessThan(64_000);
    expect(packedRegions.split(',').length).toBeGreaterThan(7000);
  });
});

describe('generalizeRegion', () => {
  it('zeroes the lower levels', () => {
    expect(generalizeRegion('110105', 'prefecture')).toBe('110100');
    expect(generalizeRegion('110105', 'province')).toBe('110000');
    expect(generalizeRegion('110105', 'county')).toBe('110105');
    expect(generalizeRegion('110100', 'province')).toBe('110000');
  });
  it('works for historical codes and refuses to refine', () => {
    expect(generalizeRegion('362324', 'prefecture')).toBe('362300');
    expect(generalizeRegion('110100', 'county')).toBeUndefined();
    expect(generalizeRegion('110000', 'prefecture')).toBeUndefined();
    expect(generalizeRegion('990426', 'province')).toBeUndefined();
    expect(generalizeRegion('11010x', 'province')).toBeUndefined();
  });
  it('rejects an unknown level', () => {
    expect(() => generalizeRegion('110105', 'city' as 'county')).toThrow(ValidationError);
  });
});

describe('parseResidentId', () => {
  it('parses region, birth date and sex', () => {
    expect(parseResidentId('11010519491231002X')).toEqual({
      kind: 'resident',
      region: { code: '110105', province: '北京市', prefecture: '市辖区', county: '朝阳区' },
      birthDate: '1949-12-31',
      sex: 'female',
    });
    expect(parseResidentId('360426199101010071')).toMatchObject({
      sex: 'male',
      region: { county: '德安县', province: '江西省' },
    });
  });
  it('upgrades 15-digit numbers', () => {
    expect(parseResidentId('150102880730303')).toMatchObject({
      upgraded: '150102198807303035',
      birthDate: '1988-07-30',
      sex: 'male',
    });
    expect(upgradeResidentId('610104620927690')).toBe('610104196209276908');
    expect(upgradeResidentId('410001910101123')).toBe('41000119910101123X');
    expect(() => upgradeResidentId('610104620932690')).toThrow(ValidationError);
  });
  it('recognises residence permits and foreign permanent resident IDs', () => {
    expect(parseResidentId('810000199408230021')).toMatchObject({
      kind: 'hmt-residence-permit',
      region: { province: '香港特别行政区' },
    });
    expect(parseResidentId('932682198501010017')).toMatchObject({
      kind: 'foreign-permanent-resident',
      region: { code: '320000', province: '江苏省' },
    });
  });
  it('marks historical address codes', () => {
    expect(parseResidentId('362324198101010011').region).toMatchObject({
      county: '铅山县',
      historical: true,
    });
  });
  it('throws ValidationError with the reason and never echoes the value', () => {
    const value = '110105194912310021';
    try {
      parseResidentId(value);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).reason).toBe('checksum');
      expect((error as Error).message).not.toContain(value);
      expect(JSON.stringify(error)).not.toContain(value);
    }
    const result = safeParseResidentId('1101');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.reason).toBe('length');
    expect(safeParseResidentId(7 as unknown as string).ok).toBe(false);
  });
});
