import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { z } from 'zod';
import { parseArgument } from '../../core/parse.ts';
import { DataguardError, StoreError, ValidationError } from '../../errors/index.ts';
import type { Migration } from '../shared/migration.ts';
import { type MigrationResult, migrateSqlite } from './migrate.ts';
import { SQLITE_MIGRATIONS } from './migrations.ts';
import { checkSchemaReadOnly } from './schema-read-only.ts';
import { sqliteFault } from './sqlite-fault.ts';

/** Where {@link openSqlite} puts the database when no path is given. */
const DEFAULT_SQLITE_PATH: string = '.dataguard/dataguard.db';

/** Options of {@link openSqlite}. */
export interface SqliteOptions {
  /** Database file (default `.dataguard/dataguard.db`; its directory is created). `:memory:` for a private in-memory database. */
  readonly path?: string | undefined;
  /**
   * `normal` (default): with WAL, every acknowledged commit survives a crash of the
   * process; a power loss or OS crash may roll back the last commits, never corrupt.
   * `full`: the WAL is synced on every commit, so commits also survive power loss (about 10× slower per commit).
   */
  readonly synchronous?: 'normal' | 'full' | undefined;
  /** How long a writer waits for another process's lock before failing (default 10,000 ms). */
  readonly busyTimeoutMs?: number | undefined;
  /** Apply migrations marked destructive (default false: opening throws SchemaVersionError instead). */
  readonly allowDestructiveMigrations?: boolean | undefined;
  /**
   * Open an existing file only: never create the file or its directory
   * (a missing file throws StoreError `missing-database`). Default false.
   */
  readonly mustExist?: boolean | undefined;
  /**
   * Open an existing file read-only (implies `mustExist`): no statement may write
   * (SQLite `query_only`, or its read-only flag when the file is not writable) and
   * no migration runs, so a schema older than this version throws
   * SchemaVersionError `read-only-outdated`. Default false.
   */
  readonly readOnly?: boolean | undefined;
}

const SqliteOptionsSchema = z.strictObject({
  path: z.string().min(1).optional(),
  synchronous: z.enum(['normal', 'full']).optional(),
  busyTimeoutMs: z.number().int().min(0).max(600_000).optional(),
  allowDestructiveMigrations: z.boolean().optional(),
  mustExist: z.boolean().optional(),
  readOnly: z.boolean().optional(),
});

/**
 * An open SQLite database holding dataguard's stores: WAL journal, a busy
 * timeout so several processes can share the file, and the schema migrated.
 * Create stores on it (e.g. `createSqliteLedgerStore(db)`); close it when done.
 */
export class SqliteDatabase {
  /** The better-sqlite3 handle, for advanced use (backups, inspection). */
  readonly db: Database;
  /** The file path (absolute), or `:memory:`. */
  readonly path: string;
  /** The migrations applied when opening. */
  readonly migration: MigrationResult;
  readonly #immediate: (body: () => unknown) => unknown;

  /** Use {@link openSqlite}. */
  constructor(db: Database, path: string, migration: MigrationResult) {
    this.db = db;
    this.path = path;
    this.migration = migration;
    const tx = db.transaction((body: () => unknown) => body());
    this.#immediate = (body) => tx.immediate(body);
  }

  /** The schema version of the database. */
  get schemaVersion(): number {
    return this.migration.to;
  }

  /**
   * Runs `body` in a `BEGIN IMMEDIATE` transaction: the write lock is taken at
   * the start, so concurrent writers in other processes queue (up to the busy
   * timeout) instead of failing on upgrade; nested calls become savepoints.
   *
   * @param body - synchronous work; throwing rolls everything back
   * @returns what `body` returns
   * @throws whatever `body` throws, after rollback
   */
  transaction<T>(body: () => T): T {
    return this.#immediate(body) as T;
  }

  /**
   * Copies the database to `destination` with SQLite's online backup API, while
   * it stays in use.
   *
   * @param destination - the backup file to write
   * @returns when the copy is complete
   */
  async backup(destination: string): Promise<void> {
    await this.db.backup(destination);
  }

