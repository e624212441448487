import type { Database } from 'better-sqlite3';
import { type Migration, pendingMigrations } from '../shared/migration.ts';

/** What `openSqlite` (its migration) did. */
export interface MigrationResult {
  /** The version before opening (0 for a new database). */
  readonly from: number;
  /** The version now. */
  readonly to: number;
  /** Names of the migrations applied, in order. */
  readonly applied: readonly string[];
}

/**
 * Brings a SQLite database to the latest schema in one IMMEDIATE transaction,
 * so concurrent openers serialize and a failed step leaves the database as it was.
 *
 * @param db - an open better-sqlite3 database
 * @param migrations - the migrations to apply, in version order
 * @param options - whether destructive steps may run; the database's name for errors
 * @returns the versions before and after, and what was applied
 * @throws SchemaVersionError when the database is newer than `migrations`, or a destructive
 *   step is pending and not allowed
 * @example
 * ```ts
 * import Database from 'better-sqlite3';
 * import { migrateSqlite } from './migrate.ts';
 * import { SQLITE_MIGRATIONS } from './migrations.ts';
 * const db = new Database('app.db');
 * const first = migrateSqlite(db, SQLITE_MIGRATIONS, { allowDestructive: false, database: 'app.db' });
 * first.from; // 0
 * migrateSqlite(db, SQLITE_MIGRATIONS, { allowDestructive: false, database: 'app.db' }).applied; // []
 * db.close();
 * ```
 */
export function migrateSqlite(
  db: Database,
  migrations: readonly Migration[],
  options: { readonly allowDestructive: boolean; readonly database: string },
): MigrationResult {
  const run = db.transaction((): MigrationResult => {
    db.exec(
      `CREATE TABLE IF NOT EXISTS schema_version (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at TEXT NOT NULL
      ) STRICT`,
    );
    const row = db.prepare('SELECT MAX(version) AS version FROM schema_version').get() as {
      version: number | null;
    };
    const from = row.version ?? 0;
    const pending = pendingMigrations(from, migrations, {
      allowDestructive: options.allowDestructive,
      database: options.database,
    });
    const record = db.prepare(
      'INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)',
    );
    for (const migration of pending) {
      for (const statement of migration.statements) db.exec(statement);
      record.run(migration.version, migration.name, new Date().toISOString());
    }
    return {
      from,
      to: pending.length === 0 ? from : (pending.at(-1) as Migration).version,
      applied: pending.map((m) => m.name),
    };
  });
  return run.immediate();
}
