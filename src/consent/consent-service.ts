import { assertRecord } from '../core/assert.ts';
import type { Clock } from '../core/clock.ts';
import type { RandomSource } from '../core/random.ts';
import { systemRandom } from '../core/random.ts';
import type { DatasetRef, PartyRef } from '../core/refs.ts';
import { PartyRef as PartyRefSchema } from '../core/refs.ts';
import { PolicyError, StoreError, ValidationError } from '../errors/kinds.ts';
import type { Catalog } from '../tags/catalog.ts';
import { andThen } from './awaitable.ts';
import { consentAuditEvent, decisionAuditEvent } from './consent-audit.ts';
import type { ConsentLedger, ConsentLedgerEvent, LedgerDetailValue } from './consent-ledger.ts';
import {
  type ConsentChange,
  type ConsentInput,
  changeConsent,
  publishNotice,
  recordConsent,
} from './consent-ops.ts';
import { type ConsentReceipt, fromConsentReceipt, toConsentReceipt } from './consent-receipt.ts';
import type { ConsentRecord } from './consent-record.ts';
import { assertDecision } from './decider.ts';
import { createEngine, type DutyRegistry, type Engine } from './engine.ts';
import type { Grant } from './grant.ts';
import { type LinkedDecision, linkDecision } from './linked-decision.ts';
import type { Notice, NoticeDefinition } from './notice.ts';
import type { Objection } from './objection.ts';
import { publicDataApi } from './public-data.ts';
import type {
  GrantChange,
  GrantDecision,
  GrantInput,
  GrantUseRequest,
  MisuseReport,
  ObjectionInput,
  OpenRequest,
  ShareDecision,
  ShareGrantRequest,
  ShareRequest,
} from './public-data-types.ts';
import type { PurposeTaxonomy } from './purposes.ts';
import type { DecisionRequest } from './request.ts';
import { type SafeResult, safelyAsync } from './safe-result.ts';
import type { Awaitable, ConsentStore } from './store.ts';
import type { SubjectDirectory, SubjectFields } from './subject.ts';

/** Options of {@link createConsentService}. */
export interface ConsentServiceOptions<E = unknown> {
  /** Where notices, consents, grants and objections live: memory, SQLite or PostgreSQL. */
  readonly store: ConsentStore;
  /** The purpose taxonomy (default: the seeded agency purposes, which you may extend). */
  readonly taxonomy?: PurposeTaxonomy | undefined;
  /** The catalog that resolves datasets and public-data tags. */
  readonly catalog?: Catalog | undefined;
  /**
   * The civil time zone: dates and offset-less times are read in it, ages and
   * durations counted on its calendar (default `Asia/Shanghai`; IANA name
   * without daylight saving, or `±hh:mm`).
   */
  readonly timeZone?: string | undefined;
  /** Where uses (and, with `audit`, consents and decisions) are recorded. */
  readonly ledger?: ConsentLedger<E> | undefined;
  /** The party running the service: the actor of recorded uses when a request names no handler. */
  readonly handler?: PartyRef | undefined;
  /** Opt-in ledger records: every consent change, every decision (needs `ledger`). */
  readonly audit?: { readonly consents?: boolean; readonly decisions?: boolean } | undefined;
  readonly subjects?: SubjectDirectory | undefined;
  readonly subjectFields?: SubjectFields | undefined;
  readonly duties?: DutyRegistry | undefined;
  readonly clock?: Clock | undefined;
  readonly random?: RandomSource | undefined;
  /** Most subjects whose compiled consents are cached (default 1,000,000). */
  readonly cacheSize?: number | undefined;
}

/** What a recorded use adds to the decision it rests on. */
export interface UseRecord {
  /** Who processed (default: the request's `handler`, else the service's `handler`). */
  readonly actor?: PartyRef | undefined;
  readonly onBehalfOf?: PartyRef | undefined;
  /** Datasets read and written (default none). */
  readonly inputs?: readonly DatasetRef[] | undefined;
  readonly outputs?: readonly DatasetRef[] | undefined;
  /** Fields processed (default: the decision's allowed fields; never more). */
  readonly fields?: readonly string[] | undefined;
  readonly recipients?: readonly PartyRef[] | undefined;
  /** Subjects touched (default 1). */
  readonly subjectCount?: number | undefined;
  readonly details?: { readonly [key: string]: LedgerDetailValue } | undefined;
  /** When the use happened (default: the ledger's clock). */
  readonly time?: string | number | Date | undefined;
}

