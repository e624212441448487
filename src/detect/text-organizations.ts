// Work units and organizations in free text: an ending (有限公司, 医院,
// 派出所, 街道办事处…) and the name before it, read backwards to the nearest
// particle, verb or punctuation. One-character endings (局, 委, 院…) count only
// after a division name or an agency word (公安局, 卫健委).
import type { TextContext } from './text-context.ts';
import { NUMBERING, SPAN_STOP } from './text-lexicon.ts';
import { ORG_HEAD, REGION } from './text-trie.ts';

/** The longest organization name before its ending. */
const MAX_NAME = 20;

/**
 * Proposes the organization whose ending spans [at, end). `floor` is the
 * first offset the name may start at (the end of a role or context word);
 * `context` is true when a word such as 工作单位/就职于 stands before it.
 */
export function proposeOrganization(
  ctx: TextContext,
  at: number,
  end: number,
  weak: boolean,
  floor: number,
  context: boolean,
): void {
  let start = at;
  const limit = Math.max(floor, at - MAX_NAME);
  while (start > limit) {
    const p = start - 1;
    const c = ctx.text.charCodeAt(p);
    const han = c >= 0x4e00 && c <= 0x9fff;
    const bracket = c === 0xff08 || c === 0xff09 || c === 40 || c === 41;
    if (!han && !bracket && (ctx.cls(p) & NUMBERING) === 0) break;
    if ((ctx.cls(p) & SPAN_STOP) !== 0) break;
    start = p;
  }
  // Skip a leading bracket or number left over from the walk.
  while (start < at && !ctx.han(start)) start++;
  if (at - start < 2) return;
  let startsWithRegion = false;
  for (let s = start; s < at && s <= start + 1; s++) {
    if (ctx.longest(s, REGION) > 0) {
      if (s > start) start = s;
      startsWithRegion = true;
      break;
    }
  }
  if (weak && !startsWithRegion && !ctx.endsWith(at, ORG_HEAD, start)) return;
  if (weak && !ctx.endsWith(at, ORG_HEAD, start) && at - start > 8) return;
  let score = weak ? 0.6 : 0.65;
  if (startsWithRegion) score += 0.15;
  if (context) score += 0.2;
  ctx.add({ type: 'organization', start, end, score: Math.min(score, 0.95) });
}
