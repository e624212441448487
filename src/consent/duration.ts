import type { Duration } from 'date-fns';
import { assertFiniteNumber, assertRecord } from '../core/assert.ts';
import { addCalendarDuration } from '../core/duration.ts';

// One parser for the whole code base; consent durations (retention, validity, terms) are positive.
export { parseDuration } from '../core/duration.ts';

const DURATION_KEYS = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds'] as const;

/** China Standard Time (UTC+8, no daylight saving since 1991): the default civil time zone. */
export const CHINA_OFFSET_MINUTES = 480;

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
  return addCalendarDuration(ms, duration, offsetMinutes);
}
