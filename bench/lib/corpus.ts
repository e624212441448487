// Deterministic synthetic corpus for the detection benchmark: mixed Chinese
// and English prose with ordinary numbers (years, amounts, times, versions,
// long order numbers) and identifiers embedded at known offsets, both valid
// ones and near-misses (wrong check digit, unallocated segment) that a
// scanner must not report.
import type { IdentifierType } from '../../src/detect/index.ts';
import {
  luhnCheckDigit,
  residentIdCheckCharacter,
  usccCheckCharacter,
  validate,
} from '../../src/detect/index.ts';

/** One embedded identifier. Offsets are UTF-16 code units in `text`. */
export interface Planted {
  readonly type: IdentifierType;
  readonly start: number;
  readonly end: number;
  readonly value: string;
  /** False for near-misses, which must not be reported. */
  readonly valid: boolean;
}

export interface Corpus {
  readonly text: string;
  readonly planted: readonly Planted[];
  /** Paragraph boundaries (start offsets), for tools that work per paragraph. */
  readonly paragraphs: readonly number[];
  readonly utf8Bytes: number;
}

/** mulberry32: a small, fast, seedable PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ZH_WORDS =
  '我们 今天 已经 关于 办理 业务 材料 提交 审核 通过 社区 服务 中心 居民 工作人员 联系 情况 说明 如下 根据 规定 需要 进一步 核实 信息 相关 部门 处理 结果 通知 申请人 窗口 预约 时间 地点 政策 补贴 发放 名单 公示 期间 如有 异议 请 及时 反馈 感谢 配合 系统 数据 更新 完成 上报 统计 年度 报告 会议 讨论 决定 事项 安排 落实 责任 单位 负责人 签字 确认 存档 备案 调查 走访 群众 意见 建议 改进 措施'.split(
    ' ',
  );
const EN_WORDS =
  'the resident submitted an application for housing support and the office will review all documents before the deadline please contact our service desk if any information is missing we have updated the record and sent a notice to the applicant regarding the outcome of the assessment in accordance with local rules'.split(
    ' ',
  );
const REGIONS = [
  '110105',
  '110108',
  '310115',
  '440305',
  '440106',
  '320102',
  '330106',
  '510107',
  '420106',
  '610113',
  '370212',
  '350203',
  '500103',
  '120104',
  '210102',
  '430104',
];
const MOBILE_PREFIXES = [
  '138',
  '139',
  '135',
  '150',
  '158',
  '186',
  '189',
  '177',
  '199',
  '131',
  '133',
  '181',
  '166',
  '191',
  '147',
  '173',
];
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

interface Generator {
  readonly type: IdentifierType;
  readonly weight: number;
  /** Context phrases; `always` types are never planted without one. */
  readonly context: readonly string[];
  readonly always?: boolean;
  readonly make: (r: () => number) => string;
  /** A near-miss of the same shape, or undefined when the type has none. */
  readonly nearMiss?: (r: () => number) => string;
}

const digits = (r: () => number, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += String(Math.floor(r() * 10));
  return s;
};
const pick = <T>(r: () => number, items: readonly T[]): T =>
  items[Math.floor(r() * items.length)] as T;
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function residentBody(r: () => number): string {
  const year = 1940 + Math.floor(r() * 75);
  return `${pick(r, REGIONS)}${year}${pad(1 + Math.floor(r() * 12), 2)}${pad(1 + Math.floor(r() * 28), 2)}${digits(r, 3)}`;
}
function wrongCheck(valid: string, alphabet: string): string {
  const last = valid.charAt(valid.length - 1);
  const i = alphabet.indexOf(last.toUpperCase());
  return (
    valid.slice(0, -1) +
    alphabet.charAt((i + 1 + Math.floor(alphabet.length / 3)) % alphabet.length)
  );
}
function card(r: () => number): string {
  // UnionPay cards have 16 (credit) or 19 (debit) digits.
  const body = `62${digits(r, r() < 0.5 ? 13 : 16)}`;
  return body + luhnCheckDigit(body);
}
function grouped(value: string, sep: string): string {
  return (value.match(/.{1,4}/g) ?? []).join(sep);
}
function hkId(r: () => number, valid: boolean): string {
  const letter = pick(r, PLATE_LETTERS.split(''));
  const body = `${letter}${digits(r, 6)}`;
  for (const c of '0123456789A') {
    const candidate = `${body}(${c})`;
    if (validate('hk-id', candidate) === valid) return candidate;
  }
  return `${body}(0)`;
}
function twId(r: () => number, valid: boolean): string {
  const body = `${pick(r, PLATE_LETTERS.split(''))}${r() < 0.5 ? '1' : '2'}${digits(r, 7)}`;
  for (const c of '0123456789') if (validate('tw-id', body + c) === valid) return body + c;
  return `${body}0`;
}
function uscc(r: () => number): string {
  let body = `91${pick(r, REGIONS)}`;
  for (let i = 0; i < 9; i++) body += USCC_ALPHABET.charAt(Math.floor(r() * 31));
  return body + usccCheckCharacter(body);
}
function hex(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'.charAt(Math.floor(r() * 16));
  return s;
}

