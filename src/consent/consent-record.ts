import { z } from 'zod';
import { assertRecord, assertString } from '../core/assert.ts';
import { deepFreeze } from '../core/deep-freeze.ts';
import { Id, PartyRef, PurposeId } from '../core/refs.ts';
import { IsoDateTime } from '../core/time.ts';
import { ValidationError } from '../errors/kinds.ts';
import { PiCategory } from '../tags/pi-category.ts';
import { Processing } from '../tags/vocabulary.ts';

/** The schema version written into every consent record (ISO/IEC TS 27560 "schema version"). */
export const CONSENT_RECORD_FORMAT_VERSION = 'dataguard-consent-record/1';

/**
 * Consent status events, as DPV names the states: given (ConsentGiven),
 * renewed (RenewedConsentGiven), withdrawn by the subject (ConsentWithdrawn),
 * revoked by another party (ConsentRevoked), expired (ConsentExpired),
 * refused (ConsentRefused).
 */
export const ConsentEventType: z.ZodEnum<{
  given: 'given';
  renewed: 'renewed';
  withdrawn: 'withdrawn';
  revoked: 'revoked';
  expired: 'expired';
  refused: 'refused';
}> = z.enum(['given', 'renewed', 'withdrawn', 'revoked', 'expired', 'refused']);
/** A consent status event type. */
export type ConsentEventType = z.infer<typeof ConsentEventType>;

/** How consent was expressed (ISO/IEC TS 27560 "event type"; all are explicit consent). */
export const ConsentMethod: z.ZodEnum<{
  written: 'written';
  electronic: 'electronic';
  oral: 'oral';
  other: 'other';
}> = z.enum(['written', 'electronic', 'oral', 'other']);
/** How consent was expressed. */
export type ConsentMethod = z.infer<typeof ConsentMethod>;

/** One status event (ISO/IEC TS 27560 event time, event state, entity id). */
export interface ConsentEvent {
  readonly type: ConsentEventType;
  /** ISO 8601 with offset. */
  readonly at: string;
  /** Who caused it: the subject, a guardian, the handler, an authority or `system`. */
  readonly by: string;
  /** For `renewed`: the new end of validity. */
  readonly until?: string | undefined;
  /** A short non-personal note (for example why a consent was revoked). */
  readonly note?: string | undefined;
}

/** Who gave the consent: the subject, or a parent or other guardian (C-MINOR). */
export interface ConsentGiver {
  readonly role: 'subject' | 'guardian';
  readonly id: string;
  /** For a guardian: `parent` or another relation. */
  readonly relation?: string | undefined;
}

/** Separate consents (单独同意) a record includes. */
export interface SeparateConsents {
  /** Sensitive PI (PIPL Art. 29). */
  readonly sensitive: boolean;
  /** Provision to another handler (PIPL Art. 23). */
  readonly provide: boolean;
  /** Public disclosure (PIPL Art. 25). */
  readonly disclose: boolean;
  /** Cross-border provision (PIPL Art. 39). */
  readonly crossBorder: boolean;
}

/**
 * A consent record with the ISO/IEC TS 27560:2023 fields as the W3C DPV guide
 * maps them: header (schema version, record id, PII principal id), processing
 * (notice, language, purposes, lawful basis, PI, controllers, methods,
 * recipients, jurisdiction, storage, retention, withdrawal method), parties
 * (handler, recipients, giver) and events (time, state, entity, validity).
 * Plain JSON, so every store backend can keep it as it is.
 */
export interface ConsentRecord {
  readonly schemaVersion: typeof CONSENT_RECORD_FORMAT_VERSION;
  readonly id: string;
  /** The subject (PII principal) id. */
  readonly subject: string;
  readonly notice: { readonly id: string; readonly version: string; readonly digest: string };
  readonly language: string;
  /** The handler (PII controller). */
  readonly handler: Readonly<PartyRef>;
  readonly purposes: readonly string[];
  readonly legalBasis: 'consent';
  readonly piCategories: readonly PiCategory[];
  /** Field names the consent names, when it names any (27560 "PII attribute id"). */
  readonly piAttributes?: readonly string[] | undefined;
  /** Processing activities consented to (处理方式), as the notice's `processing`. */
  readonly processing: readonly Processing[];
  readonly collectionMethod?: string | undefined;
  /** Other handlers PI may be provided to (27560 "recipient third parties"). */
  readonly recipients: readonly Readonly<PartyRef>[];
  readonly jurisdiction: string;
  readonly storageLocations?: readonly string[] | undefined;
  /** ISO 8601 duration from the notice. */
  readonly retention: string;
  readonly withdrawalMethod: string;
  readonly separate: SeparateConsents;
  readonly method: ConsentMethod;
  readonly givenBy: ConsentGiver;
  readonly validity: { readonly from: string; readonly until?: string | undefined };
  readonly events: readonly ConsentEvent[];
}