/** Grants of public data (S-* rules): share, open on application, develop, authorized operation. */
export interface GrantOperations {
  /** decideShare, and when allowed, store a share grant for the allowed fields and term. */
  share(request: ShareGrantRequest): Promise<GrantDecision>;
  /** Grants opening on application, development or authorized operation. */
  issue(input: GrantInput): Promise<GrantDecision>;
  /** May the grantee do this with granted data? */
  decideUse(request: GrantUseRequest): Promise<ShareDecision>;
  reportMisuse(grant: string, report: MisuseReport): Promise<Grant>;
  recordCorrection(grant: string, change: GrantChange): Promise<Grant>;
  terminate(grant: string, change: GrantChange): Promise<Grant>;
  reportUsage(grant: string, change: GrantChange): Promise<Grant>;
  get(id: string): Promise<Grant | undefined>;
  /** Grants held by a party. */
  of(grantee: string): Promise<readonly Grant[]>;
}

/** Objections to shared or opened data (S-OBJECTION). */
export interface ObjectionOperations {
  record(input: ObjectionInput): Promise<Objection>;
  handle(
    id: string,
    change: GrantChange & { readonly outcome: 'corrected' | 'upheld' | 'rejected' },
  ): Promise<Objection>;
  feedBack(id: string, change: GrantChange): Promise<Objection>;
  get(id: string): Promise<Objection | undefined>;
  /** Objections about a dataset. */
  of(dataset: string): Promise<readonly Objection[]>;
}

/** The consent service: one async API over any consent store. */
export interface ConsentService<E = unknown> {
  readonly taxonomy: PurposeTaxonomy;
  readonly store: ConsentStore;
  /** The configured civil time zone. */
  readonly timeZone: string;
  /** Validates and stores a notice version (C-NOTICE). */
  publishNotice(notice: NoticeDefinition | Notice): Promise<Notice>;
  /** Records a consent (or refusal) against the notice version shown (C-CONSENT). */
  recordConsent(input: ConsentInput): Promise<ConsentRecord>;
  /** Withdraws a consent, effective at once (C-WITHDRAW). */
  withdraw(id: string, change?: ConsentChange): Promise<ConsentRecord>;
  renew(id: string, change?: ConsentChange): Promise<ConsentRecord>;
  /** Revokes a consent on another party's authority (`change.by` required). */
  revoke(id: string, change: ConsentChange): Promise<ConsentRecord>;
  expire(id: string, change?: ConsentChange): Promise<ConsentRecord>;
  getConsent(id: string): Promise<ConsentRecord | undefined>;
  /** Decides a request (C-* rules); throws only on malformed input. */
  decide(request: DecisionRequest): Promise<LinkedDecision>;
  /** decide() that resolves to `{ ok: false, error }` instead of rejecting. */
  safeDecide(request: DecisionRequest): Promise<SafeResult<LinkedDecision>>;
  /** The decision when allowed; rejects with ConsentError naming the rules when denied. */
  assertAllowed(request: DecisionRequest): Promise<LinkedDecision>;
  /** May this department get this public data for its duty? (S-TYPES, S-REQUEST, S-PURPOSE) */
  decideShare(request: ShareRequest): Promise<ShareDecision>;
  safeDecideShare(request: ShareRequest): Promise<SafeResult<ShareDecision>>;
  /** May this requester get these opened fields? (S-OPEN) */
  decideOpen(request: OpenRequest): Promise<ShareDecision>;
  safeDecideOpen(request: OpenRequest): Promise<SafeResult<ShareDecision>>;
  readonly grants: GrantOperations;
  readonly objections: ObjectionOperations;
  /**
   * Records in the ledger the use an allowed decision allows, with the
   * decision's digest. The request's `handler` is the event's `actor`.
   */
  recordUse(decision: LinkedDecision, use?: UseRecord): Promise<E>;
  /** A consent record as an ISO/IEC TS 27560 consent record (JSON-LD, DPV terms). */
  exportConsent(id: string): Promise<ConsentReceipt>;
  /** Stores a consent record read from an ISO/IEC TS 27560 record (its notice must be published). */
  importConsent(receipt: ConsentReceipt): Promise<ConsentRecord>;
  /** Stops listening to the store. */
  close(): void;
}

