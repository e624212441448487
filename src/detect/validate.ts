import { ValidationError } from '../errors/kinds.ts';
import {
  explainBusinessLicense,
  explainHkId,
  explainHkmoPermit,
  explainMilitaryId,
  explainMoId,
  explainPassport,
  explainPlate,
  explainTwId,
  explainTwPermit,
  explainUscc,
} from './documents.ts';
import type { ExplainReason, Explanation, ValidateOptions } from './explain-reason.ts';
import { explainBankCard } from './financial.ts';
import { type IdentifierType, isIdentifierType } from './identifier-type.ts';
import { explainEmail, explainImei, explainIpv4, explainIpv6, explainMac } from './network.ts';
import {
  explainHkMobile,
  explainLandline,
  explainMobile,
  explainMoMobile,
  explainServiceNumber,
} from './phone.ts';
import { explainPostalCode, explainRegionCode } from './places.ts';
import { explainResidentId, explainResidentId15 } from './resident-id.ts';

type Explainer = (value: string, options?: ValidateOptions) => ExplainReason | undefined;

/** One explainer per type: returns the first broken rule, or undefined when valid. */
export const explainers: Readonly<Record<IdentifierType, Explainer>> = {
  'cn-resident-id': explainResidentId,
  'cn-resident-id-15': explainResidentId15,
  'cn-uscc': explainUscc,
  'cn-business-license': explainBusinessLicense,
  'cn-mobile': explainMobile,
  'cn-landline': explainLandline,
  'cn-service-number': explainServiceNumber,
  'hk-mobile': explainHkMobile,
  'mo-mobile': explainMoMobile,
  'bank-card': explainBankCard,
  'cn-passport': explainPassport,
  'cn-hkmo-travel-permit': explainHkmoPermit,
  'cn-tw-travel-permit': explainTwPermit,
  'hk-id': explainHkId,
  'tw-id': explainTwId,
  'mo-id': explainMoId,
  'cn-military-id': explainMilitaryId,
  'cn-plate': explainPlate,
  'cn-postal-code': explainPostalCode,
  'cn-region-code': explainRegionCode,
  email: explainEmail,
  ipv4: explainIpv4,
  ipv6: explainIpv6,
  'mac-address': explainMac,
  imei: explainImei,
};

const VALID: Explanation = Object.freeze({ valid: true });

function assertType(type: unknown): asserts type is IdentifierType {
  if (!isIdentifierType(type)) {
    throw new ValidationError('type must be one of identifierTypes', {
      reason: 'unknown-type',
      path: 'type',
    });
  }
}

/**
 * Explains whether a value is a valid identifier of the given type and, if
 * not, which rule it breaks first. The value is never echoed.
 *
 * @param type - one of {@link identifierTypes}
 * @param value - the value as written (no trimming)
 * @param options - resident ID region check level and clock
 * @returns `{ valid: true }` or `{ valid: false, reason }`
 * @throws {ValidationError} `reason: 'unknown-type'` for an unsupported type
 * @example
 * ```ts
 * import { explain } from 'dataguard/detect';
 * explain('cn-resident-id', '110105194912310021'); // { valid: false, reason: 'checksum' }
 * ```
 */
export function explain(
  type: IdentifierType,
  value: string,
  options?: ValidateOptions,
): Explanation {
  assertType(type);
  if (typeof value !== 'string') return { valid: false, reason: 'format' };
  const reason = explainers[type](value, options);
  return reason === undefined ? VALID : { valid: false, reason };
}

/**
 * Validates a value as an identifier of the given type: format, check
 * character, embedded dates and region codes, number segments.
 *
 * @param type - one of {@link identifierTypes}
 * @param value - the value as written (no trimming)
 * @param options - resident ID region check level and clock
 * @returns true when valid
 * @throws {ValidationError} `reason: 'unknown-type'` for an unsupported type
 * @example
 * ```ts
 * import { validate } from 'dataguard/detect';
 * validate('cn-resident-id', '11010519491231002X'); // true
 * validate('cn-mobile', '+86 13812345678'); // true
 * ```
 */
export function validate(type: IdentifierType, value: string, options?: ValidateOptions): boolean {
  assertType(type);
  return typeof value === 'string' && explainers[type](value, options) === undefined;
}
