// What a column header suggests about its content, in Chinese and English.
import { assertString } from '../core/assert.ts';
import type { PiCategory } from '../tags/pi-category.ts';
import type { FieldRole } from '../tags/vocabulary.ts';
import type { IdentifierType } from './identifier-type.ts';

/** What a header name suggests. */
export interface HeaderHint {
  readonly identifierType?: IdentifierType;
  readonly piCategory?: PiCategory;
  readonly role: FieldRole;
  /** A short label of what was recognised (e.g. `name`, `address`). */
  readonly label: string;
}

interface Rule {
  /** Substrings of the normalised header (Chinese, or English joined without separators). */
  readonly contains?: readonly string[];
  /** Whole English tokens of the header. */
  readonly tokens?: readonly string[];
  readonly hint: HeaderHint;
  /** A location rule: applies even to words that elsewhere mark a non-personal name. */
  readonly location?: boolean;
}

const id = (
  identifierType: IdentifierType,
  piCategory: PiCategory | undefined,
  role: FieldRole,
  label: string,
): HeaderHint => ({
  identifierType,
  ...(piCategory === undefined ? {} : { piCategory }),
  role,
  label,
});
const pi = (piCategory: PiCategory, role: FieldRole, label: string): HeaderHint => ({
  piCategory,
  role,
  label,
});

