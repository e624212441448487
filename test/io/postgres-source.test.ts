import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors/index.ts';
import { redactUrl } from '../../src/io/postgres-connection.ts';
import { readPostgresQuery } from '../../src/io/postgres-source.ts';
import { announcePgSkip, PG_URL } from '../store/harness.ts';

announcePgSkip('io/postgres-source.test.ts');

async function collect(
  query: string,
  batchSize?: number,
): Promise<Record<string, string | null>[]> {
  const out: Record<string, string | null>[] = [];
  for await (const record of readPostgresQuery({ url: PG_URL as string, query, batchSize }))
    out.push(record);
  return out;
}

async function failure(query: string, url = PG_URL as string): Promise<InputError> {
  try {
    for await (const _ of readPostgresQuery({ url, query })) {
      // drain
    }
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('the query did not fail');
}

describe('redactUrl', () => {
  it('hides passwords in the user part and in parameters', () => {
    expect(redactUrl('postgres://dg:s3cret@db.example:5432/x')).toBe(
      'postgres://dg:***@db.example:5432/x',
    );
    expect(redactUrl('postgres://db/x?password=s3cret&sslmode=require')).not.toContain('s3cret');
    expect(redactUrl('host=db password=s3cret user=dg')).toBe('host=db password=*** user=dg');
  });
});

describe.skipIf(PG_URL === undefined)('readPostgresQuery', () => {
  const schema = `dgsrc_${process.pid}_${Date.now().toString(36)}`;
  let admin: pg.Client;
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.query(
      `CREATE TABLE ${schema}.people (id int, name text, born date, seen timestamptz, note text)`,
    );
    await admin.query(`CREATE SEQUENCE ${schema}.counter`);
    await admin.query(
      `INSERT INTO ${schema}.people SELECT g, '张' || g, date '1973-01-09' + g, timestamptz '2026-03-10 08:00:00+08' + g * interval '1 hour', CASE WHEN g % 3 = 0 THEN NULL WHEN g % 3 = 1 THEN '' ELSE 'x' END FROM generate_series(1, 2500) g`,
    );
  });
  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  it('streams every row across batches, in order, values as PostgreSQL text', async () => {
    const rows = await collect(`SELECT * FROM ${schema}.people ORDER BY id;`, 300);
    expect(rows).toHaveLength(2500);
    expect(rows[0]).toEqual({
      id: '1',
      name: '张1',
      born: '1973-01-10',
      seen: '2026-03-10 09:00:00+08',
      note: '',
    });
    expect(rows[2499]?.id).toBe('2500');
    expect(Object.keys(rows[0] ?? {})).toEqual(['id', 'name', 'born', 'seen', 'note']);
  });

  it('streams: the first rows of a billion-row result arrive at once (one batch in memory)', async () => {
    const started = Date.now();
    const seen: (string | null)[] = [];
    for await (const record of readPostgresQuery({
      url: PG_URL as string,
      // A set-returning function in the select list is evaluated row by row, never materialized.
      query: 'SELECT generate_series(1, 1000000000) AS g',
      batchSize: 100,
    })) {
      seen.push(record.g ?? null);
      if (seen.length === 250) break;
    }
    expect(seen[249]).toBe('250');
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('keeps NULL as null, distinct from the empty string', async () => {
    const rows = await collect(
      `SELECT note FROM ${schema}.people WHERE id IN (1, 2, 3) ORDER BY id`,
    );
    expect(rows.map((row) => row.note)).toEqual(['', 'x', null]);
  });

  it('renders timestamptz in the requested zone', async () => {
    const out: (string | null)[] = [];
    for await (const record of readPostgresQuery({
      url: PG_URL as string,
      query: `SELECT seen FROM ${schema}.people WHERE id = 1`,
      timeZone: 'UTC',
    }))
      out.push(record.seen ?? null);
    expect(out).toEqual(['2026-03-10 01:00:00+00']);
  });

  it('names the SQLSTATE of a bad query, never the query or the server message', async () => {
    const error = await failure(`SELECT nosuchcolumn FROM ${schema}.people WHERE name = '张三'`);
    expect(error.reason).toBe('query-failed');
    expect(error.message).toContain('SQLSTATE 42703');
    expect(error.message).toContain('--query');
    expect(error.message).not.toContain('张三');
    expect(error.message).not.toContain('nosuchcolumn');
  });

  it('refuses queries that write, and the table is unchanged', async () => {
    const writes = [
      `DELETE FROM ${schema}.people RETURNING *`,
      `WITH gone AS (DELETE FROM ${schema}.people RETURNING *) SELECT * FROM gone`,
      `SELECT nextval('${schema}.counter')`,
      `SELECT 1; COMMIT; DELETE FROM ${schema}.people`,
    ];
    const states: string[] = [];
    for (const query of writes) {
      const error = await failure(query);
      expect(error.reason).toBe('query-failed');
      states.push(String(error.details?.sqlstate));
    }
    expect(states).toEqual(['42601', '0A000', '25006', '42601']);
    const count = await admin.query(`SELECT count(*)::int AS n FROM ${schema}.people`);
    expect(count.rows[0].n).toBe(2500);
    const counter = await admin.query(`SELECT last_value, is_called FROM ${schema}.counter`);
    expect(counter.rows[0].is_called).toBe(false);
  });

  it('refuses two columns of the same name', async () => {
    const error = await failure('SELECT 1 AS a, 2 AS a');
    expect(error.reason).toBe('duplicate-column');
  });

  it('closes the cursor and the connection when the reader stops early', async () => {
    const before = await admin.query(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'dataguard'",
    );
    for await (const record of readPostgresQuery({
      url: PG_URL as string,
      query: `SELECT * FROM ${schema}.people`,
      batchSize: 10,
    })) {
      expect(record.id).toBeDefined();
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    const after = await admin.query(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'dataguard'",
    );
    expect(after.rows[0].n).toBeLessThanOrEqual(before.rows[0].n);
  });

  it('names an unreachable server with the password redacted', async () => {
    const error = await failure('SELECT 1', 'postgres://dg:s3cret@127.0.0.1:1/none');
    expect(error.reason).toBe('database-unreachable');
    expect(error.message).toContain('dg:***@127.0.0.1:1');
    expect(error.message).not.toContain('s3cret');
  });
});
