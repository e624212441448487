import { z } from 'zod';
import { deepFreeze } from '../core/deep-freeze.ts';
import { DatasetRef, Id, PartyRef, PurposeId } from '../core/refs.ts';
import { IsoDateTime } from '../core/time.ts';
import { ValidationError } from '../errors/kinds.ts';

/** The schema version written into every grant. */
export const GRANT_FORMAT_VERSION = 'dataguard-grant/1';

/**
 * Kinds of grant over public data: `share` (共享, to a department for its
 * duty), `open` (依申请开放, approved by the provider through the big-data
 * authority), `develop` (开发利用 by a secondary developer), and
 * `authorized-operation` (授权运营, 3 years in principle; longer with a recorded justification and approval).
 */
export const GrantKind: z.ZodEnum<{
  share: 'share';
  open: 'open';
  develop: 'develop';
  'authorized-operation': 'authorized-operation';
}> = z.enum(['share', 'open', 'develop', 'authorized-operation']);
/** A kind of grant. */
export type GrantKind = z.infer<typeof GrantKind>;

/** Grant events: issued; misuse reported (suspends, S-SUSPEND); corrected (resumes); terminated (the authority's recorded decision); usage reported (S-DEVELOP). */
const GrantEventType: z.ZodEnum<{
  issued: 'issued';
  'misuse-reported': 'misuse-reported';
  corrected: 'corrected';
  terminated: 'terminated';
  'usage-reported': 'usage-reported';
}> = z.enum(['issued', 'misuse-reported', 'corrected', 'terminated', 'usage-reported']);
/** A grant event type. */
type GrantEventType = z.infer<typeof GrantEventType>;

/** One grant event. */
export interface GrantEvent {
  readonly type: GrantEventType;
  readonly at: string;
  readonly by: string;
  /** For `misuse-reported`: the deadline to correct; afterwards the authority may decide to terminate. */
  readonly correctBy?: string | undefined;
  readonly note?: string | undefined;
}

/** A grant of public data: scope (dataset, fields), purpose, term and history. Plain JSON. */
export interface Grant {
  readonly schemaVersion: typeof GRANT_FORMAT_VERSION;
  readonly id: string;
  readonly kind: GrantKind;
  readonly dataset: { readonly id: string; readonly version?: string | undefined };
  readonly fields: readonly string[];
  readonly grantee: Readonly<PartyRef>;
  /** The department that provides the data. */
  readonly provider?: Readonly<PartyRef> | undefined;
  /** The big-data authority the approval went through. */
  readonly authority?: Readonly<PartyRef> | undefined;
  readonly purpose: string;
  /** The grantee's statutory duty the data serves (share grants). */
  readonly duty?: { readonly id: string; readonly law: string } | undefined;
  readonly scenario?: string | undefined;
  readonly term: { readonly start: string; readonly end: string };
  /** For `develop`: how often use must be reported (ISO 8601 duration). */
  readonly reportEvery?: string | undefined;
  /** For authorized operation beyond 3 years: the recorded justification (S-AUTH-TERM). */
  readonly termJustification?: string | undefined;
  /** For authorized operation: output forms approved beyond models and verification results. */
  readonly outputForms?: readonly string[] | undefined;
  readonly events: readonly GrantEvent[];
}

/** Zod schema of {@link GrantEvent}. */
const GrantEventSchema: z.ZodType<GrantEvent> = z.strictObject({
  type: GrantEventType,
  at: IsoDateTime,
  by: Id,
  correctBy: IsoDateTime.optional(),
  note: z.string().max(500).optional(),
});

/** Zod schema of {@link Grant}. */
export const GrantSchema: z.ZodType<Grant> = z.strictObject({
  schemaVersion: z.literal(GRANT_FORMAT_VERSION),
  id: Id,
  kind: GrantKind,
  dataset: DatasetRef.omit({ digest: true }),
  fields: z.array(z.string().min(1).max(128)).min(1),
  grantee: PartyRef,
  provider: PartyRef.optional(),
  authority: PartyRef.optional(),
  purpose: PurposeId,
  duty: z.strictObject({ id: Id, law: z.string().min(1).max(500) }).optional(),
  scenario: z.string().min(1).max(2000).optional(),
  term: z.strictObject({ start: IsoDateTime, end: IsoDateTime }),
  reportEvery: z.string().max(64).optional(),
  termJustification: z.string().min(1).max(2000).optional(),
  outputForms: z.array(z.string().min(1).max(64)).optional(),
  events: z.array(GrantEventSchema).min(1),
});

