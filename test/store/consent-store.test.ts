// Consent stores: the same scenario through memory, SQLite and PostgreSQL
// deciders gives identical decisions and records; the decision cache drops a
// subject as soon as its consent is withdrawn, also when another process (or
// connection) withdraws it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type AsyncConsentDecider,
  type ConsentDecider,
  type ConsentStore,
  createAsyncConsentDecider,
  createConsentDecider,
  createMemoryConsentStore,
  createPurposeTaxonomy,
  type DecisionRequest,
  defineNotice,
  type NoticeDefinition,
} from '../../src/consent/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { StoreError } from '../../src/errors/index.ts';
import { createPostgresConsentStore, openPostgres } from '../../src/store/postgres/index.ts';
import { createSqliteConsentStore, openSqlite } from '../../src/store/sqlite/index.ts';
import { consent, runConsentStoreConformance } from '../conformance/consent-store.ts';
import { announcePgSkip, PG_URL, postgresFactory, sqliteFactory, tempDir } from './harness.ts';

announcePgSkip('consent-store.test.ts');

runConsentStoreConformance('memory', () => createMemoryConsentStore());
const sqliteDb = sqliteFactory();
runConsentStoreConformance('sqlite', () => createSqliteConsentStore(sqliteDb()));
if (PG_URL !== undefined) {
  const conformancePg = postgresFactory();
  runConsentStoreConformance('postgres', async () =>
    createPostgresConsentStore(await conformancePg.fresh()),
  );
}

const NOW = '2026-03-01T10:00:00+08:00';
const REVIEW = 'public-service.social-assistance.eligibility.review';
const agency = { id: 'civil-affairs', kind: 'agency' as const };
const notice: NoticeDefinition = {
  id: 'assistance-app',
  version: '1',
  handler: agency,
  contact: 'privacy@civil-affairs.example.gov.cn',
  purposes: ['public-service.social-assistance', 'statistics'],
  processing: ['collect', 'store', 'use', 'provide'],
  piCategories: ['basic', 'identity', 'property'],
  retention: 'P5Y',
  rights: 'the service counter',
  language: 'zh-CN',
  publishedAt: '2026-01-01T00:00:00+08:00',
};
const request = (subject: string): DecisionRequest => ({
  subject: { id: subject, birthDate: '1980-05-20' },
  purpose: REVIEW,
  processing: 'use',
  fields: [
    { name: 'name', piCategory: 'basic' },
    { name: 'id_card', piCategory: 'identity' },
  ],
});
const consentInput = (subject: string) => ({
  subject,
  notice: { id: 'assistance-app' },
  purposes: ['public-service.social-assistance'],
  piCategories: ['basic' as const, 'identity' as const],
  processing: ['collect' as const, 'store' as const, 'use' as const],
  method: 'electronic' as const,
  givenBy: { role: 'subject' as const, id: subject },
  at: '2026-02-01T09:00:00+08:00',
});

type AnyDecider = ConsentDecider | AsyncConsentDecider;
const options = <S extends ConsentStore>(store: S, seed = 0) => {
  let n = seed;
  return {
    store,
    purposes: createPurposeTaxonomy({
      purposes: [{ id: REVIEW, needs: { categories: ['basic', 'identity'] } }],
    }),
    clock: fixedClock(NOW),
    random: (bytes: Uint8Array) => bytes.fill(++n % 256),
  };
};

/** A scripted life of consents; returns everything observable. */
async function scenario(decider: AnyDecider, store: ConsentStore): Promise<unknown[]> {
  const seen: unknown[] = [];
  const note = async (value: unknown) => {
    const settled = await value;
    seen.push(settled === undefined ? 'undefined' : JSON.parse(JSON.stringify(settled)));
  };
  await note(decider.publishNotice(notice));
  await decider.publishNotice(notice); // identical again: a no-op
  const given = await decider.recordConsent(consentInput('s1'));
  await note(given);
  await note(decider.recordConsent(consentInput('s2')));
  const before = await decider.decide(request('s1'));
  expect(before.allowed).toBe(true);
  await note(before);
  await note(decider.decide(request('s3')));
  await note(decider.withdrawConsent(given.id, { at: '2026-02-15T09:00:00+08:00' }));
  const after = await decider.decide(request('s1'));
  expect(after.allowed).toBe(false);
  await note(after);
  await note(decider.decide(request('s2')));
  await note(store.consentsOf('s1'));
  await note(store.getNotice('assistance-app'));
  await note(store.noticeVersions('assistance-app'));
  await note(store.getConsent('nope'));
  const failure = await Promise.resolve()
    .then(() => store.appendConsentEvent('nope', { type: 'withdrawn', at: NOW } as never))
    .catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(StoreError);
  seen.push((failure as StoreError).reason);
  // The same id with other content is a conflict; identical content is a no-op.
  const stored = (await store.getConsent(given.id)) as NonNullable<
    Awaited<ReturnType<ConsentStore['getConsent']>>
  >;
  await store.putConsent(stored);
  const conflict = await Promise.resolve()
    .then(() => store.putConsent({ ...stored, language: 'en' }))
    .catch((error: unknown) => error);
  seen.push((conflict as StoreError).reason);
  const latest = (await store.getNotice('assistance-app')) as NonNullable<
    Awaited<ReturnType<ConsentStore['getNotice']>>
  >;
  const noticeConflict = await Promise.resolve()
    .then(() => store.putNotice({ ...latest, contact: 'other@example.org' }))
    .catch((error: unknown) => error);
  seen.push((noticeConflict as StoreError).reason);
  return seen;
}

