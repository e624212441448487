// News-style cues for person names that need the whole text: a name found
// once with a strong cue (总理李鹏, 张三表示) is a name wherever else it
// occurs later in the same text (李鹏说… 李鹏的…), and the names listed next to a
// found name with 、 or 和 (张三、李四和王五) are names too.
import { type Candidate, isHan, type TextContext } from './text-context.ts';
import { LEFT_OK, NAME_STOP, SURNAME, TRANSLIT } from './text-lexicon.ts';
import { rightEvidence, STRONG_AFTER } from './text-names.ts';
import { NON_NAME, REGION } from './text-trie.ts';

/** A proposal at least this sure is repeated to the name's other occurrences. */
const SOURCE_SCORE = 0.75;
/** Score of another occurrence of a name found with a cue. */
export const REPEAT_SCORE = 0.8;
/** Score of a surname-led name listed next to a found name. */
const LIST_SCORE = 0.7;
const MOU = 0x67d0; // 某
const LIST_MARK = 0x3001; // 、
const AND = 0x548c; // 和

/** True when `name` is Han characters only, none of them 某. */
function plainHan(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (!isHan(c) || c === MOU) return false;
  }
  return true;
}

/**
 * The names one scan found with a strong cue, so that their later occurrences
 * are names too. Each scan has its own: nothing is shared between scans.
 */
export class NameRepeats {
  /** The names by their first two code units (so a look-up finds one or two). */
  readonly byStart: Map<number, string[]> = new Map();
  /** A bit per first code unit of a registered name; allocated with the first name. */
  private first: Uint32Array | undefined;

  /** True when a registered name starts with code unit `c` (checked at every Han character). */
  startsWith(c: number): boolean {
    const first = this.first;
    return first !== undefined && ((first[c >>> 5] as number) & (1 << (c & 31))) !== 0;
  }

  /** Records a name's first code unit for {@link NameRepeats.startsWith}. */
  mark(c: number): void {
    this.first ??= new Uint32Array(2048);
    const first = this.first;
    first[c >>> 5] = (first[c >>> 5] as number) | (1 << (c & 31));
  }
}

/**
 * Registers the names proposed since candidate `from` that were found with a
 * strong cue, so later occurrences are names too, and proposes the names
 * listed right after them.
 */
export function registerNames(ctx: TextContext, repeats: NameRepeats, from: number): void {
  const text = ctx.text;
  const proposed = ctx.candidates.length;
  for (let c = from; c < proposed; c++) {
    const x = ctx.candidates[c] as Candidate;
    if (x.type !== 'person-name' || x.score < SOURCE_SCORE || x.score === REPEAT_SCORE) continue;
    const len = x.end - x.start;
    if (len < 2 || len > 4) continue;
    const key = (text.charCodeAt(x.start) << 16) | text.charCodeAt(x.start + 1);
    const list = repeats.byStart.get(key);
    // A name registered before passed the checks below already.
    if (list !== undefined && known(text, list, x.start, len)) {
      proposeListed(ctx, x);
      continue;
    }
    // Never a listed word that only looks like a name (国家, 高明)…
    if (ctx.longest(x.start, NON_NAME) === x.end) continue;
    // …nor one that runs on into the next word (职工解放思想).
    if (rightEvidence(ctx, x.end) === 0) continue;
    proposeListed(ctx, x);
    const name = text.slice(x.start, x.end);
    if (!plainHan(name)) continue;
    repeats.mark(name.charCodeAt(0));
    if (list === undefined) repeats.byStart.set(key, [name]);
    else {
      list.push(name);
      // The longer name first where two share a start (王小明 before 王小).
      list.sort((a, b) => b.length - a.length);
    }
  }
}

/** True when `list` holds the `len` characters of `text` at `start`. */
function known(text: string, list: readonly string[], start: number, len: number): boolean {
  for (const name of list) if (name.length === len && text.startsWith(name, start)) return true;
  return false;
}

/** Proposes a registered name that occurs again at `i` (李鹏 anywhere after 总理李鹏). */
export function proposeRepeat(ctx: TextContext, repeats: NameRepeats, i: number): void {
  const text = ctx.text;
  const list = repeats.byStart.get((text.charCodeAt(i) << 16) | text.charCodeAt(i + 1));
  if (list === undefined) return;
  for (const name of list) {
    if (name.length === 2 || text.startsWith(name, i)) {
      ctx.add({ type: 'person-name', start: i, end: i + name.length, score: REPEAT_SCORE });
      return;
    }
  }
}

/** How many name characters (2 or 3, or 0) a surname-led run at `i` has before a list mark or punctuation. */
function listedRun(ctx: TextContext, i: number): number {
  if ((ctx.cls(i) & SURNAME) === 0) return 0;
  let k = 1;
  while (k < 3 && ctx.han(i + k) && (ctx.cls(i + k) & NAME_STOP) === 0) k++;
  if (k < 2) return 0;
  const after = ctx.text.charCodeAt(i + k);
  return i + k >= ctx.n || !isHan(after) || after === LIST_MARK || after === AND ? k : 0;
}

/** Proposes the surname-led names right before and after `x` in a list (张三、李四, 张三和李四). */
function proposeListed(ctx: TextContext, x: Candidate): void {
  if (ctx.text.charCodeAt(x.start - 1) === LIST_MARK) {
    for (let k = 3; k >= 2; k--) {
      const start = x.start - 1 - k;
      if (start < 0 || listedRun(ctx, start) !== k) continue;
      const left = start > 0 ? ctx.text.charCodeAt(start - 1) : 32;
      if (!isHan(left) || left === LIST_MARK || (ctx.cls(start - 1) & LEFT_OK) !== 0) {
        ctx.add({ type: 'person-name', start, end: start + k, score: LIST_SCORE });
        break;
      }
    }
  }
  const sep = ctx.text.charCodeAt(x.end);
  if (sep !== LIST_MARK && sep !== AND) return;
  const k = listedRun(ctx, x.end + 1);
  if (k > 0)
    ctx.add({ type: 'person-name', start: x.end + 1, end: x.end + 1 + k, score: LIST_SCORE });
}

/** True when the code unit at `i` is a transliteration character. */
function isTranslit(ctx: TextContext, i: number): boolean {
  return (ctx.cls(i) & TRANSLIT) !== 0;
}

/**
 * Proposes a transliterated foreign name starting at `i` (a run of
 * transliteration characters): after a title (国务卿奥尔布赖特, two
 * characters or more), or three or more closed by a title or verb
 * (克林顿总统, 叶利钦表示). The caller calls it at the start of every such run.
 */
export function proposeTransliterated(ctx: TextContext, i: number, afterTitle: boolean): void {
  let run = 1;
  while (run < 7 && isTranslit(ctx, i + run)) run++;
  const min = afterTitle ? 2 : 3;
  if (run < min) return;
  if (!afterTitle) {
    const before = i > 0 ? ctx.text.charCodeAt(i - 1) : 32;
    if (isHan(before) && before !== LIST_MARK && (ctx.cls(i - 1) & LEFT_OK) === 0) return;
  }
  const listed = ctx.longest(i, NON_NAME | REGION);
  for (let end = i + run; end >= i + min; end--) {
    if (listed >= end) return;
    const right = rightEvidence(ctx, end);
    // After a title, the whole run of three or more is a name whatever follows (国务卿奥尔布赖特今天…).
    const whole = afterTitle && end === i + run && run >= 3;
    if (whole || (afterTitle ? right > 0 : right >= STRONG_AFTER)) {
      ctx.add({ type: 'person-name', start: i, end, score: afterTitle ? 0.78 : 0.75 });
      return;
    }
  }
}
