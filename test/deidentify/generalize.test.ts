import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHierarchy } from '../../src/deidentify/hierarchy.ts';
import {
  compileTransform,
  type GeneralizeSpec,
  type TransformSpec,
} from '../../src/deidentify/index.ts';
import { TransformError } from '../../src/errors/index.ts';
import { sharedPath } from '../fixtures/shared-path.ts';
import { ID_A, ID_C } from './fixtures.ts';
import { reasonOf } from './helpers.ts';

type GeneralizeParams = GeneralizeSpec extends infer S
  ? S extends { type: 'generalize' }
    ? Omit<S, 'type'>
    : never
  : never;
const g = (spec: GeneralizeParams, options = {}) =>
  compileTransform({ type: 'generalize', ...spec } as TransformSpec, options);

const ADULT = pathToFileURL(`${sharedPath('data/adult')}/`);

describe('generalize numbers', () => {
  it('intervals', () => {
    const decade = g({ method: 'interval', width: 10 });
    expect(decade(35)).toBe('30-39');
    expect(decade('40')).toBe('40-49');
    expect(decade(-1)).toBe('-10--1');
    expect(g({ method: 'interval', width: 5000, origin: 1000 })(8500)).toBe('6000-10999');
    expect(g({ method: 'interval', width: 0.5 })(1.2)).toBe('[1, 1.5)');
    expect(g({ method: 'interval', width: 0.1 })(0.35)).toBe('[0.3, 0.4)');
    expect(reasonOf(() => decade('abc'))).toBe('not-a-number');
  });

  it('top and bottom coding', () => {
    const code = g({ method: 'top-bottom', top: 90, bottom: 18, topValue: '90+' });
    expect(code(95)).toBe('90+');
    expect(code(10)).toBe(18);
    expect(code('10')).toBe('18');
    expect(code(50)).toBe(50);
    expect(reasonOf(() => g({ method: 'top-bottom' }))).toBe('bad-parameters');
    expect(reasonOf(() => g({ method: 'top-bottom', top: 1, bottom: 2 }))).toBe('bad-parameters');
  });

  it('rounding keeps the type', () => {
    const round = g({ method: 'round', multiple: 1000 });
    expect(round(8500)).toBe(9000);
    expect(round('8499')).toBe('8000');
    expect(round(-1500)).toBe(-2000);
    expect(g({ method: 'round', multiple: 0.1 })(0.34)).toBe(0.3);
  });

  it('decimal parameters work on the decimal value, not its binary float', () => {
    const tenth = g({ method: 'interval', width: 0.1 });
    expect(tenth(2.8)).toBe('[2.8, 2.9)');
    expect(tenth('2.8')).toBe('[2.8, 2.9)');
    expect(tenth('-0.1')).toBe('[-0.1, 0)');
    expect(g({ method: 'interval', width: 0.1, origin: 0.05 })('0.35')).toBe('[0.35, 0.45)');
    const round = g({ method: 'round', multiple: 0.1 });
    expect(round(8.35)).toBe(8.4);
    expect(round('8.35')).toBe('8.4');
    expect(round('-8.35')).toBe('-8.4');
    expect(round('1.005')).toBe('1');
    expect(g({ method: 'round', multiple: 0.01 })('1.005')).toBe('1.01');
    expect(g({ method: 'round', multiple: 0.05 })('0.075')).toBe('0.1');
    const cap = g({ method: 'top-bottom', top: 0.3, bottom: 0.1, topValue: '0.3+' });
    expect(cap('0.3')).toBe('0.3+');
    expect(cap(0.1 + 0.2)).toBe('0.3+');
    expect(cap('0.29999999999999999999')).toBe('0.29999999999999999999');
    expect(cap('0.1')).toBe('0.1');
    expect(cap('0.09999999999999999999')).toBe('0.1');
  });

  it('intervals always contain the value (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.integer({ min: 1, max: 1000 }),
        (v, w) => {
          const match = /^(-?\d+)-(-?\d+)$/.exec(g({ method: 'interval', width: w })(v) as string);
          const [low, high] = [Number(match?.[1]), Number(match?.[2])];
          expect(low).toBeLessThanOrEqual(v);
          expect(high).toBeGreaterThanOrEqual(v);
          expect(high - low + 1).toBe(w);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('generalize dates and ages', () => {
  it('dates to day, month, quarter, year', () => {
    expect(g({ method: 'date', unit: 'day' })('2024-03-15T08:30:00+08:00')).toBe('2024-03-15');
    expect(g({ method: 'date', unit: 'month' })('2024/03/15')).toBe('2024-03');
    expect(g({ method: 'date', unit: 'quarter' })('20240815')).toBe('2024-Q3');
    expect(g({ method: 'date', unit: 'year' })('2024-12-31')).toBe('2024');
    expect(g({ method: 'date', unit: 'year' })(new Date('2020-02-29T00:00:00Z'))).toBe('2020');
    expect(reasonOf(() => g({ method: 'date', unit: 'year' })('2023-02-29'))).toBe('not-a-date');
    expect(reasonOf(() => g({ method: 'date', unit: 'year' })('15/03/2024'))).toBe('not-a-date');
  });

  it('ages and birth dates to bands', () => {
    expect(g({ method: 'age', width: 10 })(35)).toBe('30-39');
    expect(g({ method: 'age', width: 5, top: 90 })(93)).toBe('90+');
    const bands = g({ method: 'age', bands: [18, 35, 60] });
    expect([10, 18, 34, 35, 59, 60, 99].map(bands)).toEqual([
      '<18',
      '18-34',
      '18-34',
      '35-59',
      '35-59',
      '60+',
      '60+',
    ]);
    const born = g({ method: 'age', input: 'birth-date', referenceDate: '2026-03-07', width: 10 });
    expect(born('1990-03-07')).toBe('30-39'); // 36 on the day
    expect(born('1986-03-08')).toBe('30-39'); // 39, turns 40 tomorrow
    expect(born('1986-03-07')).toBe('40-49');
    expect(reasonOf(() => born('2027-01-01'))).toBe('out-of-range');
    expect(reasonOf(() => g({ method: 'age', input: 'birth-date', width: 10 }))).toBe(
      'bad-parameters',
    );
    expect(reasonOf(() => g({ method: 'age' }))).toBe('bad-parameters');
    expect(reasonOf(() => g({ method: 'age', bands: [30, 20] }))).toBe('bad-parameters');
  });
});

describe('generalize with ARX hierarchies', () => {
  const age = readFileSync(new URL('adult_hierarchy_age.csv', ADULT), 'utf8');
  const education = readFileSync(new URL('adult_hierarchy_education.csv', ADULT), 'utf8');

  it('reads the Adult hierarchies at every level', () => {
    const h = parseHierarchy(age);
    expect(h.levels).toBe(5);
    expect([0, 1, 2, 3, 4].map((level) => h.generalize('39', level))).toEqual([
      '39',
      '35-39',
      '30-39',
      '20-39',
      '*',
    ]);
    const byName = g(
      { method: 'hierarchy', hierarchy: 'education', level: 2 },
      { hierarchies: { education } },
    );
    expect(byName('Bachelors')).toBe('Higher education');
    expect(g({ method: 'hierarchy', hierarchy: [['a', 'A', '*']], level: 1 })('a')).toBe('A');
  });

  it('every Adult value generalizes at the levels ARX reports', () => {
    const rows = readFileSync(new URL('adult.csv', ADULT), 'utf8').split(/\r?\n/).slice(1, 2001);
    const levels = g({ method: 'hierarchy', hierarchy: 'age', level: 1 }, { hierarchies: { age } });
    for (const row of rows.filter(Boolean)) {
      expect(levels(row.split(';')[1])).toMatch(/^\d+-\d+$/);
    }
  });

  it('rejects unknown values and bad tables', () => {
    const h = g({ method: 'hierarchy', hierarchy: 'age', level: 2 }, { hierarchies: { age } });
    expect(reasonOf(() => h('200'))).toBe('not-in-hierarchy');
    expect(reasonOf(() => g({ method: 'hierarchy', hierarchy: 'nope', level: 1 }))).toBe(
      'unknown-hierarchy',
    );
    expect(
      reasonOf(() => g({ method: 'hierarchy', hierarchy: [['a', 'b'], ['c']], level: 1 })),
    ).toBe('bad-hierarchy');
    expect(
      reasonOf(() =>
        g({
          method: 'hierarchy',
          hierarchy: [
            ['a', 'b'],
            ['a', 'c'],
          ],
          level: 1,
        }),
      ),
    ).toBe('bad-hierarchy');
    expect(reasonOf(() => g({ method: 'hierarchy', hierarchy: [['a', 'b']], level: 2 }))).toBe(
      'bad-parameters',
    );
  });
});

describe('generalize regions, addresses and resident IDs', () => {
  it('region codes through GB/T 2260', () => {
    expect(g({ method: 'region', level: 'prefecture' })('350102')).toBe('350100');
    expect(g({ method: 'region', level: 'province' })('350102')).toBe('350000');
    expect(g({ method: 'region', level: 'county' })('350102')).toBe('350102');
    expect(g({ method: 'region', level: 'prefecture' })('350000')).toBe('350000');
    expect(reasonOf(() => g({ method: 'region', level: 'province' })('990101'))).toBe(
      'unknown-region',
    );
  });

  it('addresses cut at a level', () => {
    const address = '福建省福州市鼓楼区五四路123号';
    expect(g({ method: 'address', level: 'province' })(address)).toBe('福建省');
    expect(g({ method: 'address', level: 'prefecture' })(address)).toBe('福建省福州市');
    expect(g({ method: 'address', level: 'county' })(address)).toBe('福建省福州市鼓楼区');
    expect(g({ method: 'address', level: 'prefecture' })('上海市浦东新区世纪大道')).toBe('上海市');
    expect(g({ method: 'address', level: 'county' })('内蒙古自治区锡林郭勒盟锡林浩特市')).toBe(
      '内蒙古自治区锡林郭勒盟锡林浩特市',
    );
    expect(reasonOf(() => g({ method: 'address', level: 'county' })('五四路123号'))).toBe(
      'unparsable-address',
    );
  });

  it('resident IDs to region and birth year', () => {
    expect(g({ method: 'resident-id' })(ID_A)).toBe('110100/1949');
    expect(g({ method: 'resident-id', level: 'province', birthYear: false })(ID_C)).toBe('350000');
    expect(g({ method: 'resident-id', level: 'county' })(ID_C)).toBe('350102/1990');
    expect(reasonOf(() => g({ method: 'resident-id' })('110105194912310021'))).toBe(
      'invalid-resident-id',
    );
  });

  it('refuses numeric methods on identifier fields', () => {
    expect(
      reasonOf(() =>
        g({ method: 'interval', width: 10 }, { field: { identifierType: 'cn-mobile' } }),
      ),
    ).toBe('incompatible-field');
    expect(
      reasonOf(() => g({ method: 'resident-id' }, { field: { identifierType: 'cn-mobile' } })),
    ).toBe('incompatible-field');
  });
});

describe('generalize never throws anything but TransformError (property)', () => {
  const specs = [
    g({ method: 'interval', width: 10 }),
    g({ method: 'round', multiple: 5 }),
    g({ method: 'top-bottom', top: 5 }),
    g({ method: 'date', unit: 'month' }),
    g({ method: 'age', width: 10 }),
    g({ method: 'region', level: 'province' }),
    g({ method: 'address', level: 'county' }),
    g({ method: 'resident-id' }),
  ];
  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(specs.length - 1), (text, i) => {
        try {
          (specs[i] as (v: unknown) => unknown)(text);
        } catch (error) {
          expect(error).toBeInstanceOf(TransformError);
        }
      }),
    );
  });
});
