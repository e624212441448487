import type { PoolClient } from 'pg';
import type { ConsentStoreChange } from '../../consent/index.ts';
import {
  type ConsentChangeRow,
  type ConsentKind,
  createListeners,
  type Listeners,
} from '../shared/consent-common.ts';
import type { ConsentSql } from './consent-sql.ts';
import type { PostgresDatabase } from './postgres-database.ts';

/** What the consent store's change watcher needs. */
export interface ConsentWatchOptions {
  readonly database: PostgresDatabase;
  readonly sql: ConsentSql;
  /** `listen` (LISTEN/NOTIFY), `poll` (read the feed every `intervalMs`) or `off`. */
  readonly watch: 'listen' | 'poll' | 'off';
  /** Poll interval, and reconnect delay for `listen` (ms). */
  readonly intervalMs: number;
  /** Reads the record a change-feed row names, as the change to report. */
  readonly changeFor: (row: ConsentChangeRow) => Promise<ConsentStoreChange | undefined>;
}

/** The change watcher of a PostgreSQL consent store. */
export interface ConsentWatch {
  /** The store's subscribers; the first starts watching, the last to leave stops it. */
  readonly listeners: Listeners;
  /** Runs a write of this process (its feed row is then not reported again). */
  ownWrite<T>(run: () => Promise<T>): Promise<T>;
  /** Notes the feed position of a write of this process. */
  noteOwn(seq: number): void;
  /** Resolves once watching has started (reads wait for it, so no change slips by). */
  ready(): Promise<void>;
  /** Reports other processes' changes now; resolves to how many were reported. */
  refresh(): Promise<number>;
  /** Stops watching and waits for background work. */
  close(): Promise<void>;
}

/**
 * Watches the consent change feed while someone subscribes: this process's
 * writes are reported by the store itself, other processes' through
 * LISTEN/NOTIFY (or polling), one catch-up at a time, in feed order.
 *
 * @param options - database, statements, how to watch, how to read a change
 * @returns the watcher
 */
export function watchConsentChanges(options: ConsentWatchOptions): ConsentWatch {
  const { database, watch, intervalMs } = options;
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
      const latest = Number(
        (await database.query<{ seq: string }>(options.sql.lastSeq)).rows[0]?.seq ?? 0,
      );
      // An own write may have committed, and noted its seq, after the query read the feed:
      // never move the position back over it (it would be reported a second time).
      lastSeq = Math.max(lastSeq, latest);
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
      await client.query(`LISTEN "${options.sql.channel}"`);
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
      await client.query(`UNLISTEN "${options.sql.channel}"`).catch(() => undefined);
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

  async function catchUp(): Promise<number> {
    let reported = 0;
    do {
      again = false;
      const rows = await database.query<{ seq: string; kind: ConsentKind; id: string }>(
        options.sql.changesAfter,
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
        const change = await options.changeFor(row);
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

  return { listeners, ownWrite, noteOwn, ready: () => ready, refresh, close };
}
