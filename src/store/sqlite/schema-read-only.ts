import type { Database } from 'better-sqlite3';
import { SchemaVersionError, StoreError } from '../../errors/index.ts';
import { type Migration, pendingMigrations } from '../shared/migration.ts';
import type { MigrationResult } from './migrate.ts';

/**
 * Checks, without writing, that a database opened read-only has exactly the
 * schema `migrations` lead to: read-only means no migration can run.
 *
 * @param db - a read-only better-sqlite3 database
 * @param migrations - every migration this code knows, in order
 * @param file - the database file, named in errors
 * @returns the version found, nothing applied
 * @throws StoreError `not-a-dataguard-database` when the file has no schema_version table;
 *   SchemaVersionError `schema-too-new` when it is newer than `migrations`, `read-only-outdated`
 *   when it is older
 */
export function checkSchemaReadOnly(
  db: Database,
  migrations: readonly Migration[],
  file: string,
): MigrationResult {
  const table = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
    .get();
  if (table === undefined) {
    throw new StoreError(
      `${file} is a SQLite database without a dataguard schema; check the path`,
      { reason: 'not-a-dataguard-database', path: 'options.path' },
    );
  }
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_version').get() as {
    version: number | null;
  };
  const found = row.version ?? 0;
  // Destructive steps are only counted here, never run.
  const pending = pendingMigrations(found, migrations, { allowDestructive: true, database: file });
  if (pending.length > 0) {
    const latest = (pending.at(-1) as Migration).version;
    throw new SchemaVersionError(
      `database ${file} has schema version ${found}, older than the ${latest} this version of dataguard uses, and is opened read-only; run a command that writes to it (e.g. dataguard ledger checkpoint) to migrate it`,
      {
        reason: 'read-only-outdated',
        path: 'schema_version',
        details: { found, supported: latest },
      },
    );
  }
  return { from: found, to: found, applied: [] };
}
