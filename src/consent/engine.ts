import { assertRecord } from '../core/assert.ts';
import { toHex } from '../core/bytes.ts';
import type { Clock } from '../core/clock.ts';
import { systemClock } from '../core/clock.ts';
import type { RandomSource } from '../core/random.ts';
import { systemRandom } from '../core/random.ts';
import { ValidationError } from '../errors/kinds.ts';
import type { Catalog } from '../tags/catalog.ts';
import type { NoticeState } from './compiled-consent.ts';
import type { Decision } from './decision.ts';
import { applyStoreChange, invalidateSubject } from './engine-consents.ts';
import { decideCompiled } from './engine-decide.ts';
import { type EngineState, fieldReasonCache } from './engine-state.ts';
import { toZonedInstant } from './instant.ts';
import { createPurposeTaxonomy, type PurposeTaxonomy } from './purposes.ts';
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

  const fieldReason = fieldReasonCache();
  const compileContext: CompileContext = { taxonomy, catalog, fieldReason, offsetMinutes, zone };
  const requestCache = createRequestCache(
    (template) => compileRequest(compileContext, template),
    catalog,
  );
  const noticeStates: NoticeState[] = [];
  const state: EngineState = {
    store,
    taxonomy,
    offsetMinutes,
    cacheSize: options.cacheSize ?? 1_000_000,
    readSubject: subjectReader(options.subjectFields ?? {}, zone),
    directory: options.subjects,
    subjects: new Map(),
    notices: new Map(),
    noticeStates,
    evalContext: {
      notices: noticeStates,
      fieldReason,
      offsetMinutes,
      ok: new Uint8Array(64),
      fail: new Uint8Array(64),
      dueCache: new Map(),
      basisReasons: new Map(),
    },
    epoch: 0,
  };
  const unsubscribe = store.subscribe((change) => applyStoreChange(state, change));

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
    decideCompiled: (req, subject, at) => decideCompiled(state, req, subject, at),
    invalidateSubject: (subject) => invalidateSubject(state, subject),
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
