import { applyConsentEvent } from '../../consent/consent-record.ts';
import { applyGrantEvent } from '../../consent/grant.ts';
import type {
  ConsentRecord,
  ConsentStore,
  ConsentStoreChange,
  Grant,
  Notice,
  Objection,
} from '../../consent/index.ts';
import { normalizeNotice } from '../../consent/notice.ts';
import { applyObjectionEvent } from '../../consent/objection.ts';
import { deepFreeze } from '../../core/deep-freeze.ts';
import { ValidationError } from '../../errors/index.ts';
import {
  assertDuration,
  type ConsentChangeRow,
  conflict,
  notFound,
  noticeConflict,
  sameContent,
} from '../shared/consent-common.ts';
import { type ConsentSql, type ConsentTableSql, consentSql } from './consent-sql.ts';
import { type ConsentWatch, watchConsentChanges } from './consent-watch.ts';
import type { PostgresDatabase } from './postgres-database.ts';

/** Options of {@link createPostgresConsentStore}. */
export interface PostgresConsentStoreOptions {
  /**
   * How this process learns of other processes' writes while someone subscribes
   * (a decider does): `listen` (default) holds one pooled connection on
   * LISTEN/NOTIFY and reports changes as they commit; `poll` reads the change
   * feed every `pollIntervalMs`; `off` reports only this process's writes.
   */
  readonly watch?: 'listen' | 'poll' | 'off' | undefined;
  /** Poll interval for `watch: 'poll'`, and reconnect delay for `listen` (ms, default 1000). */
  readonly pollIntervalMs?: number | undefined;
}

/** A PostgreSQL consent store (asynchronous: use it with `createAsyncConsentDecider`). */
export interface PostgresConsentStore extends ConsentStore {
  /** Reports other processes' changes to subscribers now; resolves to how many were reported. */
  refresh(): Promise<number>;
  /**
   * Stops watching, returns the listening connection to the pool and waits for
   * any catch-up still running, so the database can be closed right after.
   */
  close(): Promise<void>;
}

/**
 * Notices, consent records, grants and objections in PostgreSQL. Inserts are
 * single statements (insert, change-feed row and NOTIFY together); events are
 * appended in a transaction that locks the record. Subscribers hear of this
 * process's writes at once and of other processes' writes through
 * LISTEN/NOTIFY, so a withdrawal anywhere reaches every decider's cache.
 *
 * @param database - an open database from `openPostgres`
 * @param options - how to watch other processes' writes
 * @returns the store
 * @example
 * ```ts no-run needs a running PostgreSQL server (test/store runs the same calls against one)
 * const store = createPostgresConsentStore(await openPostgres({ connectionString }));
 * const decider = createAsyncConsentDecider({ store });
 * ```
 */
export function createPostgresConsentStore(
  database: PostgresDatabase,
  options: PostgresConsentStoreOptions = {},
): PostgresConsentStore {
  const watch = options.watch ?? 'listen';
  const intervalMs = options.pollIntervalMs ?? 1000;
  if (watch !== 'listen' && watch !== 'poll' && watch !== 'off') {
    throw new ValidationError("options.watch must be 'listen', 'poll' or 'off'", {
      reason: 'invalid-option',
      path: 'options.watch',
    });
  }
  assertDuration(intervalMs, 'options.pollIntervalMs');
  const sql = consentSql(database);
  const { consents, grants, objections } = sql;
  const watcher = watchConsentChanges({
    database,
    sql,
    watch,
    intervalMs,
    changeFor: (row) => changeFor(database, sql, row),
  });
  const { listeners } = watcher;
  const rows: Rows = { database, watcher };

  // Reads wait until watching has started, so no change slips between a read and LISTEN.
  const read = async <T>(run: () => Promise<T>): Promise<T> => {
    await watcher.ready();
    return run();
  };

  return {
    async putNotice(notice) {
      if (await insertNotice(rows, sql, notice)) {
        listeners.emit({
          type: 'notice',
          notice: deepFreeze(JSON.parse(JSON.stringify(notice)) as Notice),
        });
      }
    },
    getNotice: (id, version) =>
      read(() =>
        version === undefined
          ? readNotice(database, sql.latestNotice, [id])
          : readNotice(database, sql.notice, [id, version]),
      ),
    noticeVersions: (id) =>
      read(async () =>
        (await readMany<Notice>(database, sql.noticeVersions, id)).map((n) =>
          deepFreeze(normalizeNotice(n)),
        ),
      ),
    async putConsent(record) {
      const stored = await insertRow(rows, consents, 'consent', record.subject, record);
      if (stored !== undefined) listeners.emit({ type: 'consent', record: stored });
    },
    async appendConsentEvent(id, event) {
      const record = await appendToRow(rows, consents, 'consent', id, event, applyConsentEvent);
      listeners.emit({ type: 'consent', record });
      return record;
    },
    getConsent: (id) => read(() => readOne<ConsentRecord>(database, consents.get, [id])),
    consentsOf: (subject) => read(() => readMany<ConsentRecord>(database, consents.list, subject)),
    async putGrant(grant) {
      const stored = await insertRow(rows, grants, 'grant', grant.grantee.id, grant);
      if (stored !== undefined) listeners.emit({ type: 'grant', grant: stored });
    },
    async appendGrantEvent(id, event) {
      const grant = await appendToRow(rows, grants, 'grant', id, event, applyGrantEvent);
      listeners.emit({ type: 'grant', grant });
      return grant;
    },
    getGrant: (id) => read(() => readOne<Grant>(database, grants.get, [id])),
    grantsOf: (grantee) => read(() => readMany<Grant>(database, grants.list, grantee)),
    async putObjection(objection) {
      const stored = await insertRow(rows, objections, 'objection', objection.dataset, objection);
      if (stored !== undefined) listeners.emit({ type: 'objection', objection: stored });
    },
    async appendObjectionEvent(id, event) {
      const objection = await appendToRow(
        rows,
        objections,
        'objection',
        id,
        event,
        applyObjectionEvent,
      );
      listeners.emit({ type: 'objection', objection });
      return objection;
    },
    getObjection: (id) => read(() => readOne<Objection>(database, objections.get, [id])),
    objectionsOf: (dataset) => read(() => readMany<Objection>(database, objections.list, dataset)),
    subscribe: (listener) => listeners.add(listener),
    refresh: () => watcher.refresh(),
    close: () => watcher.close(),
  };
}

