import type { Duration } from 'date-fns';
import {
  categoryBit,
  maskOf,
  processingBit,
  SEP_DISCLOSE,
  SEP_PROVIDE,
  SEP_SENSITIVE,
  SEP_XBORDER,
} from './bits.ts';
import type { ConsentRecord, ConsentState } from './consent-record.ts';
import { parseDuration, shiftByDuration } from './duration.ts';
import type { Notice } from './notice.ts';
import { orderNoticeVersions } from './notice-order.ts';
import { compiledPurpose, type PurposeTaxonomy } from './purposes.ts';
import { type Obligation, obligation } from './reason.ts';

/** What decide() reads of a notice version: interned purposes, processing and category masks. Internal. */
export interface NoticeMasks {
  /** Interned ids of the version's purposes. */
  readonly purposes: readonly number[];
  readonly processing: number;
  readonly categories: number;
}

/** One version of a notice, compiled. Internal. */
export interface CompiledNoticeVersion extends NoticeMasks {
  readonly version: string;
  /** Epoch milliseconds of publication. */
  readonly publishedAt: number;
}

/**
 * Every version of a notice, compiled; shared by every consent given under any
 * of them. The highest version's masks sit on the state itself, so the common
 * case (a decision after the latest publication) costs no extra object hop. Internal.
 */
export interface NoticeState extends NoticeMasks {
  readonly id: string;
  /** Position in the engine's list of notice states (consents refer to it by number). */
  readonly index: number;
  /** The versions, oldest first (by version, then publication time). */
  versions: readonly CompiledNoticeVersion[];
  /** The notices behind `versions`, in the same order. */
  notices: readonly Notice[];
  /** The highest version's masks and publication time (`Infinity` when there is none). */
  purposes: readonly number[];
  processing: number;
  categories: number;
  currentFrom: number;
  /** The taxonomy version the purposes were interned at. */
  taxonomyVersion: number;
}

const NO_NOTICE: CompiledNoticeVersion = Object.freeze({
  version: '',
  publishedAt: -Infinity,
  purposes: Object.freeze([]),
  processing: 0,
  categories: 0,
});

/**
 * Sets the versions of a notice state (in any order; they are ordered here).
 *
 * @param state - the state to update in place
 * @param versions - every stored version
 * @param taxonomy - the purpose taxonomy
 */
export function setNoticeVersions(
  state: NoticeState,
  versions: readonly Notice[],
  taxonomy: PurposeTaxonomy,
): void {
  const ordered = orderNoticeVersions(versions);
  state.notices = ordered;
  state.versions = ordered.map((notice) => ({
    version: notice.version,
    publishedAt: Date.parse(notice.publishedAt),
    purposes: internPurposes(notice.purposes, taxonomy),
    processing: maskOf(processingBit, notice.processing),
    categories: maskOf(categoryBit, notice.piCategories),
  }));
  const current = state.versions[state.versions.length - 1];
  state.purposes = current?.purposes ?? [];
  state.processing = current?.processing ?? 0;
  state.categories = current?.categories ?? 0;
  state.currentFrom = current?.publishedAt ?? Infinity;
  state.taxonomyVersion = taxonomy.version;
}

/**
 * Adds (or replaces) one version of a notice state.
 *
 * @param state - the state to update in place
 * @param notice - the version
 * @param taxonomy - the purpose taxonomy
 */
export function addNoticeVersion(
  state: NoticeState,
  notice: Notice,
  taxonomy: PurposeTaxonomy,
): void {
  const others = state.notices.filter((v) => v.version !== notice.version);
  setNoticeVersions(state, [...others, notice], taxonomy);
}

/**
 * The notice version a consent is judged against at an instant: the highest
 * version published by then, or, before any was, the version the subject saw.
 * decide() reads the state itself when `at` is at or after `currentFrom`.
 *
 * @param state - the notice state
 * @param at - epoch milliseconds
 * @param seen - the version the consent records
 * @returns the compiled version (with empty masks when the notice has none)
 */
export function noticeVersionAt(
  state: NoticeState,
  at: number,
  seen: string,
): CompiledNoticeVersion {
  const versions = state.versions;
  for (let i = versions.length - 1; i >= 0; i--) {
    const v = versions[i] as CompiledNoticeVersion;
    if (v.publishedAt <= at) return v;
  }
  for (const v of versions) if (v.version === seen) return v;
  return NO_NOTICE;
}

/** Consent states as small integers. */
export const ACTIVE = 0;
/** Before validity starts. */
export const PENDING = 1;
/** Validity ended. */
export const EXPIRED = 2;
/** Withdrawn by the subject or guardian. */
export const WITHDRAWN = 3;
/** Revoked by another party. */
export const REVOKED = 4;
/** Refused. */
export const REFUSED = 5;

const STATE_CODE: Readonly<Record<ConsentState, number>> = {
  pending: PENDING,
  given: ACTIVE,
  renewed: ACTIVE,
  withdrawn: WITHDRAWN,
  revoked: REVOKED,
  expired: EXPIRED,
  refused: REFUSED,
};

