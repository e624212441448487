// Person names in free text: Han names led by a surname (after a role word,
// in lists, with a title or verb after them), 某 forms (张某, 李某某), and
// transliterated names joined by a middle dot (约翰·史密斯).
import { isHan, type TextContext } from './text-context.ts';
import {
  COMPOUND_FIRST,
  GIVEN,
  HONORIFIC_FIRST,
  LEFT_OK,
  NAME_STOP,
  NUMERAL,
  SURNAME,
  TOP_SURNAME,
} from './text-lexicon.ts';
import { NAME_AFTER, NON_NAME } from './text-trie.ts';

/** Score of a name right after a role word (申请人张三). */
const ROLE_SCORE = 0.92;
/** Score of a name right after a news-style title (总理李鹏, 记者张三). */
const TITLE_SCORE = 0.85;
/** Right evidence of a title or verb after a name (张三表示, 李四先生). */
export const STRONG_AFTER = 0.25;
/** Score of a 某 form (张某, 王某某). */
const MOU_SCORE = 0.88;
const MOU = 0x67d0; // 某
const MALE = 0x7537; // 男
const FEMALE = 0x5973; // 女
const COMMA = 0xff0c; // ，
const LIST_MARK = 0x3001; // 、
const HAN_ORDINALS = '甲乙丙丁戊己庚辛壬癸';
/** Never inside a name after a title (记者在…, 主任说…). */
const HARD_STOP = '的了是在说称等也都就已将被把对从向与及或并这那我你他她它们';
/** Function words after a title that are no surname there (主席和…, 部长同…). */
const TITLE_NOT_SURNAME = '和同跟由但向';
/** Surname characters that are far more often a function word (但, 由, 向): a name led by one needs a role word. */
const FUNCTION_SURNAMES = '但由向';

/** Score of a surname before an honorific or office (陈先生, 胡主席). */
const HONORIFIC_SCORE = 0.7;
/** What follows a bare surname used as a name (陈先生, 黄女士, 刘老师, 胡主席, 杜氏); their first characters are HONORIFIC_FIRST in text-lexicon.ts. */
const HONORIFICS = [
  '先生',
  '女士',
  '小姐',
  '老师',
  '师傅',
  '大娘',
  '大爷',
  '大妈',
  '阿姨',
  '同志',
  '教授',
  '主席',
  '总理',
  '总书记',
  '书记',
  '部长',
  '省长',
  '市长',
  '县长',
  '局长',
  '院长',
  '校长',
  '主任',
  '经理',
  '厂长',
  '氏',
];
/** Characters a bare surname with an honorific may follow inside running text (这位陈先生, 的刘老师). */
const HONORIFIC_LEFT = '的了位见到找问';

/** True when an honorific of {@link HONORIFICS} starts at `at`. */
function honorificAt(ctx: TextContext, at: number): boolean {
  const c = ctx.text.charCodeAt(at);
  if ((ctx.cls(at) & HONORIFIC_FIRST) === 0) return false;
  for (const word of HONORIFICS)
    if (word.charCodeAt(0) === c && ctx.text.startsWith(word, at)) return true;
  return false;
}

/** Characters a name may be followed by in a list of names. */
function isListSeparator(code: number): boolean {
  return code === LIST_MARK || code === COMMA || code === 44 || code === 0x548c /* 和 */;
}

/** The surname length at `i` (2 for a compound surname, 1, or 0). */
function surnameAt(ctx: TextContext, i: number): number {
  if (
    (ctx.cls(i) & COMPOUND_FIRST) !== 0 &&
    i + 1 < ctx.n &&
    ctx.lex.compoundCodes.has((ctx.text.charCodeAt(i) << 16) | ctx.text.charCodeAt(i + 1))
  )
    return 2;
  return (ctx.cls(i) & SURNAME) !== 0 ? 1 : 0;
}

/** How many characters from `from` (at most `max`) can be part of a given name. */
function givenRun(ctx: TextContext, from: number, max: number): number {
  let k = 0;
  while (k < max && ctx.han(from + k) && (ctx.cls(from + k) & NAME_STOP) === 0) k++;
  return k;
}

