import type { Duration } from 'date-fns';
import { addCalendarDuration, parseDuration as parseIsoDuration } from '../core/duration.ts';

/** A calendar duration, as parsed from ISO 8601 (`P3M`, `P1Y6M`, `P2W`, `PT12H`, `P0D`). */
export type CalendarDuration = Duration;

/**
 * Parses an ISO 8601 duration with whole-number parts for responsibility
 * periods, where zero is meaningful (`P0D`: due at once). The one parser of
 * `src/core/duration.ts`, with `allowZero`.
 *
 * @param text - e.g. `P3M`, `P1Y`, `P30D`, `PT12H`, `P0D`
 * @param name - the argument's name, for the error
 * @returns the duration, with the parts the text names
 * @throws {ValidationError} (`invalid-duration`) when the text is not such a duration
 * @example
 * ```ts
 * import { parseDuration } from './calendar.ts';
 * parseDuration('P3M', 'every').months; // 3
 * ```
 */
export function parseDuration(text: string, name: string): CalendarDuration {
  return parseIsoDuration(text, name, { allowZero: true });
}

/** The UTC offset, in minutes, written in an ISO 8601 date-time (0 for `Z` or a non-string). */
export function offsetMinutes(time: string | number | Date): number {
  if (typeof time !== 'string') return 0;
  const match = /([+-])(\d{2}):?(\d{2})$/.exec(time);
  if (match === null) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/**
 * Adds a calendar duration the way a calendar in the given UTC offset counts
 * it (with date-fns): months and years keep the day of month, clamped to
 * the month's end.
 *
 * @param ms - the start, epoch milliseconds
 * @param duration - what to add
 * @param offset - the UTC offset of the calendar, in minutes
 * @returns the end, epoch milliseconds
 * @example
 * ```ts
 * import { addCalendar, parseDuration } from './calendar.ts';
 * const end = addCalendar(Date.parse('2026-01-31T00:00:00+08:00'), parseDuration('P1M', 'd'), 480);
 * new Date(end).toISOString(); // '2026-02-27T16:00:00.000Z' (2026-02-28T00:00+08:00, the month's last day)
 * ```
 */
export function addCalendar(ms: number, duration: CalendarDuration, offset: number): number {
  return addCalendarDuration(ms, duration, offset);
}
