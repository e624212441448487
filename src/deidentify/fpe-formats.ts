import { z } from 'zod';
import type { ExactSchema } from '../core/exact-schema.ts';
import { luhnCheckDigit, residentIdCheckCharacter, validate } from '../detect/index.ts';
import { isMobileSegment } from '../detect/phone.ts';
import { daysInMonth, pad2 } from './calendar-date.ts';
import { utf8Bytes } from './encoding.ts';
import { inPlaceFf1 } from './ff1-alphabets.ts';
import type { Ff1Cipher, Keyring } from './keyring.ts';
import { Domain, KeyId, type SpecSchema } from './spec-fields.ts';
import { SURROGATE_NAME } from './surrogate-marker.ts';
import { USCC_ALPHABET, usccCipher } from './uscc-cipher.ts';
import { contractError } from './values.ts';

/** `fpe`: FF1 that keeps the value valid (mobile, resident ID, bank card, USCC) or rewrites a character class in place. */
export interface FpeSpec {
  type: 'fpe';
  format:
    | 'cn-mobile'
    | 'cn-resident-id'
    | 'bank-card'
    | 'cn-uscc'
    | 'digits'
    | 'alphanumeric'
    | 'cjk-common'
    | 'cjk-unified';
  domain?: string | undefined;
  keepRegion?: boolean | undefined;
  keepBirthDate?: boolean | undefined;
  keepBin?: boolean | undefined;
  keyId?: string | undefined;
  /** Opt-in key-id marker: output `<surrogate>(<keyId>):<value>`. */
  surrogate?: string | undefined;
}

const fpeSpec = z.strictObject({
  type: z.literal('fpe'),
  format: z.enum([
    'cn-mobile',
    'cn-resident-id',
    'bank-card',
    'cn-uscc',
    'digits',
    'alphanumeric',
    'cjk-common',
    'cjk-unified',
  ]),
  domain: Domain.optional(),
  keepRegion: z
    .boolean()
    .optional()
    .describe('cn-resident-id, cn-uscc: keep the 6-digit region code (default true)'),
  keepBirthDate: z.boolean().optional().describe('cn-resident-id: keep the birth date'),
  keepBin: z.boolean().optional().describe('bank-card: keep the 6-digit issuer number'),
  keyId: KeyId.optional(),
  surrogate: z
    .string()
    .regex(SURROGATE_NAME, 'must be an upper-case letter then up to 31 of A-Z 0-9 _')
    .optional()
    .describe('Mark each output with its key id: SURROGATE(keyId):value (no longer format-valid)'),
});

/** Zod schema of {@link FpeSpec}. */
export const FpeSpecSchema: SpecSchema<FpeSpec> = fpeSpec satisfies ExactSchema<
  FpeSpec,
  typeof fpeSpec
>;

/** A compiled format-preserving cipher: both directions. */
export interface FormatCipher {
  encrypt(text: string): string;
  decrypt(text: string): string;
}

// Cycle walking (Black and Rogaway 2002) keeps FF1 a permutation of the valid
// subset; a fixed cap turns a broken invariant into an error instead of a hang.
const MAX_WALK = 10_000;
// The smallest set of IDs a resident ID may be permuted within (day of year × sequence is 365,000).
const MIN_ID_DOMAIN = 100_000;

/**
 * Builds the cipher of an `fpe` format; throws (through `fail`) when the
 * parameters leave too small a domain.
 */
export function formatCipher(
  params: FpeSpec,
  keyring: Keyring,
  fail: (reason: string, problem: string) => never,
): FormatCipher {
  const domain = params.domain ?? 'default';
  switch (params.format) {
    case 'digits':
    case 'alphanumeric':
    case 'cjk-common':
    case 'cjk-unified': {
      const cipher = inPlaceFf1(keyring, domain, params.format, params.keyId);
      return { encrypt: (t) => cipher.encrypt(t), decrypt: (t) => cipher.decrypt(t) };
    }
    case 'cn-uscc':
      if (params.keepBirthDate !== undefined || params.keepBin !== undefined) {
        fail('bad-parameters', 'cn-uscc takes keepRegion only');
      }
      return usccCipher(
        keyring.ff1(domain, { alphabet: USCC_ALPHABET }, params.keyId),
        keyring.ff1(domain, { radix: 10 }, params.keyId),
        params.keepRegion ?? true,
      );
    case 'cn-mobile':
      return mobileCipher(keyring.ff1(domain, { radix: 10 }, params.keyId));
    case 'bank-card':
      return bankCardCipher(
        keyring.ff1(domain, { radix: 10 }, params.keyId),
        params.keepBin ?? true,
      );
    case 'cn-resident-id': {
      const keepRegion = params.keepRegion ?? true;
      const keepBirthDate = params.keepBirthDate ?? false;
      if (keepRegion && keepBirthDate) {
        fail(
          'fpe-domain-too-small',
          'keeping region and birth date leaves 1000 sequence numbers, below the FF1 minimum of one million',
        );
      }
      return residentIdCipher(
        keyring.ff1(domain, { radix: 10 }, params.keyId),
        keepRegion,
        keepBirthDate,
      );
    }
  }
}

