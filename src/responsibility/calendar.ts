import { ValidationError } from '../errors/kinds.ts';

/** A calendar duration, as parsed from ISO 8601 (`P3M`, `P1Y6M`, `P2W`, `PT12H`). */
export interface CalendarDuration {
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

// Bounded quantifiers keep this linear; fractions are not accepted (calendar terms are whole).
const DURATION =
  /^P(?:(\d{1,4})Y)?(?:(\d{1,4})M)?(?:(\d{1,4})W)?(?:(\d{1,5})D)?(?:T(?:(\d{1,6})H)?(?:(\d{1,6})M)?(?:(\d{1,7})S)?)?$/;

/**
 * Parses an ISO 8601 duration with whole-number components.
 *
 * @param text - e.g. `P3M`, `P1Y`, `P30D`, `PT12H`
 * @param name - the argument's name, for the error
 * @returns the duration
 * @throws {ValidationError} (`invalid-duration`) when the text is not such a duration
 * @example
 * ```ts
 * import { parseDuration } from './calendar.ts';
 * parseDuration('P3M', 'every').months; // 3
 * ```
 */
export function parseDuration(text: string, name: string): CalendarDuration {
  const match = typeof text === 'string' ? DURATION.exec(text) : null;
  if (match === null || text === 'P' || text.endsWith('T')) {
    throw new ValidationError(`${name} must be an ISO 8601 duration such as P3M or P30D`, {
      path: name,
      reason: 'invalid-duration',
    });
  }
  const n = (i: number) => Number(match[i] ?? 0);
  return {
    years: n(1),
    months: n(2),
    weeks: n(3),
    days: n(4),
    hours: n(5),
    minutes: n(6),
    seconds: n(7),
  };
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
 * it: months and years keep the day of month, clamped to the month's end.
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
  const local = new Date(ms + offset * 60_000);
  const months = duration.years * 12 + duration.months;
  if (months !== 0) {
    const day = local.getUTCDate();
    local.setUTCDate(1);
    local.setUTCMonth(local.getUTCMonth() + months);
    const last = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0));
    local.setUTCDate(Math.min(day, last.getUTCDate()));
  }
  const days = duration.weeks * 7 + duration.days;
  if (days !== 0) local.setUTCDate(local.getUTCDate() + days);
  const extra = ((duration.hours * 60 + duration.minutes) * 60 + duration.seconds) * 1000;
  return local.getTime() + extra - offset * 60_000;
}
