import { isSensitive, PiCategory } from '../tags/pi-category.ts';
import { LegalBasis, Processing } from '../tags/vocabulary.ts';

// Vocabulary terms as bit positions, so coverage checks in decide() are integer ANDs.

function index(options: readonly string[]): ReadonlyMap<string, number> {
  return new Map(options.map((option, i) => [option, i]));
}

/** Bit position of each PI category. */
export const categoryBit: ReadonlyMap<string, number> = /* @__PURE__ */ index(PiCategory.options);
/** Bit position of each processing activity. */
export const processingBit: ReadonlyMap<string, number> = /* @__PURE__ */ index(Processing.options);
/** Bit position of each legal basis. */
export const basisBit: ReadonlyMap<string, number> = /* @__PURE__ */ index(LegalBasis.options);

/** Mask of the sensitive PI categories (G-SENSITIVE). */
export const SENSITIVE_CATEGORIES: number = /* @__PURE__ */ PiCategory.options.reduce(
  (mask, category, i) => (isSensitive(category) ? mask | (1 << i) : mask),
  0,
);

/** The bit of `minor-under-14`. */
export const MINOR_CATEGORY: number = 1 << (categoryBit.get('minor-under-14') as number);

/**
 * The OR of the bits of the given terms; throws on an unknown term.
 *
 * @param bits - the term → bit table
 * @param terms - the terms
 * @returns the mask
 */
export function maskOf(bits: ReadonlyMap<string, number>, terms: readonly string[]): number {
  let mask = 0;
  for (const term of terms) {
    const bit = bits.get(term);
    if (bit === undefined) throw new RangeError(`unknown term ${term}`);
    mask |= 1 << bit;
  }
  return mask;
}

/** Separate consents (单独同意) as bits. */
export const SEP_SENSITIVE = 1;
/** Separate consent to provide PI to another handler (PIPL Art. 23). */
export const SEP_PROVIDE = 2;
/** Separate consent to disclose PI publicly (PIPL Art. 25). */
export const SEP_DISCLOSE = 4;
/** Separate consent to cross-border provision (PIPL Art. 39). */
export const SEP_XBORDER = 8;

/** Processing that provides PI to another handler (C-SEP-PROVIDE). */
export const PROVIDING: number = /* @__PURE__ */ maskOf(processingBit, [
  'provide',
  'share',
  'trade',
]);
/** Processing that makes PI public (C-SEP-PUBLIC). */
export const DISCLOSING: number = /* @__PURE__ */ maskOf(processingBit, ['disclose', 'open']);
