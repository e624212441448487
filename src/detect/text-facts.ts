// Sensitive facts (PIPL Art. 28): diagnoses and health conditions, religion,
// ethnicity, criminal records, sexual orientation, financial hardship, each
// reported with its PI category. Listed words, plus any disease name after 患有/
// 诊断为/确诊 that ends in 病/症/癌/炎/瘤.
import type { TextContext } from './text-context.ts';
import { NAME_STOP } from './text-lexicon.ts';
import { FACT } from './text-trie.ts';

const DIAGNOSIS_WORDS = ['患有', '诊断为', '确诊为', '确诊', '诊断', '罹患', '患'];
const DISEASE_ENDINGS = '病症癌炎瘤';
/** Characters that make an ethnicity word something else (水族馆, 水族箱). */
const NOT_AFTER_ETHNICITY = '馆箱';

/** Proposes the listed fact starting at `i`; returns its end or -1. */
export function proposeListedFact(ctx: TextContext, i: number): number {
  const end = ctx.longest(i, FACT);
  if (end < 0 || ctx.hit === undefined) return -1;
  const category = ctx.lex.factCategories[ctx.hit.fact];
  if (category === undefined) return -1;
  if (ctx.text.charAt(end - 1) === '族' && NOT_AFTER_ETHNICITY.includes(ctx.text.charAt(end)))
    return -1;
  const context = DIAGNOSIS_WORDS.some((word) => ctx.text.endsWith(word, i));
  ctx.add({ type: 'sensitive-fact', start: i, end, score: context ? 0.9 : 0.8, category });
  return end;
}

/** Proposes an unlisted disease name right after a diagnosis word ending at `at`. */
export function proposeDiagnosis(ctx: TextContext, at: number): void {
  let end = -1;
  for (let j = at; j < ctx.n && j - at < 10; j++) {
    if (!ctx.han(j)) break;
    if (j > at && (ctx.cls(j) & NAME_STOP) !== 0 && !DISEASE_ENDINGS.includes(ctx.text.charAt(j)))
      break;
    if (DISEASE_ENDINGS.includes(ctx.text.charAt(j)) && j > at) end = j + 1;
  }
  if (end > 0) {
    ctx.add({ type: 'sensitive-fact', start: at, end, score: 0.85, category: 'health' });
  }
}
