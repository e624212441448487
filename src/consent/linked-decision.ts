import { toHex } from '../core/bytes.ts';
import type { RandomSource } from '../core/random.ts';
import type { LegalBasis } from '../tags/vocabulary.ts';
import type { Decision } from './decision.ts';
import { digestOf } from './digest.ts';
import type { Obligation, Reason } from './reason.ts';
import type { DecisionRequest } from './request.ts';
import { formatZoned, type TimeZone } from './time-zone.ts';

/**
 * What a decision's digest commits to: a random salt, the request as decided
 * (with the instant it was decided at) and the decision. It holds the
 * request's personal data, so it stays with the handler; the ledger only
 * records its digest, and the salt keeps that digest from being matched
 * against guessed values (birth dates, ID numbers).
 */
export interface DecisionEvidence {
  readonly salt: string;
  readonly request: DecisionRequest & { readonly at: string };
  readonly decision: Decision;
}

/**
 * A decision of the consent service: the decision, plus the digest that links
 * it to the processing it allowed (recorded in the ledger event of that use).
 */
export interface LinkedDecision extends Decision {
  /** `sha-256:<hex>` of the canonical JSON of {@link DecisionEvidence}; computed on first read. */
  readonly digest: string;
  /** The evidence the digest commits to (contains the request's personal data: keep it private). */
  evidence(): DecisionEvidence;
  /** The decision's fields with `digest` (no request, no salt): what to log or return to clients. */
  toJSON(): Decision & { readonly digest: string };
}

// A class keeps decide() to one small allocation: the digest (a SHA-256 over
// the canonical request and decision) is computed only when something reads it.
class ServiceDecision implements LinkedDecision {
  readonly allowed: boolean;
  readonly allowedFields: readonly string[];
  readonly reasons: readonly Reason[];
  readonly obligations: readonly Obligation[];
  readonly legalBasis: LegalBasis | undefined;
  readonly consents: readonly string[];
  readonly #request: DecisionRequest;
  readonly #at: number;
  readonly #zone: TimeZone;
  readonly #random: RandomSource;
  #evidence: DecisionEvidence | undefined;
  #digest: string | undefined;

  constructor(
    decision: Decision,
    request: DecisionRequest,
    at: number,
    zone: TimeZone,
    random: RandomSource,
  ) {
    this.allowed = decision.allowed;
    this.allowedFields = decision.allowedFields;
    this.reasons = decision.reasons;
    this.obligations = decision.obligations;
    this.legalBasis = decision.legalBasis;
    this.consents = decision.consents;
    this.#request = request;
    this.#at = at;
    this.#zone = zone;
    this.#random = random;
    Object.freeze(this);
  }

  get digest(): string {
    if (this.#digest === undefined) this.#digest = digestOf(this.evidence());
    return this.#digest;
  }

  evidence(): DecisionEvidence {
    if (this.#evidence === undefined) {
      const decision: Decision = {
        allowed: this.allowed,
        allowedFields: this.allowedFields,
        reasons: this.reasons,
        obligations: this.obligations,
        legalBasis: this.legalBasis,
        consents: this.consents,
      };
      this.#evidence = Object.freeze({
        salt: toHex(this.#random(new Uint8Array(16))),
        // Formatted here, not in decide(): only evidence and digest need the text.
        request: plainRequest(this.#request, formatZoned(this.#at, this.#zone)),
        decision,
      });
    }
    return this.#evidence;
  }

  toJSON(): Decision & { readonly digest: string } {
    return {
      allowed: this.allowed,
      allowedFields: this.allowedFields,
      reasons: this.reasons,
      obligations: this.obligations,
      legalBasis: this.legalBasis,
      consents: this.consents,
      digest: this.digest,
    };
  }
}

/**
 * Wraps a decision with the request it answers, for {@link LinkedDecision}.
 *
 * @param decision - the decision
 * @param request - the request as decided
 * @param at - the instant it was decided at (epoch milliseconds)
 * @param zone - the zone its evidence writes that instant in
 * @param random - randomness for the salt
 * @returns the linked decision
 */
export function linkDecision(
  decision: Decision,
  request: DecisionRequest,
  at: number,
  zone: TimeZone,
  random: RandomSource,
): LinkedDecision {
  return new ServiceDecision(decision, request, at, zone, random);
}

// The request as JSON: the instant decided at, and Dates as ISO text.
function plainRequest(request: DecisionRequest, at: string): DecisionRequest & { at: string } {
  const collectedAt = request.collectedAt;
  return structuredClone({
    ...request,
    at,
    ...(collectedAt instanceof Date ? { collectedAt: collectedAt.toISOString() } : {}),
  });
}
