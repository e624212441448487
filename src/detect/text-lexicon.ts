// The word lists and character classes of free-text detection, built once
// from the generated lexicons (data/text-lexicons.ts) and the GB/T 2260 table.
import type { PiCategory } from '../tags/pi-category.ts';
import {
  addressContext,
  addressParts,
  compoundSurnames,
  givenNameChars,
  nameAfterWords,
  nonNames,
  organizationContext,
  organizationHeads,
  organizationSuffixes,
  roleWords,
  sensitiveFacts,
  surnames,
  titleWords,
} from './data/text-lexicons.ts';
import { forEachCurrentRegion } from './regions.ts';
import {
  ADDRESS_CONTEXT,
  ADDRESS_PART,
  addWord,
  denseChildren,
  FACT,
  NAME_AFTER,
  NON_NAME,
  ORG_CONTEXT,
  ORG_HEAD,
  ORG_SUFFIX,
  ORG_WEAK_SUFFIX,
  REGION,
  ROLE,
  TITLE,
  type TrieNode,
  trieNode,
} from './text-trie.ts';
import { type AddressLevel, addressLevels } from './text-types.ts';

// Character classes (bit flags in one table indexed by code unit).
export const SURNAME = 1;
export const TOP_SURNAME = 2;
export const GIVEN = 4;
/** Never part of a given name (particles, verbs, units, 男/女, 某). */
export const NAME_STOP = 8;
/** Ends an organization or address part (particles, pronouns, common verbs). */
export const SPAN_STOP = 16;
/** May stand right before a name that has no role word (和, 与, 及, 由, 经…). */
export const LEFT_OK = 32;
/** Digits, Latin letters and Chinese numerals that number a building, unit or room. */
export const NUMBERING = 64;
export const COMPOUND_FIRST = 128;
/** Characters transliterated foreign names are written with (克林顿, 奥尔布赖特). */
export const TRANSLIT = 512;
/** Digits and the Chinese numerals a count is written with (3万吨, 二十公里). */
export const NUMERAL = 1024;
/** Characters that start an honorific or office after a bare surname (陈先生, 胡主席, 杜氏). */
export const HONORIFIC_FIRST = 2048;

/** Characters that start a listed word (a second table, so the first stays a byte). */
export const FIRST = 256;

/** Everything free-text detection looks words up in. */
export interface Lexicon {
  readonly root: TrieNode;
  /** The root's children by code unit ({@link denseChildren}). */
  readonly first: readonly (TrieNode | undefined)[];
  readonly classes: Uint16Array;
  readonly compounds: ReadonlySet<string>;
  /** The compound surnames as `first << 16 | second` code units, looked up without slicing the text. */
  readonly compoundCodes: ReadonlySet<number>;
  readonly factCategories: readonly PiCategory[];
}

const NAME_STOP_CHARS =
  '的了是在和与及等说称因于向对将把被为系自从到给跟同也都又就才已曾不没无有这那其之所以而或且但却即让请来去男女某年月日岁个位名号省市区县镇乡村路街室层次们我你他她它啊吗呢吧哦患住诊院报电话告该此各每任现称于经由至往赴均亦并仍再还很更最要会能可应需';
const SPAN_STOP_CHARS =
  '的了是在和与及到从向于对将把被为因等给经由至往赴去来这那该本贵我你他她其此各每哪也都又就才已曾不没无说称患住任系同跟让请叫找并或但而即由';
const TRANSLIT_CHARS =
  '阿埃艾爱安昂奥巴拜班邦贝本比彼毕波伯博布查达戴丹德登迪蒂丁东杜敦多厄恩尔法凡菲费芬丰弗福夫盖冈戈格哥古圭哈海汉豪赫亨洪胡霍基吉加贾杰金卡凯坎康考科克肯库奎拉莱赖兰朗劳勒雷蕾里利莉丽林琳隆卢鲁伦罗洛马玛迈麦曼梅门蒙米缪莫姆穆纳娜奈内尼涅努诺欧帕佩彭皮普齐奇恰乔切丘萨塞桑瑟森沙莎舍什施史斯松苏索塔泰坦汤唐特图托瓦威韦维温沃乌武西希夏谢辛休雅亚扬耶伊因英尤约泽扎詹朱佐顿钦茨兹娃耶';
const NUMERAL_CHARS = '0123456789０１２３４５６７８９〇一二三四五六七八九十百千万亿两几多数余';
/** The first characters of the honorifics of text-names.ts. */
const HONORIFIC_FIRST_CHARS = '先女小老师大阿同教主总书部省市县局院校经厂氏';
const LEFT_OK_CHARS = '和与及同跟让叫给找向对被由经将把是为系据请称等或并访见问约帮陪带送接劝';
const NUMBERING_CHARS =
  '0123456789０１２３４５６７８９ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz一二三四五六七八九十百零〇甲乙丙丁东西南北-－';

