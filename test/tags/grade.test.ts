import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/index.ts';
import { highestGrade } from '../../src/tags/grade.ts';
import type { Grade, ImpactDegree, ImpactObject } from '../../src/tags/index.ts';
import { gradeByImpact, isAtLeast } from '../../src/tags/index.ts';

// Rule G-MATRIX of REGULATIONS.md, one row per impact object.
const table: [ImpactObject, Grade, Grade, Grade][] = [
  ['national-security', 'core', 'core', 'important'],
  ['economic-operation', 'core', 'important', 'general-3'],
  ['social-order', 'core', 'important', 'general-3'],
  ['public-interest', 'core', 'important', 'general-3'],
  ['organization-rights', 'general-4', 'general-3', 'general-2'],
  ['personal-rights', 'general-4', 'general-3', 'general-2'],
];
const degrees: Exclude<ImpactDegree, 'none'>[] = ['especially-serious', 'serious', 'general'];

describe('gradeByImpact (G-MATRIX, G-HIGHEST)', () => {
  for (const [object, ...row] of table) {
    degrees.forEach((degree, i) => {
      it(`${object} × ${degree} → ${row[i]}`, () => {
        expect(gradeByImpact([{ object, degree }])).toBe(row[i]);
      });
    });
    it(`${object} × none → general-1`, () => {
      expect(gradeByImpact([{ object, degree: 'none' }])).toBe('general-1');
    });
  }

  it('an empty list gives general-1', () => {
    expect(gradeByImpact([])).toBe('general-1');
  });

  it('takes the highest of several impacts (就高从严)', () => {
    expect(
      gradeByImpact([
        { object: 'personal-rights', degree: 'especially-serious' },
        { object: 'public-interest', degree: 'serious' },
        { object: 'organization-rights', degree: 'none' },
      ]),
    ).toBe('important');
  });

  it('rejects unknown objects and degrees with a ValidationError naming the argument', () => {
    expect(() => gradeByImpact([{ object: 'planet', degree: 'serious' } as never])).toThrow(
      ValidationError,
    );
    expect(() => gradeByImpact([{ object: 'planet', degree: 'serious' } as never])).toThrow(
      /impacts\[0\]\.object/,
    );
    expect(() => gradeByImpact('x' as never)).toThrow(ValidationError);
  });
});

describe('grade order', () => {
  it('orders core above important above general-4 … general-1', () => {
    expect(highestGrade(['general-1', 'general-3', 'general-2'])).toBe('general-3');
    expect(highestGrade([])).toBe('general-1');
    expect(isAtLeast('core', 'important')).toBe(true);
    expect(isAtLeast('general-2', 'general-4')).toBe(false);
  });
});
