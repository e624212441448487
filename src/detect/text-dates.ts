// Dates of birth and ages in free text (出生于1990年5月, 1990年5月12日出生,
// 现年45岁): quasi-identifiers. Other dates are proposed below the default
// threshold, since event dates fill agency text and rarely single anyone out.
import type { TextContext } from './text-context.ts';

const BIRTH_WORDS = ['出生', '生于', '生日', '出生于', '出生日期', '出生年月', '生'];
const AGE_WORDS = ['现年', '年龄', '年满', '时年', '享年', '今年'];

function isDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 0xff10 && code <= 0xff19);
}

/** The start of the digit run ending at `end` (at most `max` digits), or `end`. */
function digitsBefore(ctx: TextContext, end: number, max: number): number {
  let s = end;
  while (s > 0 && end - s < max && isDigit(ctx.text.charCodeAt(s - 1))) s--;
  return s;
}

/** The end of the digit run starting at `start` (at most `max` digits). */
function digitsAfter(ctx: TextContext, start: number, max: number): number {
  let e = start;
  while (e < ctx.n && e - start < max && isDigit(ctx.text.charCodeAt(e))) e++;
  return e;
}

function near(ctx: TextContext, from: number, to: number, words: readonly string[]): boolean {
  const window = ctx.text.slice(Math.max(0, from), Math.min(ctx.n, to));
  return words.some((word) => window.includes(word));
}

/** Proposes a date whose 年 is at `year` (1990年5月12日). */
export function proposeDate(ctx: TextContext, year: number): void {
  const start = digitsBefore(ctx, year, 4);
  if (year - start !== 4 || isDigit(ctx.text.charCodeAt(start - 1))) return;
  let end = year + 1;
  const monthEnd = digitsAfter(ctx, end, 2);
  if (monthEnd === end || ctx.text.charAt(monthEnd) !== '月') return;
  end = monthEnd + 1;
  const dayEnd = digitsAfter(ctx, end, 2);
  if (dayEnd > end && (ctx.text.charAt(dayEnd) === '日' || ctx.text.charAt(dayEnd) === '号')) {
    end = dayEnd + 1;
  }
  const birth = near(ctx, start - 6, start, BIRTH_WORDS) || near(ctx, end, end + 3, BIRTH_WORDS);
  ctx.add({ type: 'date', start, end, score: birth ? 0.9 : 0.4 });
}

/** Proposes an age whose 岁 is at `sui` (45岁). */
export function proposeAge(ctx: TextContext, sui: number): void {
  const start = digitsBefore(ctx, sui, 3);
  if (start === sui || isDigit(ctx.text.charCodeAt(start - 1))) return;
  const value = Number(
    ctx.text.slice(start, sui).replace(/[\uff10-\uff19]/g, (d) => String(d.charCodeAt(0) - 0xff10)),
  );
  if (!(value <= 130)) return;
  const context = near(ctx, start - 4, start, AGE_WORDS);
  ctx.add({ type: 'age', start, end: sui + 1, score: context ? 0.9 : 0.75 });
}