/**
 * Creates the consent service an agency backend holds: notices, consents,
 * decisions, public-data grants and objections over one store, with the same
 * behaviour over memory, SQLite and PostgreSQL, and every use it allows
 * recordable in the ledger with the decision's digest.
 *
 * @param options - store, taxonomy, catalog, time zone, ledger…
 * @returns the service
 * @throws {ValidationError} on invalid options (reason `invalid-option`, `invalid-time-zone`…)
 * @example
 * ```ts
 * import { createConsentService, createMemoryConsentStore } from 'dataguard/consent';
 * const service = createConsentService({ store: createMemoryConsentStore() });
 * const decision = await service.decide({ subject: { id: 's1', birthDate: '1990-01-01' },
 *   purpose: 'statistics', processing: 'use', fields: [{ name: 'age_band' }] });
 * decision.allowed; // true: no personal information
 * ```
 */
export function createConsentService<E = unknown>(
  options: ConsentServiceOptions<E>,
): ConsentService<E> {
  assertRecord(options, 'options');
  const random = options.random ?? systemRandom;
  const engine = createEngine({
    store: options.store,
    ...(options.taxonomy === undefined ? {} : { purposes: options.taxonomy }),
    ...(options.catalog === undefined ? {} : { catalog: options.catalog }),
    ...(options.subjects === undefined ? {} : { subjects: options.subjects }),
    ...(options.subjectFields === undefined ? {} : { subjectFields: options.subjectFields }),
    ...(options.duties === undefined ? {} : { duties: options.duties }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    random,
    ...(options.cacheSize === undefined ? {} : { cacheSize: options.cacheSize }),
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
  });
  const ledger = options.ledger;
  const handler = options.handler === undefined ? undefined : party(options.handler, 'handler');
  const audit = options.audit ?? {};
  if ((audit.consents === true || audit.decisions === true) && ledger === undefined) {
    throw new ValidationError('options.audit needs options.ledger', {
      path: 'options.audit',
      reason: 'ledger-required',
    });
  }
  const lift = <T>(run: () => Awaitable<T>): Promise<T> => {
    try {
      return Promise.resolve(run());
    } catch (error) {
      return Promise.reject(error);
    }
  };
  const audited = (run: () => Awaitable<ConsentRecord>): Promise<ConsentRecord> => {
    const done = lift(run);
    if (audit.consents !== true || ledger === undefined) return done;
    return done.then((record) => ledger.append(consentAuditEvent(record)).then(() => record));
  };
  const decide = (request: DecisionRequest): Promise<LinkedDecision> => {
    const decided = lift(() => decideLinked(engine, request, random));
    if (audit.decisions !== true || ledger === undefined) return decided;
    return decided.then((decision) =>
      ledger
        .append(decisionAuditEvent(decision, request, actorOf(request, undefined, handler)))
        .then(() => decision),
    );
  };
  const pd = publicDataApi<'async'>(engine, lift, (run) => safelyAsync(() => lift(run)));

  return {
    taxonomy: engine.taxonomy,
    store: engine.store,
    timeZone: engine.zone.name,
    publishNotice: (notice) => lift(() => publishNotice(engine, notice)),
    recordConsent: (input) => audited(() => recordConsent(engine, input)),
    withdraw: (id, change) => audited(() => changeConsent(engine, id, 'withdrawn', change)),
    renew: (id, change) => audited(() => changeConsent(engine, id, 'renewed', change)),
    revoke: (id, change) => audited(() => changeConsent(engine, id, 'revoked', change)),
    expire: (id, change) => audited(() => changeConsent(engine, id, 'expired', change)),
    getConsent: (id) => lift(() => engine.store.getConsent(id)),
    decide,
    safeDecide: (request) => safelyAsync(() => decide(request)),
    assertAllowed: (request) =>
      decide(request).then((decision) => {
        assertDecision(decision);
        return decision;
      }),
    decideShare: pd.decideShare,
    safeDecideShare: pd.safeDecideShare,
    decideOpen: pd.decideOpen,
    safeDecideOpen: pd.safeDecideOpen,
    grants: {
      share: pd.grantShare,
      issue: pd.issueGrant,
      decideUse: pd.decideGrantUse,
      reportMisuse: pd.reportMisuse,
      recordCorrection: pd.recordCorrection,
      terminate: pd.terminateGrant,
      reportUsage: pd.reportUsage,
      get: (id) => lift(() => engine.store.getGrant(id)),
      of: (grantee) => lift(() => engine.store.grantsOf(grantee)),
    },
    objections: {
      record: pd.recordObjection,
      handle: pd.handleObjection,
      feedBack: pd.feedBackObjection,
      get: (id) => lift(() => engine.store.getObjection(id)),
      of: (dataset) => lift(() => engine.store.objectionsOf(dataset)),
    },
    recordUse(decision, use = {}) {
      return lift(() => {
        if (ledger === undefined) {
          throw new ValidationError('recordUse needs options.ledger', {
            path: 'options.ledger',
            reason: 'ledger-required',
          });
        }
        return ledger.append(useEvent(decision, use, handler), { decision });
      });
    },
    exportConsent: (id) =>
      lift(() =>
        andThen(engine.store.getConsent(id), (record) => {
          if (record === undefined) {
            throw new StoreError(`unknown consent ${id}`, { path: 'id', reason: 'not-found' });
          }
          return toConsentReceipt(record);
        }),
      ),
    importConsent: (receipt) => audited(() => importReceipt(engine, receipt)),
    close: () => engine.close(),
  };
}

function decideLinked(
  engine: Engine,
  request: DecisionRequest,
  random: RandomSource,
): Awaitable<LinkedDecision> {
  const compiled = engine.compileCached(request);
  const at = engine.now(request.at, 'request.at');
  return andThen(engine.decideCompiled(compiled, request.subject, at), (decision) =>
    linkDecision(decision, request, at, engine.zone, random),
  );
}

function importReceipt(engine: Engine, receipt: ConsentReceipt): Awaitable<ConsentRecord> {
  const record = fromConsentReceipt(receipt);
  return andThen(engine.store.getNotice(record.notice.id, record.notice.version), (notice) => {
    if (notice === undefined || notice.digest !== record.notice.digest) {
      throw new ValidationError(
        `consent ${record.id} refers to notice ${record.notice.id} version ${record.notice.version}, which is not published here with that digest`,
        { path: 'receipt.notice', reason: 'unknown-notice' },
      );
    }
    return andThen(engine.store.putConsent(record), () => {
      engine.invalidateSubject(record.subject);
      return record;
    });
  });
}

function useEvent(
  decision: LinkedDecision,
  use: UseRecord,
  handler: PartyRef | undefined,
): ConsentLedgerEvent {
  if (
    decision === null ||
    typeof decision !== 'object' ||
    typeof decision.evidence !== 'function'
  ) {
    throw new ValidationError('recordUse takes a decision of this service', {
      path: 'decision',
      reason: 'invalid-decision',
    });
  }
  if (use === null || typeof use !== 'object') {
    throw new ValidationError('use must be an object', { path: 'use', reason: 'invalid-argument' });
  }
  if (!decision.allowed) {
    throw new PolicyError('a denied decision allows no processing to record', {
      path: 'decision',
      reason: 'decision-denied',
    });
  }
  const { request } = decision.evidence();
  const recipient =
    typeof request.recipient === 'object' && request.recipient !== null
      ? [request.recipient]
      : undefined;
  const recipients = use.recipients ?? recipient;
  return {
    ...(use.time === undefined ? {} : { time: use.time }),
    processing: request.processing,
    actor: actorOf(request, use.actor, handler),
    ...(use.onBehalfOf === undefined ? {} : { onBehalfOf: use.onBehalfOf }),
    purpose: request.purpose,
    legalBasis: decision.legalBasis ?? request.legalBasis ?? 'consent',
    inputs: use.inputs ?? [],
    outputs: use.outputs ?? [],
    fields: use.fields ?? decision.allowedFields,
    ...(recipients === undefined ? {} : { recipients }),
    subjectCount: use.subjectCount ?? 1,
    ...(use.details === undefined ? {} : { details: use.details }),
  };
}

// The request's handler is the event's actor; an id alone has no party kind,
// so it needs the service's handler (same id) or an explicit actor.
function actorOf(
  request: DecisionRequest,
  actor: PartyRef | undefined,
  handler: PartyRef | undefined,
): PartyRef {
  if (actor !== undefined) return party(actor, 'use.actor');
  const named = request.handler;
  if (typeof named === 'object' && named !== null) return party(named, 'request.handler');
  if (handler !== undefined && (named === undefined || named === handler.id)) return handler;
  throw new ValidationError(
    'the acting party is unknown: give the request a handler { id, kind }, the service a handler, or the use an actor',
    { path: 'use.actor', reason: 'actor-required' },
  );
}

function party(value: PartyRef, name: string): PartyRef {
  const parsed = PartyRefSchema.safeParse(value);
  if (!parsed.success) {
    throw new ValidationError(`${name} must be a party { id, kind }`, {
      path: name,
      reason: 'invalid-party',
    });
  }
  return parsed.data;
}