/**
 * The rarely touched part of a compiled consent (ids, parties, notice, caches).
 * The numbers decide() reads for every consent live in {@link SubjectConsents}. Internal.
 */
export interface CompiledConsent {
  readonly id: string;
  readonly record: ConsentRecord;
  readonly handler: string;
  readonly recipients: ReadonlySet<string>;
  readonly giver: string;
  readonly notice: NoticeState;
  /** The notice version the subject saw (C-NOTICE). */
  readonly noticeVersion: string;
  /** The notice's retention period, parsed (counted from collection when a request names it). */
  readonly retention: Duration;
  /** Retention ends under purposes that declare their own period, by purpose index. */
  byPurpose: Map<number, number> | undefined;
}

// SubjectConsents.num holds, in one allocation: where each consent's interned
// purposes start (count + 1 indices), the purposes, then STRIDE numbers per
// consent from `blocks` on, then the event triples. Purposes come first because
// decide() checks every consent's purposes but reads the rest only of those
// that cover the request: with 100,000 subjects decide() is bound by cache
// misses, and this keeps the scan over five consents within one or two lines.
/** Offset of the time consent was given. */
export const N_GIVEN = 0;
/** Offset of the start of validity. */
const N_FROM = 1;
/** Offset of the end of the notice's retention period, counted from N_GIVEN. */
export const N_RETENTION = 2;
/** Offset of the processing mask. */
export const N_PROCESSING = 3;
/** Offset of the PI category mask. */
export const N_CATEGORIES = 4;
/** Offset of the separate-consent mask. */
export const N_SEPARATE = 5;
/** Offset of 1 when a guardian gave the consent. */
export const N_GUARDIAN = 6;
/** Offset of the index in `num` of the first event (triples: time, state, validity end). */
const N_EVENTS = 7;
/** Offset of the number of events. */
const N_EVENT_COUNT = 8;
/** Offset of the consent's notice state (its index in the engine's list). */
export const N_NOTICE = 9;
/** Numbers per consent. */
export const STRIDE = 10;

/**
 * One subject's consents, compiled for decide() as flat typed arrays so a
 * decision touches a few cache lines instead of several objects per consent.
 * Internal.
 */
export interface SubjectConsents {
  readonly count: number;
  /** Purpose starts, interned purposes (-1: unknown), per-consent numbers, event triples. */
  readonly num: Float64Array;
  /** Index in `num` of the first consent's numbers. */
  readonly blocks: number;
  readonly consents: readonly CompiledConsent[];
  /**
   * Per consent k: at 2k its `[id]`, frozen, and at 2k + 1 the delete-by
   * obligation of its own retention end, made on first use. One array, so
   * allowing touches one more object, not one per consent or two arrays.
   */
  readonly aux: (readonly string[] | Obligation | undefined)[];
}

/** A subject without consents. */
export const NO_CONSENTS: SubjectConsents = {
  count: 0,
  num: new Float64Array(0),
  blocks: 0,
  consents: [],
  aux: [],
};

const NO_RECIPIENTS: ReadonlySet<string> = new Set();

/**
 * Compiles a subject's consent records.
 *
 * @param records - the records
 * @param noticeOf - the notice state of a notice id
 * @param taxonomy - the purpose taxonomy
 * @param offsetMinutes - civil time zone for durations
 * @returns the compiled consents
 */
