import { Digest } from '../core/refs.ts';
import { PolicyError, ValidationError } from '../errors/kinds.ts';
import type { ProcessingEventInput } from './event.ts';

/**
 * The decision a recorded use rests on: a `dataguard/consent` service
 * decision (or anything with these fields). Its digest is recorded in the
 * event as `details.decisionDigest`, as release events record theirs.
 */
export interface DecisionLink {
  readonly allowed: boolean;
  readonly allowedFields: readonly string[];
  /** `sha-256:<hex>` of the request and decision. */
  readonly digest: string;
}

/**
 * Links an event to the decision that allowed it: refuses a denied decision
 * and fields the decision did not allow, and sets `details.decisionDigest`.
 *
 * @param event - the event input
 * @param link - `{ decision }`
 * @returns the event with the digest in its details
 * @throws {PolicyError} reason `decision-denied` or `field-not-allowed`
 * @throws {ValidationError} reason `invalid-decision` or `decision-digest-conflict`
 */
export function linkEventToDecision(
  event: ProcessingEventInput,
  link: { readonly decision: DecisionLink },
): ProcessingEventInput {
  const decision = link === null || typeof link !== 'object' ? undefined : link.decision;
  if (
    decision === null ||
    typeof decision !== 'object' ||
    typeof decision.allowed !== 'boolean' ||
    !Array.isArray(decision.allowedFields) ||
    typeof decision.digest !== 'string' ||
    !Digest.safeParse(decision.digest).success
  ) {
    throw new ValidationError('link.decision must be a decision with a digest', {
      path: 'link.decision',
      reason: 'invalid-decision',
    });
  }
  if (!decision.allowed) {
    throw new PolicyError('a denied decision allows no processing to record', {
      path: 'link.decision',
      reason: 'decision-denied',
    });
  }
  if (event === null || typeof event !== 'object') return event;
  const allowed = new Set(decision.allowedFields);
  const field = event.fields?.find((name) => !allowed.has(name));
  if (field !== undefined) {
    throw new PolicyError('the event names a field the decision did not allow', {
      path: 'event.fields',
      reason: 'field-not-allowed',
    });
  }
  const details = event.details ?? {};
  const recorded = details.decisionDigest;
  if (recorded !== undefined && recorded !== decision.digest) {
    throw new ValidationError('event.details.decisionDigest differs from the decision', {
      path: 'event.details.decisionDigest',
      reason: 'decision-digest-conflict',
    });
  }
  return { ...event, details: { ...details, decisionDigest: decision.digest } };
}