let built: Lexicon | undefined;

function split(list: string): string[] {
  return list.split(' ').filter((word) => word !== '');
}

/** Strips a division suffix to the short form people write (福建省 → 福建), or undefined. */
function shortForm(name: string, level: AddressLevel): string | undefined {
  const suffixes =
    level === 'province'
      ? ['维吾尔自治区', '壮族自治区', '回族自治区', '特别行政区', '自治区', '省', '市']
      : ['自治州', '地区', '市', '盟'];
  for (const suffix of suffixes) {
    if (name.endsWith(suffix) && name.length - suffix.length >= 2) {
      return name.slice(0, name.length - suffix.length);
    }
  }
  return undefined;
}

/** The kinds of every word at or below `node`. */
function subtreeKinds(node: TrieNode): number {
  let kinds = node.kinds;
  if (node.next !== undefined) for (const child of node.next.values()) kinds |= subtreeKinds(child);
  return kinds;
}

/** The lexicon, built on first use. */
export function lexicon(): Lexicon {
  if (built !== undefined) return built;
  const root = trieNode();
  const classes = new Uint16Array(65536);
  const mark = (chars: string, flag: number): void => {
    for (let i = 0; i < chars.length; i++) {
      const c = chars.charCodeAt(i);
      classes[c] = (classes[c] as number) | flag;
    }
  };
  const all = split(surnames);
  all.forEach((surname, rank) => {
    mark(surname, SURNAME);
    if (rank < 100) mark(surname, TOP_SURNAME);
  });
  const compounds = new Set(split(compoundSurnames));
  for (const compound of compounds) mark(compound.charAt(0), COMPOUND_FIRST);
  mark(split(givenNameChars).join(''), GIVEN);
  mark(NAME_STOP_CHARS, NAME_STOP);
  mark(SPAN_STOP_CHARS, SPAN_STOP);
  mark(LEFT_OK_CHARS, LEFT_OK);
  mark(NUMBERING_CHARS, NUMBERING);
  mark(TRANSLIT_CHARS, TRANSLIT);
  mark(NUMERAL_CHARS, NUMERAL);
  mark(HONORIFIC_FIRST_CHARS, HONORIFIC_FIRST);

  forEachCurrentRegion((name, level) => {
    if (name.length < 2 || name === '市辖区' || name === '县' || name.includes('直辖')) return;
    const index = addressLevels.indexOf(level);
    addWord(root, name, REGION, index);
    if (level !== 'county') {
      const short = shortForm(name, level);
      if (short !== undefined) addWord(root, short, REGION, index);
    }
  });
  for (const group of addressParts.split('|')) {
    const [level, words] = group.split(':') as [string, string];
    const index = addressLevels.indexOf(level as AddressLevel);
    if (index < 0) throw new Error(`text lexicon: unknown address level ${level}`);
    for (const word of split(words)) addWord(root, word, ADDRESS_PART, index);
  }
  const factCategories: PiCategory[] = [];
  for (const group of sensitiveFacts.split('|')) {
    const [category, words] = group.split(':') as [string, string];
    const index = factCategories.length;
    factCategories.push(category as PiCategory);
    for (const word of split(words)) addWord(root, word, FACT, index);
  }
  for (const word of split(roleWords)) addWord(root, word, ROLE);
  for (const word of split(nameAfterWords)) addWord(root, word, NAME_AFTER);
  for (const word of split(titleWords)) addWord(root, word, TITLE);
  for (const word of split(nonNames)) addWord(root, word, NON_NAME);
  for (const word of split(organizationSuffixes)) {
    if (word.startsWith('*')) addWord(root, word.slice(1), ORG_WEAK_SUFFIX);
    else addWord(root, word, ORG_SUFFIX);
  }
  for (const word of split(organizationHeads)) addWord(root, word, ORG_HEAD);
  for (const word of split(organizationContext)) addWord(root, word, ORG_CONTEXT);
  for (const word of split(addressContext)) addWord(root, word, ADDRESS_CONTEXT);
  // Words that only follow a name (说, 表示, 又) are looked up where a name
  // ends, never by the scanner's walk: they start no walk.
  if (root.next !== undefined)
    for (const [c, child] of root.next)
      if ((subtreeKinds(child) & ~NAME_AFTER) !== 0) classes[c] = (classes[c] as number) | FIRST;
  const compoundCodes = new Set<number>();
  for (const compound of compounds)
    compoundCodes.add((compound.charCodeAt(0) << 16) | compound.charCodeAt(1));
  built = {
    root,
    first: denseChildren(root),
    classes,
    compounds,
    compoundCodes,
    factCategories,
  };
  return built;
}