const GENERATORS: readonly Generator[] = [
  {
    type: 'cn-resident-id',
    weight: 14,
    context: ['身份证号：', '身份证号码', '公民身份号码', 'ID card no. ', '证件号码：'],
    make: (r) => {
      const body = residentBody(r);
      return body + residentIdCheckCharacter(body);
    },
    nearMiss: (r) => {
      const body = residentBody(r);
      return wrongCheck(body + residentIdCheckCharacter(body), '0123456789X');
    },
  },
  {
    type: 'cn-resident-id-15',
    weight: 2,
    always: true,
    context: ['旧身份证号', '身份证(15位)：'],
    make: (r) =>
      `${pick(r, REGIONS)}${pad(40 + Math.floor(r() * 55), 2)}${pad(1 + Math.floor(r() * 12), 2)}${pad(1 + Math.floor(r() * 28), 2)}${digits(r, 3)}`,
  },
  {
    type: 'cn-mobile',
    weight: 16,
    context: ['手机：', '手机号', '联系电话', 'mobile: ', 'phone '],
    make: (r) => {
      const number = `${pick(r, MOBILE_PREFIXES)}${digits(r, 8)}`;
      const form = r();
      if (form < 0.6) return number;
      if (form < 0.75) return `${number.slice(0, 3)} ${number.slice(3, 7)} ${number.slice(7)}`;
      if (form < 0.9) return `${number.slice(0, 3)}-${number.slice(3, 7)}-${number.slice(7)}`;
      return `+86 ${number}`;
    },
    nearMiss: (r) => `${pick(r, ['154', '140', '120', '100'])}${digits(r, 8)}`,
  },
  {
    type: 'cn-landline',
    weight: 6,
    context: ['电话：', '办公电话', '座机', 'tel. ', '传真'],
    make: (r) =>
      `${pick(r, ['010', '021', '020', '0755', '0571', '028'])}-${String(2 + Math.floor(r() * 7))}${digits(r, 7)}`,
  },
  {
    type: 'bank-card',
    weight: 10,
    context: ['银行卡号：', '卡号', '收款账号', 'card number ', '账户'],
    make: (r) => {
      const number = card(r);
      const form = r();
      return form < 0.6 ? number : grouped(number, form < 0.85 ? ' ' : '-');
    },
    nearMiss: (r) => wrongCheck(card(r), '0123456789'),
  },
  {
    type: 'cn-uscc',
    weight: 4,
    context: ['统一社会信用代码：', '信用代码', 'USCC '],
    make: uscc,
    nearMiss: (r) => wrongCheck(uscc(r), USCC_ALPHABET),
  },
  {
    type: 'cn-passport',
    weight: 4,
    always: true,
    context: ['护照号码：', '护照', 'passport no. '],
    make: (r) => `${pick(r, ['E', 'G'])}${digits(r, 8)}`,
  },
  {
    type: 'cn-hkmo-travel-permit',
    weight: 2,
    always: true,
    context: ['港澳居民来往内地通行证', '回乡证号', '通行证号码'],
    make: (r) => `${pick(r, ['H', 'M'])}${digits(r, r() < 0.5 ? 8 : 10)}`,
  },
  {
    type: 'hk-id',
    weight: 3,
    context: ['香港身份证', 'HKID '],
    make: (r) => hkId(r, true),
    nearMiss: (r) => hkId(r, false),
  },
  {
    type: 'tw-id',
    weight: 3,
    context: ['台湾身分证', '身份證字號'],
    make: (r) => twId(r, true),
    nearMiss: (r) => twId(r, false),
  },
  {
    type: 'cn-plate',
    weight: 4,
    context: ['车牌号', '车辆', 'plate '],
    make: (r) => {
      const head = `${pick(r, PROVINCES.split(''))}${pick(r, PLATE_LETTERS.split(''))}`;
      return r() < 0.3 ? `${head}${pick(r, ['D', 'F'])}${digits(r, 5)}` : `${head}${digits(r, 5)}`;
    },
  },
  {
    type: 'cn-postal-code',
    weight: 3,
    always: true,
    context: ['邮编', '邮政编码：', 'zip '],
    make: (r) => `${pick(r, ['10', '20', '51', '31', '43', '61'])}${digits(r, 4)}`,
  },
  {
    type: 'email',
    weight: 8,
    context: ['邮箱：', '电子邮件', 'email: '],
    make: (r) =>
      `${pick(r, ['zhang.san', 'li_si', 'wangwu', 'chen.hua', 'service', 'info'])}${digits(r, 3)}@${pick(r, ['example.com', 'mail.gov.cn', 'qq.com', '163.com', 'company.com.cn'])}`,
  },
  {
    type: 'ipv4',
    weight: 4,
    context: ['IP地址', 'IP ', 'host '],
    make: (r) =>
      `${10 + Math.floor(r() * 200)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.${1 + Math.floor(r() * 254)}`,
    nearMiss: (r) =>
      `${300 + Math.floor(r() * 600)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.${1 + Math.floor(r() * 254)}`,
  },
  {
    type: 'ipv6',
    weight: 2,
    context: ['IPv6地址', 'IP '],
    make: (r) =>
      r() < 0.5
        ? `2001:db8:${hex(r, 4)}::${hex(r, 3)}`
        : Array.from({ length: 8 }, () => hex(r, 4)).join(':'),
  },
  {
    type: 'mac-address',
    weight: 2,
    context: ['MAC地址', 'MAC '],
    make: (r) =>
      Array.from({ length: 6 }, () => hex(r, 2).toUpperCase()).join(r() < 0.5 ? ':' : '-'),
  },
  {
    type: 'imei',
    weight: 2,
    always: true,
    context: ['IMEI：', '设备串号'],
    make: (r) => {
      const body = `35${digits(r, 12)}`;
      return body + luhnCheckDigit(body);
    },
  },
];
const TOTAL_WEIGHT = GENERATORS.reduce((sum, g) => sum + g.weight, 0);
const NEUTRAL_ZH = ['，', '。', '；见', '，其中', '：'];
const NEUTRAL_EN = [', ', '. ', '; see ', ' and '];

