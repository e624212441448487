import { describe, expect, it } from 'vitest';
import { parseHierarchyCsv, validateHierarchy } from '../../src/anonymity/hierarchy.ts';
import {
  dateHierarchy,
  intervalHierarchy,
  regionHierarchy,
} from '../../src/anonymity/hierarchy-builders.ts';
import { ValidationError } from '../../src/errors/index.ts';

function reason(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).reason;
  }
  return undefined;
}

describe('hierarchies', () => {
  it('parses ARX CSV (CRLF or LF)', () => {
    expect(parseHierarchyCsv('a;x;*\r\nb;x;*\r\n')).toEqual([
      ['a', 'x', '*'],
      ['b', 'x', '*'],
    ]);
  });

  it('rejects ragged, duplicate and non-monotonic hierarchies', () => {
    expect(reason(() => validateHierarchy([], 'h'))).toBe('hierarchy-empty');
    expect(reason(() => validateHierarchy([['a', '*'], ['b']], 'h'))).toBe('hierarchy-ragged');
    expect(
      reason(() =>
        validateHierarchy(
          [
            ['a', '*'],
            ['a', '*'],
          ],
          'h',
        ),
      ),
    ).toBe('hierarchy-duplicate');
    expect(
      reason(() =>
        validateHierarchy(
          [
            ['a', 'x', 'p'],
            ['b', 'x', 'q'],
          ],
          'h',
        ),
      ),
    ).toBe('hierarchy-not-monotonic');
  });

  it('builds interval hierarchies (lo-hi labels for integers)', () => {
    expect(intervalHierarchy(['21', 37, '40'], { widths: [5, 10, 20] })).toEqual([
      ['21', '20-24', '20-29', '20-39', '*'],
      ['37', '35-39', '30-39', '20-39', '*'],
      ['40', '40-44', '40-49', '40-59', '*'],
    ]);
    expect(intervalHierarchy([2.5], { widths: [0.5] })).toEqual([['2.5', '[2.5, 3)', '*']]);
    expect(reason(() => intervalHierarchy(['x'], { widths: [5] }))).toBe('not-a-number');
    expect(reason(() => intervalHierarchy(['1'], { widths: [5, 7] }))).toBe('invalid-widths');
  });

  it('builds date and region hierarchies', () => {
    expect(
      dateHierarchy(
        ['2024-03-15', '2024-11-02T10:00:00+08:00'],
        ['month', 'quarter', 'year', 'decade'],
      ),
    ).toEqual([
      ['2024-03-15', '2024-03', '2024-Q1', '2024', '2020s', '*'],
      ['2024-11-02T10:00:00+08:00', '2024-11', '2024-Q4', '2024', '2020s', '*'],
    ]);
    expect(reason(() => dateHierarchy(['15/03/2024']))).toBe('not-a-date');
    expect(regionHierarchy(['350102', '350203', '110105'])).toEqual([
      ['350102', '350100', '350000', '*'],
      ['350203', '350200', '350000', '*'],
      ['110105', '110100', '110000', '*'],
    ]);
    expect(regionHierarchy(['110105'], { generalize: () => '110000' })).toEqual([
      ['110105', '110000', '110000', '*'],
    ]);
    expect(reason(() => regionHierarchy(['3501']))).toBe('not-a-region-code');
  });
});
