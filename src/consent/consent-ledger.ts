import type { DatasetRef, PartyRef } from '../core/refs.ts';
import type { LegalBasis, Processing } from '../tags/vocabulary.ts';

/** A JSON value allowed in ledger event details (small, never personal data). */
export type LedgerDetailValue =
  | null
  | boolean
  | number
  | string
  | readonly LedgerDetailValue[]
  | { readonly [key: string]: LedgerDetailValue };

/**
 * The processing event the consent service appends: the shape of
 * `dataguard/provenance`'s ProcessingEventInput that it uses. The party that
 * acts is the event's `actor`; a decision request calls the same party its
 * `handler` (个人信息处理者), and the service maps one to the other.
 */
export interface ConsentLedgerEvent {
  readonly time?: string | number | Date | undefined;
  readonly processing: Processing;
  readonly actor: PartyRef;
  readonly onBehalfOf?: PartyRef | undefined;
  readonly purpose: string;
  readonly legalBasis: LegalBasis;
  readonly inputs: readonly DatasetRef[];
  readonly outputs: readonly DatasetRef[];
  readonly fields?: readonly string[] | undefined;
  readonly recipients?: readonly PartyRef[] | undefined;
  readonly subjectCount?: number | undefined;
  readonly details?: { readonly [key: string]: LedgerDetailValue } | undefined;
}

/** The decision a use rests on, as `ledger.append(event, { decision })` takes it. */
export interface DecisionLink {
  readonly allowed: boolean;
  readonly allowedFields: readonly string[];
  /** `sha-256:<hex>`, recorded as the event's `details.decisionDigest`. */
  readonly digest: string;
}

/**
 * Where the consent service records uses and (opt-in) consents and decisions:
 * a `dataguard/provenance` Ledger, or anything with its `append`.
 */
export interface ConsentLedger<E = unknown> {
  append(event: ConsentLedgerEvent, link?: { readonly decision: DecisionLink }): Promise<E>;
}
