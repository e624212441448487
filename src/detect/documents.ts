// Identity documents, plates and organisation codes other than the resident ID.
import { hkIdCheck, mod1110Valid, twIdValid, usccCheck } from './checks.ts';
import type { ExplainReason } from './explain-reason.ts';

// PRC passports (E/G/D/S/P/DE/SE/PE and the 1990s 14/15 series) and HK/Macau
// SAR passports (K/H/M + letter or digit + 7 digits); no check digit.
const PASSPORT =
  /^(?:E[0-9A-HJ-NP-Z]\d{7}|[EGDSPK]\d{8}|(?:DE|SE|PE)\d{7}|1[45]\d{7}|[HKM][0-9A-Z]\d{7})$/i;

/** Explains a passport number (PRC, HK SAR, Macau SAR). */
export function explainPassport(value: string): ExplainReason | undefined {
  if (value.length < 8 || value.length > 9) return 'length';
  return PASSPORT.test(value) ? undefined : 'format';
}

const HKMO_PERMIT = /^[HM]\d{8}(?:\d{2})?$/i;

/** Explains a Mainland Travel Permit for HK/Macau residents (H/M + 8 or 10 digits). */
export function explainHkmoPermit(value: string): ExplainReason | undefined {
  return HKMO_PERMIT.test(value) ? undefined : 'format';
}

/** Explains a Mainland Travel Permit for Taiwan residents (8 digits since 2015). */
export function explainTwPermit(value: string): ExplainReason | undefined {
  if (!/^\d*$/.test(value)) return 'format';
  return value.length === 8 ? undefined : 'length';
}

const HK_ID = /^([A-Z]{1,2})(\d{6})(?:\(([0-9A])\)|\[([0-9A])\]|([0-9A]))$/;

/** Explains a Hong Kong identity card number (check digit; brackets optional). */
export function explainHkId(value: string): ExplainReason | undefined {
  const match = HK_ID.exec(value.toUpperCase());
  if (match === null) return 'format';
  const check = match[3] ?? match[4] ?? match[5];
  return hkIdCheck(match[1] as string, match[2] as string) === check ? undefined : 'checksum';
}

const TW_ID = /^[A-Z][12]\d{8}$/;

/** Explains a Taiwan national ID number (check digit). */
export function explainTwId(value: string): ExplainReason | undefined {
  if (value.length !== 10) return 'length';
  const upper = value.toUpperCase();
  if (!TW_ID.test(upper)) return 'format';
  return twIdValid(upper) ? undefined : 'checksum';
}

const MO_ID = /^[01578]\d{6}(?:\(\d\)|\d)$/;

/** Explains a Macau resident ID number (format only: no public check algorithm). */
export function explainMoId(value: string): ExplainReason | undefined {
  return MO_ID.test(value) ? undefined : 'format';
}

const MILITARY = /^[\u4E00-\u9FA5]字第[0-9A-Za-z]{4,8}号?$/;

/** Explains a military officer or soldier ID (军字第…号, format only). */
export function explainMilitaryId(value: string): ExplainReason | undefined {
  return MILITARY.test(value) ? undefined : 'format';
}

/** The one-character province abbreviations that start a plate (GA 36-2018). */
export const PLATE_PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const P = `[${PLATE_PROVINCES}]`;
const PLATE = new RegExp(
  `^(?:${P}[A-HJ-NP-Z]·?(?:[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳]|[A-HJ-K][A-HJ-NP-Z0-9]\\d{4}|\\d{5}[A-HJ-K])|使\\d{6}|${P}\\d{4,6}领)$`,
);

/** Explains a vehicle plate, including 8-character new-energy plates (GA 36-2018). */
export function explainPlate(value: string): ExplainReason | undefined {
  return PLATE.test(value) ? undefined : 'format';
}

const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** Explains a unified social credit code (GB 32100-2015 check character). */
export function explainUscc(value: string): ExplainReason | undefined {
  if (value.length !== 18) return 'length';
  const upper = value.toUpperCase();
  if (!USCC.test(upper)) return 'format';
  return usccCheck(upper) === upper.charAt(17) ? undefined : 'checksum';
}

/** Explains a 15-digit business licence registration number (ISO 7064 MOD 11,10). */
export function explainBusinessLicense(value: string): ExplainReason | undefined {
  if (value.length !== 15) return 'length';
  if (!/^\d{15}$/.test(value)) return 'format';
  return mod1110Valid(value) ? undefined : 'checksum';
}
