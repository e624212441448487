import type { Duration } from 'date-fns';
import { add } from 'date-fns/add';
import { ValidationError } from '../errors/kinds.ts';
import { WallDate } from './wall-date.ts';

/** Options of {@link parseDuration}. */
export interface ParseDurationOptions {
  /** Accept a duration whose parts are all zero (`P0D`); rejected by default. */
  readonly allowZero?: boolean;
}

// ISO 8601 durations with calendar parts, PnYnMnWnDTnHnMnS, whole numbers only.
// Bounded quantifiers keep the match linear.
const DURATION =
  /^P(?:(\d{1,4})Y)?(?:(\d{1,4})M)?(?:(\d{1,4})W)?(?:(\d{1,5})D)?(?:T(?:(\d{1,6})H)?(?:(\d{1,6})M)?(?:(\d{1,8})S)?)?$/;

const DURATION_KEYS = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds'] as const;

/**
 * Parses an ISO 8601 duration (`P5Y`, `P6M`, `P1Y6M`, `P2W`, `P30D`, `PT12H`)
 * into a date-fns Duration holding the parts written. Fractions, signs and
 * (unless `allowZero`) all-zero durations are rejected.
 *
 * @param text - the duration
 * @param name - the argument's name, for the error
 * @param options - `allowZero` to accept `P0D`
 * @returns the duration, with only the parts the text names
 * @throws {ValidationError} reason `invalid-duration` when the text is not such a duration
 * @example
 * ```ts
 * import { parseDuration } from './duration.ts';
 * parseDuration('P1Y6M', 'retention'); // { years: 1, months: 6 }
 * parseDuration('P0D', 'grace', { allowZero: true }); // { days: 0 }
 * ```
 */
export function parseDuration(
  text: string,
  name: string,
  options: ParseDurationOptions = {},
): Duration {
  const match = typeof text === 'string' ? DURATION.exec(text) : null;
  if (match === null || text === 'P' || text.endsWith('T')) {
    throw new ValidationError(`${name} must be an ISO 8601 duration such as P5Y or P30D`, {
      path: name,
      reason: 'invalid-duration',
    });
  }
  const out: Duration = {};
  let total = 0;
  for (let i = 0; i < DURATION_KEYS.length; i++) {
    const part = match[i + 1];
    if (part !== undefined) {
      const value = Number(part);
      out[DURATION_KEYS[i] as (typeof DURATION_KEYS)[number]] = value;
      total += value;
    }
  }
  if (total === 0 && options.allowZero !== true) {
    throw new ValidationError(`${name} must be a positive duration`, {
      path: name,
      reason: 'invalid-duration',
    });
  }
  return out;
}

/**
 * Adds a calendar duration with date-fns on the civil calendar of a UTC
 * offset: years and months keep the day of month, clamped to the month's end
 * there; weeks and days are calendar days; hours, minutes and seconds are
 * exact. No argument checks: callers pass a parsed duration.
 *
 * @param ms - the start instant (epoch milliseconds), or NaN ("none")
 * @param duration - a parsed duration
 * @param offsetMinutes - the civil time zone's offset from UTC, in minutes
 * @returns the end instant (epoch milliseconds), NaN when `ms` is NaN
 * @example
 * ```ts
 * import { addCalendarDuration } from './duration.ts';
 * const end = addCalendarDuration(Date.parse('2026-01-31T00:00:00+08:00'), { months: 1 }, 480);
 * end === Date.parse('2026-02-28T00:00:00+08:00'); // true
 * ```
 */
export function addCalendarDuration(ms: number, duration: Duration, offsetMinutes: number): number {
  const shift = offsetMinutes * 60_000;
  return add(new WallDate(ms + shift), duration).getTime() - shift;
}
