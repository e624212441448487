import type { LegalBasis } from '../tags/vocabulary.ts';
import type { Obligation, Reason } from './reason.ts';

/** The answer of decide(): allowed or not, which fields, why, and what the caller must then do. */
export interface Decision {
  /** True when the processing may go ahead on `allowedFields` (never when that list is empty). */
  readonly allowed: boolean;
  /** The requested fields that may be processed; the others are withheld with a reason each. */
  readonly allowedFields: readonly string[];
  /** Every rule applied, passed or failed, with its article. */
  readonly reasons: readonly Reason[];
  readonly obligations: readonly Obligation[];
  /** The legal basis relied on (PIPL Art. 13), when one was. */
  readonly legalBasis: LegalBasis | undefined;
  /** Ids of the consent records relied on. */
  readonly consents: readonly string[];
}

/** Shared empty list (decisions are read-only). */
export const NONE: readonly never[] = Object.freeze([]);

/**
 * Builds a frozen decision.
 *
 * @returns the decision
 */
export function makeDecision(
  allowed: boolean,
  allowedFields: readonly string[],
  reasons: readonly Reason[],
  obligations: readonly Obligation[],
  legalBasis: LegalBasis | undefined,
  consents: readonly string[],
): Decision {
  return { allowed, allowedFields, reasons, obligations, legalBasis, consents };
}
