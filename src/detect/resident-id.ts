// Resident identity card numbers (GB 11643-1999, and the 15-digit GB 11643-1989 form).
import { ValidationError } from '../errors/kinds.ts';
import type { SafeResult } from '../errors/safe-result.ts';
import { residentIdCheck } from './checks.ts';
import { chinaToday, isCalendarDate, two } from './dates.ts';
import type { ExplainReason, ValidateOptions } from './explain-reason.ts';
import { isKnownRegionCode, isProvinceCode, lookupRegion } from './regions.ts';

const DIGITS17 = /^\d{17}[\dXx]$/;
const DIGITS15 = /^\d{15}$/;

/** Checks the six-digit address code (or the province of a foreign permanent resident ID). */
function regionReason(
  value: string,
  options: ValidateOptions | undefined,
): ExplainReason | undefined {
  if (value.charCodeAt(0) === 57 /* '9' */) {
    // 2023 foreign permanent resident ID: digits 2-3 are the accepting province.
    const province = value.slice(1, 3);
    return isProvinceCode(province) && province < '71' ? undefined : 'region';
  }
  const province = value.slice(0, 2);
  if (!isProvinceCode(province)) return 'region';
  if (province >= '81') {
    // Residence permits for HK, Macau and Taiwan residents carry 810000, 820000 or 830000.
    return value.slice(2, 6) === '0000' ? undefined : 'region';
  }
  if (options?.regionCheck === 'county' && !isKnownRegionCode(value.slice(0, 6))) return 'region';
  return undefined;
}

/** Checks YYYYMMDD at `at` (`century` given for the 15-digit form). */
function dateReason(
  value: string,
  at: number,
  options: ValidateOptions | undefined,
  century?: number,
): ExplainReason | undefined {
  const year =
    century === undefined ? two(value, at) * 100 + two(value, at + 2) : century + two(value, at);
  const offset = century === undefined ? at + 4 : at + 2;
  const month = two(value, offset);
  const day = two(value, offset + 2);
  if (year < 1800 || !isCalendarDate(year, month, day)) return 'date';
  const now = (options?.clock ?? Date.now)();
  if (year * 10_000 + month * 100 + day > chinaToday(now)) return 'date';
  return undefined;
}

/** Explains an 18-character resident ID number. */
export function explainResidentId(
  value: string,
  options?: ValidateOptions,
): ExplainReason | undefined {
  if (value.length !== 18) return 'length';
  if (!DIGITS17.test(value)) return 'format';
  const region = regionReason(value, options);
  if (region !== undefined) return region;
  const date = dateReason(value, 6, options);
  if (date !== undefined) return date;
  const check = value.charAt(17) === 'x' ? 'X' : value.charAt(17);
  return residentIdCheck(value) === check ? undefined : 'checksum';
}

/** Explains a 15-digit first-generation resident ID number (born 19xx, no check digit). */
export function explainResidentId15(
  value: string,
  options?: ValidateOptions,
): ExplainReason | undefined {
  if (value.length !== 15) return 'length';
  if (!DIGITS15.test(value)) return 'format';
  const province = value.slice(0, 2);
  if (!isProvinceCode(province) || province >= '71') return 'region';
  if (options?.regionCheck === 'county' && !isKnownRegionCode(value.slice(0, 6))) return 'region';
  return dateReason(value, 6, options, 1900);
}

/**
 * Converts a 15-digit resident ID number to its 18-character form: inserts
 * `19` before the two-digit year and appends the MOD 11-2 check character.
 *
 * @param value - a valid 15-digit number
 * @param options - region check level and clock
 * @returns the 18-character number
 * @throws {ValidationError} with the {@link ExplainReason} as `reason` when `value` is not valid
 * @example
 * ```ts
 * import { upgradeResidentId } from 'dataguard/detect';
 * upgradeResidentId('150102880730303'); // '150102198807303035'
 * ```
 */
export function upgradeResidentId(value: string, options?: ValidateOptions): string {
  const reason = typeof value === 'string' ? explainResidentId15(value, options) : 'format';
  if (reason !== undefined) throw invalid(reason);
  const first17 = `${value.slice(0, 6)}19${value.slice(6)}`;
  return first17 + residentIdCheck(first17);
}

