import { findAddressLevels } from './cn-address.ts';
import { hasCompoundSurname } from './cn-surnames.ts';
import { maskChars } from './mask-text.ts';

/** Names of the mask presets, in the order the JSON Schema lists them. */
export const MASK_PRESETS = [
  'cn-name',
  'cn-name-wechat',
  'cn-resident-id',
  'cn-mobile',
  'cn-landline',
  'bank-card',
  'email',
  'cn-address',
] as const;

/** Names of the mask presets (see `maskPresets` for each one's source). */
export type MaskPreset = (typeof MASK_PRESETS)[number];

/** A preset: masks one value with the given mask character. */
export type MaskPresetFunction = (text: string, char: string) => string;

const NAME_SEPARATORS = ' ·•.-';
const NUMBER_SEPARATORS = ' -';
const mask = (text: string, keepStart: number, keepEnd: number, char: string, preserve = '') =>
  maskChars(text, { keepStart, keepEnd, char, preserve, fixedLength: undefined });

/**
 * The named masks for Chinese display conventions. Sources, preset by preset:
 *
 * - `cn-name` 张* / 欧阳**: keep the surname, mask each character of the given
 *   name; compound surnames of the 百家姓 are kept whole (hutool
 *   `DesensitizedUtil.chineseName` keeps the first character only).
 * - `cn-name-wechat` 王*四 / *三: WeChat Mini Program security guide
 *   (developers.weixin.qq.com, 小程序安全指引 · 信息泄露): three or more
 *   characters keep the first and last, two characters keep the last.
 * - `cn-resident-id` 3****************1: the same WeChat guide (first and last character).
 * - `cn-mobile` 138****1234: first 3 and last 4 digits (hutool
 *   `DesensitizedUtil.mobilePhone`); a +86 / 0086 prefix stays.
 * - `cn-landline` 0591******12: first 4 and last 2 (hutool `DesensitizedUtil.fixedPhone`).
 * - `bank-card` 622848******1234: at most the first 6 and last 4 digits may be
 *   shown (PCI DSS v4.0 Req. 3.4.1); spaces and dashes stay.
 * - `email` z***@example.com: first character of the local part, domain kept
 *   (hutool `DesensitizedUtil.email`).
 * - `cn-address` 福建省福州市鼓楼区*******: kept down to the county-level
 *   district (区/县/旗/县级市, GB/T 2260 levels), the rest masked; an address
 *   without recognizable levels is masked whole.
 */
export const maskPresets: Readonly<Record<MaskPreset, MaskPresetFunction>> = Object.freeze({
  'cn-name': (text, char) => mask(text, hasCompoundSurname(text) ? 2 : 1, 0, char, NAME_SEPARATORS),
  'cn-name-wechat': (text, char) => {
    const chars = Array.from(text);
    if (chars.length >= 3) return mask(text, 1, 1, char, NAME_SEPARATORS);
    return chars.length === 2 ? char + chars[1] : char;
  },
  'cn-resident-id': (text, char) => mask(text, 1, 1, char, NUMBER_SEPARATORS),
  'cn-mobile': (text, char) => {
    const prefix = /^(?:\+86|0086)[ -]?/.exec(text)?.[0] ?? '';
    return prefix + mask(text.slice(prefix.length), 3, 4, char, NUMBER_SEPARATORS);
  },
  'cn-landline': (text, char) => mask(text, 4, 2, char, '-() '),
  'bank-card': (text, char) => mask(text, 6, 4, char, NUMBER_SEPARATORS),
  email: (text, char) => {
    const at = text.lastIndexOf('@');
    if (at <= 0) return mask(text, 1, 0, char);
    return mask(text.slice(0, at), 1, 0, char) + text.slice(at);
  },
  'cn-address': (text, char) => {
    const levels = findAddressLevels(text);
    const keep = levels.county ?? levels.prefecture ?? levels.province ?? 0;
    return text.slice(0, keep) + char.repeat(Array.from(text.slice(keep)).length);
  },
});
