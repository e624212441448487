import type { PoolClient } from 'pg';
import {
  applyConsentEvent,
  applyGrantEvent,
  applyObjectionEvent,
  type ConsentRecord,
  type ConsentStore,
  type ConsentStoreChange,
  type Grant,
  type Notice,
  type Objection,
} from '../../consent/index.ts';
import { deepFreeze } from '../../core/deep-freeze.ts';
import { ValidationError } from '../../errors/index.ts';
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
import type { PostgresDatabase } from './postgres-database.ts';

/** Options of {@link postgresConsentStore}. */
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

type Table = 'consent_records' | 'consent_grants' | 'consent_objections';

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
 * ```ts no-run
 * const store = postgresConsentStore(await openPostgres({ connectionString }));
 * const decider = createAsyncConsentDecider({ store });
 * ```
 */
export function postgresConsentStore(
  database: PostgresDatabase,
  options: PostgresConsentStoreOptions = {},
): PostgresConsentStore {
  const s = database.schema;
  const watch = options.watch ?? 'listen';
  const intervalMs = options.pollIntervalMs ?? 1000;
  if (watch !== 'listen' && watch !== 'poll' && watch !== 'off') {
    throw new ValidationError("options.watch must be 'listen', 'poll' or 'off'", {
      reason: 'invalid-option',
      path: 'options.watch',
    });
  }
  assertDuration(intervalMs, 'options.pollIntervalMs');
  // Channel names are identifiers of at most 63 bytes; a clash only costs extra reads.
  const channel = `dataguard_consent_${database.schemaName}`.slice(0, 63);
  const feed = (kind: string) => `changes AS (
      INSERT INTO ${s}.consent_changes (kind, id) SELECT '${kind}', id FROM written RETURNING seq
    )
    SELECT seq, pg_notify('${channel}', seq::text) FROM changes`;
  const sql = {
    notice: `SELECT doc FROM ${s}.consent_notices WHERE id = $1 AND version = $2`,
    latestNotice: `SELECT doc FROM ${s}.consent_notices WHERE id = $1 ORDER BY ord DESC LIMIT 1`,
    noticeVersions: `SELECT doc FROM ${s}.consent_notices WHERE id = $1 ORDER BY ord`,
    insertNotice: `WITH written AS (
        INSERT INTO ${s}.consent_notices (id, version, doc) VALUES ($1, $2, $3)
        ON CONFLICT (id, version) DO NOTHING RETURNING id
      ), ${feed('notice')}`,
    changesAfter: `SELECT seq, kind, id FROM ${s}.consent_changes WHERE seq > $1 ORDER BY seq`,
    lastSeq: `SELECT COALESCE(MAX(seq), 0) AS seq FROM ${s}.consent_changes`,
  };
  const table = (name: Table, key: string, kind: string) => ({
    get: `SELECT doc FROM ${s}.${name} WHERE id = $1`,
    lock: `SELECT doc FROM ${s}.${name} WHERE id = $1 FOR UPDATE`,
    list: `SELECT doc FROM ${s}.${name} WHERE ${key} = $1 ORDER BY ord`,
    insert: `WITH written AS (
        INSERT INTO ${s}.${name} (id, ${key}, doc) VALUES ($1, $2, $3)
        ON CONFLICT (id) DO NOTHING RETURNING id
      ), ${feed(kind)}`,
    update: `WITH written AS (
        UPDATE ${s}.${name} SET doc = $2 WHERE id = $1 RETURNING id
      ), ${feed(kind)}`,
  });
  const consents = table('consent_records', 'subject', 'consent');
  const grants = table('consent_grants', 'grantee', 'grant');
  const objections = table('consent_objections', 'dataset', 'objection');

  const one = async <T>(text: string, values: unknown[]): Promise<T | undefined> => {
    const row = (await database.query<{ doc: T }>(text, values)).rows[0];
    return row === undefined ? undefined : deepFreeze(row.doc);
  };
  const many = async <T>(text: string, value: string): Promise<T[]> =>
    (await database.query<{ doc: T }>(text, [value])).rows.map((row) => deepFreeze(row.doc));

  // Change-feed position: rows up to lastSeq have been reported (or were ours).
  let lastSeq = 0;
  const own = new Set<number>();
  // This process's writes whose change-feed seq is not known yet. While any is
  // in flight, an unknown row may be one of them, so catch-up waits for them.
  let inFlight = 0;
  let deferred = false;
  async function ownWrite<T>(run: () => Promise<T>): Promise<T> {
    inFlight++;
    try {
      return await run();
    } finally {
      inFlight--;
      if (inFlight === 0 && deferred) {
        deferred = false;
        background(refresh());
      }
    }
  }
  function noteOwn(seq: number): void {
    if (listeners.size === 0) return;
    if (seq === lastSeq + 1) lastSeq = seq;
    else own.add(seq);
  }

  let listener: PoolClient | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ready: Promise<void> = Promise.resolve();
  let running: Promise<number> | undefined;
  let again = false;
  let stopped = true;
  // Work started in the background (catch-ups, reconnects, stopping): each is
  // caught here, and close() waits for all of them.
  const tasks = new Set<Promise<unknown>>();
  function background(task: Promise<unknown>): void {
    const settled = task.then(
      () => undefined,
      () => {
        // A catch-up that failed (server gone, pool closing) reported nothing past the
        // last change it read: try again later while still watching.
        schedule(intervalMs);
      },
    );
    tasks.add(settled);
    void settled.finally(() => tasks.delete(settled));
  }

  const listeners = createListeners(
    () => {
      stopped = false;
      own.clear();
      ready = start();
    },
    () => {
      background(stop());
    },
  );

  async function start(): Promise<void> {
    try {
      if (watch === 'listen') await connectListener();
      lastSeq = Number((await database.query<{ seq: string }>(sql.lastSeq)).rows[0]?.seq ?? 0);
      if (watch === 'poll') schedule(intervalMs);
    } catch {
      // Not reachable now: retry later; reads still work and report their own errors.
      schedule(intervalMs);
    }
  }

  async function connectListener(): Promise<void> {
    const client = await database.pool.connect();
    let released = false;
    const drop = () => {
      if (released) return;
      released = true;
      if (listener === client) listener = undefined;
      client.release(true);
      // Reconnect, then catch up on what was missed meanwhile.
      if (!stopped) schedule(intervalMs);
    };
    client.on('error', drop);
    client.on('end', drop);
    client.on('notification', onNotification);
    try {
      await client.query(`LISTEN "${channel}"`);
    } catch (error) {
      drop();
      throw error;
    }
    listener = client;
  }

  function onNotification(): void {
    background(refresh());
  }

  function schedule(ms: number): void {
    if (stopped || timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (stopped) return;
      background(
        (async () => {
          if (watch === 'listen' && listener === undefined) await connectListener();
          await refresh();
          if (watch === 'poll') schedule(intervalMs);
        })(),
      );
    }, ms);
    // Watching must not keep the process alive.
    (timer as { unref?: () => void }).unref?.();
  }

  async function stop(): Promise<void> {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const client = listener;
    listener = undefined;
    if (client !== undefined) {
      client.removeListener('notification', onNotification);
      await client.query(`UNLISTEN "${channel}"`).catch(() => undefined);
      client.removeAllListeners('end');
      client.removeAllListeners('error');
      client.on('error', () => undefined);
      client.release();
    }
  }

  // Stops watching, then waits until no background work is left (a catch-up
  // may start another one, hence the loop).
  async function close(): Promise<void> {
    await stop();
    while (tasks.size > 0 || running !== undefined) {
      await Promise.all([...tasks, running?.catch(() => undefined)]);
    }
  }

  async function changeFor(row: ConsentChangeRow): Promise<ConsentStoreChange | undefined> {
    switch (row.kind) {
      case 'notice': {
        const notice = await one<Notice>(sql.latestNotice, [row.id]);
        return notice === undefined ? undefined : { type: 'notice', notice };
      }
      case 'consent': {
        const record = await one<ConsentRecord>(consents.get, [row.id]);
        return record === undefined ? undefined : { type: 'consent', record };
      }
      case 'grant': {
        const grant = await one<Grant>(grants.get, [row.id]);
        return grant === undefined ? undefined : { type: 'grant', grant };
      }
      case 'objection': {
        const objection = await one<Objection>(objections.get, [row.id]);
        return objection === undefined ? undefined : { type: 'objection', objection };
      }
      default:
        return undefined;
    }
  }

  async function catchUp(): Promise<number> {
    let reported = 0;
    do {
      again = false;
      const rows = await database.query<{ seq: string; kind: ConsentKind; id: string }>(
        sql.changesAfter,
        [lastSeq],
      );
      for (const raw of rows.rows) {
        // Closed meanwhile: nobody is listening any more.
        if (stopped) return reported;
        const row: ConsentChangeRow = { seq: Number(raw.seq), kind: raw.kind, id: raw.id };
        if (row.seq <= lastSeq) continue;
        if (own.delete(row.seq)) {
          lastSeq = row.seq;
          continue;
        }
        if (inFlight > 0) {
          // Perhaps a write of ours that has not learnt its seq yet: resume after it.
          deferred = true;
          again = false;
          return reported;
        }
        // Read first: if the read fails, the next catch-up starts again from this row.
        const change = await changeFor(row);
        lastSeq = row.seq;
        if (change !== undefined && listeners.size > 0) {
          listeners.emit(change);
          reported++;
        }
      }
    } while (again);
    return reported;
  }

  // One catch-up at a time; a notification during one makes it run again.
  function refresh(): Promise<number> {
    if (listeners.size === 0 || stopped) return Promise.resolve(0);
    if (running !== undefined) {
      again = true;
      return running;
    }
    running = ready.then(catchUp).finally(() => {
      running = undefined;
    });
    return running;
  }

  async function insert<T extends { readonly id: string }>(
    t: ReturnType<typeof table>,
    kind: 'consent' | 'grant' | 'objection',
    key: string,
    value: T,
  ): Promise<T | undefined> {
    const doc = JSON.stringify(value);
    const row = await ownWrite(async () => {
      const written = await database.query<{ seq: string }>(t.insert, [value.id, key, doc]);
      const inserted = written.rows[0];
      if (inserted !== undefined) noteOwn(Number(inserted.seq));
      return inserted;
    });
    if (row === undefined) {
      const existing = await one<T>(t.get, [value.id]);
      if (existing !== undefined && sameContent(existing, value)) return undefined;
      throw conflict(kind, value.id);
    }
    return deepFreeze(JSON.parse(doc) as T);
  }

  async function append<T, E>(
    t: ReturnType<typeof table>,
    kind: 'consent' | 'grant' | 'objection',
    id: string,
    event: E,
    apply: (current: T, event: E) => T,
  ): Promise<T> {
    return ownWrite(async () => {
      const { next, seq } = await database.transaction(async (client) => {
        const row = (await client.query<{ doc: T }>(t.lock, [id])).rows[0];
        if (row === undefined) throw notFound(kind, id);
        const next = apply(deepFreeze(row.doc), event);
        const doc = JSON.stringify(next);
        const written = await client.query<{ seq: string }>(t.update, [id, doc]);
        return { next: deepFreeze(JSON.parse(doc) as T), seq: Number(written.rows[0]?.seq) };
      });
      noteOwn(seq);
      return next;
    });
  }

  // Reads wait until watching has started, so no change slips between a read and LISTEN.
  const read = async <T>(run: () => Promise<T>): Promise<T> => {
    await ready;
    return run();
  };

  return {
    async putNotice(notice) {
      const doc = JSON.stringify(notice);
      const row = await ownWrite(async () => {
        const written = await database.query<{ seq: string }>(sql.insertNotice, [
          notice.id,
          notice.version,
          doc,
        ]);
        const inserted = written.rows[0];
        if (inserted !== undefined) noteOwn(Number(inserted.seq));
        return inserted;
      });
      if (row === undefined) {
        const existing = await one<Notice>(sql.notice, [notice.id, notice.version]);
        if (existing !== undefined && sameContent(existing, notice)) return;
        throw noticeConflict(notice.id, notice.version);
      }
      listeners.emit({ type: 'notice', notice: deepFreeze(JSON.parse(doc) as Notice) });
    },
    getNotice: (id, version) =>
      read(() =>
        version === undefined
          ? one<Notice>(sql.latestNotice, [id])
          : one<Notice>(sql.notice, [id, version]),
      ),
    noticeVersions: (id) => read(() => many<Notice>(sql.noticeVersions, id)),
    async putConsent(record) {
      const stored = await insert(consents, 'consent', record.subject, record);
      if (stored !== undefined) listeners.emit({ type: 'consent', record: stored });
    },
    async appendConsentEvent(id, event) {
      const record = await append(consents, 'consent', id, event, applyConsentEvent);
      listeners.emit({ type: 'consent', record });
      return record;
    },
    getConsent: (id) => read(() => one<ConsentRecord>(consents.get, [id])),
    consentsOf: (subject) => read(() => many<ConsentRecord>(consents.list, subject)),
    async putGrant(grant) {
      const stored = await insert(grants, 'grant', grant.grantee.id, grant);
      if (stored !== undefined) listeners.emit({ type: 'grant', grant: stored });
    },
    async appendGrantEvent(id, event) {
      const grant = await append(grants, 'grant', id, event, applyGrantEvent);
      listeners.emit({ type: 'grant', grant });
      return grant;
    },
    getGrant: (id) => read(() => one<Grant>(grants.get, [id])),
    grantsOf: (grantee) => read(() => many<Grant>(grants.list, grantee)),
    async putObjection(objection) {
      const stored = await insert(objections, 'objection', objection.dataset, objection);
      if (stored !== undefined) listeners.emit({ type: 'objection', objection: stored });
    },
    async appendObjectionEvent(id, event) {
      const objection = await append(objections, 'objection', id, event, applyObjectionEvent);
      listeners.emit({ type: 'objection', objection });
      return objection;
    },
    getObjection: (id) => read(() => one<Objection>(objections.get, [id])),
    objectionsOf: (dataset) => read(() => many<Objection>(objections.list, dataset)),
    subscribe: (listener) => listeners.add(listener),
    refresh,
    close,
  };
}
