import { assertFunction, assertIterable, assertRecord, safeString } from '../core/assert.ts';
import { ValidationError } from '../errors/kinds.ts';
import { validateHierarchy } from './hierarchy.ts';

function distinct(values: Iterable<string | number>, path: string): string[] {
  assertIterable(values, path);
  // safeString: a Symbol or null-prototype value becomes text that fails the
  // builder's own format check (not-a-number, not-a-date…) instead of a TypeError.
  return [...new Set(Array.from(values, (v) => (typeof v === 'string' ? v : safeString(v))))];
}

const DATE_LEVELS: readonly DateLevel[] = ['month', 'quarter', 'year', 'decade'];

/** Options of {@link intervalHierarchy}. */
export interface IntervalHierarchyOptions {
  /** Interval widths per level, each a multiple of the one before (e.g. [5, 10, 20]). */
  readonly widths: readonly number[];
  /** Where intervals start (default 0). */
  readonly origin?: number | undefined;
  /** Label of the top level (default `*`). */
  readonly top?: string | undefined;
}

/**
 * Builds a hierarchy of numeric intervals: level i maps v to the interval of
 * width widths[i-1] containing it, written `lo-hi` for integers (as in ARX's
 * Adult age hierarchy) and `[lo, hi)` otherwise; the last level is `*`.
 *
 * @param values - the values to cover (numbers or numeric strings)
 * @param options - widths and origin
 * @returns the hierarchy rows
 * @throws {ValidationError} `not-iterable`, `not-a-number` or `invalid-widths`
 * @example
 * ```ts
 * import { intervalHierarchy } from 'dataguard/anonymity';
 * intervalHierarchy(['37'], { widths: [5, 10] }); // [['37', '35-39', '30-39', '*']]
 * ```
 */
export function intervalHierarchy(
  values: Iterable<string | number>,
  options: IntervalHierarchyOptions,
): string[][] {
  const widths = options?.widths;
  if (
    !Array.isArray(widths) ||
    widths.some((w, i) => !(w > 0) || (i > 0 && (w / widths[i - 1]!) % 1 !== 0))
  ) {
    throw new ValidationError('widths must be positive, each a multiple of the one before', {
      reason: 'invalid-widths',
      path: 'options.widths',
    });
  }
  const origin = options.origin ?? 0;
  const rows = distinct(values, 'values').map((text, i) => {
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v)) {
      throw new ValidationError(`values[${i}] is not a number`, {
        reason: 'not-a-number',
        path: `values[${i}]`,
      });
    }
    const row = [text];
    for (const w of widths) {
      const lo = origin + Math.floor((v - origin) / w) * w;
      row.push(
        Number.isInteger(lo) && Number.isInteger(w) && Number.isInteger(v)
          ? `${lo}-${lo + w - 1}`
          : `[${lo}, ${lo + w})`,
      );
    }
    row.push(options.top ?? '*');
    return row;
  });
  return validateHierarchy(rows, 'interval') as string[][];
}

/** A date generalization step. */
export type DateLevel = 'month' | 'quarter' | 'year' | 'decade';

/**
 * Builds a hierarchy of ISO 8601 dates (`YYYY-MM-DD`, optionally with a time):
 * each level truncates to month (`2024-03`), quarter (`2024-Q1`), year
 * (`2024`) or decade (`2020s`); the last level is `*`.
 *
 * @param values - ISO dates
 * @param levels - steps, finest first (default month, year, decade)
 * @returns the hierarchy rows
 * @throws {ValidationError} `not-iterable`, `invalid-levels` or `not-a-date`
 * @example
 * ```ts
 * import { dateHierarchy } from 'dataguard/anonymity';
 * dateHierarchy(['2024-03-15'], ['month', 'year']); // [['2024-03-15', '2024-03', '2024', '*']]
 * ```
 */
export function dateHierarchy(
  values: Iterable<string>,
  levels: readonly DateLevel[] = ['month', 'year', 'decade'],
): string[][] {
  if (!Array.isArray(levels) || levels.some((l) => !DATE_LEVELS.includes(l))) {
    throw new ValidationError(`levels must be a list of ${DATE_LEVELS.join(', ')}`, {
      reason: 'invalid-levels',
      path: 'levels',
    });
  }
  const rows = distinct(values, 'values').map((text, i) => {
    const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(text);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) {
      throw new ValidationError(`values[${i}] is not an ISO date`, {
        reason: 'not-a-date',
        path: `values[${i}]`,
      });
    }
    const year = m[1]!;
    const month = m[2]!;
    const row = [text];
    for (const level of levels) {
      if (level === 'month') row.push(`${year}-${month}`);
      else if (level === 'quarter') row.push(`${year}-Q${Math.ceil(Number(month) / 3)}`);
      else if (level === 'year') row.push(year);
      else row.push(`${year.slice(0, 3)}0s`);
    }
    row.push('*');
    return row;
  });
  return validateHierarchy(rows, 'date') as string[][];
}

/** Options of {@link regionHierarchy}. */
export interface RegionHierarchyOptions {
  /** Maps a code to its generalization at level 1 (prefecture) and 2 (province); default zeroes digits. */
  readonly generalize?: ((code: string, level: number) => string) | undefined;
}

/**
 * Builds a hierarchy of GB/T 2260 administrative division codes (6 digits):
 * county → prefecture (last two digits zeroed) → province (last four zeroed) → `*`.
 *
 * @param codes - six-digit division codes
 * @param options - an optional mapping function (e.g. one that knows municipalities)
 * @returns the hierarchy rows
 * @throws {ValidationError} `not-iterable`, `invalid-argument` (options) or `not-a-region-code`
 * @example
 * ```ts
 * import { regionHierarchy } from 'dataguard/anonymity';
 * regionHierarchy(['350102']); // [['350102', '350100', '350000', '*']]
 * ```
 */
export function regionHierarchy(
  codes: Iterable<string>,
  options: RegionHierarchyOptions = {},
): string[][] {
  const checked: unknown = options;
  assertRecord(checked, 'options');
  if (checked.generalize !== undefined) assertFunction(checked.generalize, 'options.generalize');
  const generalize =
    options.generalize ??
    ((code: string, level: number) =>
      level === 1 ? `${code.slice(0, 4)}00` : `${code.slice(0, 2)}0000`);
  const rows = distinct(codes, 'codes').map((code, i) => {
    if (!/^\d{6}$/.test(code)) {
      throw new ValidationError(`codes[${i}] is not a six-digit division code`, {
        reason: 'not-a-region-code',
        path: `codes[${i}]`,
      });
    }
    return [code, generalize(code, 1), generalize(code, 2), '*'];
  });
  return validateHierarchy(rows, 'region') as string[][];
}
