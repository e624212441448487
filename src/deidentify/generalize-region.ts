import { z } from 'zod';
import type { ExactSchema } from '../core/exact-schema.ts';
import { generalizeRegion, safeParseResidentId } from '../detect/index.ts';
import { RegionLevel, type RegionLevelName, type SpecSchema } from './spec-fields.ts';
import type { ValueFunction } from './types.ts';
import { contractError, textOf } from './values.ts';

/** `generalize` / `region`: GB/T 2260 codes to a coarser level. */
export interface RegionSpec {
  type: 'generalize';
  method: 'region';
  level: RegionLevelName;
}

const regionSpec = z.strictObject({
  type: z.literal('generalize'),
  method: z.literal('region'),
  level: RegionLevel,
});

/** Zod schema of {@link RegionSpec}. */
export const RegionSpecSchema: SpecSchema<RegionSpec> = regionSpec satisfies ExactSchema<
  RegionSpec,
  typeof regionSpec
>;

/** `generalize` / `resident-id`: resident ID to region (default prefecture) and birth year. */
export interface ResidentIdSpec {
  type: 'generalize';
  method: 'resident-id';
  level?: RegionLevelName | undefined;
  birthYear?: boolean | undefined;
}

const residentIdSpec = z.strictObject({
  type: z.literal('generalize'),
  method: z.literal('resident-id'),
  level: RegionLevel.optional().describe('default prefecture'),
  birthYear: z.boolean().optional().describe('append the birth year (default true)'),
});

/** Zod schema of {@link ResidentIdSpec}. */
export const ResidentIdSpecSchema: SpecSchema<ResidentIdSpec> =
  residentIdSpec satisfies ExactSchema<ResidentIdSpec, typeof residentIdSpec>;

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
