// News-style cues for person names that need the whole text: a name found
// once with a strong cue (总理李鹏, 张三表示) is a name wherever else it
// occurs in the same text (李鹏说… 李鹏的…), and the names listed next to a
// found name with 、 or 和 (张三、李四和王五) are names too.
import { type Candidate, isHan, type TextContext } from './text-context.ts';
import { NAME_STOP, SURNAME } from './text-lexicon.ts';
import { rightEvidence } from './text-names.ts';
import { NON_NAME } from './text-trie.ts';

/** A proposal at least this sure is repeated to the name's other occurrences. */
const SOURCE_SCORE = 0.75;
/** Score of another occurrence of a name found with a cue. */
const REPEAT_SCORE = 0.8;
/** Score of a surname-led name listed next to a found name. */
const LIST_SCORE = 0.7;
const MOU = 0x67d0; // 某
const LIST_MARK = 0x3001; // 、
const AND = 0x548c; // 和

/** First code units of the names being repeated (set and cleared per call, never reallocated). */
const firstMarks = new Uint8Array(65536);

/** True when `name` is Han characters only, none of them 某. */
function plainHan(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (!isHan(c) || c === MOU) return false;
  }
  return true;
}

/**
 * Adds the cue-free occurrences of every name proposed with a strong cue,
 * and the names listed next to such a name (run after the main walk).
 */
export function proposeNameRepeats(ctx: TextContext, from: number): void {
  const text = ctx.text;
  const byFirst = new Map<number, string[]>();
  const proposed = ctx.candidates.length;
  for (let c = from; c < proposed; c++) {
    const x = ctx.candidates[c] as Candidate;
    if (x.type !== 'person-name' || x.score < SOURCE_SCORE) continue;
    // Never a listed word that only looks like a name (国家, 高明).
    if (ctx.longest(x.start, NON_NAME) === x.end) continue;
    // …and one closed by punctuation, a title or a verb, not one that runs on (职工解放思想).
    const right = rightEvidence(ctx, x.end);
    if (right === 0) continue;
    const len = x.end - x.start;
    if (len < 2 || len > 4) continue;
    proposeListed(ctx, x);
    const name = text.slice(x.start, x.end);
    if (!plainHan(name)) continue;
    const code = name.charCodeAt(0);
    const list = byFirst.get(code);
    if (list === undefined) byFirst.set(code, [name]);
    else if (!list.includes(name)) list.push(name);
  }
  if (byFirst.size === 0) return;
  for (const code of byFirst.keys()) firstMarks[code] = 1;
  try {
    for (let i = 0; i < ctx.n; i++) {
      if (firstMarks[text.charCodeAt(i)] === 0) continue;
      for (const name of byFirst.get(text.charCodeAt(i)) as string[]) {
        if (text.startsWith(name, i)) {
          ctx.add({ type: 'person-name', start: i, end: i + name.length, score: REPEAT_SCORE });
          break;
        }
      }
    }
  } finally {
    for (const code of byFirst.keys()) firstMarks[code] = 0;
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

/** Proposes the surname-led names right after `x` in a list (张三、李四, 张三和李四). */
function proposeListed(ctx: TextContext, x: Candidate): void {
  const sep = ctx.text.charCodeAt(x.end);
  if (sep !== LIST_MARK && sep !== AND) return;
  const k = listedRun(ctx, x.end + 1);
  if (k > 0)
    ctx.add({ type: 'person-name', start: x.end + 1, end: x.end + 1 + k, score: LIST_SCORE });
}
