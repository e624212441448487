// A deterministic synthetic resident register (CSV) for benchmarks and
// end-to-end tests: every identifier is well-formed (resident IDs with their
// MOD 11-2 check character, allocated mobile segments, Luhn-valid cards), and
// the same seed always gives the same bytes. No real person is described.

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/** The columns of the synthetic register, in file order. */
export const RESIDENT_COLUMNS: readonly string[] = [
  'name',
  'id_card',
  'mobile',
  'bank_card',
  'address',
  'birth_date',
  'sex',
  'occupation',
  'income',
  'email',
  'diagnosis',
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高'.split('');
const COMPOUND = ['欧阳', '司马', '上官', '诸葛'];
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红'.split('');
const PLACES: readonly [string, string][] = [
  ['110105', '北京市朝阳区'],
  ['350102', '福建省福州市鼓楼区'],
  ['440305', '广东省深圳市南山区'],
  ['310115', '上海市浦东新区'],
  ['510107', '四川省成都市武侯区'],
  ['330782', '浙江省金华市义乌市'],
  ['420106', '湖北省武汉市武昌区'],
  ['650102', '新疆维吾尔自治区乌鲁木齐市天山区'],
];
const STREETS = ['人民路', '解放路', '中山路', '建设路', '五四路', '和平街', '长江路', '新华街'];
const OCCUPATIONS = [
  '教师',
  '医生',
  '工程师',
  '公务员',
  '农民',
  '司机',
  '会计',
  '厨师',
  '律师',
  '学生',
];
const NETWORKS = ['138', '139', '150', '186', '189', '135', '177', '199', '166', '181'];
const DIAGNOSES = ['J45', 'E11', 'I10', 'K29', 'M54', 'F32', 'N18', 'C34', 'Z00', 'B18'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz'.split('');
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A small, fast, seeded PRNG (mulberry32): benchmark data, not secrets. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function digits(random: () => number, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += Math.floor(random() * 10);
  return out;
}

function luhnCheck(body: string): number {
  let sum = 0;
  for (let i = body.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = body.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

function residentCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] as number);
  return '10X98765432'.charAt(sum % 11);
}

const pick = <T>(random: () => number, list: readonly T[]): T =>
  list[Math.floor(random() * list.length)] as T;

/**
 * Yields `count` CSV lines (CRLF, header first) of synthetic residents.
 *
 * @param count - data rows
 * @param seed - PRNG seed; equal seeds give equal output
 */
export function* syntheticResidentLines(count: number, seed = 1): Generator<string> {
  const random = prng(seed);
  yield `${RESIDENT_COLUMNS.join(',')}\r\n`;
  for (let i = 0; i < count; i++) {
    const surname = random() < 0.03 ? pick(random, COMPOUND) : pick(random, SURNAMES);
    const name = surname + pick(random, GIVEN) + (random() < 0.6 ? pick(random, GIVEN) : '');
    const [region, place] = pick(random, PLACES);
    const year = 1940 + Math.floor(random() * 70);
    const month = 1 + Math.floor(random() * 12);
    const leap = month === 2 && year % 4 === 0 ? 1 : 0;
    const day = 1 + Math.floor(random() * ((DAYS[month - 1] as number) + leap));
    const date = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
    const sequence = digits(random, 3);
    const first17 = `${region}${date}${sequence}`;
    const body = `622202${digits(random, 12)}`;
    const occupation = pick(random, OCCUPATIONS);
    yield `${[
      name,
      first17 + residentCheck(first17),
      pick(random, NETWORKS) + digits(random, 8),
      body + luhnCheck(body),
      `${place}${pick(random, STREETS)}${1 + Math.floor(random() * 300)}号`,
      `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}`,
      (sequence.charCodeAt(2) - 48) % 2 === 1 ? '男' : '女',
      // One row in fifty needs CSV quoting.
      random() < 0.02 ? `"${occupation},兼职"` : occupation,
      String(2000 + Math.floor(random() * 48_000)),
      `${Array.from({ length: 6 }, () => pick(random, LETTERS)).join('')}${i}@example.com`,
      pick(random, DIAGNOSES),
    ].join(',')}\r\n`;
  }
}

/**
 * Writes the synthetic register to a file, with backpressure.
 *
 * @param path - destination file
 * @param count - data rows
 * @param seed - PRNG seed
 * @returns the bytes written
 */
export async function writeSyntheticResidents(
  path: string,
  count: number,
  seed = 1,
): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  let buffer = '';
  for (const line of syntheticResidentLines(count, seed)) {
    buffer += line;
    if (buffer.length >= 1 << 16) {
      bytes += Buffer.byteLength(buffer);
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  bytes += Buffer.byteLength(buffer);
  out.end(buffer);
  await once(out, 'finish');
  return bytes;
}
