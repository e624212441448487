// Calendar checks for dates embedded in identifiers.

/** True for a real Gregorian calendar date. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return day <= (leap ? 29 : 28);
  }
  return day <= (month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31);
}

/** Today's date in China (UTC+8) as the number YYYYMMDD, from epoch ms. */
export function chinaToday(epochMs: number): number {
  const d = new Date(epochMs + 8 * 3_600_000);
  return d.getUTCFullYear() * 10_000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

/** Two ASCII digits at `at` as a number (no check). */
export function two(value: string, at: number): number {
  return (value.charCodeAt(at) - 48) * 10 + value.charCodeAt(at + 1) - 48;
}