export function compileSubject(
  records: readonly ConsentRecord[],
  noticeOf: (id: string) => NoticeState,
  taxonomy: PurposeTaxonomy,
  offsetMinutes: number,
): SubjectConsents {
  const count = records.length;
  if (count === 0) return NO_CONSENTS;
  let eventCount = 0;
  let purposeCount = 0;
  for (const record of records) {
    eventCount += record.events.length;
    purposeCount += record.purposes.length;
  }
  const blocks = count + 1 + purposeCount;
  const num = new Float64Array(blocks + count * STRIDE + eventCount * 3);
  const consents: CompiledConsent[] = [];
  const aux: (readonly string[] | Obligation | undefined)[] = [];
  let e = blocks + count * STRIDE;
  let p = count + 1;
  for (let k = 0; k < count; k++) {
    const record = records[k] as ConsentRecord;
    const base = blocks + k * STRIDE;
    num[base + N_EVENTS] = e;
    num[base + N_EVENT_COUNT] = record.events.length;
    let until = record.validity.until === undefined ? Infinity : Date.parse(record.validity.until);
    for (const event of record.events) {
      if (event.type === 'renewed' && event.until !== undefined) until = Date.parse(event.until);
      num[e++] = Date.parse(event.at);
      num[e++] = STATE_CODE[event.type];
      num[e++] = until;
    }
    const givenAt = Date.parse((record.events[0] as ConsentRecord['events'][number]).at);
    num[base + N_GIVEN] = givenAt;
    num[base + N_FROM] = Date.parse(record.validity.from);
    const retention = parseDuration(record.retention, 'consent.retention');
    num[base + N_RETENTION] = shiftByDuration(givenAt, retention, offsetMinutes);
    num[base + N_PROCESSING] = maskOf(processingBit, record.processing);
    num[base + N_CATEGORIES] = maskOf(categoryBit, record.piCategories);
    num[base + N_SEPARATE] =
      (record.separate.sensitive ? SEP_SENSITIVE : 0) |
      (record.separate.provide ? SEP_PROVIDE : 0) |
      (record.separate.disclose ? SEP_DISCLOSE : 0) |
      (record.separate.crossBorder ? SEP_XBORDER : 0);
    num[base + N_GUARDIAN] = record.givenBy.role === 'guardian' ? 1 : 0;
    num[k] = p;
    for (const id of record.purposes) num[p++] = compiledPurpose(taxonomy, id)?.index ?? -1;
    num[k + 1] = p;
    aux.push(Object.freeze([record.id]), undefined);
    const notice = noticeOf(record.notice.id);
    num[base + N_NOTICE] = notice.index;
    consents.push({
      id: record.id,
      record,
      handler: record.handler.id,
      recipients:
        record.recipients.length === 0
          ? NO_RECIPIENTS
          : new Set(record.recipients.map((party) => party.id)),
      giver: record.givenBy.id,
      notice,
      noticeVersion: record.notice.version,
      retention,
      byPurpose: undefined,
    });
  }
  return {
    count,
    num,
    blocks,
    consents,
    aux,
  };
}

/**
 * Where consent `k`'s numbers start in `num` (add N_GIVEN, N_FROM…).
 *
 * @param s - the subject's consents
 * @param k - the consent's index
 * @returns the index of its first number
 */
function blockOf(s: SubjectConsents, k: number): number {
  return s.blocks + k * STRIDE;
}

/**
 * The delete-by obligation of a consent's own retention period.
 *
 * @param s - the subject's consents
 * @param k - the consent's index
 * @returns the obligation (cached on the consent)
 */
export function retentionDueOf(s: SubjectConsents, k: number): Obligation {
  let due = s.aux[2 * k + 1] as Obligation | undefined;
  if (due === undefined) {
    due = obligation(
      'C-RETENTION',
      'PIPL Arts. 19, 47',
      'delete-by',
      'delete the PI when its retention period ends',
      { due: new Date(s.num[blockOf(s, k) + N_RETENTION] as number).toISOString() },
    );
    s.aux[2 * k + 1] = due;
  }
  return due;
}

/**
 * The state code of consent `k` at an instant.
 *
 * @param s - the subject's consents
 * @param k - the consent's index
 * @param at - epoch milliseconds
 * @returns ACTIVE, PENDING, EXPIRED, WITHDRAWN, REVOKED or REFUSED
 */
export function stateAt(s: SubjectConsents, k: number, at: number): number {
  const base = s.blocks + k * STRIDE;
  const num = s.num;
  const first = num[base + N_EVENTS] as number;
  let i = first + ((num[base + N_EVENT_COUNT] as number) - 1) * 3;
  while (i >= first && (num[i] as number) > at) i -= 3;
  if (i < first) return PENDING;
  const state = num[i + 1] as number;
  if (state !== ACTIVE) return state;
  if (at < (num[base + N_FROM] as number)) return PENDING;
  if (at >= (num[i + 2] as number)) return EXPIRED;
  return ACTIVE;
}

/**
 * Whether consent `k` covers a purpose, given the purpose's ancestors (itself first).
 *
 * @param s - the subject's consents
 * @param k - the consent's index
 * @param ancestors - interned ancestors of the requested purpose
 * @returns true when one of the consent's purposes is the purpose or an ancestor
 */
export function consentCovers(
  s: SubjectConsents,
  k: number,
  ancestors: readonly number[],
): boolean {
  const num = s.num;
  const from = num[k] as number;
  const to = num[k + 1] as number;
  for (let i = from; i < to; i++) {
    const g = num[i] as number;
    for (let j = 0; j < ancestors.length; j++) if (ancestors[j] === g) return true;
  }
  return false;
}

/**
 * Whether any of `granted` (interned purposes) is one of `ancestors` (a purpose and its ancestors).
 *
 * @param granted - interned purpose ids
 * @param ancestors - interned ancestors of the requested purpose, itself first
 * @returns true when covered
 */
export function coversPurpose(granted: readonly number[], ancestors: readonly number[]): boolean {
  for (let i = 0; i < granted.length; i++) {
    const g = granted[i] as number;
    for (let j = 0; j < ancestors.length; j++) if (ancestors[j] === g) return true;
  }
  return false;
}

function internPurposes(ids: readonly string[], taxonomy: PurposeTaxonomy): number[] {
  return ids.map((id) => compiledPurpose(taxonomy, id)?.index ?? -1);
}
