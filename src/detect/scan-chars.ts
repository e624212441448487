// Character classes of the scanner, on UTF-16 code units. Full-width digits
// and letters (U+FF10-FF19, U+FF21-FF3A, U+FF41-FF5A) count as their ASCII
// forms so that offsets stay those of the original text.

/**
 * Character codes the scanner compares against (UTF-16 code units). An enum,
 * not module constants: the bundler inlines enum members as literals, while a
 * module-level `const` becomes a variable read on every comparison in the
 * scanner's hot loops (measured: about 3% slower).
 */
export enum Char {
  /** ` ` U+0020; also what the scanner reads before the start and after the end of the text. */
  Space = 0x20,
  /** `(` */
  LeftParen = 0x28,
  /** `+` */
  Plus = 0x2b,
  /** `-` */
  Hyphen = 0x2d,
  /** `.` */
  Dot = 0x2e,
  /** `0` */
  Digit0 = 0x30,
  /** `1` */
  Digit1 = 0x31,
  /** `4` */
  Digit4 = 0x34,
  /** `8` */
  Digit8 = 0x38,
  /** `9` */
  Digit9 = 0x39,
  /** `:` */
  Colon = 0x3a,
  /** `@` */
  AtSign = 0x40,
  /** `A` */
  UpperA = 0x41,
  /** `F` */
  UpperF = 0x46,
  /** `X` (check character of resident IDs) */
  UpperX = 0x58,
  /** `Z` */
  UpperZ = 0x5a,
  /** `[` */
  LeftBracket = 0x5b,
  /** `a` */
  LowerA = 0x61,
  /** `e` */
  LowerE = 0x65,
  /** `f` */
  LowerF = 0x66,
  /** `g` */
  LowerG = 0x67,
  /** `h` */
  LowerH = 0x68,
  /** `m` */
  LowerM = 0x6d,
  /** `x` */
  LowerX = 0x78,
  /** `z` */
  LowerZ = 0x7a,
  /** The first code unit outside ASCII. */
  NonAscii = 0x80,
  /** `·` U+00B7 middle dot (between the parts of transliterated names). */
  MiddleDot = 0xb7,
  /** No-break space U+00A0. */
  NoBreakSpace = 0xa0,
  /** `•` U+2022 bullet. */
  Bullet = 0x2022,
  /** Ideographic space U+3000. */
  IdeographicSpace = 0x3000,
  /** `（` U+FF08 full-width left parenthesis. */
  FullwidthLeftParen = 0xff08,
  /** `＋` U+FF0B full-width plus. */
  FullwidthPlus = 0xff0b,
  /** `－` U+FF0D full-width hyphen-minus. */
  FullwidthHyphen = 0xff0d,
  /** `０` U+FF10, the first full-width digit. */
  FullwidthDigit0 = 0xff10,
  /** `ｚ` U+FF5A, the last full-width letter. */
  FullwidthLowerZ = 0xff5a,
  /** Distance from a full-width digit or letter to its ASCII form. */
  FullwidthOffset = 0xfee0,
}

/** Maps a full-width digit or letter to ASCII; other code units unchanged. */
export function fold(code: number): number {
  return code >= Char.FullwidthDigit0 && code <= Char.FullwidthLowerZ
    ? code - Char.FullwidthOffset
    : code;
}

/** True for an ASCII or full-width digit. */
export function isDigitCode(code: number): boolean {
  const c = fold(code);
  return c >= Char.Digit0 && c <= Char.Digit9;
}

/** True for an ASCII or full-width letter or digit. */
export function isAlnumCode(code: number): boolean {
  const c = fold(code);
  return isAsciiAlnum(c);
}

/** True for an upper-case ASCII or full-width letter. */
export function isUpperCode(code: number): boolean {
  const c = fold(code);
  return c >= Char.UpperA && c <= Char.UpperZ;
}

/** Separators allowed between digit groups of phones and cards: space, no-break and ideographic space, hyphens. */
export function isGroupSeparator(code: number): boolean {
  return (
    code === Char.Space ||
    code === Char.Hyphen ||
    code === Char.NoBreakSpace ||
    code === Char.IdeographicSpace ||
    code === Char.FullwidthHyphen
  );
}

/** The text between `start` and `end` with full-width digits and letters folded to ASCII. */
export function foldedSlice(text: string, start: number, end: number): string {
  let wide = false;
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) >= Char.FullwidthDigit0) {
      wide = true;
      break;
    }
  }
  if (!wide) return text.slice(start, end);
  let out = '';
  for (let i = start; i < end; i++) out += String.fromCharCode(fold(text.charCodeAt(i)));
  return out;
}

/** 1 for each ASCII code allowed in an email local part (RFC 5322 atext, plus the dot). */
const EMAIL_LOCAL_TABLE: Uint8Array = (() => {
  const table = new Uint8Array(Char.NonAscii);
  for (let c = 0; c < Char.NonAscii; c++) if (isAsciiAlnum(c)) table[c] = 1;
  for (const ch of ".!#$%&'*+/=?^_`{|}~-") table[ch.charCodeAt(0)] = 1;
  return table;
})();

/** Local-part characters of an email address (RFC 5322 dot-atom, ASCII). */
export function isEmailLocalCode(c: number): boolean {
  return c < Char.NonAscii && EMAIL_LOCAL_TABLE[c] === 1;
}

/** Host-name characters of an email domain. */
export function isDomainCode(c: number): boolean {
  return isAsciiAlnum(c) || c === Char.Dot || c === Char.Hyphen;
}

/** Hexadecimal digits, colons and dots (IPv6 and MAC candidates). */
export function isHexColonCode(c: number): boolean {
  return isHexCode(c) || c === Char.Colon || c === Char.Dot;
}

/** ASCII letters and digits. */
function isAsciiAlnum(c: number): boolean {
  return (
    (c >= Char.Digit0 && c <= Char.Digit9) ||
    (c >= Char.UpperA && c <= Char.UpperZ) ||
    (c >= Char.LowerA && c <= Char.LowerZ)
  );
}

/** ASCII hexadecimal digits. */
export function isHexCode(c: number): boolean {
  return (
    (c >= Char.Digit0 && c <= Char.Digit9) ||
    (c >= Char.UpperA && c <= Char.UpperF) ||
    (c >= Char.LowerA && c <= Char.LowerF)
  );
}
