import { usccCheckCharacter, validate } from '../detect/index.ts';
import { utf8Bytes } from './encoding.ts';
import type { Ff1Cipher } from './keyring.ts';
import { contractError } from './values.ts';

/** The 31 characters of GB 32100-2015 (no I, O, S, V, Z), numeral 0 first. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// Cycle walking for the packed form (about 1.2 rounds expected); the cap turns
// a broken invariant into an error instead of a hang.
const MAX_WALK = 1000;
const BODY_LENGTH = 8;
// 31^8: the organization-code bodies (8 characters of the alphabet).
const BODY_SIZE = 31 ** BODY_LENGTH;
// 4 region digits under the province × the bodies: 8.5 × 10^15, below 2^53.
const PACKED_SIZE = 10_000 * BODY_SIZE;
const PACKED_WIDTH = 16;
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** A compiled format-preserving cipher: both directions. */
export interface UsccCipher {
  encrypt(text: string): string;
  decrypt(text: string): string;
}

/**
 * Unified social credit codes (GB 32100-2015, 18 characters). The
 * registration authority and organization category (characters 1-2) and the
 * province (3-4) always stay; `keepRegion` keeps the rest of the region code
 * (5-8) too. The 8-character body of the embedded organization code (9-16)
 * is enciphered with FF1 over the 31-character alphabet (tweak: the kept
 * characters) — packed with the 4 region digits into one number and
 * cycle-walked when the region changes too. The organization code's own check
 * character (17, GB 11714-1997) keeps its offset from the recomputed one, so
 * a valid one stays valid and decryption restores any; the GB 32100 check
 * character (18) is recomputed. Output is upper case.
 *
 * @param alphabetCipher - FF1 over {@link USCC_ALPHABET}
 * @param digitCipher - FF1 over digits (used when the region changes)
 * @param keepRegion - keep the 6-digit region code
 * @returns the cipher
 */
export function usccCipher(
  alphabetCipher: Ff1Cipher,
  digitCipher: Ff1Cipher,
  keepRegion: boolean,
): UsccCipher {
  const run = (input: string, decrypt: boolean): string => {
    if (!validate('cn-uscc', input)) {
      throw contractError('invalid-uscc', 'value is not a valid unified social credit code');
    }
    const text = input.toUpperCase();
    const kept = text.slice(0, keepRegion ? 8 : 4);
    const tweak = utf8Bytes(kept);
    const body = text.slice(8, 16);
    let region = text.slice(4, 8);
    let newBody: string;
    if (keepRegion) {
      newBody = decrypt ? alphabetCipher.decrypt(body, tweak) : alphabetCipher.encrypt(body, tweak);
    } else {
      let packed = Number(region) * BODY_SIZE + bodyNumber(body);
      let digits = String(packed).padStart(PACKED_WIDTH, '0');
      let found = false;
      for (let i = 0; i < MAX_WALK && !found; i++) {
        digits = decrypt ? digitCipher.decrypt(digits, tweak) : digitCipher.encrypt(digits, tweak);
        // Numbers at or above PACKED_SIZE (< 2^53) may round, but never below it.
        packed = Number(digits);
        found = packed < PACKED_SIZE;
      }
      if (!found) throw contractError('fpe-walk-exhausted', 'no valid code found');
      region = String(Math.floor(packed / BODY_SIZE)).padStart(4, '0');
      newBody = bodyText(packed % BODY_SIZE);
    }
    const offset = (indexOf(text.charAt(16)) - indexOf(organizationCheck(body)) + 31) % 31;
    const newOrgCheck = USCC_ALPHABET.charAt((indexOf(organizationCheck(newBody)) + offset) % 31);
    const first17 = `${kept}${keepRegion ? '' : region}${newBody}${newOrgCheck}`;
    return first17 + usccCheckCharacter(first17);
  };
  return { encrypt: (t) => run(t, false), decrypt: (t) => run(t, true) };
}

function indexOf(c: string): number {
  return USCC_ALPHABET.indexOf(c);
}

/** The body as a base-31 number over the USCC alphabet. */
function bodyNumber(body: string): number {
  let value = 0;
  for (let i = 0; i < BODY_LENGTH; i++) value = value * 31 + indexOf(body.charAt(i));
  return value;
}

function bodyText(value: number): string {
  let rest = value;
  let text = '';
  for (let i = 0; i < BODY_LENGTH; i++) {
    text = USCC_ALPHABET.charAt(rest % 31) + text;
    rest = Math.floor(rest / 31);
  }
  return text;
}

/**
 * The GB 11714-1997 check character of an 8-character organization-code
 * body: digits count as themselves, letters A-Z as 10-35; weights 3 7 9 10 5
 * 8 4 2; C = 11 - (sum mod 11), written X for 10 and 0 for 11.
 *
 * @param body - 8 characters of the USCC alphabet
 * @returns the check character, `0`-`9` or `X`
 */
function organizationCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < BODY_LENGTH; i++) {
    const code = body.charCodeAt(i);
    const value = code <= 57 ? code - 48 : code - 55;
    sum += value * (ORG_WEIGHTS[i] as number);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}
