import { assertString } from '../core/assert.ts';

/** Levels of the Chinese administrative hierarchy (GB/T 2260). */
export type RegionLevel = 'province' | 'prefecture' | 'county';

const MUNICIPALITIES: readonly string[] = ['北京市', '上海市', '天津市', '重庆市'];
const PROVINCE_SUFFIXES: readonly string[] = ['特别行政区', '自治区', '省'];
const PREFECTURE_SUFFIXES: readonly string[] = ['自治州', '地区', '盟', '市'];
const COUNTY_SUFFIXES: readonly string[] = ['自治县', '自治旗', '区', '县', '旗', '市'];
// Administrative names are short; looking further would pick up street names.
const WINDOW = 12;

/**
 * Where each administrative level of a Chinese address ends, read from the
 * GB/T 2260 name suffixes (省/自治区/特别行政区, 市/自治州/地区/盟, 区/县/旗/市):
 * `福建省福州市鼓楼区五四路1号` → province 3, prefecture 6, county 9. A
 * municipality (北京市…) is both province and prefecture. Levels the address
 * does not spell out are undefined.
 *
 * @param text - a Chinese postal address
 * @returns the end index of each level present
 * @throws {ValidationError} reason `invalid-argument` when `text` is not a string
 * @example
 * ```ts
 * import { addressLevels } from './cn-address.ts';
 * addressLevels('北京市海淀区中关村大街1号'); // { province: 3, prefecture: 3, county: 6 }
 * ```
 */
export function addressLevels(text: string): Partial<Record<RegionLevel, number>> {
  assertString(text, 'text');
  return findAddressLevels(text);
}

/**
 * {@link addressLevels} without the argument check, for transforms (their values are already text).
 *
 * @param text - a Chinese postal address
 * @returns the end index of each level present
 */
export function findAddressLevels(text: string): Partial<Record<RegionLevel, number>> {
  const levels: Partial<Record<RegionLevel, number>> = {};
  let pos = 0;
  const municipality = MUNICIPALITIES.find((name) => text.startsWith(name));
  if (municipality !== undefined) {
    pos = municipality.length;
    levels.province = pos;
    levels.prefecture = pos;
  } else {
    const province = findSuffix(text, 0, PROVINCE_SUFFIXES);
    if (province !== undefined) {
      pos = province;
      levels.province = pos;
    }
    const prefecture = findSuffix(text, pos, PREFECTURE_SUFFIXES);
    if (prefecture !== undefined) {
      pos = prefecture;
      levels.prefecture = pos;
    }
  }
  const county = findSuffix(text, pos, COUNTY_SUFFIXES);
  if (county !== undefined) levels.county = county;
  return levels;
}

/** The end of the earliest suffix after at least one name character, within the window. */
function findSuffix(text: string, from: number, suffixes: readonly string[]): number | undefined {
  let best: number | undefined;
  let bestIndex = Number.POSITIVE_INFINITY;
  const limit = Math.min(text.length, from + WINDOW);
  for (const suffix of suffixes) {
    const index = text.indexOf(suffix, from + 1);
    if (index !== -1 && index + suffix.length <= limit && index < bestIndex) {
      bestIndex = index;
      best = index + suffix.length;
    }
  }
  return best;
}
