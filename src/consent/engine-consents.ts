import { all, andThen } from './awaitable.ts';
import {
  addNoticeVersion,
  compileSubject,
  NO_CONSENTS,
  type NoticeState,
  type SubjectConsents,
  setNoticeVersions,
} from './compiled-consent.ts';
import type { ConsentRecord } from './consent-record.ts';
import type { EngineState } from './engine-state.ts';
import type { Awaitable, ConsentStoreChange } from './store.ts';

/**
 * The compiled state of a notice (all its versions), loaded once and cached;
 * recompiled when the purpose taxonomy changed.
 *
 * @param state - the engine state
 * @param id - the notice id
 * @returns the notice state
 */
function noticeState(state: EngineState, id: string): Awaitable<NoticeState> {
  const { notices, taxonomy } = state;
  const cached = notices.get(id);
  if (cached !== undefined) {
    if (cached.taxonomyVersion !== taxonomy.version)
      setNoticeVersions(cached, cached.notices, taxonomy);
    return cached;
  }
  return andThen(state.store.noticeVersions(id), (versions) => {
    let notice = notices.get(id);
    if (notice === undefined) {
      notice = {
        id,
        index: state.noticeStates.length,
        versions: [],
        notices: [],
        purposes: [],
        processing: 0,
        categories: 0,
        currentFrom: Number.POSITIVE_INFINITY,
        taxonomyVersion: -1,
      };
      setNoticeVersions(notice, versions, taxonomy);
      notices.set(id, notice);
      state.noticeStates.push(notice);
    }
    return notice;
  });
}

/**
 * Compiles a subject's consent records against the notices they cite.
 *
 * @param state - the engine state
 * @param records - the subject's consent records
 * @returns the compiled consents
 */
function compileConsents(
  state: EngineState,
  records: readonly ConsentRecord[],
): Awaitable<SubjectConsents> {
  if (records.length === 0) return NO_CONSENTS;
  const ids = [...new Set(records.map((r) => r.notice.id))];
  return andThen(all(ids.map((id) => noticeState(state, id))), (states) => {
    const byId = new Map(states.map((s) => [s.id, s]));
    return compileSubject(
      records,
      (id) => byId.get(id) as NoticeState,
      state.taxonomy,
      state.offsetMinutes,
    );
  });
}

/**
 * A subject's compiled consents, from the cache or loaded from the store and
 * cached (unless a consent change raced the load); the oldest subject is
 * evicted when the cache is full.
 *
 * @param state - the engine state
 * @param subject - the subject id
 * @returns the compiled consents
 */
export function consentsOf(state: EngineState, subject: string): Awaitable<SubjectConsents> {
  const { subjects, taxonomy } = state;
  const entry = subjects.get(subject);
  if (entry !== undefined) {
    if (entry.version === taxonomy.version) return entry;
    return andThen(compileConsents(state, entry.records), (consents) => {
      entry.count = consents.count;
      entry.num = consents.num;
      entry.blocks = consents.blocks;
      entry.consents = consents.consents;
      entry.aux = consents.aux;
      entry.version = taxonomy.version;
      return consents;
    });
  }
  const started = state.epoch;
  const version = taxonomy.version;
  return andThen(state.store.consentsOf(subject), (records) =>
    andThen(compileConsents(state, records), (consents) => {
      if (started === state.epoch && state.cacheSize > 0) {
        if (subjects.size >= state.cacheSize) {
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

/**
 * Drops a subject's cached consents and marks loads in flight as stale.
 *
 * @param state - the engine state
 * @param subject - the subject id
 */
export function invalidateSubject(state: EngineState, subject: string): void {
  state.epoch++;
  state.subjects.delete(subject);
}

/**
 * Keeps the caches current on a store change: a consent change invalidates its
 * subject, a new notice version is added to the cached notice state.
 *
 * @param state - the engine state
 * @param change - the store's change
 */
export function applyStoreChange(state: EngineState, change: ConsentStoreChange): void {
  if (change.type === 'consent') {
    invalidateSubject(state, change.record.subject);
  } else if (change.type === 'notice') {
    const notice = state.notices.get(change.notice.id);
    if (notice !== undefined) addNoticeVersion(notice, change.notice, state.taxonomy);
  }
}
