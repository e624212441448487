// Character classes of the scanner, on UTF-16 code units. Full-width digits
// and letters (U+FF10-FF19, U+FF21-FF3A, U+FF41-FF5A) count as their ASCII
// forms so that offsets stay those of the original text.

/** Maps a full-width digit or letter to ASCII; other code units unchanged. */
export function fold(code: number): number {
  return code >= 0xff10 && code <= 0xff5a ? code - 0xfee0 : code;
}

/** True for an ASCII or full-width digit. */
export function isDigitCode(code: number): boolean {
  const c = fold(code);
  return c >= 48 && c <= 57;
}

/** True for an ASCII or full-width letter or digit. */
export function isAlnumCode(code: number): boolean {
  const c = fold(code);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** True for an upper-case ASCII or full-width letter. */
export function isUpperCode(code: number): boolean {
  const c = fold(code);
  return c >= 65 && c <= 90;
}

/** Separators allowed between digit groups of phones and cards: space, no-break and ideographic space, hyphens. */
export function isGroupSeparator(code: number): boolean {
  return code === 32 || code === 45 || code === 0xa0 || code === 0x3000 || code === 0xff0d;
}

/** The text between `start` and `end` with full-width digits and letters folded to ASCII. */
export function foldedSlice(text: string, start: number, end: number): string {
  let wide = false;
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) >= 0xff10) {
      wide = true;
      break;
    }
  }
  if (!wide) return text.slice(start, end);
  let out = '';
  for (let i = start; i < end; i++) out += String.fromCharCode(fold(text.charCodeAt(i)));
  return out;
}

/** Local-part characters of an email address (RFC 5322 dot-atom, ASCII). */
export function isEmailLocalCode(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 46 ||
    c === 95 ||
    c === 45 ||
    c === 43 ||
    c === 37 ||
    c === 33 ||
    c === 35 ||
    c === 36 ||
    c === 38 ||
    c === 39 ||
    c === 42 ||
    c === 47 ||
    c === 61 ||
    c === 63 ||
    c === 94 ||
    c === 96 ||
    c === 123 ||
    c === 124 ||
    c === 125 ||
    c === 126
  );
}

/** Host-name characters of an email domain. */
export function isDomainCode(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 45
  );
}

/** Hexadecimal digits, colons and dots (IPv6 and MAC candidates). */
export function isHexColonCode(c: number): boolean {
  return (c >= 48 && c <= 58) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) || c === 46;
}