const PartyRefSchema = PartyRef;

/** Zod schema of {@link ConsentEvent}. */
const ConsentEventSchema: z.ZodType<ConsentEvent> = z.strictObject({
  type: ConsentEventType,
  at: IsoDateTime,
  by: Id,
  until: IsoDateTime.optional(),
  note: z.string().max(500).optional(),
});

/** Zod schema of {@link ConsentRecord}, for backends that read records back. */
export const ConsentRecordSchema: z.ZodType<ConsentRecord> = z.strictObject({
  schemaVersion: z.literal(CONSENT_RECORD_FORMAT_VERSION),
  id: Id,
  subject: Id,
  notice: z.strictObject({ id: Id, version: z.string().min(1).max(64), digest: z.string() }),
  language: z.string().min(2).max(35),
  handler: PartyRefSchema,
  purposes: z.array(PurposeId).min(1),
  legalBasis: z.literal('consent'),
  piCategories: z.array(PiCategory).min(1),
  piAttributes: z.array(z.string().min(1).max(128)).optional(),
  processing: z.array(Processing).min(1),
  collectionMethod: z.string().max(256).optional(),
  recipients: z.array(PartyRefSchema),
  jurisdiction: z.string().min(2).max(8),
  storageLocations: z.array(z.string()).optional(),
  retention: z.string().max(64),
  withdrawalMethod: z.string().min(1).max(2000),
  separate: z.strictObject({
    sensitive: z.boolean(),
    provide: z.boolean(),
    disclose: z.boolean(),
    crossBorder: z.boolean(),
  }),
  method: ConsentMethod,
  givenBy: z.strictObject({
    role: z.enum(['subject', 'guardian']),
    id: Id,
    relation: z.string().min(1).max(64).optional(),
  }),
  validity: z.strictObject({ from: IsoDateTime, until: IsoDateTime.optional() }),
  events: z.array(ConsentEventSchema).min(1),
});

const TERMINAL: ReadonlySet<ConsentEventType> = new Set([
  'withdrawn',
  'revoked',
  'expired',
  'refused',
]);

/**
 * Appends a status event to a consent record, enforcing the lifecycle: a
 * record starts `given` or `refused`; `renewed` follows a live consent; once
 * withdrawn, revoked, expired or refused nothing follows; events never go back
 * in time. Every store backend applies events through this function.
 *
 * @param record - the current record
 * @param event - the event to append
 * @returns a new frozen record
 * @throws {ValidationError} reasons `invalid-event`, `event-out-of-order`, `consent-terminated`, `invalid-transition`
 * @example
 * ```ts
 * import { createConsentService, createMemoryConsentStore } from 'dataguard/consent';
 * import { applyConsentEvent } from './consent-record.ts';
 * const service = createConsentService({ store: createMemoryConsentStore() });
 * await service.publishNotice({ id: 'app', version: '1', handler: { id: 'civil-affairs', kind: 'agency' },
 *   contact: 'privacy@example.gov.cn', purposes: ['public-service'], processing: ['collect', 'use'],
 *   piCategories: ['basic'], retention: 'P5Y', rights: 'Me > Privacy in the app', language: 'zh-CN',
 *   publishedAt: '2026-01-01T00:00:00+08:00' });
 * const record = await service.recordConsent({ subject: 's1', notice: { id: 'app' },
 *   purposes: ['public-service'], piCategories: ['basic'], processing: ['collect', 'use'],
 *   method: 'electronic', givenBy: { role: 'subject', id: 's1' }, at: '2026-02-01T09:00:00+08:00' });
 * const withdrawn = applyConsentEvent(record, { type: 'withdrawn', at: '2026-03-01T10:00:00+08:00', by: 's1' });
 * withdrawn.events.map((event) => event.type); // ['given', 'withdrawn']
 * ```
 */