/** What a resident ID number says about its holder. */
export interface ResidentIdInfo {
  /** Which document the number belongs to. */
  readonly kind: 'resident' | 'hmt-residence-permit' | 'foreign-permanent-resident';
  /** The address code and its GB/T 2260 names (names absent for unknown codes). */
  readonly region: {
    readonly code: string;
    readonly province?: string;
    readonly prefecture?: string;
    readonly county?: string;
    readonly historical?: boolean;
  };
  /** Birth date, `YYYY-MM-DD`. */
  readonly birthDate: string;
  /** From the sequence number: odd male, even female. */
  readonly sex: 'male' | 'female';
  /** The 18-character form, when a 15-digit number was given. */
  readonly upgraded?: string;
}

function invalid(reason: ExplainReason): ValidationError {
  return new ValidationError(`value is not a valid resident ID number (${reason})`, {
    reason,
    path: 'value',
  });
}

/**
 * Parses a resident ID number (18-character, or 15-digit first generation)
 * into region, birth date and sex, after validating it.
 *
 * @param value - the number; a lower-case `x` check character is accepted
 * @param options - region check level and clock
 * @returns the parsed fields; `upgraded` holds the 18-character form of a 15-digit number
 * @throws {ValidationError} `reason` is the {@link ExplainReason}; the value is never echoed
 * @example
 * ```ts
 * import { parseResidentId } from 'dataguard/detect';
 * parseResidentId('11010519491231002X').birthDate; // '1949-12-31'
 * ```
 */
export function parseResidentId(value: string, options?: ValidateOptions): ResidentIdInfo {
  const result = safeParseResidentId(value, options);
  if (!result.ok) throw result.error;
  return result.value;
}

/**
 * The non-throwing twin of {@link parseResidentId}.
 *
 * @param value - the number
 * @param options - region check level and clock
 * @returns `{ ok: true, value }` or `{ ok: false, error }` with a ValidationError whose `reason`
 *   is the {@link ExplainReason}
 * @example
 * ```ts
 * import { safeParseResidentId } from 'dataguard/detect';
 * safeParseResidentId('110105194912310021').ok; // false (checksum)
 * ```
 */
export function safeParseResidentId(
  value: string,
  options?: ValidateOptions,
): SafeResult<ResidentIdInfo> {
  if (typeof value !== 'string') return { ok: false, error: invalid('format') };
  let full = value;
  let upgraded: string | undefined;
  if (value.length === 15) {
    const reason = explainResidentId15(value, options);
    if (reason !== undefined) return { ok: false, error: invalid(reason) };
    upgraded = upgradeResidentId(value, options);
    full = upgraded;
  } else {
    const reason = explainResidentId(value, options);
    if (reason !== undefined) return { ok: false, error: invalid(reason) };
  }
  const foreign = full.charAt(0) === '9';
  const code = foreign ? `${full.slice(1, 3)}0000` : full.slice(0, 6);
  const kind = foreign
    ? 'foreign-permanent-resident'
    : full.slice(0, 2) >= '81'
      ? 'hmt-residence-permit'
      : 'resident';
  const data: ResidentIdInfo = {
    kind,
    region: regionNames(code),
    birthDate: `${full.slice(6, 10)}-${full.slice(10, 12)}-${full.slice(12, 14)}`,
    sex: (full.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female',
    ...(upgraded === undefined ? {} : { upgraded }),
  };
  return { ok: true, value: data };
}

function regionNames(code: string): ResidentIdInfo['region'] {
  const region = lookupRegion(code);
  if (region === undefined) {
    const province = lookupRegion(`${code.slice(0, 2)}0000`);
    return { code, ...(province === undefined ? {} : { province: province.name }) };
  }
  const historical = region.historical === true ? { historical: true } : {};
  if (region.level === 'province') return { code, province: region.name, ...historical };
  if (region.level === 'prefecture') {
    return {
      code,
      ...(region.province === undefined ? {} : { province: region.province }),
      prefecture: region.name,
      ...historical,
    };
  }
  return {
    code,
    ...(region.province === undefined ? {} : { province: region.province }),
    ...(region.prefecture === undefined ? {} : { prefecture: region.prefecture }),
    county: region.name,
    ...historical,
  };
}
