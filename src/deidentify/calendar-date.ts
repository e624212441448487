import { contractError } from './values.ts';

/** A calendar date as written in a value, with the layout to write it back in. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** `-`, `/` or `` (for YYYYMMDD). */
  readonly separator: string;
  /** Whatever followed the date (a time part such as `T08:30:00+08:00`), kept verbatim. */
  readonly rest: string;
}

const DATE = /^(\d{4})([-/]?)(\d{2})\2(\d{2})(?=$|[T ])/;

/**
 * Reads a calendar date from `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYYMMDD`,
 * optionally followed by a time (`T…` or ` …`), or from a Date (its UTC date).
 *
 * @param value - the value
 * @returns the date parts
 * @throws {TransformError} reason `not-a-date` when it is not a real calendar date
 */
export function parseCalendarDate(value: unknown): CalendarDate {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw contractError('not-a-date', 'value is not a date');
    return {
      year: value.getUTCFullYear(),
      month: value.getUTCMonth() + 1,
      day: value.getUTCDate(),
      separator: '-',
      rest: '',
    };
  }
  const text = typeof value === 'string' ? value : '';
  const match = DATE.exec(text);
  if (match === null) throw contractError('not-a-date', 'value is not a date');
  const year = Number(match[1]);
  const month = Number(match[3]);
  const day = Number(match[4]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw contractError('not-a-date', 'value is not a real calendar date');
  }
  return { year, month, day, separator: match[2] as string, rest: text.slice(match[0].length) };
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Two-digit zero padding. */
export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Four-digit zero padding for years. */
export function pad4(n: number): string {
  return String(n).padStart(4, '0');
}

/** A local-time Date at midnight of a calendar date (years below 100 included), for date-fns arithmetic. */
export function localDate(year: number, month: number, day: number): Date {
  const date = new Date(2000, 0, 1);
  date.setFullYear(year, month - 1, day);
  return date;
}