const MOBILE = /^((?:\+86|0086) ?)?(1\d{2})(\d{8})$/;

/** Mobile numbers: the 3-digit network prefix stays, the 8 subscriber digits are enciphered (tweak: the prefix) until the number is an allocated segment again. */
function mobileCipher(ff1: Ff1Cipher): FormatCipher {
  // One tweak per network prefix, made once.
  const tweaks = new Map<string, Uint8Array>();
  const run = (text: string, decrypt: boolean): string => {
    // The same test as validate('cn-mobile'), without its per-call dispatch (hot path).
    const match = MOBILE.exec(text);
    if (match === null || !isMobileSegment((match[2] as string) + (match[3] as string))) {
      throw contractError('invalid-mobile', 'value is not a valid mainland mobile number');
    }
    const network = match[2] as string;
    let tweak = tweaks.get(network);
    if (tweak === undefined) {
      tweak = utf8Bytes(network);
      tweaks.set(network, tweak);
    }
    let rest = match[3] as string;
    for (let i = 0; i < MAX_WALK; i++) {
      rest = decrypt ? ff1.decrypt(rest, tweak) : ff1.encrypt(rest, tweak);
      if (isMobileSegment(network + rest)) return (match[1] ?? '') + network + rest;
    }
    throw contractError('fpe-walk-exhausted', 'no valid mobile number found');
  };
  return { encrypt: (t) => run(t, false), decrypt: (t) => run(t, true) };
}

const CARD = /^\d+(?:[ -]\d+)*$/;

/**
 * Bank cards: length, separators and (with keepBin) the 6-digit issuer number
 * stay; the digits between them and the check digit are enciphered, and the
 * check digit is recomputed so that a Luhn-valid number stays Luhn-valid (an
 * invalid one keeps its offset from validity, so decryption restores it).
 */
function bankCardCipher(ff1: Ff1Cipher, keepBin: boolean): FormatCipher {
  const kept = keepBin ? 6 : 0;
  const run = (text: string, decrypt: boolean): string => {
    if (!CARD.test(text)) throw contractError('invalid-bank-card', 'value is not a card number');
    const digits = text.replace(/[ -]/g, '');
    if (digits.length < 13 || digits.length > 19 || digits.charCodeAt(0) === 48) {
      throw contractError('invalid-bank-card', 'value is not a 13-19 digit card number');
    }
    const head = digits.slice(0, kept);
    const body = digits.slice(kept, -1);
    const check = digits.charCodeAt(digits.length - 1) - 48;
    const offset = (check - Number(luhnCheckDigit(head + body)) + 10) % 10;
    let out = body;
    for (let i = 0; i < MAX_WALK; i++) {
      out = decrypt ? ff1.decrypt(out, undefined) : ff1.encrypt(out, undefined);
      // Without a kept issuer number the first digit must not become 0.
      if (kept > 0 || out.charCodeAt(0) !== 48) break;
    }
    const newCheck = (Number(luhnCheckDigit(head + out)) + offset) % 10;
    const result = head + out + newCheck;
    if (result.length === text.length) return result;
    let withSeparators = '';
    let next = 0;
    for (const c of text) withSeparators += c === ' ' || c === '-' ? c : result[next++];
    return withSeparators;
  };
  return { encrypt: (t) => run(t, false), decrypt: (t) => run(t, true) };
}

/**
 * Resident ID numbers (18 characters, GB 11643-1999). The parts not kept are
 * packed into one number — the 4 digits under the province code (the
 * province always stays), the day within the birth year (the year always
 * stays, so the date remains a real one), and the 3-digit sequence number —
 * enciphered with FF1 by cycle walking (tweak: the kept parts), unpacked, and
 * given a recomputed MOD 11-2 check character. An ID written with a
 * lower-case `x` comes back with a lower-case `x`, both ways.
 */
