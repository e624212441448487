// Shared test helpers for the store backends: temporary SQLite files and
// throwaway PostgreSQL schemas on the server named by DATAGUARD_TEST_PG_URL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { openPostgres, type PostgresDatabase } from '../../src/store/postgres/index.ts';
import { POSTGRES_MIGRATIONS } from '../../src/store/postgres/migrations.ts';
import { openSqlite, type SqliteDatabase } from '../../src/store/sqlite/index.ts';

/** The test server's URL, or undefined when PostgreSQL tests must be skipped. */
export const PG_URL: string | undefined = process.env.DATAGUARD_TEST_PG_URL || undefined;

/** Why PostgreSQL tests are skipped (printed, never silent). */
export const PG_SKIP_REASON: string =
  'PostgreSQL store tests SKIPPED: DATAGUARD_TEST_PG_URL is not set. Start a throwaway server with ' +
  '`export DATAGUARD_TEST_PG_URL="$(scripts/pg-test-server.sh)"` (CI does this in .ci/run).';

/** Prints the skip reason once per test file when there is no server. */
export function announcePgSkip(file: string): void {
  beforeAll(() => {
    if (PG_URL === undefined) process.stderr.write(`\n[${file}] ${PG_SKIP_REASON}\n`);
  });
}

/** A temporary directory removed after the file's tests. */
export function tempDir(prefix = 'dataguard-store-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

let sqliteCounter = 0;

/** Opens fresh SQLite databases in a temporary directory; closes them after the file. */
export function sqliteFactory(): () => SqliteDatabase {
  const dir = tempDir('dataguard-sqlite-');
  const opened: SqliteDatabase[] = [];
  afterAll(() => {
    for (const db of opened) db.close();
  });
  return () => {
    const db = openSqlite({ path: join(dir, `db-${++sqliteCounter}.db`) });
    opened.push(db);
    return db;
  };
}

/**
 * Opens PostgreSQL databases on one shared pool: `open` in a new schema,
 * `fresh` in one reused schema emptied first (much faster than migrating a new
 * schema; only for tests that are done with the previous store). The schemas
 * are dropped and the pool closed after the file.
 */
export function postgresFactory(): {
  open: () => Promise<PostgresDatabase>;
  fresh: () => Promise<PostgresDatabase>;
  pool: () => pg.Pool;
  newSchemaName: () => string;
} {
  let pool: pg.Pool | undefined;
  const schemas: string[] = [];
  const getPool = () => {
    if (PG_URL === undefined) throw new Error(PG_SKIP_REASON);
    pool ??= new pg.Pool({ connectionString: PG_URL, max: 8 });
    return pool;
  };
  const newSchemaName = () => {
    const name = `dgtest_${process.pid}_${Date.now().toString(36)}_${schemas.length}_${Math.random()
      .toString(36)
      .slice(2, 8)}`;
    schemas.push(name);
    return name;
  };
  afterAll(async () => {
    if (pool === undefined) return;
    for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });
  let reused: PostgresDatabase | undefined;
  const fresh = async () => {
    if (reused === undefined) {
      reused = await openPostgres({ pool: getPool(), schema: newSchemaName() });
      return reused;
    }
    const tables = await getPool().query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = $1 AND tablename <> 'schema_version'",
      [reused.schemaName],
    );
    // DELETE, not TRUNCATE: for a few rows it avoids TRUNCATE's file rewrites.
    const deletes = tables.rows.map((t) => `DELETE FROM ${reused?.schema}."${t.name}"`);
    // Emptied tables get back the rows their migrations seeded (e.g. the ledger head).
    const seeds = POSTGRES_MIGRATIONS.flatMap((m) => m.statements)
      .filter((statement) => statement.startsWith('INSERT INTO'))
      .map((statement) => statement.replaceAll('{schema}', reused?.schema ?? ''));
    await getPool().query([...deletes, ...seeds].join('; '));
    return reused;
  };
  return {
    pool: getPool,
    newSchemaName,
    open: () => openPostgres({ pool: getPool(), schema: newSchemaName() }),
    fresh,
  };
}
