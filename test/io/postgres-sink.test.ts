import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsentDecider, createMemoryConsentStore } from '../../src/consent/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { createKeyring } from '../../src/crypto/index.ts';
import {
  createPostgresSink,
  type PostgresSink,
  recoverPostgresRelease,
} from '../../src/io/postgres-sink.ts';
import { ledgerSigner, protect } from '../../src/pipeline/index.ts';
import { createLedger } from '../../src/provenance/index.ts';
import { createCatalog, defineDataset } from '../../src/tags/index.ts';
import { announcePgSkip, PG_URL } from '../store/harness.ts';

announcePgSkip('io/postgres-sink.test.ts');

const root = new URL('../../', import.meta.url);
const read = (path: string) => JSON.parse(readFileSync(new URL(path, root), 'utf8'));
const dataset = defineDataset(read('examples/residents.dataset.json'));
const policy = read('examples/share.policy.json');
const shareRequest = read('examples/share-request.json');
const lines = readFileSync(new URL('examples/residents.csv', root), 'utf8').trim().split('\n');
const header = (lines[0] as string).split(',');
// The first 200 residents; every tenth has no occupation (NULL, not an empty string).
const records = lines.slice(1, 201).map((line, row) => {
  const record: Record<string, string | null> = Object.fromEntries(
    line.split(',').map((value, i) => [header[i], value]),
  );
  if (row % 10 === 0) record.occupation = null;
  return record;
});
const LOCK_CLASS = 0x64677264;

function setup() {
  const keyring = createKeyring({
    keys: [
      {
        id: 'k1',
        suite: 'international',
        material: '11'.repeat(32),
        createdAt: '2026-01-01T00:00:00Z',
        status: 'active',
      },
    ],
  });
  const origin = 'ledger.example.gov.cn';
  const ledger = createLedger({
    origin,
    signer: ledgerSigner(keyring, origin),
    clock: fixedClock('2026-11-23T08:00:00+08:00'),
  });
  const catalog = createCatalog();
  catalog.register(dataset);
  const decider = createConsentDecider({ store: createMemoryConsentStore(), catalog });
  return {
    input: records,
    dataset,
    policy,
    purpose: 'statutory-duty',
    actor: { id: 'gov.example.civil-affairs', kind: 'agency' as const },
    recipient: { id: 'gov.example.health', kind: 'agency' as const },
    legalBasis: 'statutory-duty' as const,
    share: { decider, request: shareRequest },
    keyring,
    ledger,
  };
}