function sentence(r: () => number, chinese: boolean): string {
  const words = chinese ? ZH_WORDS : EN_WORDS;
  const n = 6 + Math.floor(r() * 12);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    parts.push(pick(r, words));
    if (r() < 0.08) parts.push(ordinaryNumber(r, chinese));
  }
  return chinese ? `${parts.join('')}。` : `${parts.join(' ')}. `;
}

/** Numbers any prose has: none of them is an identifier. */
function ordinaryNumber(r: () => number, chinese: boolean): string {
  const kind = Math.floor(r() * 8);
  switch (kind) {
    case 0:
      return chinese ? `${1990 + Math.floor(r() * 35)}年` : ` ${1990 + Math.floor(r() * 35)} `;
    case 1:
      return chinese
        ? `${Math.floor(r() * 100000) / 100}元`
        : ` ${Math.floor(r() * 100000) / 100} yuan `;
    case 2:
      return ` ${pad(Math.floor(r() * 24), 2)}:${pad(Math.floor(r() * 60), 2)} `;
    case 3:
      return ` ${Math.floor(r() * 100)}% `;
    case 4:
      return ` 2024-${pad(1 + Math.floor(r() * 12), 2)}-${pad(1 + Math.floor(r() * 28), 2)} `;
    case 5:
      return chinese
        ? `第${1 + Math.floor(r() * 30)}条`
        : ` v${Math.floor(r() * 5)}.${Math.floor(r() * 20)}.${Math.floor(r() * 9)} `;
    case 6:
      return chinese
        ? `流水号${digits(r, 20 + Math.floor(r() * 6))}`
        : ` ref ${digits(r, 20 + Math.floor(r() * 4))} `;
    default:
      return chinese ? `${1 + Math.floor(r() * 999)}人` : ` ${1 + Math.floor(r() * 999)} people `;
  }
}

/**
 * Builds the corpus: paragraphs of 3-8 sentences, each followed by 1-3
 * planted identifiers (about one in six a near-miss where the type has one).
 *
 * @param minUtf8Bytes - stop once the text reaches this many UTF-8 bytes
 * @param seed - PRNG seed (same seed, same corpus)
 */
export function makeCorpus(minUtf8Bytes: number, seed = 20240501): Corpus {
  const r = prng(seed);
  const parts: string[] = [];
  const planted: Planted[] = [];
  const paragraphs: number[] = [];
  let length = 0;
  let bytes = 0;
  const push = (s: string) => {
    parts.push(s);
    length += s.length;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? 2 : 3;
    }
  };
  while (bytes < minUtf8Bytes) {
    paragraphs.push(length);
    const chinese = r() < 0.6;
    const sentences = 3 + Math.floor(r() * 6);
    for (let s = 0; s < sentences; s++) push(sentence(r, chinese));
    const count = 1 + Math.floor(r() * 3);
    for (let k = 0; k < count; k++) {
      let w = r() * TOTAL_WEIGHT;
      let gen = GENERATORS[0] as Generator;
      for (const g of GENERATORS) {
        w -= g.weight;
        if (w < 0) {
          gen = g;
          break;
        }
      }
      const near = gen.nearMiss !== undefined && r() < 0.17;
      const value = near ? (gen.nearMiss as (r: () => number) => string)(r) : gen.make(r);
      const withContext = gen.always === true || r() < 0.6;
      push(withContext ? pick(r, gen.context) : pick(r, chinese ? NEUTRAL_ZH : NEUTRAL_EN));
      planted.push({
        type: gen.type,
        start: length,
        end: length + value.length,
        value,
        valid: !near,
      });
      push(value);
      push(pick(r, chinese ? NEUTRAL_ZH : NEUTRAL_EN));
    }
    push('\n');
  }
  return { text: parts.join(''), planted, paragraphs, utf8Bytes: bytes };
}
