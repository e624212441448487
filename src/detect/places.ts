// Postal codes and administrative division codes.
import type { ExplainReason } from './explain-reason.ts';
import { isKnownRegionCode } from './regions.ts';

// First two digits follow the China Post ranges (hutool ZIP_CODE), plus 999077 (HK) and 999078 (Macau).
const POSTAL =
  /^(?:(?:0[1-7]|1[0-356]|2[0-7]|3[0-6]|4[0-7]|5[0-7]|6[0-7]|7[0-5]|8\d|9[0-8])\d{4}|99907[78])$/;

/** Explains a mainland postal code. */
export function explainPostalCode(value: string): ExplainReason | undefined {
  if (!/^\d{6}$/.test(value)) return value.length === 6 ? 'format' : 'length';
  return POSTAL.test(value) ? undefined : 'range';
}

/** Explains a GB/T 2260 division code (must be in the embedded table, current or abolished). */
export function explainRegionCode(value: string): ExplainReason | undefined {
  if (!/^\d{6}$/.test(value)) return value.length === 6 ? 'format' : 'length';
  return isKnownRegionCode(value) ? undefined : 'region';
}
