// Context scoring of the free-text scanner: how close a context word of a
// type ("手机", "身份证号", "card") is to a candidate, what that adds to the
// candidate's score, and which of the forms offered for one span wins.
import { CATEGORY_COUNT, categoryOf, findContextWords } from './context-words.ts';
import type { ExplainReason } from './explain-reason.ts';
import type { IdentifierType } from './identifier-type.ts';

/** Score added when a context word of the type is near. */
export const CONTEXT_BOOST = 0.3;
/** Score added when the context word is in the window but not adjacent. */
const FAR_CONTEXT_BOOST = 0.2;
/** Code units between a context word's end and the candidate that still count as adjacent. */
const NEAR = 6;
/** Score of a value with the right shape that fails its check. */
const NEAR_MISS = 0.2;
/** Score a near-miss gets from a context word. */
const NEAR_MISS_CONTEXT_BOOST = 0.2;
/** The highest score a near-miss can get (UnionPay bonus and context included). */
export const MAX_NEAR_MISS = 0.45;
/** Score removed from a type without context when another candidate type has context. */
const OTHER_CONTEXT_PENALTY = 0.15;
/** Highest score of a valid value. */
const MAX_SCORE = 0.99;

/** No context word of the type in the window. */
export const NO_CONTEXT = 0;
/** A context word of the type in the window, not adjacent. */
const FAR_CONTEXT = 1;
/** A context word of the type adjacent to the candidate (before or right after). */
const NEAR_CONTEXT = 2;

/** Check failures that still make a near-miss (the shape fits; a check digit, date, region or segment does not). */
export const NEAR_MISS_REASONS: ReadonlySet<ExplainReason> = new Set([
  'checksum',
  'date',
  'region',
  'segment',
]);

/** One form a candidate span was offered as, with its score. */
export interface Offer {
  type: IdentifierType;
  start: number;
  end: number;
  score: number;
  reason: ExplainReason | undefined;
  context: boolean;
}

/** Code units that end the context looked for after a candidate. */
const AFTER_STOP: ReadonlySet<number> = new Set(
  [...' \n\t,.;:!?，。；：！？、'].map((c) => c.charCodeAt(0)),
);

/**
 * Finds context words around candidate spans of one text. All categories are
 * found in one pass per span and kept until the span changes, since several
 * types are usually offered for the same span.
 */
export class ContextScorer {
  private readonly text: string;
  private readonly window: number;
  private spanStart = -1;
  private spanEnd = -1;
  private readonly levels = new Int8Array(CATEGORY_COUNT);
  private readonly lastEnd = new Int32Array(CATEGORY_COUNT);

  /**
   * @param text - the scanned text
   * @param window - code units looked at before a candidate (0 turns context off)
   */
  constructor(text: string, window: number) {
    this.text = text;
    this.window = window;
  }

  /**
   * How close a context word of the type is: NO_CONTEXT, FAR_CONTEXT within
   * the window, NEAR_CONTEXT when adjacent (ending at most NEAR code units
   * before the candidate, or right after it).
   *
   * @param type - the identifier type offered
   * @param start - candidate start
   * @param end - candidate end
   * @returns the context level
   */
  level(type: IdentifierType, start: number, end: number): number {
    const w = this.window;
    if (w === 0) return NO_CONTEXT;
    if (start !== this.spanStart || end !== this.spanEnd) {
      this.spanStart = start;
      this.spanEnd = end;
      const levels = this.levels;
      const lastEnd = this.lastEnd;
      levels.fill(NO_CONTEXT);
      const after = this.after(end);
      if (after !== '') {
        findContextWords(after.toLowerCase(), lastEnd);
        for (let c = 0; c < CATEGORY_COUNT; c++) {
          if ((lastEnd[c] as number) >= 0) levels[c] = NEAR_CONTEXT;
        }
      }
      const before = this.text.slice(Math.max(0, start - w), start).toLowerCase();
      findContextWords(before, lastEnd);
      for (let c = 0; c < CATEGORY_COUNT; c++) {
        const e = lastEnd[c] as number;
        if (e < 0) continue;
        const level = before.length - e <= NEAR ? NEAR_CONTEXT : FAR_CONTEXT;
        if (level > (levels[c] as number)) levels[c] = level;
      }
    }
    return this.levels[categoryOf[type]] as number;
  }

  /**
   * The text right after a candidate that may label it ("13812345678（手机）"):
   * up to a third of the window, stopping at the first punctuation or space
   * so the next item's label is not taken for this one's.
   */
  private after(end: number): string {
    const text = this.text;
    const limit = Math.min(text.length, end + Math.ceil(this.window / 3));
    let stop = end;
    while (stop < limit && !AFTER_STOP.has(text.charCodeAt(stop))) stop++;
    return text.slice(end, stop);
  }
}

/**
 * The score of an offer: a valid value gets its base plus the context boost
 * (at most MAX_SCORE); a near-miss gets NEAR_MISS plus its bonus and a boost
 * when any context word is near.
 *
 * @param base - the score of the bare form
 * @param reason - why the check failed, or undefined for a valid value
 * @param level - the context level
 * @param nearMissBonus - extra score of a near-miss (UnionPay cards)
 * @returns the score
 */
export function offerScore(
  base: number,
  reason: ExplainReason | undefined,
  level: number,
  nearMissBonus: number,
): number {
  if (reason !== undefined) {
    return NEAR_MISS + nearMissBonus + (level > NO_CONTEXT ? NEAR_MISS_CONTEXT_BOOST : 0);
  }
  const boost =
    level === NEAR_CONTEXT ? CONTEXT_BOOST : level === FAR_CONTEXT ? FAR_CONTEXT_BOOST : 0;
  return Math.min(MAX_SCORE, base + boost);
}

/**
 * The best of the offers made for one span: when any has context, those
 * without lose OTHER_CONTEXT_PENALTY; the first of equal scores wins.
 *
 * @param offers - the offers
 * @returns the winner and its final score, or undefined when there are none
 */
export function bestOffer(offers: readonly Offer[]): { offer: Offer; score: number } | undefined {
  const anyContext = offers.some((offer) => offer.context);
  let best: Offer | undefined;
  let bestScore = -1;
  for (const offer of offers) {
    const score = anyContext && !offer.context ? offer.score - OTHER_CONTEXT_PENALTY : offer.score;
    if (score > bestScore) {
      best = offer;
      bestScore = score;
    }
  }
  return best === undefined ? undefined : { offer: best, score: bestScore };
}
