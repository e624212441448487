import { applyConsentEvent } from '../../consent/consent-record.ts';
import { applyGrantEvent } from '../../consent/grant.ts';
import type {
  ConsentRecord,
  ConsentStoreChange,
  Grant,
  Notice,
  Objection,
  SyncConsentStore,
} from '../../consent/index.ts';
import { normalizeNotice } from '../../consent/notice.ts';
import { applyObjectionEvent } from '../../consent/objection.ts';
import { type Clock, systemClock } from '../../core/clock.ts';
import { deepFreeze } from '../../core/deep-freeze.ts';
import {
  assertDuration,
  type ConsentChangeRow,
  type ConsentKind,
  conflict,
  createListeners,
  notFound,
  noticeConflict,
  sameContent,
} from '../shared/consent-common.ts';
import type { SqliteDatabase } from './sqlite-database.ts';

/** Options of {@link createSqliteConsentStore}. */
export interface SqliteConsentStoreOptions {
  /**
   * How often (ms) to look for changes other processes made to the file, while
   * someone subscribes (a decider does); 0 turns it off. Default 50. Each look is
   * one `PRAGMA data_version`; only real changes cost a read.
   */
  readonly pollIntervalMs?: number | undefined;
  /** How long change-feed rows are kept (ms, default 24 h); a process asleep longer misses changes. */
  readonly changeRetentionMs?: number | undefined;
  /** Time source for change-feed rows. */
  readonly clock?: Clock | undefined;
}

/** A SQLite consent store: synchronous, so the sync `createConsentDecider` can use it. */
export interface SqliteConsentStore extends SyncConsentStore {
  /**
   * Reports changes committed by other processes to this store's subscribers
   * now, instead of waiting for the next poll; returns how many were reported.
   */
  refresh(): number;
  /** Stops watching for other processes' changes. */
  close(): void;
}

type Table = 'consent_records' | 'consent_grants' | 'consent_objections';

/**
 * Notices, consent records, grants and objections in SQLite. Every method
 * answers synchronously. Writes are transactions that also append to a change
 * feed; subscribers (the decider's per-subject cache) hear of this process's
 * writes at once and of other processes' writes within `pollIntervalMs` (or at
 * the next {@link SqliteConsentStore.refresh}), so a withdrawal anywhere
 * reaches every decider sharing the file.
 *
 * @param database - an open database from `openSqlite`
 * @param options - change polling and feed retention
 * @returns the store
 * @example
 * ```ts
 * import { createConsentDecider } from 'dataguard/consent';
 * import { openSqlite, createSqliteConsentStore } from 'dataguard/store/sqlite';
 * const db = openSqlite({ path: ':memory:' });
 * const store = createSqliteConsentStore(db);
 * const decider = createConsentDecider({ store });
 * decider.close();
 * store.close();
 * db.close();
 * ```
 */
