// A labelled evaluation corpus of agency-style free text: 12345 hotline
// tickets, case notes and administrative decisions, with names, addresses,
// work units, sensitive facts, dates of birth, ages and identifiers planted at
// known offsets, plus distractor sentences (place names that are nobody's
// address, words that only look like names). The planted values come from
// the lists below, written for the evaluation and independent of the
// detector's lexicons (scripts/lexicons): rare surnames (禤, 笪, 缑…) and
// given-name characters the lexicon does not list are included on purpose.
import type { FindingType } from '../../src/detect/index.ts';

export interface Gold {
  readonly type: FindingType;
  readonly start: number;
  readonly end: number;
}

export interface FreeTextCorpus {
  readonly text: string;
  readonly gold: readonly Gold[];
  readonly utf8Bytes: number;
}

const NAMES = (
  '陈思远 林晓峰 黄诗涵 周子墨 吴昊然 郑雅琴 孙立新 马国栋 胡嘉怡 郭振华 何秋燕 高岩松 罗一鸣 梁淑贞 ' +
  '谢东升 宋佳琪 唐文博 许婉清 韩冬梅 冯志刚 邓丽君 曹明轩 彭小勇 曾繁荣 田沅芷 董霁川 袁崧 潘珩 ' +
  '于岫云 蒋湍 蔡淞 余茁 杜蘅 叶舟 程昱 苏沐 魏巍 吕品 丁一 任重 沈括 姚远 卢俊义 姜尚 崔颢 钟灵 ' +
  '谭嗣 陆游 汪洋洋 范晔 金铭 石磊磊 廖凡 贾樟 夏雨 韦庄 付笛 方圆 白羽 邹韬 孟浩 熊猫儿 秦岚 ' +
  '禤国峰 笪立 缑小燕 訾红 逄春生 郗晓 寸银花 欧阳修远 司马青 诸葛云飞 上官婉 端木森 慕容雪'
).split(' ');
const FOREIGN = ['玛丽亚·加西亚', '阿依古丽·买买提', '约瑟夫·伯纳德', '安娜·科瓦列娃'];
const REGIONS = [
  '浙江省温州市鹿城区',
  '四川省成都市武侯区',
  '广东省深圳市南山区',
  '江苏省南京市鼓楼区',
  '湖北省武汉市洪山区',
  '陕西省西安市雁塔区',
  '河南省郑州市金水区',
  '辽宁省大连市甘井子区',
  '云南省昆明市五华区',
  '福建省厦门市思明区',
  '成都市锦江区',
  '杭州市西湖区',
  '广州市天河区',
  '青岛市市南区',
];
const ROADS = [
  '望江路',
  '清水河大道',
  '桂花巷',
  '学府街',
  '新华北路',
  '滨江东路',
  '红旗路',
  '长乐巷',
  '建设大道',
  '文化街',
];
const COMMUNITIES = ['锦绣花园', '翠湖小区', '阳光新城', '金桂苑', '和平里小区', '滨江家园'];
const ORGS = [
  '温州市鹿城区市场监督管理局',
  '成都市第三人民医院',
  '南京鸿运物流有限公司',
  '武汉市洪山区珞南街道办事处',
  '西安市雁塔区长延堡派出所',
  '郑州市金水区人民法院',
  '大连理工大学',
  '昆明市五华区红云小学',
  '厦门思明区卫健委',
  '深圳市南山区人民检察院',
  '杭州远航科技股份有限公司',
  '广州市天河区社区卫生服务中心',
];
const FACTS = [
  '糖尿病',
  '高血压',
  '抑郁症',
  '肺腺癌',
  '慢性肾炎',
  '乳腺癌',
  '类风湿关节炎',
  '帕金森病',
  '精神分裂症',
  '尿毒症',
];
const DISTRACTORS = [
  '市民反映创建全国文明城市期间噪音扰民。',
  '大家都说这家医院医术高明。',
  '年货礼盒里有金华火腿和腊肉。',
  '会议在北京召开，讨论了福建省的规划。',
  '请于3个工作日内答复，共有15人参加。',
  '2024年3月5日来电，要求尽快处理。',
  '安全生产方面的工作需加强。',
  '他平时在上海工作，周末回杭州。',
];

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Builds the corpus to at least `minUtf8Bytes`. */
export function makeFreeTextCorpus(minUtf8Bytes: number, seed = 20261207): FreeTextCorpus {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const parts: string[] = [];
  const gold: Gold[] = [];
  let length = 0;
  let bytes = 0;
  const put = (text: string) => {
    parts.push(text);
    length += text.length;
    bytes += Buffer.byteLength(text);
  };
  const plant = (type: FindingType, value: string) => {
    gold.push({ type, start: length, end: length + value.length });
    put(value);
  };
  const name = () => (random() < 0.06 ? pick(FOREIGN) : pick(NAMES));
  const address = () => {
    const r = random();
    let value = r < 0.8 ? pick(REGIONS) : '';
    value += `${pick(ROADS)}${int(1, 300)}号`;
    if (random() < 0.5)
      value += `${pick(COMMUNITIES)}${int(1, 30)}栋${int(1, 6)}单元${int(101, 2804)}室`;
    return value;
  };
  const mobile = () => `1${pick(['38', '39', '58', '86', '77'])}${String(int(10000000, 99999999))}`;
  while (bytes < minUtf8Bytes) {
    const kind = int(0, 2);
    if (kind === 0) {
      put(`工单编号${int(100000, 999999)}：来电人`);
      plant('person-name', name());
      put('，联系电话');
      put(mobile());
      put('，反映其居住的');
      plant('address', address());
      put('附近施工噪音扰民，夜间持续至凌晨。');
      if (random() < 0.5) {
        put('来电人称其母亲');
        plant('person-name', name());
        put('现年');
        plant('age', `${int(60, 95)}岁`);
        put('，患有');
        plant('sensitive-fact', pick(FACTS));
        put('，需要安静环境。');
      }
      put(pick(DISTRACTORS));
      put('已转');
      plant('organization', pick(ORGS));
      put('处理。\n');
    } else if (kind === 1) {
      put('案情摘要：当事人');
      plant('person-name', name());
      put('，男，');
      plant('date', `${int(1950, 2000)}年${int(1, 12)}月`);
      put('出生，');
      plant('sensitive-fact', pick(['汉族', '回族', '彝族', '满族', '壮族']));
      put('，住');
      plant('address', address());
      put('，工作单位');
      plant('organization', pick(ORGS));
      put('。');
      if (random() < 0.4) {
        put('该人曾因');
        plant('sensitive-fact', pick(['诈骗罪', '盗窃罪']));
        put('被');
        plant('sensitive-fact', '判处有期徒刑');
        put('二年，现为');
        plant('sensitive-fact', pick(['低保户', '失信被执行人']));
        put('。');
      }
      put('经办人');
      plant('person-name', name());
      put('、');
      plant('person-name', name());
      put('到场核实。');
      put(pick(DISTRACTORS));
      put('\n');
    } else {
      put('行政处罚决定书\n被处罚人：');
      plant('person-name', name());
      put('，');
      plant('age', `${int(18, 70)}岁`);
      put('，住所地');
      plant('address', address());
      put('。经查，');
      plant('person-name', name());
      put('于2023年在');
      plant('organization', pick(ORGS));
      put('门口违规经营。');
      put(pick(DISTRACTORS));
      put('\n');
    }
  }
  return { text: parts.join(''), gold, utf8Bytes: bytes };
}
