import { addDuration, CHINA_OFFSET_MINUTES, parseDuration } from '../consent/duration.ts';
import { grantStateAt } from '../consent/grant.ts';
import type { ConsentStore, Grant, GrantEvent } from '../consent/index.ts';
import type { Clock } from '../core/clock.ts';
import { systemClock } from '../core/clock.ts';
import { toEpochMs, toIso } from '../core/time.ts';
import { ValidationError } from '../errors/kinds.ts';
import { addCalendar, parseDuration as parseCalendar } from './calendar.ts';
import type { GrantActionReason, GrantController, GrantFacts, GrantSource } from './facts.ts';

/** Options of {@link consentGrants}. */
export interface ConsentGrantsOptions {
  /** The party id recorded as `by` on the grant events it appends (e.g. the big-data authority). */
  readonly by: string;
  readonly clock?: Clock | undefined;
  /** The civil time zone usage-report dates are counted in (default China, +08:00), as `decideGrantUse` counts them. */
  readonly offsetMinutes?: number | undefined;
}

/**
 * Adapts a `dataguard/consent` store to the grant source and grant controller
 * of a responsibility chain: grants are read with their state at the audit
 * time (`grantStateAt`), and misuse suspends, terminates or reinstates them
 * by appending `misuse-reported`, `terminated` or `corrected` grant events.
 *
 * @param store - the consent store (grants part)
 * @param options - who records the grant events, clock, civil time zone
 * @returns a {@link GrantSource} and {@link GrantController}
 * @throws {ValidationError} when `by` is missing
 * @example
 * ```ts
 * import { createMemoryConsentStore } from 'dataguard/consent';
 * import { consentGrants, createEventLog, createResponsibilityChain } from 'dataguard/responsibility';
 * const consentStore = createMemoryConsentStore();
 * const grants = consentGrants(consentStore, { by: 'big-data-bureau' });
 * const chain = createResponsibilityChain({ ledger: createEventLog(), grants, grantController: grants });
 * await chain.sync(); // { position: -1, applied: 0 }
 * ```
 */
export function consentGrants(
  store: Pick<ConsentStore, 'grantsOf' | 'getGrant' | 'appendGrantEvent'>,
  options: ConsentGrantsOptions,
): GrantSource & GrantController {
  if (typeof options?.by !== 'string' || options.by.length === 0) {
    throw new ValidationError('options.by must name the party recording grant events', {
      path: 'options.by',
      reason: 'missing-actor',
    });
  }
  const clock = options.clock ?? systemClock;
  const offset = options.offsetMinutes ?? CHINA_OFFSET_MINUTES;

  function facts(grant: Grant, at: number): GrantFacts {
    const base: GrantFacts = {
      id: grant.id,
      grantee: grant.grantee,
      dataset:
        grant.dataset.version === undefined
          ? { id: grant.dataset.id }
          : { id: grant.dataset.id, version: grant.dataset.version },
      kind: grant.kind,
      validFrom: grant.term.start,
      validUntil: grant.term.end,
      status: grantStateAt(grant, at),
    };
    if (grant.kind !== 'develop') return base;
    // As decideGrantUse counts it: from the last report (or issue), in the civil calendar.
    const last = [...grant.events]
      .filter((e) => Date.parse(e.at) <= at)
      .reverse()
      .find((e) => e.type === 'usage-reported' || e.type === 'issued');
    const from = Math.max(
      last === undefined ? 0 : Date.parse(last.at),
      Date.parse(grant.term.start),
    );
    const due = addDuration(
      from,
      parseDuration(grant.reportEvery ?? 'P3M', 'grant.reportEvery'),
      offset,
    );
    return { ...base, usageReports: { due: toIso(due) } };
  }

  async function append(grantId: string, event: GrantEvent): Promise<void> {
    await store.appendGrantEvent(grantId, event);
  }

  function note(reason: GrantActionReason): string {
    return `${reason.rule} (${reason.article}): ${reason.message}; incident ${reason.incident}`.slice(
      0,
      500,
    );
  }

  return {
    async grantsOf(grantee, at) {
      const ms = toEpochMs(at, 'at');
      return (await store.grantsOf(grantee)).map((grant) => facts(grant, ms));
    },
    suspend(grantId, reason) {
      const now = clock();
      const correctBy =
        reason.correctBy === undefined
          ? toIso(addCalendar(now, parseCalendar('P30D', 'correctBy'), 0))
          : reason.correctBy;
      return append(grantId, {
        type: 'misuse-reported',
        at: toIso(now),
        by: options.by,
        correctBy,
        note: note(reason),
      });
    },
    async terminate(grantId, reason) {
      const now = clock();
      const current = await store.getGrant(grantId);
      // A misuse left uncorrected past its deadline has already ended the grant.
      if (current !== undefined && grantStateAt(current, now) === 'terminated') return;
      await append(grantId, {
        type: 'terminated',
        at: toIso(now),
        by: options.by,
        note: note(reason),
      });
    },
    reinstate(grantId, reason) {
      return append(grantId, {
        type: 'corrected',
        at: toIso(clock()),
        by: options.by,
        note: note(reason),
      });
    },
  };
}
