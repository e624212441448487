import { assertRecord } from '../core/assert.ts';
import { toHex } from '../core/bytes.ts';
import type { Clock } from '../core/clock.ts';
import { systemClock } from '../core/clock.ts';
import type { RandomSource } from '../core/random.ts';
import { systemRandom } from '../core/random.ts';
import { ValidationError } from '../errors/kinds.ts';
import type { Catalog } from '../tags/catalog.ts';
import { all, andThen, isPromise } from './awaitable.ts';
import {
  addNoticeVersion,
  type CompiledConsent,
  compileSubject,
  NO_CONSENTS,
  type NoticeState,
  type SubjectConsents,
  setNoticeVersions,
} from './compiled-consent.ts';
import type { ConsentRecord } from './consent-record.ts';
import { FIELD, type FieldReasonName } from './decide-reasons.ts';
import type { Decision } from './decision.ts';
import { type EvalContext, evaluate } from './evaluate.ts';
import { toZonedInstant } from './instant.ts';
import { createPurposeTaxonomy, type PurposeTaxonomy } from './purposes.ts';
import { type Obligation, type Reason, reason } from './reason.ts';
import {
  type CompileContext,
  type CompiledRequest,
  compileRequest,
  type DecisionTemplate,
} from './request.ts';
import { createRequestCache } from './request-cache.ts';
import type { Awaitable, ConsentStore } from './store.ts';
import {
  type SubjectDirectory,
  type SubjectFields,
  type SubjectInfo,
  type SubjectRecord,
  subjectReader,
} from './subject.ts';
import { DEFAULT_TIME_ZONE, fixedTimeZone, resolveTimeZone, type TimeZone } from './time-zone.ts';

/** A registry of statutory duties (权责清单) that share requests can cite by id. */
export interface DutyRegistry {
  /** The duty `id` of party `party`, or undefined when it has no such duty. */
  get(party: string, id: string): DutyDefinition | undefined;
}

/** A statutory duty of a department and the public data it needs for it (S-TYPES, S-PURPOSE). */
export interface DutyDefinition {
  readonly id: string;
  /** The law or article that gives the duty. */
  readonly law: string;
  /** The datasets (and fields) the duty needs; conditional fields outside it are withheld. */
  readonly scope: readonly {
    readonly dataset: string;
    readonly fields?: readonly string[] | undefined;
  }[];
}

/** Options of a consent decider. */
export interface ConsentDeciderOptions<S extends ConsentStore = ConsentStore> {
  /** Where notices, consents, grants and objections live. */
  readonly store: S;
  /** The purpose taxonomy; defaults to the seeded agency taxonomy. */
  readonly purposes?: PurposeTaxonomy;
  /** The catalog that resolves dataset references and public-data tags. */
  readonly catalog?: Catalog;
  /** Looks subjects up by id. */
  readonly subjects?: SubjectDirectory;
  /** Property names of birth date, resident ID and guardians in subject records. */
  readonly subjectFields?: SubjectFields;
  readonly clock?: Clock;
  readonly random?: RandomSource;
  /**
   * The civil time zone: date-only and offset-less inputs are read in it, and
   * ages and durations are counted on its calendar. An IANA name of a zone
   * without daylight saving, or `±hh:mm` (default `Asia/Shanghai`).
   */
  readonly timeZone?: string;
  /** The civil time zone as minutes east of UTC (the older form of `timeZone`; give one of them). */
  readonly timeZoneOffsetMinutes?: number;
  /** Statutory duties that share requests may cite by id. */
  readonly duties?: DutyRegistry;
  /** Most subjects whose compiled consents are cached (default 1,000,000; 0 disables the cache). */
  readonly cacheSize?: number;
}

/** The shared machinery behind the sync and async deciders. Internal. */
export interface Engine {
  readonly store: ConsentStore;
  readonly taxonomy: PurposeTaxonomy;
  readonly catalog: Catalog | undefined;
  readonly duties: DutyRegistry | undefined;
  readonly clock: Clock;
  readonly offsetMinutes: number;
  /** The civil time zone inputs without an offset are read in. */
  readonly zone: TimeZone;
  readonly compileContext: CompileContext;
  now(at: string | number | Date | undefined, name: string): number;
  newId(prefix: string): string;
  compile(template: DecisionTemplate): CompiledRequest;
  /** compile() through the per-`fields` cache used by decide(request). */
  compileCached(template: DecisionTemplate): CompiledRequest;
  decideCompiled(
    req: CompiledRequest,
    subject: string | SubjectRecord,
    at: number,
  ): Awaitable<Decision>;
  invalidateSubject(subject: string): void;
  close(): void;
}

/**
 * Creates the engine: caches compiled consents per subject and notice states
 * per notice, and keeps them current through the store's change hook.
 *
 * @param options - the decider options
 * @returns the engine
 */
