import { z } from 'zod';
import { assertRecord } from '../core/assert.ts';
import { deepFreeze } from '../core/deep-freeze.ts';
import { parseArgument } from '../core/parse.ts';
import { Id, PartyRef, PurposeId } from '../core/refs.ts';
import { StoreError, ValidationError } from '../errors/kinds.ts';
import { PiCategory } from '../tags/pi-category.ts';
import { Processing } from '../tags/vocabulary.ts';
import { andThen } from './awaitable.ts';
import {
  CONSENT_RECORD_FORMAT_VERSION,
  type ConsentEventType,
  ConsentMethod,
  type ConsentRecord,
} from './consent-record.ts';
import { parseDuration, shiftByDuration } from './duration.ts';
import type { Engine } from './engine.ts';
import { defineNotice, type Notice, type NoticeDefinition } from './notice.ts';
import { assertNoticeOrder, noticeInForce, orderNoticeVersions } from './notice-order.ts';
import type { Awaitable } from './store.ts';
import { LocalDateTime, zonedIso } from './time-zone.ts';

/** What the subject (or a guardian) consented to, as recordConsent() takes it. */
export interface ConsentInput {
  /** Record id; generated when omitted. */
  id?: string | undefined;
  subject: string;
  /** The notice shown; when `version` is omitted, the version in force at `at`. */
  notice: { id: string; version?: string | undefined };
  /** Purposes consented to: the notice's purposes or their descendants. */
  purposes: string[];
  /** PI categories consented to: a subset of the notice's. */
  piCategories: PiCategory[];
  /** Processing activities consented to (处理方式): a subset of the notice's `processing` (default: all of them). */
  processing?: Processing[] | undefined;
  /** Other handlers PI may be provided to (needed with `separate.provide`). */
  recipients?: PartyRef[] | undefined;
  /** Separate consents included. */
  separate?:
    | {
        sensitive?: boolean | undefined;
        provide?: boolean | undefined;
        disclose?: boolean | undefined;
        crossBorder?: boolean | undefined;
      }
    | undefined;
  method: ConsentMethod;
  givenBy: { role: 'subject' | 'guardian'; id: string; relation?: string | undefined };
  /** When consent was given (default: the clock); a date or offset-less time is read in the decider's time zone. */
  at?: string | undefined;
  /** Start of validity (default: `at`). */
  validFrom?: string | undefined;
  /** End of validity, or `validFor` as an ISO 8601 duration from `validFrom`. */
  validUntil?: string | undefined;
  validFor?: string | undefined;
  piAttributes?: string[] | undefined;
  collectionMethod?: string | undefined;
  storageLocations?: string[] | undefined;
  /** Record a refusal instead of a consent. */
  refused?: boolean | undefined;
}

/** Zod schema of {@link ConsentInput}. */
const ConsentInputSchema: z.ZodType<ConsentInput> = z.strictObject({
  id: Id.optional(),
  subject: Id,
  notice: z.strictObject({ id: Id, version: z.string().min(1).max(64).optional() }),
  purposes: z.array(PurposeId).min(1).max(256),
  piCategories: z.array(PiCategory).min(1),
  processing: z.array(Processing).min(1).optional(),
  recipients: z.array(PartyRef).optional(),
  separate: z
    .strictObject({
      sensitive: z.boolean().optional(),
      provide: z.boolean().optional(),
      disclose: z.boolean().optional(),
      crossBorder: z.boolean().optional(),
    })
    .optional(),
  method: ConsentMethod,
  givenBy: z.strictObject({
    role: z.enum(['subject', 'guardian']),
    id: Id,
    relation: z.string().min(1).max(64).optional(),
  }),
  at: LocalDateTime.optional(),
  validFrom: LocalDateTime.optional(),
  validUntil: LocalDateTime.optional(),
  validFor: z.string().max(64).optional(),
  piAttributes: z.array(z.string().min(1).max(128)).optional(),
  collectionMethod: z.string().min(1).max(256).optional(),
  storageLocations: z.array(z.string().min(1).max(128)).optional(),
  refused: z.boolean().optional(),
});

/**
 * Validates and stores a notice version (C-NOTICE). Its purposes must be in the taxonomy.
 *
 * @param engine - the engine
 * @param definition - the notice
 * @returns the stored notice
 */
