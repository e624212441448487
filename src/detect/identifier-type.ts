import type { PiCategory } from '../tags/pi-category.ts';
import type { FieldRole } from '../tags/vocabulary.ts';

/**
 * An identifier type dataguard/detect validates and finds. Chinese names:
 * `cn-resident-id` 居民身份证号码 (18 digits, also residence permits and the
 * 2023 foreign permanent resident ID), `cn-resident-id-15` 一代身份证号码,
 * `cn-uscc` 统一社会信用代码, `cn-business-license` 营业执照注册号 (15 digits),
 * `cn-mobile` 手机号码, `cn-landline` 固定电话, `cn-service-number` 400/800 号码,
 * `bank-card` 银行卡号, `cn-passport` 护照, `cn-hkmo-travel-permit` 港澳居民来往内地通行证,
 * `cn-tw-travel-permit` 台湾居民来往大陆通行证, `hk-id` 香港身份证, `tw-id` 台湾身分证,
 * `mo-id` 澳门身份证, `cn-military-id` 军官证/士兵证, `cn-plate` 机动车号牌,
 * `cn-postal-code` 邮政编码, `cn-region-code` 行政区划代码.
 */
export type IdentifierType =
  | 'cn-resident-id'
  | 'cn-resident-id-15'
  | 'cn-uscc'
  | 'cn-business-license'
  | 'cn-mobile'
  | 'cn-landline'
  | 'cn-service-number'
  | 'hk-mobile'
  | 'mo-mobile'
  | 'bank-card'
  | 'cn-passport'
  | 'cn-hkmo-travel-permit'
  | 'cn-tw-travel-permit'
  | 'hk-id'
  | 'tw-id'
  | 'mo-id'
  | 'cn-military-id'
  | 'cn-plate'
  | 'cn-postal-code'
  | 'cn-region-code'
  | 'email'
  | 'ipv4'
  | 'ipv6'
  | 'mac-address'
  | 'imei';

/** Every supported identifier type. */
export const identifierTypes: readonly IdentifierType[] = Object.freeze([
  'cn-resident-id',
  'cn-resident-id-15',
  'cn-uscc',
  'cn-business-license',
  'cn-mobile',
  'cn-landline',
  'cn-service-number',
  'hk-mobile',
  'mo-mobile',
  'bank-card',
  'cn-passport',
  'cn-hkmo-travel-permit',
  'cn-tw-travel-permit',
  'hk-id',
  'tw-id',
  'mo-id',
  'cn-military-id',
  'cn-plate',
  'cn-postal-code',
  'cn-region-code',
  'email',
  'ipv4',
  'ipv6',
  'mac-address',
  'imei',
] as const);

const TYPE_SET: ReadonlySet<string> = new Set(identifierTypes);

/**
 * True when `value` names a supported identifier type.
 *
 * @param value - anything
 * @returns whether it is one of {@link identifierTypes}
 * @example
 * ```ts
 * import { isIdentifierType } from './identifier-type.ts';
 * isIdentifierType('cn-mobile'); // true
 * ```
 */
export function isIdentifierType(value: unknown): value is IdentifierType {
  return typeof value === 'string' && TYPE_SET.has(value);
}

/** How dataguard tags a field holding one identifier type. */
export interface IdentifierTypeInfo {
  readonly type: IdentifierType;
  /** The Chinese name. */
  readonly zh: string;
  /** The PI category, absent for organisation identifiers (USCC, licence, 400 numbers). */
  readonly piCategory?: PiCategory;
  readonly role: FieldRole;
  /** Whether the value carries a check character that validation verifies. */
  readonly checksum: boolean;
}

const info = (
  type: IdentifierType,
  zh: string,
  piCategory: PiCategory | undefined,
  role: FieldRole,
  checksum: boolean,
): IdentifierTypeInfo => ({
  type,
  zh,
  ...(piCategory === undefined ? {} : { piCategory }),
  role,
  checksum,
});

/** What each identifier type is, and how a field holding it is tagged. */
export const identifierTypeInfo: Readonly<Record<IdentifierType, IdentifierTypeInfo>> = {
  'cn-resident-id': info('cn-resident-id', '居民身份证号码', 'identity', 'direct-identifier', true),
  'cn-resident-id-15': info(
    'cn-resident-id-15',
    '一代居民身份证号码',
    'identity',
    'direct-identifier',
    false,
  ),
  'cn-uscc': info('cn-uscc', '统一社会信用代码', undefined, 'insensitive', true),
  'cn-business-license': info(
    'cn-business-license',
    '营业执照注册号',
    undefined,
    'insensitive',
    true,
  ),
  'cn-mobile': info('cn-mobile', '手机号码', 'basic', 'direct-identifier', false),
  'cn-landline': info('cn-landline', '固定电话号码', 'basic', 'direct-identifier', false),
  'cn-service-number': info(
    'cn-service-number',
    '400/800 服务号码',
    undefined,
    'insensitive',
    false,
  ),
  'hk-mobile': info('hk-mobile', '香港手机号码', 'basic', 'direct-identifier', false),
  'mo-mobile': info('mo-mobile', '澳门手机号码', 'basic', 'direct-identifier', false),
  'bank-card': info('bank-card', '银行卡号', 'financial-account', 'direct-identifier', true),
  'cn-passport': info('cn-passport', '护照号码', 'identity', 'direct-identifier', false),
  'cn-hkmo-travel-permit': info(
    'cn-hkmo-travel-permit',
    '港澳居民来往内地通行证',
    'identity',
    'direct-identifier',
    false,
  ),
  'cn-tw-travel-permit': info(
    'cn-tw-travel-permit',
    '台湾居民来往大陆通行证',
    'identity',
    'direct-identifier',
    false,
  ),
  'hk-id': info('hk-id', '香港身份证号码', 'identity', 'direct-identifier', true),
  'tw-id': info('tw-id', '台湾身分证号码', 'identity', 'direct-identifier', true),
  'mo-id': info('mo-id', '澳门身份证号码', 'identity', 'direct-identifier', false),
  'cn-military-id': info(
    'cn-military-id',
    '军官证/士兵证号',
    'identity',
    'direct-identifier',
    false,
  ),
  'cn-plate': info('cn-plate', '机动车号牌', 'basic', 'direct-identifier', false),
  'cn-postal-code': info('cn-postal-code', '邮政编码', 'location', 'quasi-identifier', false),
  'cn-region-code': info('cn-region-code', '行政区划代码', 'location', 'quasi-identifier', false),
  email: info('email', '电子邮件地址', 'basic', 'direct-identifier', false),
  ipv4: info('ipv4', 'IPv4 地址', 'online-identity', 'quasi-identifier', false),
  ipv6: info('ipv6', 'IPv6 地址', 'online-identity', 'quasi-identifier', false),
  'mac-address': info('mac-address', 'MAC 地址', 'device', 'direct-identifier', false),
  imei: info('imei', 'IMEI 设备识别码', 'device', 'direct-identifier', true),
};
