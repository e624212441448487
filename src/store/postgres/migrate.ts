import type { PoolClient } from 'pg';
import { SchemaVersionError } from '../../errors/index.ts';
import { type Migration, pendingMigrations } from '../shared/migration.ts';

/** What `openPostgres` (its migration) did. */
export interface PostgresMigrationResult {
  /** The version before opening (0 for a new schema). */
  readonly from: number;
  /** The version now. */
  readonly to: number;
  /** Names of the migrations applied, in order. */
  readonly applied: readonly string[];
}

/** Options of `openPostgres` (its migration). */
export interface PostgresMigrationOptions {
  /** The schema's bare name (already validated). */
  readonly schemaName: string;
  /** The schema's quoted name, substituted for `{schema}` in the statements. */
  readonly schema: string;
  readonly allowDestructive: boolean;
  /** Create the schema when missing (needs CREATE on the database). */
  readonly createSchema: boolean;
  /** Apply pending migrations; when false, only check the schema is current. */
  readonly migrate: boolean;
}

/**
 * Brings a PostgreSQL schema to the latest version in one transaction, holding
 * an advisory lock so processes opening it at the same time migrate once.
 *
 * @param client - a dedicated client (not in a transaction)
 * @param migrations - the migrations, in version order; `{schema}` in a statement is the schema
 * @param options - schema, destructive and create options
 * @returns the versions before and after, and what was applied
 * @throws SchemaVersionError when the schema is newer than this code, needs a destructive step
 *   not allowed, or (with `migrate: false`) is not at the latest version
 */
export async function migratePostgres(
  client: PoolClient,
  migrations: readonly Migration[],
  options: PostgresMigrationOptions,
): Promise<PostgresMigrationResult> {
  const s = options.schema;
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `dataguard:migrate:${options.schemaName}`,
    ]);
    if (options.migrate) {
      if (options.createSchema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${s}.schema_version (
          version integer PRIMARY KEY,
          name text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now()
        )`,
      );
    }
    const exists = await client.query<{ present: boolean }>(
      'SELECT to_regclass($1) IS NOT NULL AS present',
      [`${s}.schema_version`],
    );
    let from = 0;
    if (exists.rows[0]?.present === true) {
      const row = await client.query<{ version: number | null }>(
        `SELECT MAX(version) AS version FROM ${s}.schema_version`,
      );
      from = row.rows[0]?.version ?? 0;
    }
    const pending = pendingMigrations(from, migrations, {
      allowDestructive: options.allowDestructive,
      database: `schema ${options.schemaName}`,
    });
    if (!options.migrate && pending.length > 0) {
      throw new SchemaVersionError(
        `schema ${options.schemaName} is at version ${from}, this version of dataguard needs ${
          (pending.at(-1) as Migration).version
        }; open it once with migrate: true (as a role that may create tables)`,
        { reason: 'schema-outdated', path: 'migrate', details: { found: from } },
      );
    }
    for (const migration of pending) {
      for (const statement of migration.statements) {
        await client.query(statement.replaceAll('{schema}', s));
      }
      await client.query(`INSERT INTO ${s}.schema_version (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
    }
    await client.query('COMMIT');
    return {
      from,
      to: pending.length === 0 ? from : (pending.at(-1) as Migration).version,
      applied: pending.map((m) => m.name),
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
