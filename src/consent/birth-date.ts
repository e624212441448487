import { addDays } from 'date-fns/addDays';
import { addYears } from 'date-fns/addYears';
import { assertFiniteNumber, assertRecord } from '../core/assert.ts';
import { WallDate } from '../core/wall-date.ts';
import { CHINA_OFFSET_MINUTES } from './duration.ts';

/** A civil date: year, month (1-12) and day. */
export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = '10X98765432';

/**
 * The birth date encoded in a resident identity card number (GB 11643-1999):
 * digits 7-14 of the 18-character number are YYYYMMDD, and the last character
 * is the ISO 7064 MOD 11-2 check character. A 15-digit first-generation number
 * (GB 11643-1989) carries YYMMDD in digits 7-12, in the 1900s. Returns
 * undefined when the number is malformed, fails its check or encodes no real date.
 *
 * @param id - the resident ID number
 * @returns the birth date, or undefined
 * @example
 * ```ts
 * import { birthDateFromResidentId } from 'dataguard/consent';
 * birthDateFromResidentId('11010519491231002X'); // { year: 1949, month: 12, day: 31 }
 * ```
 */
export function birthDateFromResidentId(id: string): CivilDate | undefined {
  if (typeof id !== 'string') return undefined;
  if (id.length === 18) {
    let sum = 0;
    for (let i = 0; i < 17; i++) {
      const digit = id.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return undefined;
      sum += digit * (WEIGHTS[i] as number);
    }
    const last = id[17] === 'x' ? 'X' : id[17];
    if (CHECK[sum % 11] !== last) return undefined;
    return civilDate(digits(id, 6, 4), digits(id, 10, 2), digits(id, 12, 2));
  }
  if (id.length === 15) {
    for (let i = 0; i < 15; i++) {
      const digit = id.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return undefined;
    }
    return civilDate(1900 + digits(id, 6, 2), digits(id, 8, 2), digits(id, 10, 2));
  }
  return undefined;
}

/**
 * Parses a birth date written `YYYY-MM-DD` or `YYYYMMDD`; undefined when it is not a real date.
 *
 * @param text - the date
 * @returns the civil date, or undefined
 * @example
 * ```ts
 * import { parseBirthDate } from './birth-date.ts';
 * parseBirthDate('2012-02-29'); // { year: 2012, month: 2, day: 29 }
 * ```
 */
export function parseBirthDate(text: string): CivilDate | undefined {
  if (typeof text !== 'string') return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    return civilDate(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2));
  }
  if (/^\d{8}$/.test(text))
    return civilDate(digits(text, 0, 4), digits(text, 4, 2), digits(text, 6, 2));
  return undefined;
}

/**
 * The instant a person born on `birth` has fully reached `years` years of age
 * (满N周岁): ages are counted by the Gregorian year, month and day, and a
 * person is N from the day after the Nth birthday (Civil Code Art. 201; SPC
 * interpretation on minors, 2006, Art. 2). A 29 February birthday falls on
 * 28 February in common years (Civil Code Art. 202). Counted at midnight in
 * the given time zone (China by default).
 *
 * @param birth - the birth date
 * @param years - the age
 * @param offsetMinutes - the civil time zone's offset from UTC
 * @returns epoch milliseconds from which the person is at least `years` old
 * @throws {ValidationError} reason `invalid-argument` when `birth` is not a civil date or a number is not finite
 * @example
 * ```ts
 * import { ageReachedAt } from './birth-date.ts';
 * new Date(ageReachedAt({ year: 2012, month: 3, day: 1 }, 14)).toISOString(); // '2026-03-01T16:00:00.000Z'
 * ```
 */
export function ageReachedAt(
  birth: CivilDate,
  years: number,
  offsetMinutes: number = CHINA_OFFSET_MINUTES,
): number {
  assertRecord(birth, 'birth');
  assertFiniteNumber(birth.year, 'birth.year');
  assertFiniteNumber(birth.month, 'birth.month');
  assertFiniteNumber(birth.day, 'birth.day');
  assertFiniteNumber(years, 'years');
  assertFiniteNumber(offsetMinutes, 'offsetMinutes');
  return ageReachedAtUnchecked(birth, years, offsetMinutes);
}

/**
 * {@link ageReachedAt} without argument checks, for civil dates this module parsed.
 *
 * @param birth - the birth date
 * @param years - the age
 * @param offsetMinutes - the civil time zone's offset from UTC
 * @returns epoch milliseconds from which the person is at least `years` old
 */
export function ageReachedAtUnchecked(
  birth: CivilDate,
  years: number,
  offsetMinutes: number,
): number {
  const wall = new WallDate(Date.UTC(birth.year, birth.month - 1, birth.day));
  const from = addDays(addYears(wall, years), 1);
  return from.getTime() - offsetMinutes * 60_000;
}

function digits(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) value = value * 10 + (text.charCodeAt(i) - 48);
  return value;
}

function civilDate(year: number, month: number, day: number): CivilDate | undefined {
  if (month < 1 || month > 12 || day < 1 || year < 1800) return undefined;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
  return Object.freeze({ year, month, day });
}
