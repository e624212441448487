import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { z } from 'zod';
import { parseArgument } from '../../core/parse.ts';
import { StoreError } from '../../errors/index.ts';
import type { Migration } from '../shared/migration.ts';
import { type MigrationResult, migrateSqlite } from './migrate.ts';
import { SQLITE_MIGRATIONS } from './migrations.ts';

/** Where {@link openSqlite} puts the database when no path is given. */
export const DEFAULT_SQLITE_PATH: string = '.dataguard/dataguard.db';

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
}

const SqliteOptionsSchema = z.strictObject({
  path: z.string().min(1).optional(),
  synchronous: z.enum(['normal', 'full']).optional(),
  busyTimeoutMs: z.number().int().min(0).max(600_000).optional(),
  allowDestructiveMigrations: z.boolean().optional(),
});

/**
 * An open SQLite database holding dataguard's stores: WAL journal, a busy
 * timeout so several processes can share the file, and the schema migrated.
 * Create stores on it (e.g. `sqliteLedgerStore(db)`); close it when done.
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
 *   newer than this version or needs a destructive migration not allowed; StoreError when
 *   the file cannot be opened
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
  const path = memory ? ':memory:' : resolve(options.path ?? DEFAULT_SQLITE_PATH);
  let db: Database;
  try {
    if (!memory) mkdirSync(dirname(path), { recursive: true });
    db = new BetterSqlite3(path, { timeout: options.busyTimeoutMs ?? 10_000 });
  } catch (cause) {
    throw new StoreError('cannot open the SQLite database file', {
      reason: 'open-failed',
      path: 'options.path',
      cause,
    });
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('foreign_keys = ON');
    const migration = migrateSqlite(db, migrations, {
      allowDestructive: options.allowDestructiveMigrations === true,
      database: memory ? ':memory:' : path,
    });
    return new SqliteDatabase(db, path, migration);
  } catch (error) {
    db.close();
    throw error;
  }
}