describe.skipIf(PG_URL === undefined)('createPostgresSink: a release into a table', () => {
  const url = PG_URL as string;
  const schema = `dgsink_${process.pid}_${Date.now().toString(36)}`;
  let admin: pg.Client;
  const count = async (sql: string, values: unknown[] = []) =>
    Number((await admin.query(sql, values)).rows[0].n);
  const tableExists = async (name: string) =>
    (await admin.query('SELECT to_regclass($1) IS NOT NULL AS ok', [name])).rows[0].ok as boolean;
  // What a crash does to the staging session: it ends, its advisory lock with it.
  const kill = async (release: string) => {
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND classid = $1::bigint::oid AND objid = (hashtext($2)::bigint & 4294967295)::oid AND objsubid = 2`,
      [LOCK_CLASS, release],
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
  };

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
  });
  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  it('creates the table, writes every released row with its release id, keeps NULL as NULL', async () => {
    const options = setup();
    const table = `${schema}.provided`;
    const releaseId = 'releaseaaaaaaaaaaaaa';
    const summary = await protect({
      ...options,
      releaseId,
      sink: createPostgresSink({ url, table, releaseId, batchRows: 64 }),
    });
    const entry = await options.ledger.get(summary.ledgerIndex);
    expect(entry.event.details?.release).toBe(releaseId);
    const rows = (await admin.query(`SELECT * FROM ${table} ORDER BY dataguard_row`))
      .rows as Record<string, string | null>[];
    expect(rows).toHaveLength(summary.rowsOut);
    expect(rows.every((row) => row.dataguard_release === releaseId)).toBe(true);
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'dataguard_release',
      'dataguard_row',
      ...summary.columns,
    ]);
    expect(rows[0]?.occupation).toBeNull();
    expect(rows[1]?.occupation).toBe(records[1]?.occupation);
    // Direct identifiers left the holder transformed.
    expect(rows.some((row) => row.id_card === records[0]?.id_card)).toBe(false);
    expect(rows[0]?.name).not.toBe(records[0]?.name);
    expect(await tableExists(`${schema}.dataguard_staged_${releaseId}`)).toBe(false);
    expect(await count(`SELECT count(*) AS n FROM ${schema}.dataguard_staged_releases`)).toBe(0);
  });

  it('a crash after staging and before the ledger event: recovery drops the staged rows', async () => {
    const options = setup();
    const table = `${schema}.crash_before`;
    const releaseId = 'releasebbbbbbbbbbbbb';
    const real = createPostgresSink({ url, table, releaseId });
    const crashing: PostgresSink = {
      async write(input, columns) {
        await real.write(input, columns);
        throw new Error('crash after staging');
      },
      commit: () => real.commit(),
      abort: async () => undefined, // a dead process aborts nothing
    };
    await expect(protect({ ...options, releaseId, sink: crashing })).rejects.toThrow('crash');
    await kill(releaseId);
    expect(await options.ledger.size()).toBe(0);
    expect(await tableExists(`${schema}.dataguard_staged_${releaseId}`)).toBe(true);
    const recovery = await recoverPostgresRelease(options.ledger, { url, table });
    expect(recovery).toEqual({ finished: [], rolledBack: [releaseId] });
    expect(await tableExists(`${schema}.dataguard_staged_${releaseId}`)).toBe(false);
    expect(await tableExists(table)).toBe(false);
  });

  it('a crash after the ledger event and before the move: recovery makes the rows visible', async () => {
    const options = setup();
    const table = `${schema}.crash_after`;
    const releaseId = 'releasecccccccccccccc';
    const real = createPostgresSink({ url, table, releaseId });
    const crashing: PostgresSink = {
      write: (input, columns) => real.write(input, columns),
      async commit() {
        await kill(releaseId);
        throw new Error('crash after the ledger event');
      },
      abort: async () => undefined,
    };
    await expect(protect({ ...options, releaseId, sink: crashing })).rejects.toThrow('crash');
    expect(await options.ledger.size()).toBe(1);
    expect(await tableExists(table)).toBe(false);
    const recovery = await recoverPostgresRelease(options.ledger, { url, table });
    expect(recovery).toEqual({ finished: [releaseId], rolledBack: [] });
    const event = (await options.ledger.get(0)).event;
    expect(
      await count(`SELECT count(*) AS n FROM ${table} WHERE dataguard_release = $1`, [releaseId]),
    ).toBe(event.details?.rowsOut);
    expect(await tableExists(`${schema}.dataguard_staged_${releaseId}`)).toBe(false);
    // Nothing left to recover.
    expect(await recoverPostgresRelease(options.ledger, { url, table })).toEqual({
      finished: [],
      rolledBack: [],
    });
  });

  it('leaves a release another live session is staging alone', async () => {
    const options = setup();
    const table = `${schema}.in_progress`;
    const releaseId = 'releaseddddddddddddd';
    const sink = createPostgresSink({ url, table, releaseId });
    await sink.write(
      (async function* () {
        yield { a: '1' };
      })(),
      ['a'],
    );
    expect(await recoverPostgresRelease(options.ledger, { url, table })).toEqual({
      finished: [],
      rolledBack: [],
    });
    expect(await tableExists(`${schema}.dataguard_staged_${releaseId}`)).toBe(true);
    await sink.abort();
    expect(await tableExists(`${schema}.dataguard_staged_${releaseId}`)).toBe(false);
  });

  it('refuses an existing table that lacks an output column, before staging anything', async () => {
    const table = `${schema}.narrow`;
    await admin.query(
      `CREATE TABLE ${table} (dataguard_release text, dataguard_row bigint, a text)`,
    );
    const sink = createPostgresSink({ url, table, releaseId: 'releaseeeeeeeeeeeeee' });
    await expect(
      sink.write(
        (async function* () {
          yield { a: '1', b: '2' };
        })(),
        ['a', 'b'],
      ),
    ).rejects.toMatchObject({
      reason: 'table-mismatch',
      message: expect.stringContaining('42703'),
    });
    await sink.abort();
    expect(await tableExists(`${schema}.dataguard_staged_releaseeeeeeeeeeeeee`)).toBe(false);
  });

  it('quotes identifiers: a table and columns with quotes and Chinese names', async () => {
    const table = `${schema}.居民 "共享"`;
    const sink = createPostgresSink({ url, table, releaseId: 'releasefffffffffffff' });
    await sink.write(
      (async function* () {
        yield { 姓名: '张三', 'a"b': null };
      })(),
      ['姓名', 'a"b'],
    );
    await sink.commit();
    const rows = (await admin.query(`SELECT * FROM ${schema}."居民 ""共享"""`)).rows;
    expect(rows).toEqual([
      { dataguard_release: 'releasefffffffffffff', dataguard_row: '1', 姓名: '张三', 'a"b': null },
    ]);
  });
});
