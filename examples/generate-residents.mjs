// Generates examples/residents.csv: synthetic resident records with valid-looking
// (checksum-correct) but generated identifiers. Deterministic: same output every run.
// Usage: node examples/generate-residents.mjs [rows] [file]
import { writeFileSync } from 'node:fs';

const rows = Number(process.argv[2] ?? 500);
const file = process.argv[3] ?? new URL('./residents.csv', import.meta.url);

let seed = 20261123;
const next = () => {
  // mulberry32: a small, fixed PRNG so the example data never changes
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(next() * list.length)];
const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));

const surnames = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '林',
  '郑',
  '欧阳',
  '司马',
];
const given = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '桂英',
  '建华',
];
// Fuzhou (福州市) districts and counties, GB/T 2260.
const districts = [
  ['350102', '鼓楼区'],
  ['350103', '台江区'],
  ['350104', '仓山区'],
  ['350105', '马尾区'],
  ['350111', '晋安区'],
  ['350112', '长乐区'],
  ['350121', '闽侯县'],
  ['350122', '连江县'],
];
const mobilePrefixes = [
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '157',
  '158',
  '159',
  '182',
  '183',
  '187',
  '188',
  '130',
  '131',
  '132',
  '155',
  '156',
  '185',
  '186',
  '133',
  '153',
  '180',
  '181',
  '189',
  '199',
];
const diagnoses = [
  '高血压',
  '2型糖尿病',
  '慢性胃炎',
  '支气管哮喘',
  '冠心病',
  '无',
  '无',
  '无',
  '腰椎间盘突出',
  '过敏性鼻炎',
];
const occupations = [
  '教师',
  '工程师',
  '医生',
  '护士',
  '个体工商户',
  '公务员',
  '退休',
  '学生',
  '农民',
  '司机',
];

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChar = (first17) => {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i];
  return '10X98765432'[sum % 11];
};
const pad = (n, w) => String(n).padStart(w, '0');

const header = [
  'name',
  'id_card',
  'mobile',
  'birth_date',
  'sex',
  'district',
  'occupation',
  'diagnosis',
  'household_size',
];
const lines = [header.join(',')];
for (let i = 0; i < rows; i++) {
  const [code, district] = pick(districts);
  const year = int(1940, 2018);
  const month = int(1, 12);
  const day = int(1, 28);
  const birth = `${year}${pad(month, 2)}${pad(day, 2)}`;
  const sexDigit = int(0, 9);
  const first17 = `${code}${birth}${pad(int(0, 99), 2)}${sexDigit}`;
  const record = [
    pick(surnames) + pick(given),
    first17 + checkChar(first17),
    pick(mobilePrefixes) + pad(int(0, 99999999), 8),
    `${year}-${pad(month, 2)}-${pad(day, 2)}`,
    sexDigit % 2 === 1 ? '男' : '女',
    district,
    year > 2008 ? '学生' : pick(occupations),
    pick(diagnoses),
    String(int(1, 6)),
  ];
  lines.push(record.join(','));
}
writeFileSync(file, `${lines.join('\n')}\n`);
