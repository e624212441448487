import { assertRecord } from '../core/assert.ts';
import { ConsentError, ValidationError } from '../errors/kinds.ts';
import { sync } from './awaitable.ts';
import {
  type ConsentChange,
  type ConsentInput,
  changeConsent,
  publishNotice,
  recordConsent,
} from './consent-ops.ts';
import type { ConsentRecord } from './consent-record.ts';
import type { Decision } from './decision.ts';
import { type ConsentDeciderOptions, createEngine, type Engine } from './engine.ts';
import type { Notice, NoticeDefinition } from './notice.ts';
import { type PublicDataApi, publicDataApi } from './public-data.ts';
import type { PurposeTaxonomy } from './purposes.ts';
import type { CompiledRequest, DecisionRequest, DecisionTemplate } from './request.ts';
import { type SafeDecision, safely, safelyAsync } from './safe-result.ts';
import type { Awaitable, ConsentStore, SyncConsentStore } from './store.ts';
import type { SubjectRecord } from './subject.ts';

/** A request compiled once (purpose, fields, processing…) and decided for many subjects. */
export interface PreparedDecision<D = Decision> {
  /** Decides the prepared request for one subject at `at` (default: the clock). */
  decide(subject: string | SubjectRecord, at?: string | number | Date): D;
}

/** The consent decider over a synchronous store (such as the memory store): every method answers at once. */
export interface ConsentDecider extends PublicDataApi<'sync'> {
  readonly purposes: PurposeTaxonomy;
  readonly store: SyncConsentStore;
  /** Validates and stores a notice version (C-NOTICE). */
  publishNotice(notice: NoticeDefinition | Notice): Notice;
  /** Records a consent (or a refusal) against the notice shown (C-CONSENT, C-MINOR, C-SEP-*). */
  recordConsent(input: ConsentInput): ConsentRecord;
  /** Withdraws a consent; takes effect immediately (C-WITHDRAW). */
  withdrawConsent(id: string, change?: ConsentChange): ConsentRecord;
  /** Renews a consent, optionally extending its validity. */
  renewConsent(id: string, change?: ConsentChange): ConsentRecord;
  /** Revokes a consent on behalf of another party (the handler or an authority). */
  revokeConsent(id: string, change: ConsentChange): ConsentRecord;
  /** Marks a consent expired. */
  expireConsent(id: string, change?: ConsentChange): ConsentRecord;
  /** Decides a request; throws only on malformed input. */
  decide(request: DecisionRequest): Decision;
  /** Like decide(), but returns `{ ok: false, error }` for malformed input instead of throwing. */
  safeDecide(request: DecisionRequest): SafeDecision;
  /** Returns the decision when allowed; throws ConsentError (with the rule ids) when denied. */
  assertAllowed(request: DecisionRequest): Decision;
  /** Compiles the subject-independent part of a request once, for hot loops. */
  prepare(template: DecisionTemplate): PreparedDecision;
  /** Stops listening to the store. */
  close(): void;
}

/** The consent decider over any store: every method returns a promise. */
export interface AsyncConsentDecider extends PublicDataApi<'async'> {
  readonly purposes: PurposeTaxonomy;
  readonly store: ConsentStore;
  publishNotice(notice: NoticeDefinition | Notice): Promise<Notice>;
  recordConsent(input: ConsentInput): Promise<ConsentRecord>;
  withdrawConsent(id: string, change?: ConsentChange): Promise<ConsentRecord>;
  renewConsent(id: string, change?: ConsentChange): Promise<ConsentRecord>;
  revokeConsent(id: string, change: ConsentChange): Promise<ConsentRecord>;
  expireConsent(id: string, change?: ConsentChange): Promise<ConsentRecord>;
  decide(request: DecisionRequest): Promise<Decision>;
  safeDecide(request: DecisionRequest): Promise<SafeDecision>;
  assertAllowed(request: DecisionRequest): Promise<Decision>;
  prepare(template: DecisionTemplate): PreparedDecision<Promise<Decision>>;
  close(): void;
}

/**
 * Creates a decider over a synchronous store. decide() compiles the request,
 * reads the subject's consents from a per-subject cache (invalidated by the
 * store's change hook, so withdrawal is immediate) and applies C-BASIS,
 * C-CONSENT, C-WITHDRAW, C-SEP-*, C-MINOR, C-MINIMUM, C-NO-DUP and C-RETENTION.
 *
 * @param options - store, purposes, catalog, subjects, clock…
 * @returns the decider
 * @throws {ValidationError} on invalid options
 * @example
 * ```ts
 * import { createConsentDecider, createMemoryConsentStore } from 'dataguard/consent';
 * const decider = createConsentDecider({ store: createMemoryConsentStore() });
 * decider.decide({ subject: { id: 's1', birthDate: '1990-01-01' }, purpose: 'statistics',
 *   processing: 'use', fields: [{ name: 'age_band' }] }).allowed; // true: no PI
 * ```
 */