/** How strongly the text at `end` closes a name: 0 not at all … 0.3 a title or 男/女; {@link STRONG_AFTER} or more for punctuation-free cues. */
export function rightEvidence(ctx: TextContext, end: number): number {
  if (end >= ctx.n) return 0.15;
  const c = ctx.text.charCodeAt(end);
  // A middle dot continues a transliterated name (阿布·阿拉).
  if (c === 0xb7 || c === 0x30fb || c === 0x2022) return 0;
  if (c === COMMA || c === 44 || c === 0xff08 || c === 40) {
    const next = ctx.text.charCodeAt(end + 1);
    return next === MALE || next === FEMALE ? 0.3 : 0.15;
  }
  if (c === MALE || c === FEMALE) {
    const next = ctx.text.charCodeAt(end + 1);
    return next === 0x6027 /* 性 */ || next === 0x58eb /* 士 */ ? 0.25 : 0.2;
  }
  if (!isHan(c)) return 0.15;
  const after = ctx.longest(end, NAME_AFTER);
  if (after < 0) return 0;
  // A title or verb of two characters or more, or 说/称, is a cue; 的, 在, 对… barely are.
  return after - end >= 2 || c === 0x8bf4 /* 说 */ || c === 0x79f0 /* 称 */ ? STRONG_AFTER : 0.2;
}

/**
 * Proposes a name led by the surname at `i`; `afterRole` when a role word
 * ends right before it; `nonNameEnd` is the end of the longest listed
 * non-name word at `i` or -1 (the caller's trie walk already found it).
 */
export function proposeName(
  ctx: TextContext,
  i: number,
  afterRole: boolean,
  nonNameEnd: number,
  afterTitle = false,
): void {
  const s = surnameAt(ctx, i);
  const text = ctx.text;
  // A surname character after a number is a unit or a count (3万吨, 20公里).
  if (!afterRole && (ctx.cls(i - 1) & NUMERAL) !== 0) return;
  if (s === 0) {
    if (afterRole) proposeUnlistedSurname(ctx, i);
    return;
  }
  // 某 forms: 张某, 张某某, 张某甲.
  if (text.charCodeAt(i + s) === MOU) {
    let end = i + s + 1;
    if (text.charCodeAt(end) === MOU) end++;
    if (end < ctx.n && HAN_ORDINALS.includes(text.charAt(end))) end++;
    if (i === 0 || !ctx.han(i - 1) || afterRole || (ctx.cls(i - 1) & LEFT_OK) !== 0) {
      ctx.add({ type: 'person-name', start: i, end, score: MOU_SCORE });
    }
    return;
  }
  // A surname and an honorific or office (陈先生, 黄女士, 胡主席, 杜氏): the surname alone is the name.
  if (!afterRole && honorificAt(ctx, i + s)) {
    if (nonNameEnd > i + s) return; // 党主席
    const left = i > 0 ? text.charCodeAt(i - 1) : 32;
    if (
      !isHan(left) ||
      (ctx.cls(i - 1) & LEFT_OK) !== 0 ||
      HONORIFIC_LEFT.includes(text.charAt(i - 1))
    )
      ctx.add({ type: 'person-name', start: i, end: i + s, score: HONORIFIC_SCORE });
    return;
  }
  if (afterTitle && !afterRole) {
    proposeAfterTitle(ctx, i, s, nonNameEnd);
    return;
  }
  if (!afterRole && FUNCTION_SURNAMES.includes(text.charAt(i))) return;
  const before = i > 0 ? text.charCodeAt(i - 1) : 32;
  const leftBoundary = !isHan(before) || before === LIST_MARK;
  const leftOk = leftBoundary || (ctx.cls(i - 1) & LEFT_OK) !== 0;
  const run = givenRun(ctx, i + s, 2);
  if (run === 0) return;
  let best = -1;
  let bestEnd = -1;
  for (let k = run; k >= 1; k--) {
    const end = i + s + k;
    let score: number;
    const right = rightEvidence(ctx, end);
    if (afterRole) {
      // A name that ends where a title, verb or punctuation starts beats one that runs on.
      score = right > 0 ? ROLE_SCORE : k === 2 ? ROLE_SCORE - 0.05 : ROLE_SCORE - 0.2;
      if (nonNameEnd >= end && right === 0) score -= 0.4;
    } else {
      score = (ctx.cls(i) & TOP_SURNAME) !== 0 ? 0.3 : 0.22;
      let given = 0;
      for (let g = i + s; g < end; g++) if ((ctx.cls(g) & GIVEN) !== 0) given++;
      score += 0.08 * given;
      score += leftBoundary ? 0.1 : leftOk ? 0.05 : -0.05;
      // A common surname and common name characters after a boundary (，马跃南显得…).
      if (k === given && leftBoundary && (ctx.cls(i) & TOP_SURNAME) !== 0)
        score += k === 2 ? 0.2 : 0.1;
      // Inside running text a name needs a title or verb after it (今天王芳来电).
      if (!leftOk && right < STRONG_AFTER) continue;
      score += right;
      if (right === 0) score -= 0.25;
      if (isListSeparator(before) || isListSeparator(text.charCodeAt(end))) score += 0.05;
      // Words that only look like names (文明, 金华, 高明 as an adjective);
      // a speech verb or title after them (高明说) says it is a person after all.
      if (nonNameEnd >= end) score -= right >= STRONG_AFTER ? 0.2 : 0.5;
      else if (nonNameEnd > i + s) score -= 0.3;
    }
    if (score > best) {
      best = score;
      bestEnd = end;
    }
  }
  if (bestEnd > 0)
    ctx.add({ type: 'person-name', start: i, end: bestEnd, score: Math.min(best, 0.95) });
}

