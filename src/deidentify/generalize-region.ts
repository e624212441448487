import { generalizeRegion, safeParseResidentId } from '../detect/index.ts';
import type { RegionSpec, ResidentIdSpec } from './policy-schema.ts';
import type { ValueFunction } from './types.ts';
import { contractError, textOf } from './values.ts';

/** GB/T 2260 division codes to a coarser level (`350102` → `350100` → `350000`). */
export function compileRegion(params: RegionSpec): ValueFunction {
  const level = params.level;
  return (value) => {
    const code = textOf(value);
    const generalized = generalizeRegion(code, level) ?? coarserOrSame(code, level);
    if (generalized === undefined) {
      throw contractError('unknown-region', 'value is not a GB/T 2260 division code');
    }
    return generalized;
  };
}

// A code already at or above the wanted level (a province asked for its
// prefecture) is already general enough and stays as it is.
function coarserOrSame(code: string, level: RegionSpec['level']): string | undefined {
  const province = generalizeRegion(code, 'province');
  if (province === undefined) return undefined;
  if (code === province) return code;
  if (level === 'county' && generalizeRegion(code, 'prefecture') === code) return code;
  return undefined;
}

/**
 * Resident ID numbers (18 or 15 characters) to their region at a level and,
 * by default, the birth year: `350102199003074578` → `350100/1990`.
 */
export function compileResidentId(params: ResidentIdSpec): ValueFunction {
  const level = params.level ?? 'prefecture';
  const birthYear = params.birthYear ?? true;
  return (value) => {
    const parsed = safeParseResidentId(textOf(value));
    if (!parsed.ok) {
      throw contractError('invalid-resident-id', 'value is not a valid resident ID');
    }
    const code = parsed.value.region.code;
    const region = generalizeRegion(code, level) ?? coarserOrSame(code, level);
    if (region === undefined) {
      throw contractError('unknown-region', 'the resident ID has no usable region code');
    }
    return birthYear ? `${region}/${parsed.value.birthDate.slice(0, 4)}` : region;
  };
}