export function publishNotice(
  engine: Engine,
  definition: NoticeDefinition | Notice,
): Awaitable<Notice> {
  assertRecord(definition, 'notice');
  const { digest, ...body } = definition as Notice;
  const published = (body as { publishedAt?: unknown }).publishedAt;
  const notice = defineNotice(
    (typeof published === 'string'
      ? { ...body, publishedAt: zonedIso(published, engine.zone, 'notice.publishedAt') }
      : body) as NoticeDefinition,
  );
  if (digest !== undefined && digest !== notice.digest) {
    throw new ValidationError('notice.digest does not match the notice content', {
      path: 'notice.digest',
      reason: 'digest-mismatch',
    });
  }
  for (const purpose of notice.purposes) {
    if (!engine.taxonomy.has(purpose)) {
      throw new ValidationError(`notice purpose ${purpose} is not in the purpose taxonomy`, {
        path: 'notice.purposes',
        reason: 'unknown-purpose',
      });
    }
  }
  // Versions are ordered by version and publication time: an older version
  // published after a newer one would silently become "current" (C-NOTICE).
  return andThen(engine.store.noticeVersions(notice.id), (stored) => {
    assertNoticeOrder(stored, notice);
    return andThen(engine.store.putNotice(notice), () => notice);
  });
}

/**
 * Builds and stores a consent record from what the subject consented to,
 * checking it against the notice version shown (C-CONSENT: purposes, processing
 * and PI categories must be ones the notice disclosed).
 *
 * @param engine - the engine
 * @param input - the consent
 * @returns the stored record
 */
export function recordConsent(engine: Engine, input: ConsentInput): Awaitable<ConsentRecord> {
  const parsed = zonedTimes(engine, parseArgument(ConsentInputSchema, input, 'consent'));
  const version = parsed.notice.version;
  const shown: Awaitable<Notice | undefined> =
    version === undefined
      ? andThen(engine.store.noticeVersions(parsed.notice.id), (versions) =>
          shownAt(versions, parsed.at === undefined ? engine.clock() : Date.parse(parsed.at)),
        )
      : engine.store.getNotice(parsed.notice.id, version);
  return andThen(shown, (notice) => {
    if (notice === undefined) {
      throw new ValidationError(`unknown notice ${parsed.notice.id}`, {
        path: 'consent.notice',
        reason: 'unknown-notice',
      });
    }
    const record = buildRecord(engine, parsed, notice);
    return andThen(engine.store.putConsent(record), () => {
      engine.invalidateSubject(record.subject);
      return record;
    });
  });
}

// Dates and offset-less times are read in the engine's zone and stored with its offset.
function zonedTimes(engine: Engine, input: ConsentInput): ConsentInput {
  const { zone } = engine;
  return {
    ...input,
    ...(input.at === undefined ? {} : { at: zonedIso(input.at, zone, 'consent.at') }),
    ...(input.validFrom === undefined
      ? {}
      : { validFrom: zonedIso(input.validFrom, zone, 'consent.validFrom') }),
    ...(input.validUntil === undefined
      ? {}
      : { validUntil: zonedIso(input.validUntil, zone, 'consent.validUntil') }),
  };
}

// The version shown when no version is named: the one in force at the time of
// consent; a notice with no version published by then shows its first one.
function shownAt(versions: readonly Notice[], at: number): Notice | undefined {
  return noticeInForce(versions, at) ?? orderNoticeVersions(versions)[0];
}