export function applyConsentEvent(record: ConsentRecord, event: ConsentEvent): ConsentRecord {
  const parsed = ConsentEventSchema.safeParse(event);
  if (!parsed.success) {
    throw new ValidationError('consent event must have a type, an ISO 8601 time and an actor', {
      path: 'event',
      reason: 'invalid-event',
    });
  }
  checkRecordShape(record);
  const last = record.events[record.events.length - 1] as ConsentEvent;
  if (TERMINAL.has(last.type)) {
    throw new ValidationError(
      `consent ${record.id} is ${last.type}; record a new consent instead`,
      {
        path: 'event.type',
        reason: 'consent-terminated',
      },
    );
  }
  if (parsed.data.type === 'given' || parsed.data.type === 'refused') {
    throw new ValidationError(`a ${parsed.data.type} event only starts a record`, {
      path: 'event.type',
      reason: 'invalid-transition',
    });
  }
  const at = Date.parse(parsed.data.at);
  if (at < Date.parse(last.at)) {
    throw new ValidationError('consent events must be appended in time order', {
      path: 'event.at',
      reason: 'event-out-of-order',
    });
  }
  if (parsed.data.until !== undefined && Date.parse(parsed.data.until) <= at) {
    throw new ValidationError('a renewal must extend validity past its own time', {
      path: 'event.until',
      reason: 'invalid-validity',
    });
  }
  return deepFreeze({ ...record, events: [...record.events, { ...parsed.data }] });
}

// The fields applyConsentEvent() and consentStateAt() read, checked by hand:
// records come from stores and callers, and a malformed one must give a
// ValidationError rather than a TypeError from deep inside.
function checkRecordShape(record: ConsentRecord): void {
  assertRecord(record, 'record');
  assertString(record.id, 'record.id');
  assertRecord(record.validity, 'record.validity');
  assertString(record.validity.from, 'record.validity.from');
  if (record.validity.until !== undefined)
    assertString(record.validity.until, 'record.validity.until');
  const events: unknown = record.events;
  if (!Array.isArray(events) || events.length === 0) {
    throw new ValidationError('record.events must be a non-empty list of events', {
      path: 'record.events',
      reason: 'invalid-argument',
    });
  }
  for (const event of events as unknown[]) {
    assertRecord(event, 'record.events[]');
    assertString(event.at, 'record.events[].at');
    assertString(event.type, 'record.events[].type');
    if (event.until !== undefined) assertString(event.until, 'record.events[].until');
  }
}

/** The state of a consent at one instant. */
export type ConsentState =
  | 'pending'
  | 'given'
  | 'renewed'
  | 'withdrawn'
  | 'revoked'
  | 'expired'
  | 'refused';

/**
 * The state of a consent record at an instant: the last event at or before it,
 * `pending` before it starts (or before `validity.from`), `expired` once the
 * validity (as extended by renewals) has ended.
 *
 * @param record - the record
 * @param at - epoch milliseconds
 * @returns the state
 * @throws {ValidationError} reason `invalid-argument` when the record is malformed or `at` is not a number
 * @example
 * ```ts
 * import { createConsentService, createMemoryConsentStore } from 'dataguard/consent';
 * import { consentStateAt } from './consent-record.ts';
 * const service = createConsentService({ store: createMemoryConsentStore() });
 * await service.publishNotice({ id: 'app', version: '1', handler: { id: 'civil-affairs', kind: 'agency' },
 *   contact: 'privacy@example.gov.cn', purposes: ['public-service'], processing: ['collect', 'use'],
 *   piCategories: ['basic'], retention: 'P5Y', rights: 'Me > Privacy in the app', language: 'zh-CN',
 *   publishedAt: '2026-01-01T00:00:00+08:00' });
 * const record = await service.recordConsent({ subject: 's1', notice: { id: 'app' },
 *   purposes: ['public-service'], piCategories: ['basic'], processing: ['collect', 'use'],
 *   method: 'electronic', givenBy: { role: 'subject', id: 's1' }, at: '2026-02-01T09:00:00+08:00' });
 * const withdrawn = await service.withdraw(record.id, { at: '2026-03-01T10:00:00+08:00' });
 * consentStateAt(withdrawn, Date.parse('2026-02-15T00:00:00+08:00')); // 'given'
 * consentStateAt(withdrawn, Date.parse('2026-03-02T00:00:00+08:00')); // 'withdrawn'
 * ```
 */
export function consentStateAt(record: ConsentRecord, at: number): ConsentState {
  checkRecordShape(record);
  if (typeof at !== 'number') {
    throw new ValidationError('at must be epoch milliseconds', {
      path: 'at',
      reason: 'invalid-argument',
    });
  }
  let state: ConsentState = 'pending';
  let until = record.validity.until === undefined ? Infinity : Date.parse(record.validity.until);
  for (const event of record.events) {
    const time = Date.parse(event.at);
    if (time > at) break;
    state = event.type;
    if (event.type === 'renewed' && event.until !== undefined) until = Date.parse(event.until);
  }
  if ((state === 'given' || state === 'renewed') && at < Date.parse(record.validity.from)) {
    return 'pending';
  }
  if ((state === 'given' || state === 'renewed') && at >= until) return 'expired';
  return state;
}