// The operations below take what they use: the database, the statements and
// the watcher that must learn of this process's writes.

/** What a write needs: the database and the watcher that learns of the write. */
interface Rows {
  readonly database: PostgresDatabase;
  readonly watcher: ConsentWatch;
}

async function readOne<T>(
  database: PostgresDatabase,
  text: string,
  values: unknown[],
): Promise<T | undefined> {
  const row = (await database.query<{ doc: T }>(text, values)).rows[0];
  return row === undefined ? undefined : deepFreeze(row.doc);
}

async function readMany<T>(database: PostgresDatabase, text: string, value: string): Promise<T[]> {
  return (await database.query<{ doc: T }>(text, [value])).rows.map((row) => deepFreeze(row.doc));
}

// Notices stored before `processing` got its name hold `methods`: read them as they are now.
async function readNotice(
  database: PostgresDatabase,
  text: string,
  values: unknown[],
): Promise<Notice | undefined> {
  const notice = await readOne<Notice>(database, text, values);
  return notice === undefined ? undefined : deepFreeze(normalizeNotice(notice));
}

async function changeFor(
  database: PostgresDatabase,
  sql: ConsentSql,
  row: ConsentChangeRow,
): Promise<ConsentStoreChange | undefined> {
  switch (row.kind) {
    case 'notice': {
      const notice = await readNotice(database, sql.latestNotice, [row.id]);
      return notice === undefined ? undefined : { type: 'notice', notice };
    }
    case 'consent': {
      const record = await readOne<ConsentRecord>(database, sql.consents.get, [row.id]);
      return record === undefined ? undefined : { type: 'consent', record };
    }
    case 'grant': {
      const grant = await readOne<Grant>(database, sql.grants.get, [row.id]);
      return grant === undefined ? undefined : { type: 'grant', grant };
    }
    case 'objection': {
      const objection = await readOne<Objection>(database, sql.objections.get, [row.id]);
      return objection === undefined ? undefined : { type: 'objection', objection };
    }
    default:
      return undefined;
  }
}

// Inserts a notice version; true when it was new, false when the same one was there.
async function insertNotice(rows: Rows, sql: ConsentSql, notice: Notice): Promise<boolean> {
  const doc = JSON.stringify(notice);
  const row = await rows.watcher.ownWrite(async () => {
    const written = await rows.database.query<{ seq: string }>(sql.insertNotice, [
      notice.id,
      notice.version,
      doc,
    ]);
    const inserted = written.rows[0];
    if (inserted !== undefined) rows.watcher.noteOwn(Number(inserted.seq));
    return inserted;
  });
  if (row !== undefined) return true;
  const existing = await readNotice(rows.database, sql.notice, [notice.id, notice.version]);
  if (existing !== undefined && sameContent(existing, notice)) return false;
  throw noticeConflict(notice.id, notice.version);
}

async function insertRow<T extends { readonly id: string }>(
  rows: Rows,
  t: ConsentTableSql,
  kind: 'consent' | 'grant' | 'objection',
  key: string,
  value: T,
): Promise<T | undefined> {
  const doc = JSON.stringify(value);
  const row = await rows.watcher.ownWrite(async () => {
    const written = await rows.database.query<{ seq: string }>(t.insert, [value.id, key, doc]);
    const inserted = written.rows[0];
    if (inserted !== undefined) rows.watcher.noteOwn(Number(inserted.seq));
    return inserted;
  });
  if (row === undefined) {
    const existing = await readOne<T>(rows.database, t.get, [value.id]);
    if (existing !== undefined && sameContent(existing, value)) return undefined;
    throw conflict(kind, value.id);
  }
  return deepFreeze(JSON.parse(doc) as T);
}

async function appendToRow<T, E>(
  rows: Rows,
  t: ConsentTableSql,
  kind: 'consent' | 'grant' | 'objection',
  id: string,
  event: E,
  apply: (current: T, event: E) => T,
): Promise<T> {
  return rows.watcher.ownWrite(async () => {
    const { next, seq } = await rows.database.transaction(async (client) => {
      const row = (await client.query<{ doc: T }>(t.lock, [id])).rows[0];
      if (row === undefined) throw notFound(kind, id);
      const next = apply(deepFreeze(row.doc), event);
      const doc = JSON.stringify(next);
      const written = await client.query<{ seq: string }>(t.update, [id, doc]);
      return { next: deepFreeze(JSON.parse(doc) as T), seq: Number(written.rows[0]?.seq) };
    });
    rows.watcher.noteOwn(seq);
    return next;
  });
}