export function createSqliteConsentStore(
  database: SqliteDatabase,
  options: SqliteConsentStoreOptions = {},
): SqliteConsentStore {
  const db = database.db;
  const pollIntervalMs = options.pollIntervalMs ?? 50;
  const retentionMs = options.changeRetentionMs ?? 24 * 3600 * 1000;
  const clock = options.clock ?? systemClock;
  assertDuration(pollIntervalMs, 'options.pollIntervalMs');
  assertDuration(retentionMs, 'options.changeRetentionMs');

  const q = {
    notice: db.prepare('SELECT doc FROM consent_notices WHERE id = ? AND version = ?').pluck(),
    latestNotice: db
      .prepare('SELECT doc FROM consent_notices WHERE id = ? ORDER BY ord DESC LIMIT 1')
      .pluck(),
    noticeVersions: db.prepare('SELECT doc FROM consent_notices WHERE id = ? ORDER BY ord').pluck(),
    // ord is the rowid: SQLite numbers new rows in insertion order.
    insertNotice: db.prepare('INSERT INTO consent_notices (id, version, doc) VALUES (?, ?, ?)'),
    change: db.prepare('INSERT INTO consent_changes (kind, id, at) VALUES (?, ?, ?)'),
    prune: db.prepare('DELETE FROM consent_changes WHERE at < ?'),
    changesAfter: db.prepare(
      'SELECT seq, kind, id FROM consent_changes WHERE seq > ? ORDER BY seq',
    ),
    lastSeq: db.prepare('SELECT COALESCE(MAX(seq), 0) FROM consent_changes').pluck(),
    dataVersion: db.prepare('PRAGMA data_version').pluck(),
  };
  const table = (name: Table, key: string) => ({
    get: db.prepare(`SELECT doc FROM ${name} WHERE id = ?`).pluck(),
    list: db.prepare(`SELECT doc FROM ${name} WHERE ${key} = ? ORDER BY ord`).pluck(),
    insert: db.prepare(`INSERT INTO ${name} (id, ${key}, doc) VALUES (?, ?, ?)`),
    update: db.prepare(`UPDATE ${name} SET doc = ? WHERE id = ?`),
  });
  const consents = table('consent_records', 'subject');
  const grants = table('consent_grants', 'grantee');
  const objections = table('consent_objections', 'dataset');

  const parse = <T>(doc: unknown): T | undefined =>
    doc === undefined ? undefined : deepFreeze(JSON.parse(doc as string) as T);
  const parseAll = <T>(docs: unknown[]): T[] => docs.map((doc) => parse<T>(doc) as T);
  // Notices stored before `processing` got its name hold `methods`: read them as they are now.
  const parseNotice = (doc: unknown): Notice | undefined =>
    doc === undefined
      ? undefined
      : deepFreeze(normalizeNotice(JSON.parse(doc as string) as Notice));

  // Seqs this process wrote, so the poller does not report them a second time.
  const own = new Set<number>();
  let writes = 0;
  function recordChange(kind: ConsentKind, id: string): void {
    const now = clock();
    const seq = Number(q.change.run(kind, id, now).lastInsertRowid);
    // With nobody else's change in between, the feed is read up to here; otherwise
    // the next refresh reads past this row and must skip it.
    if (listeners.size > 0) {
      if (seq === lastSeq + 1) lastSeq = seq;
      else own.add(seq);
    }
    // Prune now and then; readers poll far more often than rows expire.
    if (++writes % 256 === 0) q.prune.run(now - retentionMs);
  }

  let lastSeq = q.lastSeq.get() as number;
  let dataVersion = q.dataVersion.get() as number;
  let timer: ReturnType<typeof setInterval> | undefined;
  const listeners = createListeners(
    () => {
      // Changes made before the first subscriber are in what it will read anyway.
      own.clear();
      lastSeq = q.lastSeq.get() as number;
      dataVersion = q.dataVersion.get() as number;
      if (pollIntervalMs > 0) {
        // A failed poll (database busy or closed) must not throw out of the timer:
        // the next poll reads from the same place again.
        timer = setInterval(() => {
          try {
            refresh();
          } catch {
            // retried on the next tick
          }
        }, pollIntervalMs);
        // Polling must not keep the process alive.
        (timer as { unref?: () => void }).unref?.();
      }
    },
    () => {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    },
  );

  function changeFor(row: ConsentChangeRow): ConsentStoreChange | undefined {
    switch (row.kind) {
      case 'notice': {
        const notice = parseNotice(q.latestNotice.get(row.id));
        return notice === undefined ? undefined : { type: 'notice', notice };
      }
      case 'consent': {
        const record = parse<ConsentRecord>(consents.get.get(row.id));
        return record === undefined ? undefined : { type: 'consent', record };
      }
      case 'grant': {
        const grant = parse<Grant>(grants.get.get(row.id));
        return grant === undefined ? undefined : { type: 'grant', grant };
      }
      case 'objection': {
        const objection = parse<Objection>(objections.get.get(row.id));
        return objection === undefined ? undefined : { type: 'objection', objection };
      }
      default:
        return undefined;
    }
  }

  function refresh(): number {
    if (!db.open) return 0;
    // data_version changes only when another connection commits: the common case costs one pragma.
    const version = q.dataVersion.get() as number;
    if (version === dataVersion) return 0;
    let reported = 0;
    for (const row of q.changesAfter.all(lastSeq) as ConsentChangeRow[]) {
      if (own.delete(row.seq)) {
        lastSeq = row.seq;
        continue;
      }
      // Read first: if the read fails, the next refresh starts again from this row.
      const change = changeFor(row);
      lastSeq = row.seq;
      if (change !== undefined) {
        listeners.emit(change);
        reported++;
      }
    }
    // Only once everything was read: a failed refresh is not mistaken for an up-to-date one.
    dataVersion = version;
    return reported;
  }

  function insert<T extends { readonly id: string }>(
    t: ReturnType<typeof table>,
    kind: 'consent' | 'grant' | 'objection',
    key: string,
    value: T,
  ): T | undefined {
    return database.transaction(() => {
      const existing = t.get.get(value.id) as string | undefined;
      if (existing !== undefined) {
        if (sameContent(JSON.parse(existing), value)) return undefined;
        throw conflict(kind, value.id);
      }
      const doc = JSON.stringify(value);
      t.insert.run(value.id, key, doc);
      recordChange(kind, value.id);
      return parse<T>(doc);
    });
  }

  function append<T, E>(
    t: ReturnType<typeof table>,
    kind: 'consent' | 'grant' | 'objection',
    id: string,
    event: E,
    apply: (current: T, event: E) => T,
  ): T {
    return database.transaction(() => {
      const current = parse<T>(t.get.get(id));
      if (current === undefined) throw notFound(kind, id);
      const next = apply(current, event);
      const doc = JSON.stringify(next);
      t.update.run(doc, id);
      recordChange(kind, id);
      return parse<T>(doc) as T;
    });
  }

  return {
    putNotice(notice) {
      const stored = database.transaction(() => {
        const existing = q.notice.get(notice.id, notice.version) as string | undefined;
        if (existing !== undefined) {
          if (sameContent(parseNotice(existing), notice)) return undefined;
          throw noticeConflict(notice.id, notice.version);
        }
        const doc = JSON.stringify(notice);
        q.insertNotice.run(notice.id, notice.version, doc);
        recordChange('notice', notice.id);
        return parseNotice(doc);
      });
      if (stored !== undefined) listeners.emit({ type: 'notice', notice: stored });
    },
    getNotice(id, version) {
      return parseNotice(
        version === undefined ? q.latestNotice.get(id) : q.notice.get(id, version),
      );
    },
    noticeVersions: (id) => q.noticeVersions.all(id).map((doc) => parseNotice(doc) as Notice),
    putConsent(record) {
      const stored = insert(consents, 'consent', record.subject, record);
      if (stored !== undefined) listeners.emit({ type: 'consent', record: stored });
    },
    appendConsentEvent(id, event) {
      const record = append(consents, 'consent', id, event, applyConsentEvent);
      listeners.emit({ type: 'consent', record });
      return record;
    },
    getConsent: (id) => parse<ConsentRecord>(consents.get.get(id)),
    consentsOf: (subject) => parseAll<ConsentRecord>(consents.list.all(subject)),
    putGrant(grant) {
      const stored = insert(grants, 'grant', grant.grantee.id, grant);
      if (stored !== undefined) listeners.emit({ type: 'grant', grant: stored });
    },
    appendGrantEvent(id, event) {
      const grant = append(grants, 'grant', id, event, applyGrantEvent);
      listeners.emit({ type: 'grant', grant });
      return grant;
    },
    getGrant: (id) => parse<Grant>(grants.get.get(id)),
    grantsOf: (grantee) => parseAll<Grant>(grants.list.all(grantee)),
    putObjection(objection) {
      const stored = insert(objections, 'objection', objection.dataset, objection);
      if (stored !== undefined) listeners.emit({ type: 'objection', objection: stored });
    },
    appendObjectionEvent(id, event) {
      const objection = append(objections, 'objection', id, event, applyObjectionEvent);
      listeners.emit({ type: 'objection', objection });
      return objection;
    },
    getObjection: (id) => parse<Objection>(objections.get.get(id)),
    objectionsOf: (dataset) => parseAll<Objection>(objections.list.all(dataset)),
    subscribe: (listener) => listeners.add(listener),
    refresh,
    close() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    },
  };
}
