import type { PartyRef } from '../core/refs.ts';
import { PurposeId } from '../core/refs.ts';
import type { ConsentLedgerEvent } from './consent-ledger.ts';
import type { ConsentRecord } from './consent-record.ts';
import { digestOf } from './digest.ts';
import type { LinkedDecision } from './linked-decision.ts';
import type { DecisionRequest } from './request.ts';

/**
 * The ledger event that records a consent record's latest status event
 * (given, refused, withdrawn, renewed, revoked, expired). It names the record
 * by the digest of its id (`details.consent`, the same for every event of the
 * record) and of its content, never the subject: the record stays in the store.
 *
 * @param record - the record after the change
 * @returns the event (`details.record: 'consent'`)
 */
export function consentAuditEvent(record: ConsentRecord): ConsentLedgerEvent {
  const last = record.events[record.events.length - 1] as ConsentRecord['events'][number];
  return {
    time: last.at,
    processing: 'store',
    actor: { ...record.handler },
    purpose: record.purposes[0] as string,
    legalBasis: 'consent',
    inputs: [],
    outputs: [],
    subjectCount: 1,
    details: {
      record: 'consent',
      event: last.type,
      // Record ids may be anything the caller chose: the ledger names them by digest.
      consent: digestOf({ consent: record.id }),
      consentDigest: digestOf(record),
      notice: `${record.notice.id}@${record.notice.version}`,
      purposes: record.purposes.slice(0, 32),
    },
  };
}

/**
 * The ledger event that records a decision (allowed or not): the request's
 * purpose and processing, the rules that denied it, and the decision's digest.
 * It is a record about a decision, not a use: `details.record: 'decision'`.
 *
 * @param decision - the decision
 * @param request - the request it answers
 * @param actor - the party that asked (the request's handler, or the service's)
 * @returns the event
 */
export function decisionAuditEvent(
  decision: LinkedDecision,
  request: DecisionRequest,
  actor: PartyRef,
): ConsentLedgerEvent {
  const known = PurposeId.safeParse(request.purpose).success;
  const denied = [
    ...new Set(decision.reasons.filter((r) => r.effect === 'deny').map((r) => r.code)),
  ].slice(0, 32);
  return {
    processing: request.processing,
    actor,
    purpose: known ? request.purpose : 'unspecified',
    legalBasis: decision.legalBasis ?? request.legalBasis ?? 'consent',
    inputs: [],
    outputs: [],
    fields: decision.allowedFields.slice(0, 1000),
    subjectCount: 1,
    details: {
      record: 'decision',
      allowed: decision.allowed,
      decisionDigest: decision.digest,
      ...(denied.length === 0 ? {} : { denied }),
    },
  };
}