describe('consent stores behave like the memory store', () => {
  const dir = tempDir();
  it('SQLite, with the synchronous decider', async () => {
    const memory = createMemoryConsentStore();
    const expected = await scenario(createConsentDecider(options(memory)), memory);
    const db = openSqlite({ path: join(dir, 'consent.db') });
    const store = createSqliteConsentStore(db);
    const decider = createConsentDecider(options(store));
    expect(await scenario(decider, store)).toEqual(expected);
    decider.close();
    store.close();
    db.close();
  });

  const pg = PG_URL === undefined ? undefined : postgresFactory();
  it.skipIf(pg === undefined)('PostgreSQL, with the asynchronous decider', async () => {
    const memory = createMemoryConsentStore();
    const expected = await scenario(createConsentDecider(options(memory)), memory);
    if (pg === undefined) return;
    const store = createPostgresConsentStore(await pg.open());
    const decider = createAsyncConsentDecider(options(store));
    expect(await scenario(decider, store)).toEqual(expected);
    decider.close();
    await store.close();
  });
});

/** Waits until `check` passes (another process's change arrives asynchronously). */
async function eventually(check: () => Promise<boolean> | boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('withdrawal reaches every decider cache', () => {
  const dir = tempDir();

  it('SQLite: another connection to the file withdraws; the warm cache drops the subject', async () => {
    const path = join(dir, 'shared.db');
    const dbA = openSqlite({ path });
    const dbB = openSqlite({ path });
    const storeA = createSqliteConsentStore(dbA, { pollIntervalMs: 5 });
    const storeB = createSqliteConsentStore(dbB);
    const a = createConsentDecider(options(storeA));
    const b = createConsentDecider(options(storeB, 100));
    a.publishNotice(notice);
    const given = a.recordConsent(consentInput('s1'));
    expect(a.decide(request('s1')).allowed).toBe(true);
    // Warm: the subject's consents are cached in decider a.
    expect(a.decide(request('s1')).allowed).toBe(true);
    b.withdrawConsent(given.id, { at: '2026-02-15T09:00:00+08:00' });
    // refresh() reports it at once; the poller would within pollIntervalMs.
    expect(storeA.refresh()).toBe(1);
    expect(a.decide(request('s1')).allowed).toBe(false);
    // And by polling alone:
    const again = b.recordConsent({ ...consentInput('s2') });
    expect(a.decide(request('s2')).allowed).toBe(true);
    b.withdrawConsent(again.id, { at: '2026-02-15T09:00:00+08:00' });
    await eventually(() => !a.decide(request('s2')).allowed);
    // This process's own writes take effect without any poll.
    const own = a.recordConsent(consentInput('s3'));
    expect(a.decide(request('s3')).allowed).toBe(true);
    a.withdrawConsent(own.id, { at: '2026-02-15T09:00:00+08:00' });
    expect(a.decide(request('s3')).allowed).toBe(false);
    for (const x of [a, b]) x.close();
    for (const x of [storeA, storeB]) x.close();
    for (const x of [dbA, dbB]) x.close();
  });

  const pg = PG_URL === undefined ? undefined : postgresFactory();
  it.skipIf(pg === undefined)(
    'PostgreSQL: another pool withdraws; LISTEN/NOTIFY drops the subject from the warm cache',
    async () => {
      if (pg === undefined) return;
      const schema = pg.newSchemaName();
      const dbA = await openPostgres({ connectionString: PG_URL, schema, max: 3 });
      const dbB = await openPostgres({ connectionString: PG_URL, schema, max: 3 });
      const storeA = createPostgresConsentStore(dbA);
      const storeB = createPostgresConsentStore(dbB, { watch: 'poll', pollIntervalMs: 20 });
      const a = createAsyncConsentDecider(options(storeA));
      const b = createAsyncConsentDecider(options(storeB, 100));
      await a.publishNotice(notice);
      const given = await a.recordConsent(consentInput('s1'));
      expect((await a.decide(request('s1'))).allowed).toBe(true);
      expect((await b.decide(request('s1'))).allowed).toBe(true);
      await b.withdrawConsent(given.id, { at: '2026-02-15T09:00:00+08:00' });
      await eventually(async () => !(await a.decide(request('s1'))).allowed);
      // The polling store sees a's writes too.
      const second = await a.recordConsent(consentInput('s2'));
      expect((await b.decide(request('s2'))).allowed).toBe(true);
      await a.withdrawConsent(second.id, { at: '2026-02-15T09:00:00+08:00' });
      await eventually(async () => !(await b.decide(request('s2'))).allowed);
      for (const x of [a, b]) x.close();
      await storeA.close();
      await storeB.close();
      await dbA.close();
      await dbB.close();
    },
  );
});

describe('PostgreSQL change feed', () => {
  const pg = PG_URL === undefined ? undefined : postgresFactory();
  it.skipIf(pg === undefined)(
    'reports each own write once while LISTEN/NOTIFY catch-ups overlap with writes',
    async () => {
      if (pg === undefined) return;
      const db = await pg.fresh();
      const store = createPostgresConsentStore(db);
      const seen: string[] = [];
      const stop = store.subscribe((change) => {
        if (change.type === 'consent') seen.push(change.record.id);
      });
      // Sequential writes: each NOTIFY starts a catch-up that overlaps the next
      // write, whose change-feed row it can read before the write learns its seq.
      const ids: string[] = [];
      for (let i = 0; i < 40; i++) {
        const id = `race-${i}`;
        ids.push(id);
        await store.putConsent(consent(id, `s${i}`));
      }
      await store.refresh();
      await new Promise((resolve) => setTimeout(resolve, 100));
      await store.refresh();
      expect(seen).toEqual(ids);
      stop();
      await store.close();
    },
  );
});

describe('consent store options', () => {
  it('are validated', () => {
    const db = openSqlite({ path: ':memory:' });
    expect(() => createSqliteConsentStore(db, { pollIntervalMs: -1 })).toThrow(
      expect.objectContaining({ reason: 'invalid-option', path: 'options.pollIntervalMs' }),
    );
    expect(() => createSqliteConsentStore(db, { changeRetentionMs: Number.NaN })).toThrow(
      expect.objectContaining({ reason: 'invalid-option' }),
    );
    db.close();
    // Checked before the database is touched, so no server is needed.
    const fake = { schema: '"x"', schemaName: 'x' } as never;
    expect(() => createPostgresConsentStore(fake, { watch: 'sometimes' as never })).toThrow(
      expect.objectContaining({ reason: 'invalid-option', path: 'options.watch' }),
    );
    expect(() => createPostgresConsentStore(fake, { pollIntervalMs: -5 })).toThrow(
      expect.objectContaining({ reason: 'invalid-option', path: 'options.pollIntervalMs' }),
    );
  });
  it('refresh() reports nothing without subscribers or foreign changes', () => {
    const db = openSqlite({ path: ':memory:' });
    const store = createSqliteConsentStore(db, { pollIntervalMs: 0 });
    const seen: unknown[] = [];
    const stop = store.subscribe((change) => seen.push(change.type));
    expect(store.refresh()).toBe(0);
    stop();
    store.close();
    db.close();
    expect(seen).toEqual([]);
  });
});

describe('notices stored before processing got its name', () => {
  const pg = PG_URL === undefined ? undefined : postgresFactory();
  it.skipIf(pg === undefined)(
    'PostgreSQL: a row with methods loads as processing, keeps its digest and republishes',
    async () => {
      if (pg === undefined) return;
      const db = await pg.fresh();
      const store = createPostgresConsentStore(db, { watch: 'off' });
      const { digest, processing, ...rest } = defineNotice(notice);
      await db.query(
        `INSERT INTO ${db.schema}.consent_notices (id, version, doc) VALUES ($1, $2, $3)`,
        [notice.id, notice.version, JSON.stringify({ ...rest, methods: processing, digest })],
      );
      const read = await store.getNotice(notice.id, notice.version);
      expect(read?.processing).toEqual(processing);
      expect(read?.digest).toBe(digest);
      expect((await store.noticeVersions(notice.id))[0]?.processing).toEqual(processing);
      await store.putNotice(defineNotice(notice)); // the same notice: no conflict
      await store.close();
    },
  );
});
