// Released records into a PostgreSQL table under the commit protocol (P-RECORD):
// `write` stages the rows in a table of their own (committed, so they survive a
// crash), the caller appends the ledger event, and `commit` moves them into the
// target in one transaction. Recovery finishes a staged release its event
// records and drops one no event records.
import type { Client } from 'pg';
import { StoreError } from '../errors/kinds.ts';
import type { Ledger } from '../provenance/ledger.ts';
import { connectPostgres, quoteIdentifier, statementError } from './postgres-connection.ts';

/** Options of {@link createPostgresSink}. */
export interface PostgresSinkOptions {
  /** Connection URL; never printed with its password. */
  readonly url: string;
  /** The target table, `table` or `schema.table`; created (text columns) when absent. */
  readonly table: string;
  /** The release's id: written into every row (`dataguard_release`) and the staging table's name. */
  readonly releaseId: string;
  /** Rows per INSERT statement (default: 1,000, fewer for wide outputs). */
  readonly batchRows?: number | undefined;
}

/** A two-phase sink writing into PostgreSQL; satisfies the pipeline's `RecordSink`. */
export interface PostgresSink {
  /** Stages the records in `dataguard_staged_<release>` (committed, not yet in the target). */
  write(records: AsyncIterable<Record<string, unknown>>, columns: readonly string[]): Promise<void>;
  /** Moves the staged rows into the target, creating it if absent, in one transaction. */
  commit(): Promise<void>;
  /** Drops the staged rows. */
  abort(): Promise<void>;
}

/** The two columns dataguard adds to the target: the release id (as in the ledger event) and the row order. */
const RELEASE_COLUMNS: readonly string[] = ['dataguard_release', 'dataguard_row'];

const REGISTRY = 'dataguard_staged_releases';
// First key of the advisory locks a staging run holds (second: hashtext(release id)).
const LOCK_CLASS = 0x64677264;
const MAX_PARAMETERS = 65_535;

interface Names {
  readonly target: string;
  readonly registry: string;
  readonly staging: string;
  readonly stagingBare: string;
}

function namesOf(table: string, releaseId: string): Names {
  const target = quoteIdentifier(table, '--table', true);
  const dot = table.indexOf('.');
  const schema = dot < 0 ? '' : `${quoteIdentifier(table.slice(0, dot), '--table')}.`;
  const stagingBare = `dataguard_staged_${releaseId}`;
  return {
    target,
    registry: `${schema}${quoteIdentifier(REGISTRY, '--table')}`,
    staging: `${schema}${quoteIdentifier(stagingBare, '--table')}`,
    stagingBare,
  };
}

/**
 * A sink that writes a release into a PostgreSQL table. `write` stages the
 * rows in their own table `dataguard_staged_<release>` and files it in
 * `dataguard_staged_releases` (one committed transaction); the pipeline then
 * appends the ledger event; `commit` creates the target if absent
 * (`dataguard_release`, `dataguard_row` and one text column per output column)
 * and moves the rows into it, dropping the staging table, in one transaction.
 * Call {@link recoverPostgresRelease} before a release to finish or roll back
 * one a crash interrupted.
 *
 * @param options - URL, target table, release id
 * @returns the sink
 * @throws {InputError} `bad-identifier` for an unusable table name or release id
 * @example
 * ```ts no-run needs a running PostgreSQL server (test/io runs the same calls against one)
 * const sink = createPostgresSink({ url, table: 'shared.residents_2026', releaseId });
 * await recoverPostgresRelease(ledger, { url, table: 'shared.residents_2026' });
 * await protect({ ...options, sink, releaseId });
 * ```
 */
