// Payment card numbers.
import { luhnValid } from './checks.ts';
import type { ExplainReason } from './explain-reason.ts';

const GROUPED = /^\d+(?:[ -]\d+)*$/;

/** Explains a bank card number: 13-19 digits (spaces or hyphens between groups allowed), Luhn. */
export function explainBankCard(value: string): ExplainReason | undefined {
  if (!GROUPED.test(value)) return 'format';
  const digits = value.replace(/[ -]/g, '');
  if (digits.length < 13 || digits.length > 19) return 'length';
  if (digits.charCodeAt(0) === 48) return 'format';
  return luhnValid(digits) ? undefined : 'checksum';
}
