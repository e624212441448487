import { contractError } from './values.ts';

/** A calendar date as written in a value, with the layout to write it back in. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /**
   * `-`, `/` or `.` between the parts, `` (for YYYYMMDD), `年` for `1973年1月9日`,
   * or `serial` for an Excel serial number.
   */
  readonly separator: string;
  /** Whatever followed the date (a time part such as `T08:30:00+08:00`), kept verbatim. */
  readonly rest: string;
}

const ISO_DATE = /^(\d{4})([-/]?)(\d{2})\2(\d{2})(?=$|[T ])/;
// Excel's display forms: 1973/1/9, 1973-1-9, 1973.1.9 (one- or two-digit month and day).
const EXCEL_DATE = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?=$| )/;
const CJK_DATE = /^(\d{4})年(\d{1,2})月(\d{1,2})日/;
// An Excel serial day number, optionally with the time of day as a fraction.
const SERIAL = /^(\d{1,5})(?:\.\d+)?$/;
const DAY_MS = 86_400_000;
// Serial 1 is 1900-01-01; Excel counts a 1900-02-29 (serial 60) that never was.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 31);

/**
 * Reads a calendar date from `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYYMMDD`, optionally
 * followed by a time (`T…` or ` …`); from Excel's forms `YYYY/M/D`, `YYYY-M-D`,
 * `YYYY.M.D` (optionally followed by ` time`) and `YYYY年M月D日`; from an Excel
 * serial number (1900 date system, 1 = 1900-01-01, with Excel's phantom
 * 1900-02-29 = 60 refused; a fraction is the time of day and is ignored; a
 * four-digit number from 1000 to 2999 is refused as it reads as a bare year);
 * or from a Date (its UTC date).
 *
 * @param value - the value
 * @returns the date parts
 * @throws {TransformError} reason `not-a-date` when it is not a real calendar date
 */
export function parseCalendarDate(value: unknown): CalendarDate {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw contractError('not-a-date', 'value is not a date');
    return fromUtcDate(value, '-');
  }
  const text = typeof value === 'string' ? value : '';
  const iso = ISO_DATE.exec(text);
  if (iso !== null) return checked(iso, 1, 3, 4, iso[2] as string, text);
  const excel = EXCEL_DATE.exec(text);
  if (excel !== null) return checked(excel, 1, 3, 4, excel[2] as string, text);
  const cjk = CJK_DATE.exec(text);
  if (cjk !== null) return checked(cjk, 1, 2, 3, '年', text);
  const serial = SERIAL.exec(text);
  if (serial !== null) return fromSerial(Number(serial[1]));
  throw contractError('not-a-date', 'value is not a date');
}

function checked(
  match: RegExpExecArray,
  y: number,
  m: number,
  d: number,
  separator: string,
  text: string,
): CalendarDate {
  const year = Number(match[y]);
  const month = Number(match[m]);
  const day = Number(match[d]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw contractError('not-a-date', 'value is not a real calendar date');
  }
  return { year, month, day, separator, rest: text.slice(match[0].length) };
}

function fromSerial(serial: number): CalendarDate {
  if (serial < 1 || serial === 60 || (serial >= 1000 && serial <= 2999)) {
    throw contractError('not-a-date', 'value is not a date (an ambiguous Excel serial number)');
  }
  // Past the phantom 1900-02-29 every serial is one day ahead of the calendar.
  const days = serial > 60 ? serial - 1 : serial;
  return fromUtcDate(new Date(EXCEL_EPOCH_MS + days * DAY_MS), 'serial');
}

function fromUtcDate(date: Date, separator: string): CalendarDate {
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    separator,
    rest: '',
  };
}

/**
 * Writes a date in the layout it was read in (padded), or `YYYY-MM-DD` for an
 * Excel serial number; `rest` follows.
 *
 * @param layout - the date as read (its separator and rest)
 * @param year - the year to write
 * @param month - the month to write (1-12)
 * @param day - the day to write
 * @returns the date text
 */
export function formatCalendarDate(
  layout: CalendarDate,
  year: number,
  month: number,
  day: number,
): string {
  const s = layout.separator;
  if (s === '年') return `${pad4(year)}年${month}月${day}日${layout.rest}`;
  if (s === 'serial') return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
  return `${pad4(year)}${s}${pad2(month)}${s}${pad2(day)}${layout.rest}`;
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
