import { canonicalJson } from '../core/canonical-json.ts';
import { deepFreeze } from '../core/deep-freeze.ts';
import { StoreError } from '../errors/kinds.ts';
import { applyConsentEvent, type ConsentEvent, type ConsentRecord } from './consent-record.ts';
import { applyGrantEvent, type Grant, type GrantEvent } from './grant.ts';
import type { Notice } from './notice.ts';
import { applyObjectionEvent, type Objection, type ObjectionEvent } from './objection.ts';
import type { ConsentStoreChange, SyncConsentStore } from './store.ts';

/**
 * Creates an in-memory consent store. Records are frozen copies, so callers
 * cannot change what the store holds; indexes by subject, grantee and dataset
 * keep lookups O(1). Listeners are called synchronously after each write.
 *
 * @returns the store
 * @example
 * ```ts
 * import { createMemoryConsentStore } from 'dataguard/consent';
 * const store = createMemoryConsentStore();
 * store.consentsOf('subject-1'); // []
 * ```
 */
export function createMemoryConsentStore(): SyncConsentStore {
  const notices = new Map<string, Notice[]>();
  const consents = new Map<string, ConsentRecord>();
  const bySubject = new Map<string, string[]>();
  const grants = new Map<string, Grant>();
  const byGrantee = new Map<string, string[]>();
  const objections = new Map<string, Objection>();
  const byDataset = new Map<string, string[]>();
  const listeners = new Set<(change: ConsentStoreChange) => void>();

  function emit(change: ConsentStoreChange): void {
    for (const listener of [...listeners]) listener(change);
  }

  function insert<T extends { readonly id: string }>(
    table: Map<string, T>,
    index: Map<string, string[]>,
    key: string,
    value: T,
    what: string,
  ): boolean {
    const existing = table.get(value.id);
    if (existing !== undefined) {
      if (canonicalJson(existing) === canonicalJson(value)) return false;
      throw new StoreError(`${what} ${value.id} already exists with different content`, {
        path: `${what}.id`,
        reason: 'conflict',
      });
    }
    const copy = frozenCopy(value);
    table.set(value.id, copy);
    const list = index.get(key);
    if (list === undefined) index.set(key, [value.id]);
    else list.push(value.id);
    return true;
  }

  function found<T>(value: T | undefined, what: string, id: string): T {
    if (value === undefined) {
      throw new StoreError(`unknown ${what} ${id}`, { path: `${what}.id`, reason: 'not-found' });
    }
    return value;
  }

  function list<T>(table: Map<string, T>, ids: readonly string[] | undefined): readonly T[] {
    return ids === undefined ? [] : ids.map((id) => table.get(id) as T);
  }

  return {
    putNotice(notice) {
      const versions = notices.get(notice.id) ?? [];
      const existing = versions.find((v) => v.version === notice.version);
      if (existing !== undefined) {
        if (canonicalJson(existing) === canonicalJson(notice)) return;
        throw new StoreError(
          `notice ${notice.id} version ${notice.version} already exists with different content; publish a new version`,
          { path: 'notice.version', reason: 'conflict' },
        );
      }
      const copy = frozenCopy(notice);
      versions.push(copy);
      notices.set(notice.id, versions);
      emit({ type: 'notice', notice: copy });
    },
    getNotice(id, version) {
      const versions = notices.get(id);
      if (versions === undefined) return undefined;
      return version === undefined
        ? versions[versions.length - 1]
        : versions.find((v) => v.version === version);
    },
    noticeVersions: (id) => [...(notices.get(id) ?? [])],
    putConsent(record) {
      if (insert(consents, bySubject, record.subject, record, 'consent')) {
        emit({ type: 'consent', record: consents.get(record.id) as ConsentRecord });
      }
    },
    appendConsentEvent(id: string, event: ConsentEvent) {
      const next = applyConsentEvent(found(consents.get(id), 'consent', id), event);
      consents.set(id, next);
      emit({ type: 'consent', record: next });
      return next;
    },
    getConsent: (id) => consents.get(id),
    consentsOf: (subject) => list(consents, bySubject.get(subject)),
    putGrant(grant) {
      if (insert(grants, byGrantee, grant.grantee.id, grant, 'grant')) {
        emit({ type: 'grant', grant: grants.get(grant.id) as Grant });
      }
    },
    appendGrantEvent(id: string, event: GrantEvent) {
      const next = applyGrantEvent(found(grants.get(id), 'grant', id), event);
      grants.set(id, next);
      emit({ type: 'grant', grant: next });
      return next;
    },
    getGrant: (id) => grants.get(id),
    grantsOf: (grantee) => list(grants, byGrantee.get(grantee)),
    putObjection(objection) {
      if (insert(objections, byDataset, objection.dataset, objection, 'objection')) {
        emit({ type: 'objection', objection: objections.get(objection.id) as Objection });
      }
    },
    appendObjectionEvent(id: string, event: ObjectionEvent) {
      const next = applyObjectionEvent(found(objections.get(id), 'objection', id), event);
      objections.set(id, next);
      emit({ type: 'objection', objection: next });
      return next;
    },
    getObjection: (id) => objections.get(id),
    objectionsOf: (dataset) => list(objections, byDataset.get(dataset)),
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

// Deeply frozen records (as recordConsent and defineNotice make them) cannot be
// changed by anyone, so they are kept as they are; anything else is copied first.
function frozenCopy<T>(value: T): T {
  return isDeepFrozen(value) ? value : deepFreeze(structuredClone(value));
}

function isDeepFrozen(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (!Object.isFrozen(value)) return false;
  for (const item of Object.values(value)) if (!isDeepFrozen(item)) return false;
  return true;
}
