import { z } from 'zod';
import { assertIterable } from '../core/assert.ts';
import { parseArgument } from '../core/parse.ts';
import { ValidationError } from '../errors/kinds.ts';
import { type Grade, grades, Impact, type ImpactDegree, type ImpactObject } from './vocabulary.ts';

type Matrix = Readonly<
  Record<ImpactObject, Readonly<Record<Exclude<ImpactDegree, 'none'>, Grade>>>
>;

/** Rule G-MATRIX (GB/T 43697-2024 §6.5, App. H) as a table. */
const MATRIX: Matrix = {
  'national-security': { 'especially-serious': 'core', serious: 'core', general: 'important' },
  'economic-operation': {
    'especially-serious': 'core',
    serious: 'important',
    general: 'general-3',
  },
  'social-order': { 'especially-serious': 'core', serious: 'important', general: 'general-3' },
  'public-interest': { 'especially-serious': 'core', serious: 'important', general: 'general-3' },
  'organization-rights': {
    'especially-serious': 'general-4',
    serious: 'general-3',
    general: 'general-2',
  },
  'personal-rights': {
    'especially-serious': 'general-4',
    serious: 'general-3',
    general: 'general-2',
  },
};

/**
 * The rank of a grade: 0 for `core` up to 5 for `general-1` (lower is stricter).
 *
 * @param grade - a grade
 * @returns its rank
 */
export function gradeRank(grade: Grade): number {
  return grades.indexOf(grade);
}

/**
 * The stricter of grades (rule G-HIGHEST, 就高从严); `general-1` for none.
 *
 * @param list - grades to combine
 * @returns the highest grade
 * @throws {ValidationError} `not-iterable` for a non-iterable list, `unknown-grade` for a value that is not a grade
 * @example
 * ```ts
 * import { highestGrade } from './grade.ts';
 * highestGrade(['general-2', 'important', 'general-4']); // 'important'
 * ```
 */
export function highestGrade(list: Iterable<Grade>): Grade {
  assertIterable(list, 'list');
  let best = grades.length - 1;
  for (const grade of list) {
    const rank = gradeRank(grade);
    // Fail closed: an unknown grade must not be skipped or read as the strictest.
    if (rank < 0) {
      throw new ValidationError(`list holds a value that is not one of ${grades.join(', ')}`, {
        reason: 'unknown-grade',
        path: 'list',
      });
    }
    best = Math.min(best, rank);
  }
  return grades[best] as Grade;
}

/**
 * Whether grade `a` is at least as strict as grade `b`.
 *
 * @example
 * ```ts
 * import { isAtLeast } from 'dataguard/tags';
 * isAtLeast('general-4', 'general-2'); // true
 * ```
 */
export function isAtLeast(a: Grade, b: Grade): boolean {
  return gradeRank(a) <= gradeRank(b);
}

const Impacts = z.array(Impact);

/**
 * Grades data from its assessed impacts (rules G-MATRIX and G-HIGHEST,
 * GB/T 43697-2024 §6.5-6.6): each impact maps through the standard's table and
 * the strictest result wins; an empty list or only `none` gives `general-1`.
 *
 * @param impacts - the assessed impacts, one per affected object
 * @returns the grade
 * @throws {ValidationError} when an impact has an unknown object or degree
 * @example
 * ```ts
 * import { gradeByImpact } from 'dataguard/tags';
 * gradeByImpact([{ object: 'personal-rights', degree: 'especially-serious' }]); // 'general-4'
 * gradeByImpact([{ object: 'public-interest', degree: 'serious' }]); // 'important'
 * ```
 */
export function gradeByImpact(
  impacts: readonly { object: ImpactObject; degree: ImpactDegree }[],
): Grade {
  const parsed = parseArgument(Impacts, impacts, 'impacts');
  return highestGrade(
    parsed.map(({ object, degree }) => (degree === 'none' ? 'general-1' : MATRIX[object][degree])),
  );
}
