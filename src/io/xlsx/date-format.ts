// Built-in number formats that show dates or times (ECMA-376 §18.8.30, with the
// CJK locale ids 27-36 and 50-58 Chinese Excel uses for 年月日 dates).
const BUILT_IN_DATES = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81,
]);

// Quoted text, escaped characters, padding (_x) and fill (*x) never make a format a date.
const LITERALS = /"[^"]*"|\\.|_.|\*./g;
// Elapsed time ([h], [mm], [ss]) is a time; other brackets are colours, conditions, locales.
const ELAPSED = /\[(?:h+|m+|s+)\]/i;
const BRACKETS = /\[[^[\]]*\]/g;
const DATE_TOKENS = /[dmyhs]/i;

/**
 * Whether a cell style's number format shows a date or time.
 *
 * @param id - the numFmtId
 * @param code - its formatCode when the workbook defines one
 * @returns true for date and time formats
 */
export function isDateFormat(id: number, code: string | undefined): boolean {
  if (code === undefined) return BUILT_IN_DATES.has(id);
  const first = code.replace(LITERALS, '').split(';')[0] ?? '';
  if (ELAPSED.test(first)) return true;
  const bare = first.replace(BRACKETS, '');
  if (bare.toLowerCase() === 'general') return false;
  return DATE_TOKENS.test(bare);
}