function buildRecord(engine: Engine, input: ConsentInput, notice: Notice): ConsentRecord {
  const { taxonomy } = engine;
  for (const purpose of input.purposes) {
    if (!taxonomy.has(purpose)) {
      throw invalid(
        `consent purpose ${purpose} is not in the purpose taxonomy`,
        'consent.purposes',
        'unknown-purpose',
      );
    }
    if (!notice.purposes.some((p) => taxonomy.covers(p, purpose))) {
      throw invalid(
        `consent purpose ${purpose} is not disclosed by notice ${notice.id} version ${notice.version}`,
        'consent.purposes',
        'not-in-notice',
      );
    }
  }
  for (const category of input.piCategories) {
    if (!notice.piCategories.includes(category)) {
      throw invalid(
        `PI category ${category} is not disclosed by the notice`,
        'consent.piCategories',
        'not-in-notice',
      );
    }
  }
  const processing = input.processing ?? [...notice.processing];
  for (const activity of processing) {
    if (!notice.processing.includes(activity)) {
      throw invalid(
        `processing ${activity} is not disclosed by the notice`,
        'consent.processing',
        'not-in-notice',
      );
    }
  }
  if (input.givenBy.role === 'subject' && input.givenBy.id !== input.subject) {
    throw invalid(
      'consent.givenBy.id must be the subject when the subject gives consent',
      'consent.givenBy',
      'giver-mismatch',
    );
  }
  const separate = {
    sensitive: input.separate?.sensitive === true,
    provide: input.separate?.provide === true,
    disclose: input.separate?.disclose === true,
    crossBorder: input.separate?.crossBorder === true,
  };
  const recipients = input.recipients ?? [];
  if (separate.provide && recipients.length === 0) {
    throw invalid(
      'a separate consent to provision must name its recipients (PIPL Art. 23)',
      'consent.recipients',
      'recipients-required',
    );
  }
  const at = input.at ?? new Date(engine.clock()).toISOString();
  const from = input.validFrom ?? at;
  if (input.validUntil !== undefined && input.validFor !== undefined) {
    throw invalid(
      'give validUntil or validFor, not both',
      'consent.validUntil',
      'ambiguous-validity',
    );
  }
  const until =
    input.validFor !== undefined
      ? new Date(
          shiftByDuration(
            Date.parse(from),
            parseDuration(input.validFor, 'consent.validFor'),
            engine.offsetMinutes,
          ),
        ).toISOString()
      : input.validUntil;
  if (until !== undefined && Date.parse(until) <= Date.parse(from)) {
    throw invalid(
      'consent validity must end after it starts',
      'consent.validUntil',
      'invalid-validity',
    );
  }
  const type: ConsentEventType = input.refused === true ? 'refused' : 'given';
  return deepFreeze({
    schemaVersion: CONSENT_RECORD_FORMAT_VERSION,
    id: input.id ?? engine.newId('consent'),
    subject: input.subject,
    notice: { id: notice.id, version: notice.version, digest: notice.digest },
    language: notice.language,
    handler: { ...notice.handler },
    purposes: [...new Set(input.purposes)].sort(),
    legalBasis: 'consent' as const,
    piCategories: [...new Set(input.piCategories)].sort(),
    ...(input.piAttributes === undefined ? {} : { piAttributes: [...input.piAttributes] }),
    processing: [...new Set(processing)].sort(),
    ...(input.collectionMethod === undefined ? {} : { collectionMethod: input.collectionMethod }),
    recipients: recipients.map((party) => ({ ...party })),
    jurisdiction: notice.jurisdiction,
    ...(input.storageLocations === undefined
      ? notice.storageLocations === undefined
        ? {}
        : { storageLocations: [...notice.storageLocations] }
      : { storageLocations: [...input.storageLocations] }),
    retention: notice.retention,
    withdrawalMethod: notice.withdrawal,
    separate,
    method: input.method,
    givenBy: {
      role: input.givenBy.role,
      id: input.givenBy.id,
      ...(input.givenBy.relation === undefined ? {} : { relation: input.givenBy.relation }),
    },
    validity: { from, ...(until === undefined ? {} : { until }) },
    events: [{ type, at, by: input.givenBy.id }],
  });
}

/** Options of a consent status change. */
export interface ConsentChange {
  /** When (default: the clock). */
  at?: string | undefined;
  /** Who (default: the giver for withdrawal and renewal, `system` for expiry). */
  by?: string | undefined;
  /** For renewal: the new end of validity, or `validFor` from the renewal. */
  until?: string | undefined;
  validFor?: string | undefined;
  note?: string | undefined;
}

/**
 * Appends a status event (withdrawn, renewed, revoked, expired) to a consent.
 * Withdrawal takes effect at once: cached decisions are invalidated before this returns.
 *
 * @param engine - the engine
 * @param id - the consent record id
 * @param type - the event type
 * @param change - time, actor, renewal validity
 * @returns the updated record
 */
export function changeConsent(
  engine: Engine,
  id: string,
  type: Exclude<ConsentEventType, 'given' | 'refused'>,
  change: ConsentChange = {},
): Awaitable<ConsentRecord> {
  if (typeof id !== 'string' || id === '') {
    throw invalid('consent id must be a non-empty string', 'id', 'invalid-request');
  }
  return andThen(engine.store.getConsent(id), (record) => {
    if (record === undefined) {
      throw new StoreError(`unknown consent ${id}`, { path: 'consent.id', reason: 'not-found' });
    }
    const at =
      change.at === undefined
        ? new Date(engine.clock()).toISOString()
        : zonedIso(change.at, engine.zone, 'change.at');
    if (type === 'revoked' && change.by === undefined) {
      throw invalid(
        'a revocation must name who revoked the consent',
        'change.by',
        'actor-required',
      );
    }
    const by = change.by ?? (type === 'expired' ? 'system' : record.givenBy.id);
    const until =
      change.validFor !== undefined
        ? new Date(
            shiftByDuration(
              Date.parse(at),
              parseDuration(change.validFor, 'change.validFor'),
              engine.offsetMinutes,
            ),
          ).toISOString()
        : change.until === undefined
          ? undefined
          : zonedIso(change.until, engine.zone, 'change.until');
    const event = {
      type,
      at,
      by,
      ...(type === 'renewed' && until !== undefined ? { until } : {}),
      ...(change.note === undefined ? {} : { note: change.note }),
    };
    return andThen(engine.store.appendConsentEvent(id, event), (next) => {
      engine.invalidateSubject(next.subject);
      return next;
    });
  });
}

function invalid(message: string, path: string, reason: string): ValidationError {
  return new ValidationError(message, { path, reason });
}