// Earlier rules win, so specific names come before general ones.
const RULES: readonly Rule[] = [
  {
    contains: ['统一社会信用代码', '信用代码', 'creditcode', 'uscc'],
    hint: id('cn-uscc', undefined, 'insensitive', 'uscc'),
  },
  {
    contains: ['营业执照', '注册号', 'businesslicense', 'licenseno'],
    hint: id('cn-business-license', undefined, 'insensitive', 'business-license'),
  },
  {
    contains: ['港澳通行证', '回乡证', '来往内地通行证'],
    hint: id('cn-hkmo-travel-permit', 'identity', 'direct-identifier', 'hkmo-permit'),
  },
  {
    contains: ['台胞证', '台湾居民来往'],
    hint: id('cn-tw-travel-permit', 'identity', 'direct-identifier', 'tw-permit'),
  },
  { contains: ['香港身份证', 'hkid'], hint: id('hk-id', 'identity', 'direct-identifier', 'hk-id') },
  {
    contains: ['台湾身份证', '身分證', 'twid'],
    hint: id('tw-id', 'identity', 'direct-identifier', 'tw-id'),
  },
  {
    contains: ['澳门身份证', '澳門身份證'],
    hint: id('mo-id', 'identity', 'direct-identifier', 'mo-id'),
  },
  {
    contains: [
      '身份证',
      '身份證',
      '证件号',
      '公民身份号码',
      '社保号',
      '社会保障号',
      'idcard',
      'idno',
      'idnumber',
      'identitycard',
      'citizenid',
      'nationalid',
      'residentid',
      'sfzh',
    ],
    hint: id('cn-resident-id', 'identity', 'direct-identifier', 'resident-id'),
  },
  {
    contains: ['护照', 'passport'],
    hint: id('cn-passport', 'identity', 'direct-identifier', 'passport'),
  },
  {
    contains: ['军官证', '士兵证'],
    hint: id('cn-military-id', 'identity', 'direct-identifier', 'military-id'),
  },
  {
    contains: [
      '银行卡',
      '卡号',
      '银行账号',
      '账号',
      '帐号',
      '账户',
      'bankcard',
      'cardno',
      'cardnumber',
      'bankaccount',
      'accountno',
    ],
    hint: id('bank-card', 'financial-account', 'direct-identifier', 'bank-card'),
  },
  {
    contains: ['手机', '手機', 'mobile', 'cellphone'],
    tokens: ['cell'],
    hint: id('cn-mobile', 'basic', 'direct-identifier', 'mobile'),
  },
  {
    contains: ['电话', '電話', '座机', '固话', 'telephone', 'landline', 'phone'],
    tokens: ['tel', 'fax'],
    hint: id('cn-landline', 'basic', 'direct-identifier', 'phone'),
  },
  {
    contains: ['邮箱', '郵箱', '电子邮件', 'email'],
    tokens: ['mail'],
    hint: id('email', 'basic', 'direct-identifier', 'email'),
  },
  {
    contains: ['车牌', '車牌', '号牌', 'licenseplate', 'plateno', 'platenumber'],
    tokens: ['plate'],
    hint: id('cn-plate', 'basic', 'direct-identifier', 'plate'),
  },
  {
    contains: ['邮编', '邮政编码', 'postcode', 'postalcode', 'zipcode'],
    tokens: ['zip'],
    hint: id('cn-postal-code', 'location', 'quasi-identifier', 'postal-code'),
  },
  {
    contains: ['行政区划', '区划代码', 'regioncode', 'areacode', 'divisioncode'],
    hint: id('cn-region-code', 'location', 'quasi-identifier', 'region-code'),
  },
  {
    contains: ['ip地址', 'ipaddress', 'ipaddr'],
    tokens: ['ip'],
    hint: id('ipv4', 'online-identity', 'quasi-identifier', 'ip'),
  },
  {
    contains: ['mac地址', 'macaddress'],
    tokens: ['mac'],
    hint: id('mac-address', 'device', 'direct-identifier', 'mac'),
  },
  { contains: ['imei', '串号'], hint: id('imei', 'device', 'direct-identifier', 'imei') },
  {
    contains: ['密码', '口令', '验证码', 'password', 'passwd'],
    tokens: ['pwd', 'otp', 'cvv', 'cvn', 'pin'],
    hint: pi('authentication', 'sensitive', 'authentication'),
  },
  {
    contains: [
      '指纹',
      '人脸',
      '面部',
      '虹膜',
      '声纹',
      '掌纹',
      '基因',
      'fingerprint',
      'biometric',
      'faceimage',
      'iris',
    ],
    hint: pi('biometric', 'sensitive', 'biometric'),
  },
  {
    contains: [
      '诊断',
      '病历',
      '病史',
      '病症',
      '疾病',
      '医疗',
      '过敏',
      '用药',
      '健康',
      'diagnosis',
      'disease',
      'medical',
      'health',
      'allergy',
    ],
    hint: pi('health', 'sensitive', 'health'),
  },
  { contains: ['宗教', '信仰', 'religion'], hint: pi('religious-belief', 'sensitive', 'religion') },
  {
    contains: [
      '收入',
      '工资',
      '薪',
      '存款',
      '余额',
      '资产',
      '房产',
      '征信',
      '信贷',
      'salary',
      'income',
      'balance',
      'credit',
    ],
    hint: pi('property', 'sensitive', 'property'),
  },
  {
    contains: [
      '轨迹',
      '定位',
      '经纬',
      '位置',
      'gps',
      'latitude',
      'longitude',
      'trajectory',
      'location',
    ],
    tokens: ['lat', 'lng', 'lon'],
    hint: pi('whereabouts', 'sensitive', 'whereabouts'),
  },
  {
    contains: ['婚', 'marital', 'marriage', '犯罪', 'criminal', '性取向', 'sexualorientation'],
    hint: pi('other', 'sensitive', 'other-sensitive'),
  },
  {
    contains: [
      '微信',
      'wechat',
      'qq号',
      'weibo',
      '昵称',
      'nickname',
      'username',
      '用户名',
      'userid',
      'openid',
    ],
    hint: pi('online-identity', 'direct-identifier', 'online-account'),
  },
  {
    contains: ['设备', 'deviceid', 'idfa', 'oaid', 'androidid'],
    hint: pi('device', 'direct-identifier', 'device'),
  },
  {
    contains: [
      '姓名',
      '名字',
      '联系人',
      'fullname',
      'realname',
      'firstname',
      'lastname',
      'surname',
    ],
    tokens: ['name'],
    hint: pi('basic', 'direct-identifier', 'name'),
  },
  {
    contains: ['住址', '地址', '住所', '家庭住址', 'address'],
    tokens: ['addr'],
    hint: pi('basic', 'quasi-identifier', 'address'),
  },
  {
    contains: ['出生', '生日', 'birth', 'dob'],
    hint: pi('basic', 'quasi-identifier', 'birth-date'),
  },
  { contains: ['性别', 'gender'], tokens: ['sex'], hint: pi('basic', 'quasi-identifier', 'sex') },
  { contains: ['年龄'], tokens: ['age'], hint: pi('basic', 'quasi-identifier', 'age') },
  {
    contains: ['民族', '国籍', 'ethnic', 'nationality'],
    hint: pi('basic', 'quasi-identifier', 'ethnicity'),
  },
  {
    contains: [
      '学历',
      '学位',
      '学校',
      '职业',
      '职位',
      '工作单位',
      'occupation',
      'education',
      'employer',
      'degree',
    ],
    tokens: ['job'],
    hint: pi('education-work', 'quasi-identifier', 'education-work'),
  },
  {
    contains: ['单位', '雇主', 'workplace'],
    hint: pi('education-work', 'quasi-identifier', 'workplace'),
  },
  // Where someone lives or is registered: a location quasi-identifier, even as a
  // bare "district" or "city" (words that elsewhere mark a non-personal name).
  {
    contains: [
      '省份',
      '城市',
      '区县',
      '行政区',
      '所在地',
      '户籍',
      '籍贯',
      '街道',
      '乡镇',
      '社区',
      '村',
    ],
    tokens: [
      'district',
      'county',
      'city',
      'province',
      'town',
      'township',
      'village',
      'region',
      'street',
    ],
    hint: pi('location', 'quasi-identifier', 'location'),
    location: true,
  },
  {
    contains: ['日期', '时间', '年份', '月份'],
    tokens: ['date', 'time', 'year', 'month'],
    hint: pi('basic', 'quasi-identifier', 'date'),
  },
];