/**
 * A name led by the surname at `i` (`s` long) right after a news-style title
 * (国家主席江泽民, 副局长张和平): closed by a verb, title or punctuation, or
 * three characters long. A given-name character that usually stops a name
 * (和 of 张和平, 才 of 李永才) is taken only when a cue closes the name.
 */
function proposeAfterTitle(ctx: TextContext, i: number, s: number, nonNameEnd: number): void {
  // 县长都要…, 主任和…: a function word after a title, not a surname.
  if (
    s === 1 &&
    (HARD_STOP.includes(ctx.text.charAt(i)) || TITLE_NOT_SURNAME.includes(ctx.text.charAt(i)))
  )
    return;
  let best = -1;
  let bestEnd = -1;
  for (let k = 2; k >= 1; k--) {
    const end = i + s + k;
    let soft = false;
    let ok = true;
    for (let g = i + s; g < end; g++) {
      if (!ctx.han(g) || HARD_STOP.includes(ctx.text.charAt(g))) ok = false;
      else if ((ctx.cls(g) & NAME_STOP) !== 0) soft = true;
    }
    if (!ok) continue;
    const right = rightEvidence(ctx, end);
    if (soft && right === 0) continue;
    let score = right > 0 ? TITLE_SCORE : k === 2 ? TITLE_SCORE - 0.15 : TITLE_SCORE - 0.2;
    // 总理强调…, 市长高度评价…: a listed word is no name unless a cue closes it.
    if (nonNameEnd >= end) score -= right >= STRONG_AFTER ? 0.1 : 0.4;
    else if (nonNameEnd > i + s) score -= 0.3;
    if (score > best) {
      best = score;
      bestEnd = end;
    }
  }
  if (bestEnd > 0) ctx.add({ type: 'person-name', start: i, end: bestEnd, score: best });
}

/** Proposes a transliterated name around the middle dot at `dot` (约翰·史密斯). */
export function proposeDottedName(ctx: TextContext, dot: number): void {
  let start = dot;
  while (
    start > 0 &&
    dot - start < 8 &&
    ctx.han(start - 1) &&
    (ctx.cls(start - 1) & NAME_STOP) === 0
  )
    start--;
  let end = dot + 1;
  let dots = 1;
  for (;;) {
    let e = end;
    while (
      e < ctx.n &&
      e - end < 8 &&
      ctx.han(e) &&
      (ctx.cls(e) & NAME_STOP) === 0 &&
      (e === end || ctx.longest(e, NAME_AFTER) < 0)
    )
      e++;
    if (e === end) break;
    end = e;
    const c = ctx.text.charCodeAt(end);
    if (dots < 3 && (c === 0xb7 || c === 0x30fb || c === 0x2022) && ctx.han(end + 1)) {
      end++;
      dots++;
      continue;
    }
    break;
  }
  if (start < dot && end > dot + 1 && ctx.han(end - 1)) {
    ctx.add({ type: 'person-name', start, end, score: 0.8 });
  }
}

/**
 * After a role word, a name whose surname is not listed (当事人逄春生，男):
 * two or three name characters closed by punctuation.
 */
function proposeUnlistedSurname(ctx: TextContext, i: number): void {
  if (!ctx.han(i) || (ctx.cls(i) & NAME_STOP) !== 0 || ctx.longest(i, NAME_AFTER | NON_NAME) > 0)
    return;
  const run = 1 + givenRun(ctx, i + 1, 2);
  if (run < 2 || ctx.han(i + run)) return;
  if (rightEvidence(ctx, i + run) < 0.15) return;
  ctx.add({ type: 'person-name', start: i, end: i + run, score: 0.7 });
}
