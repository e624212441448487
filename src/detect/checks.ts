// Check-character algorithms of the identifiers dataguard validates. Each
// takes the payload as ASCII characters and assumes the caller checked its
// shape (digits, alphabet); the public helpers assert their input.
import { ValidationError } from '../errors/kinds.ts';

const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const RESIDENT_ID_CHECK = '10X98765432';

/** MOD 11-2 check character of 17 ASCII digits (no shape check). */
export function residentIdCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += (first17.charCodeAt(i) - 48) * (RESIDENT_ID_WEIGHTS[i] as number);
  }
  return RESIDENT_ID_CHECK.charAt(sum % 11);
}

/**
 * Computes the ISO 7064 MOD 11-2 check character of a resident ID number
 * (GB 11643-1999) from its first 17 digits.
 *
 * @param first17 - the 17 digits before the check character
 * @returns `'0'`–`'9'` or `'X'`
 * @throws {ValidationError} `reason: 'format'` unless given exactly 17 ASCII digits
 * @example
 * ```ts
 * import { residentIdCheckCharacter } from 'dataguard/detect';
 * residentIdCheckCharacter('11010519491231002'); // 'X'
 * ```
 */
export function residentIdCheckCharacter(first17: string): string {
  if (typeof first17 !== 'string' || !/^\d{17}$/.test(first17)) {
    throw new ValidationError('first17 must be 17 ASCII digits', {
      reason: 'format',
      path: 'first17',
    });
  }
  return residentIdCheck(first17);
}

/** Luhn sum check of ASCII digits, including the check digit (no shape check). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Computes the Luhn (mod 10) check digit to append to a digit string (bank
 * cards, IMEI).
 *
 * @param digitsWithoutCheck - one or more ASCII digits
 * @returns the check digit, `'0'`–`'9'`
 * @throws {ValidationError} `reason: 'format'` unless given ASCII digits only
 * @example
 * ```ts
 * import { luhnCheckDigit } from 'dataguard/detect';
 * luhnCheckDigit('49015420323751'); // '8'
 * ```
 */
export function luhnCheckDigit(digitsWithoutCheck: string): string {
  if (typeof digitsWithoutCheck !== 'string' || !/^\d{1,64}$/.test(digitsWithoutCheck)) {
    throw new ValidationError('digitsWithoutCheck must be 1 to 64 ASCII digits', {
      reason: 'format',
      path: 'digitsWithoutCheck',
    });
  }
  for (let c = 0; c <= 9; c++) {
    if (luhnValid(digitsWithoutCheck + String(c))) return String(c);
  }
  /* c8 ignore next */
  throw new Error('unreachable: some Luhn digit always fits');
}

/** The 31-character alphabet of GB 32100-2015 (no I, O, S, V, Z). */
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** GB 32100-2015 check character of the first 17 characters (upper case, in the alphabet). */
export function usccCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += USCC_ALPHABET.indexOf(first17.charAt(i)) * (USCC_WEIGHTS[i] as number);
  }
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * Computes the GB 32100-2015 check character of a unified social credit code
 * from its first 17 characters.
 *
 * @param first17 - 17 characters of `0-9A-HJ-NPQRTUWXY` (case-insensitive)
 * @returns the check character
 * @throws {ValidationError} `reason: 'format'` on any other input
 * @example
 * ```ts
 * import { usccCheckCharacter } from 'dataguard/detect';
 * usccCheckCharacter('92340603MA2UK0KQ7'); // '2'
 * ```
 */
export function usccCheckCharacter(first17: string): string {
  if (typeof first17 !== 'string' || !/^[0-9A-HJ-NPQRTUWXY]{17}$/i.test(first17)) {
    throw new ValidationError('first17 must be 17 characters of the GB 32100 alphabet', {
      reason: 'format',
      path: 'first17',
    });
  }
  return usccCheck(first17.toUpperCase());
}

/** ISO 7064 MOD 11,10 check of digits including the check digit (GS 15-2006 licence numbers). */
export function mod1110Valid(digits: string): boolean {
  let p = 10;
  for (let i = 0; i < digits.length - 1; i++) {
    let s = (digits.charCodeAt(i) - 48 + p) % 10 || 10;
    s = (s * 2) % 11;
    p = s;
  }
  return (p + digits.charCodeAt(digits.length - 1) - 48) % 10 === 1;
}

/** Value of A-Z as 10-35. */
function letterValue(code: number): number {
  return code - 55;
}

/**
 * HKID check: prefix of one or two upper-case letters and six digits, check
 * `0-9` or `A`. A single-letter prefix is padded with a space worth 36.
 */
export function hkIdCheck(prefix: string, digits6: string): string {
  let sum = 0;
  if (prefix.length === 1) {
    sum += 36 * 9 + letterValue(prefix.charCodeAt(0)) * 8;
  } else {
    sum += letterValue(prefix.charCodeAt(0)) * 9 + letterValue(prefix.charCodeAt(1)) * 8;
  }
  for (let i = 0; i < 6; i++) sum += (digits6.charCodeAt(i) - 48) * (7 - i);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'A' : String(check);
}

// Taiwan ID letters map to 10-33 out of alphabetical order (I, O, W, Z moved).
const TW_LETTER_CODES = 'ABCDEFGHJKLMNPQRSTUVXYWZIO';

/** Taiwan national ID check over the upper-case letter and nine digits. */
export function twIdValid(value: string): boolean {
  const n = TW_LETTER_CODES.indexOf(value.charAt(0)) + 10;
  if (n < 10) return false;
  let sum = Math.floor(n / 10) + (n % 10) * 9;
  for (let i = 1; i <= 8; i++) sum += (value.charCodeAt(i) - 48) * (9 - i);
  sum += value.charCodeAt(9) - 48;
  return sum % 10 === 0;
}