// Headers that contain a rule's word but name something else ("company_name", "file_name").
const NOT_PERSONAL_TOKENS = new Set([
  'company',
  'org',
  'organization',
  'product',
  'file',
  'dept',
  'department',
  'city',
  'province',
  'district',
  'street',
  'school',
  'bank',
  'item',
  'table',
  'column',
  'host',
  'server',
]);

function otherThingBesides(tokens: readonly string[], rule: Rule): boolean {
  return tokens.some(
    (token) => NOT_PERSONAL_TOKENS.has(token) && !(rule.tokens ?? []).includes(token),
  );
}

/**
 * Suggests what a column holds from its header, Chinese or English
 * (`身份证号`, `id_card`, `mobilePhone`, `住址` …).
 *
 * @param header - the column name
 * @returns the hint, or undefined when the header says nothing recognisable
 * @throws {ValidationError} `invalid-argument` unless header is a string
 * @example
 * ```ts
 * import { headerHint } from './header-hints.ts';
 * headerHint('手机号')?.identifierType; // 'cn-mobile'
 * headerHint('住址')?.role; // 'quasi-identifier'
 * ```
 */
export function headerHint(header: string): HeaderHint | undefined {
  assertString(header, 'header');
  const lower = header.trim().toLowerCase();
  if (lower === '') return undefined;
  // camelCase → tokens, then tokens joined for substring rules.
  const tokens = header
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9\u4e00-\u9fff]+/)
    .filter((token) => token !== '');
  const joined = tokens.join('');
  const tokenSet = new Set(tokens);
  const otherThing = tokens.some((token) => NOT_PERSONAL_TOKENS.has(token));
  for (const rule of RULES) {
    const hit =
      (rule.contains?.some((word) => joined.includes(word)) ?? false) ||
      (rule.tokens?.some((token) => tokenSet.has(token)) ?? false);
    if (!hit) continue;
    // "city_name" names a city, not a person; a bare "city" column locates one.
    if (rule.location === true)
      return tokens.length === 1 || !otherThingBesides(tokens, rule) ? rule.hint : undefined;
    if (otherThing && rule.hint.identifierType === undefined) return undefined;
    return rule.hint;
  }
  return undefined;
}