  /**
   * Writes a compacted, consistent copy of the database to a new file (`VACUUM INTO`).
   *
   * @param destination - a file that must not exist yet
   */
  vacuumInto(destination: string): void {
    this.db.prepare('VACUUM INTO ?').run(destination);
  }

  /** Closes the database; stores created on it stop working. */
  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * Opens (creating if needed) a SQLite database for dataguard's stores and
 * applies pending migrations in one transaction.
 *
 * @param options - path, durability and migration options
 * @returns the open database
 * @throws ValidationError on bad options; SchemaVersionError when the file's schema is
 *   newer than this version, needs a destructive migration not allowed, or is older and
 *   opened read-only; StoreError naming the file when it is missing (`missing-database`,
 *   with `mustExist` or `readOnly`), a directory (`is-a-directory`), not a SQLite database
 *   (`not-a-database`), holds no dataguard schema (`not-a-dataguard-database`, read-only),
 *   or cannot be opened, read or written (`open-failed`, `io-error`, `disk-full`, …)
 * @example
 * ```ts
 * import { openSqlite } from 'dataguard/store/sqlite';
 * const db = openSqlite({ path: ':memory:' });
 * db.close();
 * ```
 */
export function openSqlite(options: SqliteOptions = {}): SqliteDatabase {
  const parsed = parseArgument(SqliteOptionsSchema, options, 'options');
  return openSqliteWith(parsed, SQLITE_MIGRATIONS);
}

/** {@link openSqlite} with an explicit migration list (tests of the migration machinery). */
export function openSqliteWith(
  options: SqliteOptions,
  migrations: readonly Migration[],
): SqliteDatabase {
  const memory = options.path === ':memory:';
  const readOnly = options.readOnly === true;
  if (memory && (readOnly || options.mustExist === true)) {
    throw new ValidationError('options.readOnly and options.mustExist need a file, not :memory:', {
      path: options.readOnly === true ? 'options.readOnly' : 'options.mustExist',
      reason: 'memory-must-exist',
    });
  }
  const path = memory ? ':memory:' : resolve(options.path ?? DEFAULT_SQLITE_PATH);
  if (!memory) checkFile(path, readOnly || options.mustExist === true);
  let db: Database;
  try {
    if (!memory && !readOnly && options.mustExist !== true) {
      mkdirSync(dirname(path), { recursive: true });
    }
    db = new BetterSqlite3(path, {
      timeout: options.busyTimeoutMs ?? 10_000,
      // A writable file is opened read-write but query-only: SQLite's read-only flag would
      // leave -wal and -shm files behind, which only a read-write connection removes on close.
      readonly: readOnly && !isWritable(path),
      fileMustExist: readOnly || options.mustExist === true,
    });
  } catch (cause) {
    throw (
      sqliteFault(cause, path) ??
      new StoreError(`cannot open SQLite database ${path}`, {
        reason: 'open-failed',
        path: 'options.path',
        cause,
      })
    );
  }
  try {
    db.pragma(readOnly ? 'query_only = ON' : 'journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('foreign_keys = ON');
    const migration = readOnly
      ? checkSchemaReadOnly(db, migrations, path)
      : migrateSqlite(db, migrations, {
          allowDestructive: options.allowDestructiveMigrations === true,
          database: memory ? ':memory:' : path,
        });
    return new SqliteDatabase(db, path, migration);
  } catch (error) {
    db.close();
    if (error instanceof DataguardError) throw error;
    throw sqliteFault(error, path) ?? error;
  }
}

function isWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Refuses a directory, and a missing file when the file must exist, before SQLite sees them. */
function checkFile(path: string, mustExist: boolean): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (error) {
    if (!mustExist) return; // created below; other faults surface when opening
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new StoreError(
      missing ? `SQLite database ${path} does not exist` : `cannot open SQLite database ${path}`,
      { cause: error, reason: missing ? 'missing-database' : 'open-failed', path: 'options.path' },
    );
  }
  if (isDirectory) {
    throw new StoreError(`${path} is a directory, not a SQLite database file`, {
      reason: 'is-a-directory',
      path: 'options.path',
    });
  }
}
