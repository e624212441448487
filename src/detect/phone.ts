// Telephone numbers: mainland mobile (MIIT allocation), landlines, 400/800
// service numbers, Hong Kong and Macau mobiles.
import { assertString } from '../core/assert.ts';
import type { ExplainReason } from './explain-reason.ts';

/**
 * True when 11 ASCII digits start with a mobile segment MIIT has allocated
 * (我国公众移动通信网网号及H0分配情况, March 2023), down to the four- and
 * five-digit blocks of 161, 170 and 174.
 *
 * @param d - 11 ASCII digits (the digits are not checked; other strings give false or a meaningless answer)
 * @returns whether the segment is allocated
 * @throws {ValidationError} `invalid-argument` unless d is a string
 * @example
 * ```ts
 * import { isMobileSegment } from './phone.ts';
 * isMobileSegment('13812345678'); // true
 * isMobileSegment('15412345678'); // false
 * ```
 */
export function isMobileSegment(d: string): boolean {
  assertString(d, 'd');
  return mobileSegment(d);
}

// Unchecked, for the scanner and validators (d is already 11 matched digits).
function mobileSegment(d: string): boolean {
  if (d.charCodeAt(0) !== 49) return false;
  const b = d.charCodeAt(1) - 48;
  const c = d.charCodeAt(2) - 48;
  switch (b) {
    case 3:
    case 8:
      return true;
    case 4:
      return c >= 5; // 145-149; 140-144 are 13-digit IoT numbers
    case 5:
      return c !== 4;
    case 6:
      return c === 2 || c === 5 || c === 6 || c === 7 || (c === 1 && d.charCodeAt(3) === 57); // 1619
    case 7: {
      if (c === 9) return false;
      if (c !== 4) return true;
      const h0 = d.charCodeAt(3) - 48;
      // 1740x satellite/other, 17410-17412, 1749
      return h0 === 0 || h0 === 9 || (h0 === 1 && d.charCodeAt(4) - 48 <= 2);
    }
    case 9:
      return c !== 4;
    default:
      return false;
  }
}

const MOBILE = /^(?:(?:\+86|0086) ?)?(\d{11})$/;

/** Explains a mainland mobile number: 11 digits, optional `+86`/`0086` prefix (one space allowed). */
export function explainMobile(value: string): ExplainReason | undefined {
  const match = MOBILE.exec(value);
  if (match === null) return /^[+\d ]*$/.test(value) ? 'length' : 'format';
  return mobileSegment(match[1] as string) ? undefined : 'segment';
}

// Area codes: 010, 02X (no 026), 0[3-9]XX; local numbers of 7-8 digits, optional extension.
const LANDLINE = /^(?:0(?:10|2[0-57-9]|[3-9]\d{2})-?)?[1-9]\d{6,7}(?:-\d{1,6})?$/;

/** Explains a mainland landline number. */
export function explainLandline(value: string): ExplainReason | undefined {
  if (LANDLINE.test(value)) return undefined;
  const digits = value.replace(/-/g, '');
  return /^\d*$/.test(digits) && (digits.length < 7 || digits.length > 18) ? 'length' : 'format';
}

const SERVICE = /^[48]00[- ]?[1-9]\d{2}[- ]?\d{4}$/;

/** Explains a 400/800 service number. */
export function explainServiceNumber(value: string): ExplainReason | undefined {
  return SERVICE.test(value) ? undefined : 'format';
}

const HK_MOBILE = /^(?:\+?852[- ]?)?[4-9]\d{3}[- ]?\d{4}$/;
const MO_MOBILE = /^(?:\+?853[- ]?)?6\d{3}[- ]?\d{4}$/;

/** Explains a Hong Kong mobile number (validator.js en-HK rule). */
export function explainHkMobile(value: string): ExplainReason | undefined {
  return HK_MOBILE.test(value) ? undefined : 'format';
}

/** Explains a Macau mobile number (validator.js zh-MO rule). */
export function explainMoMobile(value: string): ExplainReason | undefined {
  return MO_MOBILE.test(value) ? undefined : 'format';
}