/**
 * Appends an event to a grant: nothing follows termination; misuse needs a
 * correction deadline after it; a correction follows reported misuse; events
 * never go back in time. Every store backend applies events through this.
 *
 * @param grant - the current grant
 * @param event - the event
 * @returns a new frozen grant
 * @throws {ValidationError} reasons `invalid-event`, `event-out-of-order`, `grant-terminated`, `invalid-transition`
 * @example
 * ```ts
 * import { applyGrantEvent } from './grant.ts';
 * const grant = { schemaVersion: 'dataguard-grant/1', id: 'g1', kind: 'share', dataset: { id: 'households' },
 *   fields: ['address'], grantee: { id: 'health-commission', kind: 'agency' }, purpose: 'public-service',
 *   term: { start: '2026-03-01T00:00:00+08:00', end: '2027-03-01T00:00:00+08:00' },
 *   events: [{ type: 'issued', at: '2026-03-01T00:00:00+08:00', by: 'big-data-bureau' }] } as const;
 * const reported = applyGrantEvent(grant, { type: 'misuse-reported', at: '2026-05-01T09:00:00+08:00',
 *   by: 'big-data-bureau', correctBy: '2026-05-31T00:00:00+08:00' });
 * reported.events.map((event) => event.type); // ['issued', 'misuse-reported']
 * ```
 */
export function applyGrantEvent(grant: Grant, event: GrantEvent): Grant {
  const parsed = GrantEventSchema.safeParse(event);
  if (!parsed.success) {
    throw new ValidationError('grant event must have a type, an ISO 8601 time and an actor', {
      path: 'event',
      reason: 'invalid-event',
    });
  }
  const e = parsed.data;
  const last = grant.events[grant.events.length - 1] as GrantEvent;
  const at = Date.parse(e.at);
  if (at < Date.parse(last.at)) {
    throw new ValidationError('grant events must be appended in time order', {
      path: 'event.at',
      reason: 'event-out-of-order',
    });
  }
  const state = grantStateAt(grant, at);
  if (state === 'terminated') {
    throw new ValidationError(`grant ${grant.id} is terminated`, {
      path: 'event.type',
      reason: 'grant-terminated',
    });
  }
  if (e.type === 'issued') fail('an issued event only starts a grant');
  if (
    e.type === 'misuse-reported' &&
    (e.correctBy === undefined || Date.parse(e.correctBy) <= at)
  ) {
    fail('reported misuse needs a correction deadline after the report (S-SUSPEND)');
  }
  if (e.type === 'corrected' && state !== 'suspended')
    fail('only a suspended grant can be corrected');
  return deepFreeze({ ...grant, events: [...grant.events, { ...e }] });
}

function fail(message: string): never {
  throw new ValidationError(message, { path: 'event.type', reason: 'invalid-transition' });
}

/** The state of a grant at one instant. */
export type GrantState = 'pending' | 'active' | 'suspended' | 'terminated' | 'expired';

/**
 * The state of a grant at an instant: suspended from reported misuse until
 * corrected, also past the correction deadline; terminated only by a recorded
 * `terminated` event, the authority's decision (S-SUSPEND); expired after its
 * term, pending before it.
 *
 * @param grant - the grant
 * @param at - epoch milliseconds
 * @returns the state
 * @example
 * ```ts
 * import { grantStateAt } from './grant.ts';
 * import { applyGrantEvent } from './grant.ts';
 * const grant = { schemaVersion: 'dataguard-grant/1', id: 'g1', kind: 'share', dataset: { id: 'households' },
 *   fields: ['address'], grantee: { id: 'health-commission', kind: 'agency' }, purpose: 'public-service',
 *   term: { start: '2026-03-01T00:00:00+08:00', end: '2027-03-01T00:00:00+08:00' },
 *   events: [{ type: 'issued', at: '2026-03-01T00:00:00+08:00', by: 'big-data-bureau' }] } as const;
 * const reported = applyGrantEvent(grant, { type: 'misuse-reported', at: '2026-05-01T09:00:00+08:00',
 *   by: 'big-data-bureau', correctBy: '2026-05-31T00:00:00+08:00' });
 * grantStateAt(reported, Date.parse('2026-06-01T00:00:00+08:00')); // 'suspended' (until corrected or terminated)
 * ```
 */
export function grantStateAt(grant: Grant, at: number): GrantState {
  let state: GrantState = 'pending';
  for (const event of grant.events) {
    const time = Date.parse(event.at);
    if (time > at) break;
    switch (event.type) {
      case 'issued':
      case 'corrected':
        state = 'active';
        break;
      case 'misuse-reported':
        state = 'suspended';
        break;
      case 'terminated':
        return 'terminated';
      default:
        break;
    }
  }
  if (state === 'active' && at < Date.parse(grant.term.start)) return 'pending';
  if (state === 'active' && at >= Date.parse(grant.term.end)) return 'expired';
  return state;
}