export function createPostgresSink(options: PostgresSinkOptions): PostgresSink {
  const names = namesOf(options.table, options.releaseId);
  let client: Client | undefined;
  let columns: readonly string[] = [];
  const close = async () => {
    const open = client;
    client = undefined;
    await open?.end().catch(() => undefined);
  };
  return {
    async write(records, outColumns) {
      columns = checkColumns(outColumns);
      client = await connectPostgres(options.url, '--to-postgres');
      const db = client;
      await sql(db, 'SELECT pg_advisory_lock($1, hashtext($2))', [LOCK_CLASS, options.releaseId]);
      await checkTarget(db, names.target, columns);
      const quoted = columns.map((column) => quoteIdentifier(column, '--table'));
      await sql(db, 'BEGIN');
      try {
        await sql(
          db,
          `CREATE TABLE IF NOT EXISTS ${names.registry} (release text PRIMARY KEY, target text NOT NULL, staging text NOT NULL, columns text NOT NULL, rows bigint NOT NULL, staged_at timestamptz NOT NULL DEFAULT now())`,
        );
        await sql(
          db,
          `CREATE TABLE ${names.staging} (dataguard_row bigint NOT NULL${quoted.map((q) => `, ${q} text`).join('')})`,
        );
        const width = columns.length + 1;
        const perStatement = Math.max(
          1,
          Math.min(options.batchRows ?? 1000, Math.floor(MAX_PARAMETERS / width)),
        );
        const insert = `INSERT INTO ${names.staging} (dataguard_row${quoted.map((q) => `, ${q}`).join('')}) VALUES `;
        let values: unknown[] = [];
        let tuples: string[] = [];
        let row = 0;
        const flush = async () => {
          if (tuples.length === 0) return;
          await sql(db, `${insert}${tuples.join(', ')}`, values);
          values = [];
          tuples = [];
        };
        for await (const record of records) {
          row++;
          const base = values.length;
          values.push(row);
          for (const column of columns) values.push(textOf(record[column]));
          let tuple = `($${base + 1}`;
          for (let i = 2; i <= width; i++) tuple += `, $${base + i}`;
          tuples.push(`${tuple})`);
          if (tuples.length >= perStatement) await flush();
        }
        await flush();
        await sql(
          db,
          `INSERT INTO ${names.registry} (release, target, staging, columns, rows) VALUES ($1, $2, $3, $4, $5)`,
          [options.releaseId, options.table, names.stagingBare, JSON.stringify(columns), row],
        );
        await sql(db, 'COMMIT');
      } catch (error) {
        await db.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    },
    async commit() {
      const db = client;
      if (db === undefined) throw notStaged();
      try {
        await moveStaged(db, names, options.releaseId, columns);
      } finally {
        await close();
      }
    },
    async abort() {
      const db = client;
      try {
        if (db !== undefined) await dropStaged(db, names, options.releaseId);
      } finally {
        await close();
      }
    },
  };
}

/** What {@link recoverPostgresRelease} did, by release id. */
export interface PostgresRecovery {
  /** Staged releases the ledger records: their rows were moved into the table. */
  readonly finished: readonly string[];
  /** Staged releases no ledger event records: their staging tables were dropped. */
  readonly rolledBack: readonly string[];
}

/**
 * Finishes or rolls back releases into `table` that a crash interrupted: a
 * staged release whose event the ledger holds (same release id, same row
 * count) is moved into the table; one the ledger does not record is dropped.
 * A release still being written by a live session (it holds its advisory
 * lock) is left alone.
 *
 * @param ledger - the ledger the releases are recorded in
 * @param options - URL and target table
 * @returns the release ids finished and rolled back
 * @throws {InputError} `database-unreachable`, `bad-identifier`
 * @throws {StoreError} `staged-release-mismatch` when the event records another row count than was staged
 */
export async function recoverPostgresRelease(
  ledger: Ledger,
  options: { readonly url: string; readonly table: string },
): Promise<PostgresRecovery> {
  const finished: string[] = [];
  const rolledBack: string[] = [];
  const registry = namesOf(options.table, 'x').registry;
  const db = await connectPostgres(options.url, '--to-postgres');
  try {
    const exists = await sql(db, 'SELECT to_regclass($1) IS NOT NULL AS present', [registry]);
    if (exists.rows[0]?.present !== 't') return { finished, rolledBack };
    const staged = await sql(
      db,
      `SELECT release, columns, rows FROM ${registry} WHERE target = $1 ORDER BY staged_at`,
      [options.table],
    );
    for (const row of staged.rows as { release: string; columns: string; rows: string }[]) {
      const locked = await sql(db, 'SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [
        LOCK_CLASS,
        row.release,
      ]);
      if (locked.rows[0]?.ok !== 't') continue;
      try {
        const names = namesOf(options.table, row.release);
        const rowsOut = await recordedRows(ledger, row.release);
        if (rowsOut === undefined) {
          await dropStaged(db, names, row.release);
          rolledBack.push(row.release);
        } else if (rowsOut !== Number(row.rows)) {
          throw new StoreError(
            `--table ${options.table}: release ${row.release} staged ${row.rows} rows but its ledger event records ${rowsOut}; left staged for inspection`,
            { reason: 'staged-release-mismatch', path: 'table' },
          );
        } else {
          await moveStaged(db, names, row.release, JSON.parse(row.columns) as string[]);
          finished.push(row.release);
        }
      } finally {
        await sql(db, 'SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_CLASS, row.release]);
      }
    }
    return { finished, rolledBack };
  } finally {
    await db.end().catch(() => undefined);
  }
}

// The rows the ledger event of `release` records, or undefined when none does.
async function recordedRows(ledger: Ledger, release: string): Promise<number | undefined> {
  const size = await ledger.size();
  for (let index = size - 1; index >= 0; index--) {
    const details = (await ledger.get(index)).event.details;
    if (details?.release === release)
      return typeof details.rowsOut === 'number' ? details.rowsOut : -1;
  }
  return undefined;
}

async function moveStaged(
  db: Client,
  names: Names,
  release: string,
  columns: readonly string[],
): Promise<void> {
  const quoted = columns.map((column) => quoteIdentifier(column, '--table'));
  const list = quoted.map((q) => `, ${q}`).join('');
  await sql(db, 'BEGIN');
  try {
    await sql(
      db,
      `CREATE TABLE IF NOT EXISTS ${names.target} (dataguard_release text NOT NULL, dataguard_row bigint NOT NULL${quoted.map((q) => `, ${q} text`).join('')})`,
    );
    await sql(
      db,
      `INSERT INTO ${names.target} (dataguard_release, dataguard_row${list}) SELECT $1, dataguard_row${list} FROM ${names.staging} ORDER BY dataguard_row`,
      [release],
    );
    await sql(db, `DROP TABLE ${names.staging}`);
    await sql(db, `DELETE FROM ${names.registry} WHERE release = $1`, [release]);
    await sql(db, 'COMMIT');
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function dropStaged(db: Client, names: Names, release: string): Promise<void> {
  await db.query('ROLLBACK').catch(() => undefined);
  await sql(db, 'BEGIN');
  try {
    await sql(db, `DROP TABLE IF EXISTS ${names.staging}`);
    const registered = await sql(db, 'SELECT to_regclass($1) IS NOT NULL AS present', [
      names.registry,
    ]);
    if (registered.rows[0]?.present === 't')
      await sql(db, `DELETE FROM ${names.registry} WHERE release = $1`, [release]);
    await sql(db, 'COMMIT');
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

// Fails before anything is staged when an existing target lacks an output column.
async function checkTarget(db: Client, target: string, columns: readonly string[]): Promise<void> {
  const list = [...RELEASE_COLUMNS, ...columns]
    .map((column) => quoteIdentifier(column, '--table'))
    .join(', ');
  try {
    await db.query(`SELECT ${list} FROM ${target} WHERE false`);
  } catch (error) {
    const state = (error as { code?: unknown }).code;
    if (state === '42P01') return; // absent: created at commit
    throw statementError(
      error,
      '--table',
      'checking the existing table (it needs dataguard_release, dataguard_row and every output column)',
      'table-mismatch',
    );
  }
}

function checkColumns(columns: readonly string[]): readonly string[] {
  for (const column of columns) {
    quoteIdentifier(column, '--table');
    if (RELEASE_COLUMNS.includes(column)) {
      throw new StoreError(
        `--table: the output has a column named ${column}, which dataguard adds itself`,
        {
          reason: 'reserved-column',
          path: 'table',
        },
      );
    }
  }
  return [...columns];
}

function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value);
}

function notStaged(): StoreError {
  return new StoreError('commit before write: nothing was staged', {
    reason: 'not-staged',
    path: 'table',
  });
}

async function sql(
  db: Client,
  text: string,
  values?: readonly unknown[],
): Promise<{ rows: Record<string, unknown>[] }> {
  try {
    return await db.query(text, values === undefined ? undefined : [...values]);
  } catch (error) {
    throw statementError(error, '--table', 'writing the table', 'table-write-failed');
  }
}
