import { z } from 'zod';
import { ValidationError } from '../errors/kinds.ts';

/**
 * 个人信息类别 PI category: the GB/T 35273-2020 Appendix A classes, the
 * sensitive classes of Appendix B and PIPL Art. 28, and `minor-under-14`.
 */
export const PiCategory: z.ZodEnum<{
  basic: 'basic';
  identity: 'identity';
  biometric: 'biometric';
  'online-identity': 'online-identity';
  health: 'health';
  'education-work': 'education-work';
  property: 'property';
  'financial-account': 'financial-account';
  communication: 'communication';
  contacts: 'contacts';
  'online-records': 'online-records';
  device: 'device';
  location: 'location';
  whereabouts: 'whereabouts';
  'religious-belief': 'religious-belief';
  'specific-identity': 'specific-identity';
  authentication: 'authentication';
  other: 'other';
  'minor-under-14': 'minor-under-14';
}> = z.enum([
  'basic',
  'identity',
  'biometric',
  'online-identity',
  'health',
  'education-work',
  'property',
  'financial-account',
  'communication',
  'contacts',
  'online-records',
  'device',
  'location',
  'whereabouts',
  'religious-belief',
  'specific-identity',
  'authentication',
  'other',
  'minor-under-14',
]);
/** 个人信息类别 PI category. */
export type PiCategory = z.infer<typeof PiCategory>;

/** What dataguard knows about one PI category. */
export interface PiCategoryInfo {
  readonly id: PiCategory;
  /** The Chinese name used by the standard or law. */
  readonly zh: string;
  /** Whether it is sensitive PI (敏感个人信息, rule G-SENSITIVE). */
  readonly sensitive: boolean;
  /** Where the category and its sensitivity come from. */
  readonly source: string;
}

const info = (id: PiCategory, zh: string, sensitive: boolean, source: string): PiCategoryInfo => ({
  id,
  zh,
  sensitive,
  source,
});

/** Every PI category with its Chinese name, sensitivity and source. */
export const piCategories: Readonly<Record<PiCategory, PiCategoryInfo>> = {
  basic: info('basic', '个人基本资料', false, 'GB/T 35273-2020 Table A.1'),
  identity: info(
    'identity',
    '个人身份信息',
    true,
    'GB/T 35273-2020 Tables A.1, B.1; PIPL Art. 28 (特定身份)',
  ),
  biometric: info('biometric', '个人生物识别信息', true, 'GB/T 35273-2020 Table B.1; PIPL Art. 28'),
  'online-identity': info(
    'online-identity',
    '网络身份标识信息',
    false,
    'GB/T 35273-2020 Table A.1',
  ),
  health: info(
    'health',
    '个人健康生理信息',
    true,
    'GB/T 35273-2020 Table B.1; PIPL Art. 28 (医疗健康)',
  ),
  'education-work': info('education-work', '个人教育工作信息', false, 'GB/T 35273-2020 Table A.1'),
  property: info('property', '个人财产信息', true, 'GB/T 35273-2020 Table B.1'),
  'financial-account': info('financial-account', '金融账户', true, 'PIPL Art. 28'),
  communication: info(
    'communication',
    '个人通信信息',
    true,
    'GB/T 35273-2020 Table B.1 (通信记录和内容)',
  ),
  contacts: info('contacts', '联系人信息', true, 'GB/T 35273-2020 Table B.1 (通讯录、好友列表)'),
  'online-records': info(
    'online-records',
    '个人上网记录',
    true,
    'GB/T 35273-2020 Table B.1 (网页浏览记录)',
  ),
  device: info('device', '个人常用设备信息', false, 'GB/T 35273-2020 Table A.1'),
  location: info(
    'location',
    '个人位置信息 (粗略位置)',
    false,
    'GB/T 35273-2020 Table A.1; GB/T 43697-2024 App. B',
  ),
  whereabouts: info(
    'whereabouts',
    '行踪轨迹',
    true,
    'PIPL Art. 28; GB/T 35273-2020 Table B.1 (行踪轨迹、精准定位)',
  ),
  'religious-belief': info('religious-belief', '宗教信仰', true, 'PIPL Art. 28'),
  'specific-identity': info('specific-identity', '特定身份', true, 'PIPL Art. 28'),
  authentication: info(
    'authentication',
    '身份鉴别信息',
    true,
    'GB/T 43697-2024 App. B; GB/T 35273-2020 Table B.1 (口令)',
  ),
  other: info(
    'other',
    '其他信息 (婚史、性取向、未公开的违法犯罪记录)',
    true,
    'GB/T 35273-2020 Table B.1',
  ),
  'minor-under-14': info(
    'minor-under-14',
    '不满十四周岁未成年人的个人信息',
    true,
    'PIPL Art. 28, 31',
  ),
};

/**
 * Whether a PI category is sensitive PI (rule G-SENSITIVE: PIPL Art. 28; GB/T 35273 App. B).
 *
 * @param category - the PI category
 * @returns true for sensitive PI
 * @throws {ValidationError} `unknown-pi-category` for a value that is not a PI category
 * @example
 * ```ts
 * import { isSensitive } from 'dataguard/tags';
 * isSensitive('biometric'); // true
 * isSensitive('basic'); // false
 * ```
 */
export function isSensitive(category: PiCategory): boolean {
  if (typeof category !== 'string' || !Object.hasOwn(piCategories, category)) {
    throw new ValidationError('category must be a known PI category', {
      reason: 'unknown-pi-category',
      path: 'category',
    });
  }
  return piCategories[category].sensitive;
}