export function createEngine(options: ConsentDeciderOptions): Engine {
  assertRecord(options, 'options');
  const store = options.store;
  if (store === null || typeof store !== 'object' || typeof store.consentsOf !== 'function') {
    throw new ValidationError('options.store must be a ConsentStore', {
      path: 'options.store',
      reason: 'invalid-option',
    });
  }
  const taxonomy = options.purposes ?? createPurposeTaxonomy();
  const catalog = options.catalog;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? systemRandom;
  const zone = engineZone(options, clock);
  const offsetMinutes = zone.fixedOffset;
  const cacheSize = options.cacheSize ?? 1_000_000;
  const readSubject = subjectReader(options.subjectFields ?? {}, zone);
  const directory = options.subjects;

  const fieldReasons = new Map<FieldReasonName, Map<string, Reason>>();
  function fieldReason(template: FieldReasonName, field: string): Reason {
    let byField = fieldReasons.get(template);
    if (byField === undefined) {
      byField = new Map();
      fieldReasons.set(template, byField);
    }
    let r = byField.get(field);
    if (r === undefined) {
      const [effect, rule, article, code, message] = FIELD[template];
      r = reason(effect, rule, article, code, message, field);
      // Field names come from callers; bound the cache rather than trust them.
      if (byField.size < 65_536) byField.set(field, r);
    }
    return r;
  }
  const compileContext: CompileContext = { taxonomy, catalog, fieldReason, offsetMinutes, zone };
  const requestCache = createRequestCache(
    (template) => compileRequest(compileContext, template),
    catalog,
  );
  const noticeStates: NoticeState[] = [];
  const evalContext: EvalContext = {
    notices: noticeStates,
    fieldReason,
    offsetMinutes,
    ok: new Uint8Array(64),
    fail: new Uint8Array(64),
    dueCache: new Map(),
    basisReasons: new Map(),
  };

  // A cached subject is both the SubjectInfo and the SubjectConsents decide()
  // reads: with 100,000 subjects decide() is bound by cache misses, so every
  // object hop saved on the way to the consent numbers counts.
  interface SubjectEntry extends SubjectInfo, SubjectConsents {
    id: string;
    reaches14: number;
    guardians: ReadonlySet<string> | undefined;
    count: number;
    num: Float64Array;
    blocks: number;
    consents: readonly CompiledConsent[];
    aux: (readonly string[] | Obligation | undefined)[];
    readonly records: readonly ConsentRecord[];
    version: number;
    /** The subject record the info was read from. */
    record: SubjectRecord | undefined;
  }
  const subjects = new Map<string, SubjectEntry>();
  const notices = new Map<string, NoticeState>();
  // Bumped by every consent change; a load that raced one is not cached.
  let epoch = 0;

  const unsubscribe = store.subscribe((change) => {
    if (change.type === 'consent') {
      epoch++;
      subjects.delete(change.record.subject);
    } else if (change.type === 'notice') {
      const state = notices.get(change.notice.id);
      if (state !== undefined) addNoticeVersion(state, change.notice, taxonomy);
    }
  });

  function noticeState(id: string): Awaitable<NoticeState> {
    const cached = notices.get(id);
    if (cached !== undefined) {
      if (cached.taxonomyVersion !== taxonomy.version)
        setNoticeVersions(cached, cached.notices, taxonomy);
      return cached;
    }
    return andThen(store.noticeVersions(id), (versions) => {
      let state = notices.get(id);
      if (state === undefined) {
        state = {
          id,
          index: noticeStates.length,
          versions: [],
          notices: [],
          purposes: [],
          processing: 0,
          categories: 0,
          currentFrom: Number.POSITIVE_INFINITY,
          taxonomyVersion: -1,
        };
        setNoticeVersions(state, versions, taxonomy);
        notices.set(id, state);
        noticeStates.push(state);
      }
      return state;
    });
  }

  function compileAll(records: readonly ConsentRecord[]): Awaitable<SubjectConsents> {
    if (records.length === 0) return NO_CONSENTS;
    const ids = [...new Set(records.map((r) => r.notice.id))];
    return andThen(all(ids.map(noticeState)), (states) => {
      const byId = new Map(states.map((s) => [s.id, s]));
      return compileSubject(records, (id) => byId.get(id) as NoticeState, taxonomy, offsetMinutes);
    });
  }

  function consentsOf(subject: string): Awaitable<SubjectConsents> {
    const entry = subjects.get(subject);
    if (entry !== undefined) {
      if (entry.version === taxonomy.version) return entry;
      return andThen(compileAll(entry.records), (consents) => {
        entry.count = consents.count;
        entry.num = consents.num;
        entry.blocks = consents.blocks;
        entry.consents = consents.consents;
        entry.aux = consents.aux;
        entry.version = taxonomy.version;
        return consents;
      });
    }
    const started = epoch;
    const version = taxonomy.version;
    return andThen(store.consentsOf(subject), (records) =>
      andThen(compileAll(records), (consents) => {
        if (started === epoch && cacheSize > 0) {
          if (subjects.size >= cacheSize) {
            // Evict the oldest entry (insertion order); cheap and bounded.
            const oldest = subjects.keys().next().value;
            if (oldest !== undefined) subjects.delete(oldest);
          }
          subjects.set(subject, {
            id: subject,
            reaches14: Number.NaN,
            guardians: undefined,
            count: consents.count,
            num: consents.num,
            blocks: consents.blocks,
            consents: consents.consents,
            aux: consents.aux,
            records,
            version,
            record: undefined,
          });
        }
        return consents;
      }),
    );
  }

  function subjectRecord(subject: string | SubjectRecord): Awaitable<SubjectRecord | undefined> {
    if (typeof subject === 'string') {
      if (directory === undefined) return undefined;
      const found = directory.get(subject);
      // No closure on the synchronous path (decide() is called millions of times).
      if (isPromise(found)) return found.then((record) => sameSubject(record, subject));
      return sameSubject(found, subject);
    }
    if (
      subject === null ||
      typeof subject !== 'object' ||
      typeof subject.id !== 'string' ||
      subject.id === ''
    ) {
      throw new ValidationError('request.subject must be a subject id or a record with an id', {
        path: 'request.subject',
        reason: 'invalid-request',
      });
    }
    return subject;
  }

  function decideCompiled(
    req: CompiledRequest,
    subject: string | SubjectRecord,
    at: number,
  ): Awaitable<Decision> {
    const record = subjectRecord(subject);
    if (isPromise(record)) return record.then((r) => withSubject(req, r, at));
    return withSubject(req, record, at);
  }

  function withSubject(
    req: CompiledRequest,
    record: SubjectRecord | undefined,
    at: number,
  ): Awaitable<Decision> {
    if (record === undefined) return evaluate(evalContext, req, undefined, NO_CONSENTS, at);
    if (req.purpose === undefined || req.fields.unknown !== undefined) {
      return evaluate(evalContext, req, readSubject(record), NO_CONSENTS, at);
    }
    const entry = subjects.get(record.id);
    if (entry !== undefined && entry.version === taxonomy.version) {
      if (entry.record !== record) {
        const info = readSubject(record);
        entry.reaches14 = info.reaches14;
        entry.guardians = info.guardians;
        entry.record = record;
      }
      return evaluate(evalContext, req, entry, entry, at);
    }
    const info = readSubject(record);
    const consents = consentsOf(record.id);
    if (isPromise(consents)) return consents.then((c) => evaluate(evalContext, req, info, c, at));
    return evaluate(evalContext, req, info, consents, at);
  }

  return {
    store,
    taxonomy,
    catalog,
    duties: options.duties,
    clock,
    offsetMinutes,
    zone,
    compileContext,
    now: (at, name) => (at === undefined ? clock() : toZonedInstant(at, zone, name)),
    newId: (prefix) => `${prefix}-${toHex(random(new Uint8Array(16)))}`,
    compile: (template) => compileRequest(compileContext, template),
    compileCached: (template) => {
      if (template === null || typeof template !== 'object') {
        return compileRequest(compileContext, template);
      }
      return requestCache.get(template, taxonomy.version);
    },
    decideCompiled,
    invalidateSubject(subject) {
      epoch++;
      subjects.delete(subject);
    },
    close: unsubscribe,
  };
}

// The zone from `timeZone` or `timeZoneOffsetMinutes` (not both), default Asia/Shanghai.
function engineZone(options: ConsentDeciderOptions, clock: Clock): TimeZone {
  const minutes = options.timeZoneOffsetMinutes;
  if (minutes !== undefined) {
    if (!Number.isInteger(minutes) || Math.abs(minutes) > 14 * 60) {
      throw new ValidationError(
        'options.timeZoneOffsetMinutes must be whole minutes within ±14 h',
        {
          path: 'options.timeZoneOffsetMinutes',
          reason: 'invalid-option',
        },
      );
    }
    if (options.timeZone !== undefined) {
      throw new ValidationError(
        'give options.timeZone or options.timeZoneOffsetMinutes, not both',
        {
          path: 'options.timeZone',
          reason: 'invalid-option',
        },
      );
    }
    return fixedTimeZone(minutes);
  }
  return resolveTimeZone(options.timeZone ?? DEFAULT_TIME_ZONE, clock());
}

function sameSubject(record: SubjectRecord | undefined, id: string): SubjectRecord | undefined {
  return record === undefined || record === null || record.id !== id ? undefined : record;
}
