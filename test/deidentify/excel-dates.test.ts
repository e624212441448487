import { addDays, format } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileTransform,
  type GeneralizeSpec,
  type TransformSpec,
} from '../../src/deidentify/index.ts';
import { reasonOf } from './helpers.ts';

type DateUnit = Extract<GeneralizeSpec, { method: 'date' }>['unit'];
const day = compileTransform({ type: 'generalize', method: 'date', unit: 'day' } as TransformSpec);
const at = (unit: DateUnit) =>
  compileTransform({ type: 'generalize', method: 'date', unit } as TransformSpec);

describe('Excel date forms where a date is expected', () => {
  it('reads yyyy/m/d, yyyy-m-d, yyyy.m.d, yyyy年m月d日, with or without a time', () => {
    expect(day('1973/1/9')).toBe('1973-01-09');
    expect(day('1973-1-9')).toBe('1973-01-09');
    expect(day('1973.1.9')).toBe('1973-01-09');
    expect(day('1973.11.19')).toBe('1973-11-19');
    expect(day('1973年11月19日')).toBe('1973-11-19');
    expect(day('1973年1月9日 8:30')).toBe('1973-01-09');
    expect(day('1973/1/9 8:30')).toBe('1973-01-09');
    expect(at('quarter')('1973年11月19日')).toBe('1973-Q4');
  });

  it('refuses impossible dates and mixed separators in every form', () => {
    for (const bad of [
      '1973/2/30',
      '1973.13.1',
      '1973年2月29日',
      '1973/1.9',
      '1973年1月',
      '73/1/9',
    ]) {
      expect(
        reasonOf(() => day(bad)),
        bad,
      ).toBe('not-a-date');
    }
  });

  it('reads Excel serial numbers in the 1900 system, leap-year bug included', () => {
    expect(day('1')).toBe('1900-01-01');
    expect(day('59')).toBe('1900-02-28');
    // Excel's 60 is 1900-02-29, which never existed.
    expect(reasonOf(() => day('60'))).toBe('not-a-date');
    expect(day('61')).toBe('1900-03-01');
    expect(day('26673')).toBe('1973-01-09');
    expect(day('45366.75')).toBe('2024-03-15');
    for (const bad of ['0', '1973', '2024', '123456', '-5', '1e4']) {
      expect(
        reasonOf(() => day(bad)),
        bad,
      ).toBe('not-a-date');
    }
  });

  it('agrees with date-fns counting days from 1899-12-30 for every serial past the bug', () => {
    const base = new Date(1899, 11, 30);
    fc.assert(
      fc.property(fc.integer({ min: 3000, max: 99_999 }), (serial) => {
        expect(day(String(serial))).toBe(format(addDays(base, serial), 'yyyy-MM-dd'));
      }),
    );
  });
});