export function createConsentDecider(
  options: ConsentDeciderOptions<SyncConsentStore>,
): ConsentDecider {
  const engine = createEngine(options);
  const decide = (request: DecisionRequest): Decision => sync(decideWith(engine, request));
  return {
    purposes: engine.taxonomy,
    store: options.store,
    publishNotice: (notice) => sync(publishNotice(engine, notice)),
    recordConsent: (input) => sync(recordConsent(engine, input)),
    withdrawConsent: (id, change) => sync(changeConsent(engine, id, 'withdrawn', change)),
    renewConsent: (id, change) => sync(changeConsent(engine, id, 'renewed', change)),
    revokeConsent: (id, change) => sync(changeConsent(engine, id, 'revoked', change)),
    expireConsent: (id, change) => sync(changeConsent(engine, id, 'expired', change)),
    decide,
    safeDecide: (request) => safely(() => decide(request)),
    assertAllowed: (request) => assertDecision(decide(request)),
    prepare(template) {
      const prepared = preparer(engine, template);
      return { decide: (subject, at) => sync(prepared(subject, at)) };
    },
    ...publicDataApi<'sync'>(
      engine,
      (run) => sync(run()),
      (run) => safely(() => sync(run())),
    ),
    close: () => engine.close(),
  };
}

/**
 * Creates a decider over any store (SQLite, PostgreSQL, memory…); every method
 * returns a promise. Same rules and cache as {@link createConsentDecider}.
 *
 * @param options - store, purposes, catalog, subjects, clock…
 * @returns the decider
 * @throws {ValidationError} on invalid options
 * @example
 * ```ts
 * import { createAsyncConsentDecider, createMemoryConsentStore } from 'dataguard/consent';
 * const decider = createAsyncConsentDecider({ store: createMemoryConsentStore() });
 * const decision = await decider.decide({ subject: { id: 's1', birthDate: '1990-01-01' },
 *   purpose: 'statistics', processing: 'use', fields: [{ name: 'age_band' }] });
 * decision.allowed; // true (no personal information)
 * ```
 */
export function createAsyncConsentDecider(options: ConsentDeciderOptions): AsyncConsentDecider {
  const engine = createEngine(options);
  const lift = <T>(run: () => Awaitable<T>): Promise<T> => {
    try {
      return Promise.resolve(run());
    } catch (error) {
      return Promise.reject(error);
    }
  };
  const decide = (request: DecisionRequest): Promise<Decision> =>
    lift(() => decideWith(engine, request));
  return {
    purposes: engine.taxonomy,
    store: options.store,
    publishNotice: (notice) => lift(() => publishNotice(engine, notice)),
    recordConsent: (input) => lift(() => recordConsent(engine, input)),
    withdrawConsent: (id, change) => lift(() => changeConsent(engine, id, 'withdrawn', change)),
    renewConsent: (id, change) => lift(() => changeConsent(engine, id, 'renewed', change)),
    revokeConsent: (id, change) => lift(() => changeConsent(engine, id, 'revoked', change)),
    expireConsent: (id, change) => lift(() => changeConsent(engine, id, 'expired', change)),
    decide,
    safeDecide: (request) => safelyAsync(() => decide(request)),
    assertAllowed: (request) => decide(request).then(assertDecision),
    prepare(template) {
      const prepared = preparer(engine, template);
      return { decide: (subject, at) => lift(() => prepared(subject, at)) };
    },
    ...publicDataApi<'async'>(engine, lift, (run) => safelyAsync(() => lift(run))),
    close: () => engine.close(),
  };
}

function decideWith(engine: Engine, request: DecisionRequest): Awaitable<Decision> {
  const compiled = engine.compileCached(request);
  const at = engine.now(request.at, 'request.at');
  return engine.decideCompiled(compiled, request.subject, at);
}

function preparer(
  engine: Engine,
  template: DecisionTemplate,
): (subject: string | SubjectRecord, at?: string | number | Date) => Awaitable<Decision> {
  assertRecord(template, 'template');
  // Copy the template so later changes by the caller do not leak in.
  let frozen: DecisionTemplate;
  try {
    frozen = structuredClone(template);
  } catch {
    // Functions, Symbols and the like cannot be copied: the template must be plain
    // data. The clone error is not kept as the cause: its message quotes values.
    throw new ValidationError('template must be plain data (no functions or symbols)', {
      path: 'template',
      reason: 'invalid-argument',
    });
  }
  let compiled: CompiledRequest = engine.compile(frozen);
  return (subject, at) => {
    if (compiled.taxonomyVersion !== engine.taxonomy.version) compiled = engine.compile(frozen);
    return engine.decideCompiled(compiled, subject, engine.now(at, 'at'));
  };
}

/**
 * Returns an allowed decision, or throws a ConsentError naming the rules that denied it.
 *
 * @param decision - the decision
 * @returns the decision when allowed
 * @throws {ConsentError} reason = the first denying code; details.rules / details.codes list them all
 */
export function assertDecision(decision: Decision): Decision {
  if (decision.allowed) return decision;
  const failing = decision.reasons.filter((r) => r.effect !== 'pass');
  const rules = [...new Set(failing.map((r) => r.rule))];
  const codes = [...new Set(failing.map((r) => r.code))];
  const first = failing[0];
  const summary = failing
    .slice(0, 5)
    .map((r) => `${r.rule} ${r.code} (${r.article})`)
    .join('; ');
  throw new ConsentError(`request denied: ${summary || 'no field may be processed'}`, {
    reason: first?.code ?? 'denied',
    path: first?.rule ?? 'request',
    details: { rules, codes },
  });
}
