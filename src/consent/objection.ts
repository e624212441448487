import { z } from 'zod';
import { deepFreeze } from '../core/deep-freeze.ts';
import { Id, PartyRef } from '../core/refs.ts';
import { IsoDateTime } from '../core/time.ts';
import { ValidationError } from '../errors/kinds.ts';

/** The schema version written into every objection. */
export const OBJECTION_FORMAT_VERSION = 'dataguard-objection/1';

/** Objection events (S-OBJECTION): recorded, handled (with an outcome), fed back to the objector. */
const ObjectionEventType: z.ZodEnum<{
  recorded: 'recorded';
  handled: 'handled';
  'fed-back': 'fed-back';
}> = z.enum(['recorded', 'handled', 'fed-back']);
/** An objection event type. */
type ObjectionEventType = z.infer<typeof ObjectionEventType>;

/** One objection event. */
export interface ObjectionEvent {
  readonly type: ObjectionEventType;
  readonly at: string;
  readonly by: string;
  /** For `handled`: corrected (a quality error fixed), upheld without correction, or rejected. */
  readonly outcome?: 'corrected' | 'upheld' | 'rejected' | undefined;
  readonly note?: string | undefined;
}

/** An objection to shared or opened data (异议, S-OBJECTION). Plain JSON. */
export interface Objection {
  readonly schemaVersion: typeof OBJECTION_FORMAT_VERSION;
  readonly id: string;
  readonly dataset: string;
  readonly field?: string | undefined;
  readonly by: Readonly<PartyRef>;
  readonly kind: 'quality' | 'rights' | 'other';
  readonly description: string;
  readonly events: readonly ObjectionEvent[];
}

/** Zod schema of {@link ObjectionEvent}. */
const ObjectionEventSchema: z.ZodType<ObjectionEvent> = z.strictObject({
  type: ObjectionEventType,
  at: IsoDateTime,
  by: Id,
  outcome: z.enum(['corrected', 'upheld', 'rejected']).optional(),
  note: z.string().max(2000).optional(),
});

/** Zod schema of {@link Objection}. */
export const ObjectionSchema: z.ZodType<Objection> = z.strictObject({
  schemaVersion: z.literal(OBJECTION_FORMAT_VERSION),
  id: Id,
  dataset: Id,
  field: z.string().min(1).max(128).optional(),
  by: PartyRef,
  kind: z.enum(['quality', 'rights', 'other']),
  description: z.string().min(1).max(2000),
  events: z.array(ObjectionEventSchema).min(1),
});

/**
 * Appends an event to an objection: recorded → handled (with an outcome) → fed back.
 *
 * @param objection - the current objection
 * @param event - the event
 * @returns a new frozen objection
 * @throws {ValidationError} reasons `invalid-event`, `event-out-of-order`, `invalid-transition`
 * @example
 * ```ts
 * import { applyObjectionEvent } from './objection.ts';
 * const objection = { schemaVersion: 'dataguard-objection/1', id: 'o1', dataset: 'households',
 *   by: { id: 'resident-1', kind: 'individual' }, kind: 'quality', description: 'wrong address',
 *   events: [{ type: 'recorded', at: '2026-04-01T09:00:00+08:00', by: 'civil-affairs' }] } as const;
 * const handled = applyObjectionEvent(objection, { type: 'handled', at: '2026-04-02T10:00:00+08:00', by: 'civil-affairs', outcome: 'corrected' });
 * handled.events.length; // 2
 * ```
 */
export function applyObjectionEvent(objection: Objection, event: ObjectionEvent): Objection {
  const parsed = ObjectionEventSchema.safeParse(event);
  if (!parsed.success) {
    throw new ValidationError('objection event must have a type, an ISO 8601 time and an actor', {
      path: 'event',
      reason: 'invalid-event',
    });
  }
  const e = parsed.data;
  const last = objection.events[objection.events.length - 1] as ObjectionEvent;
  if (Date.parse(e.at) < Date.parse(last.at)) {
    throw new ValidationError('objection events must be appended in time order', {
      path: 'event.at',
      reason: 'event-out-of-order',
    });
  }
  const next: Record<ObjectionEventType, ObjectionEventType | undefined> = {
    recorded: 'handled',
    handled: 'fed-back',
    'fed-back': undefined,
  };
  if (next[last.type] !== e.type || (e.type === 'handled' && e.outcome === undefined)) {
    throw new ValidationError(
      'an objection is recorded, then handled with an outcome, then fed back',
      { path: 'event.type', reason: 'invalid-transition' },
    );
  }
  return deepFreeze({ ...objection, events: [...objection.events, { ...e }] });
}
