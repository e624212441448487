// Words that, near a candidate, make it more likely to be the identifier it
// looks like. They are matched by first character (a table lookup per code
// unit of the window, then startsWith), which is much cheaper than a regex
// alternation of ~150 words.
import type { IdentifierType } from './identifier-type.ts';

/** Context categories; each lists lower-case literal words (`\b` marks a word boundary). */
const CATEGORIES = {
  identity: [
    '身份证',
    '身份證',
    '身分證',
    '证件',
    '證件',
    '公民身份',
    '身份号码',
    '居住证',
    '居住證',
    '永久居留',
    '社保',
    '社会保障',
    '医保',
    '参保',
    '户籍',
    '\\bid\\b',
    'identity',
    'id card',
    'id no',
    'id number',
    'hkid',
    '\\bbir\\b',
  ],
  phone: [
    '手机',
    '手機',
    '电话',
    '電話',
    '联系',
    '聯絡',
    '聯繫',
    '致电',
    '来电',
    '热线',
    '座机',
    '固话',
    '传真',
    '分机',
    '短信',
    '微信',
    'tel',
    'phone',
    'mobile',
    'cell',
    'call',
    'fax',
    'contact',
    'whatsapp',
  ],
  // Not a bare "card": "ID card" is identity context.
  bank: [
    '银行',
    '銀行',
    '卡号',
    '卡號',
    '账号',
    '帳號',
    '账户',
    '帳戶',
    '帐号',
    '帐户',
    '借记卡',
    '信用卡',
    '储蓄卡',
    '开户',
    '银联',
    '(?<!id )card (?:number|no)',
    'bank',
    'debit',
    'credit card',
    'account',
    'acct',
    'unionpay',
    'iban',
  ],
  passport: ['护照', '護照', 'passport'],
  permit: ['通行证', '通行證', '回乡证', '回鄉證', '台胞证', '台胞證', 'permit'],
  plate: ['车牌', '車牌', '号牌', '號牌', '车辆', '車輛', '车号', 'plate', 'vehicle'],
  postal: ['邮编', '郵編', '邮政编码', '郵政編碼', '郵遞區號', 'zip', 'postal', 'postcode'],
  email: ['邮箱', '郵箱', '邮件', '郵件', 'mail'],
  organization: [
    '信用代码',
    '信用代碼',
    '统一社会',
    '統一社會',
    '营业执照',
    '營業執照',
    '注册号',
    '註冊號',
    'registration',
    'credit code',
    'uscc',
    'licen[cs]e',
  ],
  device: ['imei', 'meid', '串号', '串號', '设备', '設備', 'mac', '网卡', 'device'],
  network: ['|ip', '地址', 'address', 'host', 'server', '服务器', '伺服器'],
  region: ['行政区划', '区划代码', '地区代码', '区域代码', 'region', 'division'],
  military: ['军官证', '士兵证', '军人', '軍官證', 'military'],
} as const;

type Category = keyof typeof CATEGORIES;

/** The context category of each identifier type. */
const TYPE_CATEGORY: Readonly<Record<IdentifierType, Category>> = {
  'cn-resident-id': 'identity',
  'cn-resident-id-15': 'identity',
  'cn-uscc': 'organization',
  'cn-business-license': 'organization',
  'cn-mobile': 'phone',
  'cn-landline': 'phone',
  'cn-service-number': 'phone',
  'hk-mobile': 'phone',
  'mo-mobile': 'phone',
  'bank-card': 'bank',
  'cn-passport': 'passport',
  'cn-hkmo-travel-permit': 'permit',
  'cn-tw-travel-permit': 'permit',
  'hk-id': 'identity',
  'tw-id': 'identity',
  'mo-id': 'identity',
  'cn-military-id': 'military',
  'cn-plate': 'plate',
  'cn-postal-code': 'postal',
  'cn-region-code': 'region',
  email: 'email',
  ipv4: 'network',
  ipv6: 'network',
  'mac-address': 'device',
  imei: 'device',
};

const NAMES = Object.keys(CATEGORIES) as Category[];

/** Number of context categories. */
export const CATEGORY_COUNT: number = NAMES.length;

/** The category index of each identifier type. */
export const categoryOf: Readonly<Record<IdentifierType, number>> = Object.fromEntries(
  Object.entries(TYPE_CATEGORY).map(([type, category]) => [type, NAMES.indexOf(category)]),
) as Record<IdentifierType, number>;

interface Word {
  readonly text: string;
  readonly category: number;
  readonly boundaryBefore: boolean;
  readonly boundaryAfter: boolean;
  readonly notAfterId: boolean;
}

/** Words by the code unit they start with. */
const BY_FIRST: ReadonlyMap<number, readonly Word[]> = (() => {
  const map = new Map<number, Word[]>();
  NAMES.forEach((name, category) => {
    for (const raw of CATEGORIES[name]) {
      const notAfterId = raw.startsWith('!');
      let text = notAfterId ? raw.slice(1) : raw;
      const boundaryBefore = text.startsWith('|');
      if (boundaryBefore) text = text.slice(1);
      const boundaryAfter = text.endsWith('|');
      if (boundaryAfter) text = text.slice(0, -1);
      const first = text.charCodeAt(0);
      const list = map.get(first) ?? [];
      list.push({ text, category, boundaryBefore, boundaryAfter, notAfterId });
      map.set(first, list);
    }
  });
  return map;
})();

function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * Finds the context words in a lower-cased window; for each category writes
 * into `lastEnd` the end offset of its last word (or leaves -1).
 */
export function findContextWords(window: string, lastEnd: Int32Array): void {
  lastEnd.fill(-1);
  for (let i = 0; i < window.length; i++) {
    const words = BY_FIRST.get(window.charCodeAt(i));
    if (words === undefined) continue;
    for (const word of words) {
      if (!window.startsWith(word.text, i)) continue;
      const end = i + word.text.length;
      if (word.boundaryBefore && i > 0 && isWordCode(window.charCodeAt(i - 1))) continue;
      if (word.boundaryAfter && end < window.length && isWordCode(window.charCodeAt(end))) continue;
      if (word.notAfterId && i >= 3 && window.startsWith('id ', i - 3)) continue;
      if (end > (lastEnd[word.category] as number)) lastEnd[word.category] = end;
    }
  }
}