function residentIdCipher(
  ff1: Ff1Cipher,
  keepRegionCode: boolean,
  keepBirthDate: boolean,
): FormatCipher {
  const run = (text: string, decrypt: boolean): string => {
    // Deciphering checks the shape only: a shifted birth date may lie after today.
    if (!isResidentIdShape(text) || (!decrypt && !validate('cn-resident-id', text))) {
      throw contractError('invalid-resident-id', 'value is not a valid 18-character resident ID');
    }
    // Permits (81-83 + 0000) and foreign permanent resident IDs (9 + province) keep their region digits.
    const keepRegion = keepRegionCode || text.charCodeAt(0) === 57 || text.slice(0, 2) >= '81';
    const province = text.slice(0, 2);
    const region4 = Number(text.slice(2, 6));
    const year = Number(text.slice(6, 10));
    const month = Number(text.slice(10, 12));
    const day = Number(text.slice(12, 14));
    const sequence = Number(text.slice(14, 17));
    const yearDays = daysInYear(year);
    const dayIndex = dayOfYear(year, month, day);
    // Mixed-radix packing: [region4] [dayIndex] sequence.
    let size = 1000;
    let value = sequence;
    if (!keepBirthDate) {
      value += dayIndex * size;
      size *= yearDays;
    }
    if (!keepRegion) {
      value += region4 * size;
      size *= 10_000;
    }
    if (size < MIN_ID_DOMAIN) {
      // Only for permits and foreign IDs, whose region must stay, when the birth date stays too.
      throw contractError('fpe-domain-too-small', 'too few digits of this ID may change for FF1');
    }
    // FF1 runs on at least 6 digits (a domain of 10^6, NIST SP 800-38G Rev. 1);
    // cycle walking keeps the result inside the packed domain.
    const width = Math.max(6, String(size - 1).length);
    const tweak = utf8Bytes(
      `${province}${keepRegion ? text.slice(2, 6) : ''}${keepBirthDate ? text.slice(6, 14) : text.slice(6, 10)}`,
    );
    const unpack = (packed: number): string => {
      let rest = packed;
      const newSequence = rest % 1000;
      rest = Math.floor(rest / 1000);
      let newDay = dayIndex;
      if (!keepBirthDate) {
        newDay = rest % yearDays;
        rest = Math.floor(rest / yearDays);
      }
      const newRegion = keepRegion ? text.slice(2, 6) : String(rest).padStart(4, '0');
      const [newMonth, newDayOfMonth] = fromDayOfYear(year, newDay);
      return `${province}${newRegion}${text.slice(6, 10)}${pad2(newMonth)}${pad2(newDayOfMonth)}${String(newSequence).padStart(3, '0')}`;
    };
    // A lower-case x check character is kept: such IDs are permuted among the
    // IDs whose check character is X (one in eleven), so the output ends in x
    // too and decryption, seeing the x, walks back the same way.
    const lowerX = text.charCodeAt(17) === 120;
    let digits = String(value).padStart(width, '0');
    for (let i = 0; i < MAX_WALK; i++) {
      digits = decrypt ? ff1.decrypt(digits, tweak) : ff1.encrypt(digits, tweak);
      const candidate = Number(digits);
      if (candidate >= size) continue;
      const first17 = unpack(candidate);
      const check = residentIdCheckCharacter(first17);
      if (!lowerX) return first17 + check;
      if (check === 'X') return `${first17}x`;
    }
    throw contractError('fpe-walk-exhausted', 'no valid resident ID found');
  };
  return { encrypt: (t) => run(t, false), decrypt: (t) => run(t, true) };
}

const RESIDENT_ID = /^\d{17}[\dXx]$/;

/** 18 characters, a real birth date and a correct check character. */
function isResidentIdShape(text: string): boolean {
  if (!RESIDENT_ID.test(text)) return false;
  const year = Number(text.slice(6, 10));
  const month = Number(text.slice(10, 12));
  const day = Number(text.slice(12, 14));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  return residentIdCheckCharacter(text.slice(0, 17)) === text.charAt(17).toUpperCase();
}

function daysInYear(year: number): number {
  return daysInMonth(year, 2) === 29 ? 366 : 365;
}

function dayOfYear(year: number, month: number, day: number): number {
  let index = day - 1;
  for (let m = 1; m < month; m++) index += daysInMonth(year, m);
  return index;
}

function fromDayOfYear(year: number, index: number): [number, number] {
  let month = 1;
  let rest = index;
  while (rest >= daysInMonth(year, month)) {
    rest -= daysInMonth(year, month);
    month++;
  }
  return [month, rest + 1];
}
