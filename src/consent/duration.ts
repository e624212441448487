import { add, type Duration } from 'date-fns';
import { assertFiniteNumber, assertRecord } from '../core/assert.ts';
import { ValidationError } from '../errors/kinds.ts';
import { WallDate } from './wall-date.ts';

/** China Standard Time (UTC+8, no daylight saving since 1991): the default civil time zone. */
export const CHINA_OFFSET_MINUTES = 480;

// ISO 8601 durations with calendar parts: PnYnMnWnDTnHnMnS, integers only.
const DURATION =
  /^P(?:(\d{1,4})Y)?(?:(\d{1,4})M)?(?:(\d{1,4})W)?(?:(\d{1,5})D)?(?:T(?:(\d{1,6})H)?(?:(\d{1,6})M)?(?:(\d{1,8})S)?)?$/;

const DURATION_KEYS = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds'] as const;

/**
 * Parses an ISO 8601 duration (`P5Y`, `P6M`, `P1Y6M`, `P30D`, `PT12H`) into a
 * date-fns Duration. Fractions and negative durations are rejected.
 *
 * @param text - the duration
 * @param name - the argument's name, for the error message
 * @returns the duration
 * @throws {ValidationError} reason `invalid-duration` when the text is not a positive ISO 8601 duration
 * @example
 * ```ts
 * import { parseDuration } from './duration.ts';
 * parseDuration('P1Y6M', 'retention'); // { years: 1, months: 6 }
 * ```
 */
export function parseDuration(text: string, name: string): Duration {
  const match = typeof text === 'string' ? DURATION.exec(text) : null;
  if (match === null || text === 'P' || text.endsWith('T')) {
    throw new ValidationError(`${name} must be an ISO 8601 duration such as P5Y or P6M`, {
      path: name,
      reason: 'invalid-duration',
    });
  }
  const keys = DURATION_KEYS;
  const out: Duration = {};
  let total = 0;
  keys.forEach((key, i) => {
    const part = match[i + 1];
    if (part !== undefined) {
      out[key] = Number(part);
      total += Number(part);
    }
  });
  if (total === 0) {
    throw new ValidationError(`${name} must be a positive duration`, {
      path: name,
      reason: 'invalid-duration',
    });
  }
  return out;
}

/**
 * Adds a calendar duration to an instant with date-fns, counting years, months
 * and days on the civil calendar of the given UTC offset (China by default),
 * so that "one month after 31 January" is the end of February there.
 *
 * @param ms - the start instant (epoch milliseconds)
 * @param duration - the duration to add
 * @param offsetMinutes - the civil time zone's offset from UTC
 * @returns the end instant (epoch milliseconds)
 * @throws {ValidationError} reason `invalid-argument` when an argument is not a finite number or a duration
 * @example
 * ```ts
 * import { addDuration } from './duration.ts';
 * addDuration(Date.parse('2024-02-29T00:00:00+08:00'), { years: 1 }); // 2025-02-28T00:00+08:00
 * ```
 */
export function addDuration(
  ms: number,
  duration: Duration,
  offsetMinutes: number = CHINA_OFFSET_MINUTES,
): number {
  assertFiniteNumber(ms, 'ms');
  assertRecord(duration, 'duration');
  for (const key of DURATION_KEYS) {
    const part = duration[key];
    if (part !== undefined) assertFiniteNumber(part, `duration.${key}`);
  }
  assertFiniteNumber(offsetMinutes, 'offsetMinutes');
  return shiftByDuration(ms, duration, offsetMinutes);
}

/**
 * {@link addDuration} without argument checks, for internal callers whose
 * durations come from parseDuration (and whose instant may be NaN: "none").
 *
 * @param ms - the start instant (epoch milliseconds), or NaN
 * @param duration - a parsed duration
 * @param offsetMinutes - the civil time zone's offset from UTC
 * @returns the end instant (epoch milliseconds), NaN when `ms` is NaN
 */
export function shiftByDuration(
  ms: number,
  duration: Duration,
  offsetMinutes: number = CHINA_OFFSET_MINUTES,
): number {
  const shift = offsetMinutes * 60_000;
  return add(new WallDate(ms + shift), duration).getTime() - shift;
}
