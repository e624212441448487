// GB/T 2260 administrative divisions, decoded lazily from the packed table.
import { ValidationError } from '../errors/kinds.ts';
import { packedRegions } from './data/regions.ts';

/** The level of an administrative division code (GB/T 2260 §3.2). */
export type RegionLevel = 'province' | 'prefecture' | 'county';

/** An administrative division (GB/T 2260 行政区划代码). */
export interface Region {
  /** The six-digit code. */
  readonly code: string;
  readonly level: RegionLevel;
  /** The division's own name (e.g. 朝阳区). */
  readonly name: string;
  /** The province's name, for prefecture and county codes. */
  readonly province?: string;
  /** The prefecture's name, for county codes under a named prefecture. */
  readonly prefecture?: string;
  /** True when the code was abolished (it still appears in older resident ID numbers). */
  readonly historical?: boolean;
}

interface Entry {
  readonly name: string;
  readonly historical: boolean;
}

let table: Map<string, Entry> | undefined;

/** Decodes the packed table once (format: scripts/build-regions.mjs). */
function regions(): Map<string, Entry> {
  if (table !== undefined) return table;
  const map = new Map<string, Entry>();
  let province = '00';
  let prefecture = '00';
  for (const record of packedRegions.split(',')) {
    let i = 0;
    const historical = record.charAt(0) === '~';
    if (historical) i = 1;
    const kind = record.charAt(i);
    if (kind === '#') {
      province = record.slice(i + 1, i + 3);
      prefecture = '00';
      map.set(`${province}0000`, { name: record.slice(i + 3), historical });
    } else if (kind === '@') {
      prefecture = record.slice(i + 1, i + 3);
      const name = record.slice(i + 3);
      // '-' is a placeholder for a prefecture neither source names.
      if (name !== '-') map.set(`${province}${prefecture}00`, { name, historical });
    } else {
      map.set(`${province}${prefecture}${record.slice(i, i + 2)}`, {
        name: record.slice(i + 2),
        historical,
      });
    }
  }
  table = map;
  return map;
}

// Province-level codes that resident ID numbers carry: the mainland provinces
// (validator.js list), 71 Taiwan, 81 Hong Kong, 82 Macau, and 83 used by
// residence permits for Taiwan residents.
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

/** True when the two digits are a province-level code that resident IDs carry. */
export function isProvinceCode(two: string): boolean {
  return PROVINCES.has(two);
}

/** True when the six digits are in the embedded GB/T 2260 table (current or historical). */
export function isKnownRegionCode(code: string): boolean {
  return regions().has(code);
}

const CODE = /^\d{6}$/;

/**
 * Looks up a GB/T 2260 administrative division code in the embedded table,
 * which includes abolished codes (marked `historical`).
 *
 * @param code - six ASCII digits
 * @returns the division, or undefined when the code is unknown or malformed
 * @example
 * ```ts
 * import { lookupRegion } from 'dataguard/detect';
 * lookupRegion('110105'); // { code: '110105', level: 'county', name: '朝阳区', province: '北京市', prefecture: '市辖区' }
 * ```
 */
export function lookupRegion(code: string): Region | undefined {
  if (typeof code !== 'string' || !CODE.test(code)) return undefined;
  const map = regions();
  const entry = map.get(code);
  if (entry === undefined) return undefined;
  const level: RegionLevel = code.endsWith('0000')
    ? 'province'
    : code.endsWith('00')
      ? 'prefecture'
      : 'county';
  const province = level === 'province' ? undefined : map.get(`${code.slice(0, 2)}0000`)?.name;
  const prefecture = level === 'county' ? map.get(`${code.slice(0, 4)}00`)?.name : undefined;
  return {
    code,
    level,
    name: entry.name,
    ...(province === undefined ? {} : { province }),
    ...(prefecture === undefined ? {} : { prefecture }),
    ...(entry.historical ? { historical: true } : {}),
  };
}

/**
 * Generalizes a division code to a coarser level by zeroing its lower digits
 * (`'110105'` → `'110100'` prefecture, `'110000'` province), for
 * generalization hierarchies. Works for historical codes too.
 *
 * @param code - six ASCII digits whose province is known
 * @param level - the level to generalize to
 * @returns the generalized code, or undefined when `code` is malformed, its
 *   province unknown, or it is already coarser than `level`
 * @throws {ValidationError} `reason: 'level'` for an unknown level
 * @example
 * ```ts
 * import { generalizeRegion } from 'dataguard/detect';
 * generalizeRegion('110105', 'prefecture'); // '110100'
 * generalizeRegion('110105', 'province'); // '110000'
 * ```
 */
export function generalizeRegion(code: string, level: RegionLevel): string | undefined {
  if (level !== 'province' && level !== 'prefecture' && level !== 'county') {
    throw new ValidationError('level must be province, prefecture or county', {
      reason: 'level',
      path: 'level',
    });
  }
  if (typeof code !== 'string' || !CODE.test(code) || !PROVINCES.has(code.slice(0, 2))) {
    return undefined;
  }
  if (level === 'province') return `${code.slice(0, 2)}0000`;
  if (code.slice(2, 4) === '00') return undefined;
  if (level === 'prefecture') return `${code.slice(0, 4)}00`;
  return code.slice(4, 6) === '00' ? undefined : code;
}

/**
 * Calls `visit` with the name and level of every current division (internal:
 * free-text address detection builds its word list from it).
 */
export function forEachCurrentRegion(visit: (name: string, level: RegionLevel) => void): void {
  for (const [code, entry] of regions()) {
    if (entry.historical) continue;
    const level: RegionLevel = code.endsWith('0000')
      ? 'province'
      : code.endsWith('00')
        ? 'prefecture'
        : 'county';
    visit(entry.name, level);
  }
}
