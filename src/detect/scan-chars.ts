// Character classes of the scanner, on UTF-16 code units. Full-width digits
// and letters (U+FF10-FF19, U+FF21-FF3A, U+FF41-FF5A) count as their ASCII
// forms so that offsets stay those of the original text.

// Character codes the scanner compares against (UTF-16 code units).

/** ` ` U+0020; also what the scanner reads before the start and after the end of the text. */
export const SPACE = 0x20;
/** `(` */
export const LEFT_PAREN = 0x28;
/** `+` */
export const PLUS = 0x2b;
/** `-` */
export const HYPHEN = 0x2d;
/** `.` */
export const DOT = 0x2e;
/** `0` */
export const DIGIT_0 = 0x30;
/** `1` */
export const DIGIT_1 = 0x31;
/** `4` */
export const DIGIT_4 = 0x34;
/** `8` */
export const DIGIT_8 = 0x38;
/** `9` */
export const DIGIT_9 = 0x39;
/** `:` */
export const COLON = 0x3a;
/** `@` */
export const AT_SIGN = 0x40;
/** `A` */
export const UPPER_A = 0x41;
/** `F` */
export const UPPER_F = 0x46;
/** `X` (check character of resident IDs) */
export const UPPER_X = 0x58;
/** `Z` */
export const UPPER_Z = 0x5a;
/** `[` */
export const LEFT_BRACKET = 0x5b;
/** `a` */
export const LOWER_A = 0x61;
/** `e` */
export const LOWER_E = 0x65;
/** `f` */
export const LOWER_F = 0x66;
/** `g` */
export const LOWER_G = 0x67;
/** `h` */
export const LOWER_H = 0x68;
/** `m` */
export const LOWER_M = 0x6d;
/** `x` */
export const LOWER_X = 0x78;
/** `z` */
export const LOWER_Z = 0x7a;
/** Bit that turns an upper-case ASCII letter into lower case. */
export const ASCII_CASE_BIT = 0x20;
/** The first code unit outside ASCII. */
export const NON_ASCII = 0x80;
/** `·` U+00B7 middle dot (between the parts of transliterated names). */
export const MIDDLE_DOT = 0xb7;
/** No-break space U+00A0. */
export const NO_BREAK_SPACE = 0xa0;
/** `•` U+2022 bullet. */
export const BULLET = 0x2022;
/** Ideographic space U+3000. */
export const IDEOGRAPHIC_SPACE = 0x3000;
/** `（` U+FF08 full-width left parenthesis. */
export const FULLWIDTH_LEFT_PAREN = 0xff08;
/** `＋` U+FF0B full-width plus. */
export const FULLWIDTH_PLUS = 0xff0b;
/** `－` U+FF0D full-width hyphen-minus. */
export const FULLWIDTH_HYPHEN = 0xff0d;
/** `０` U+FF10, the first full-width digit. */
export const FULLWIDTH_DIGIT_0 = 0xff10;
/** `ｚ` U+FF5A, the last full-width letter. */
export const FULLWIDTH_LOWER_Z = 0xff5a;
/** Distance from a full-width digit or letter to its ASCII form. */
const FULLWIDTH_OFFSET = 0xfee0;

/** Maps a full-width digit or letter to ASCII; other code units unchanged. */
export function fold(code: number): number {
  return code >= FULLWIDTH_DIGIT_0 && code <= FULLWIDTH_LOWER_Z ? code - FULLWIDTH_OFFSET : code;
}

/** True for an ASCII or full-width digit. */
export function isDigitCode(code: number): boolean {
  const c = fold(code);
  return c >= DIGIT_0 && c <= DIGIT_9;
}

/** True for an ASCII or full-width letter or digit. */
export function isAlnumCode(code: number): boolean {
  const c = fold(code);
  return isAsciiAlnum(c);
}

/** True for an upper-case ASCII or full-width letter. */
export function isUpperCode(code: number): boolean {
  const c = fold(code);
  return c >= UPPER_A && c <= UPPER_Z;
}

/** Separators allowed between digit groups of phones and cards: space, no-break and ideographic space, hyphens. */
export function isGroupSeparator(code: number): boolean {
  return (
    code === SPACE ||
    code === HYPHEN ||
    code === NO_BREAK_SPACE ||
    code === IDEOGRAPHIC_SPACE ||
    code === FULLWIDTH_HYPHEN
  );
}

/** The text between `start` and `end` with full-width digits and letters folded to ASCII. */
export function foldedSlice(text: string, start: number, end: number): string {
  let wide = false;
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) >= FULLWIDTH_DIGIT_0) {
      wide = true;
      break;
    }
  }
  if (!wide) return text.slice(start, end);
  let out = '';
  for (let i = start; i < end; i++) out += String.fromCharCode(fold(text.charCodeAt(i)));
  return out;
}

/** Non-alphanumeric characters allowed in an email local part (RFC 5322 atext, plus the dot). */
const EMAIL_LOCAL_SPECIALS: ReadonlySet<number> = new Set(
  Array.from(".!#$%&'*+/=?^_`{|}~-", (c) => c.charCodeAt(0)),
);

/** Local-part characters of an email address (RFC 5322 dot-atom, ASCII). */
export function isEmailLocalCode(c: number): boolean {
  return isAsciiAlnum(c) || EMAIL_LOCAL_SPECIALS.has(c);
}

/** Host-name characters of an email domain. */
export function isDomainCode(c: number): boolean {
  return isAsciiAlnum(c) || c === DOT || c === HYPHEN;
}

/** Hexadecimal digits, colons and dots (IPv6 and MAC candidates). */
export function isHexColonCode(c: number): boolean {
  return isHexCode(c) || c === COLON || c === DOT;
}

/** ASCII letters and digits. */
export function isAsciiAlnum(c: number): boolean {
  return (
    (c >= DIGIT_0 && c <= DIGIT_9) ||
    (c >= UPPER_A && c <= UPPER_Z) ||
    (c >= LOWER_A && c <= LOWER_Z)
  );
}

/** ASCII hexadecimal digits. */
export function isHexCode(c: number): boolean {
  return (
    (c >= DIGIT_0 && c <= DIGIT_9) ||
    (c >= UPPER_A && c <= UPPER_F) ||
    (c >= LOWER_A && c <= LOWER_F)
  );
}
