import { SchemaVersionError, StoreError } from '../../errors/index.ts';

/**
 * One step of a store's schema: a version number, a name and the SQL that
 * brings a database from the previous version to this one.
 */
export interface Migration {
  /** The schema version after this step (1, 2, 3, … without gaps). */
  readonly version: number;
  /** A short kebab-case name, recorded in the schema_version table. */
  readonly name: string;
  /** SQL statements run in order inside the migration transaction. */
  readonly statements: readonly string[];
  /** True when the step drops or rewrites data; applied only when explicitly allowed. */
  readonly destructive?: boolean | undefined;
}

/** Options that decide which migrations may run. */
export interface MigrationPolicy {
  /** Apply migrations marked destructive (default false: such a step throws instead). */
  readonly allowDestructive: boolean;
  /** The database being opened, named in errors (a path or schema name, never credentials). */
  readonly database: string;
}

/**
 * The migrations still to apply to a database at version `current`.
 *
 * @param current - the version recorded in the database (0 for a new one)
 * @param migrations - every migration this code knows, in order
 * @param policy - whether destructive steps may run, and the database's name for errors
 * @returns the steps after `current`, in order
 * @throws SchemaVersionError `schema-too-new` when the database is newer than this code,
 *   `destructive-migration` when a pending step is destructive and not allowed
 * @example
 * ```ts
 * import { pendingMigrations } from './migration.ts';
 * pendingMigrations(0, [{ version: 1, name: 'init', statements: [] }], { allowDestructive: false, database: 'x' });
 * ```
 */
export function pendingMigrations(
  current: number,
  migrations: readonly Migration[],
  policy: MigrationPolicy,
): readonly Migration[] {
  assertSequence(migrations);
  const latest = migrations.length === 0 ? 0 : (migrations.at(-1) as Migration).version;
  if (current > latest) {
    throw new SchemaVersionError(
      `database ${policy.database} has schema version ${current}, newer than the ${latest} this version of dataguard understands; upgrade dataguard`,
      {
        reason: 'schema-too-new',
        path: 'schema_version',
        details: { found: current, supported: latest },
      },
    );
  }
  const pending = migrations.filter((migration) => migration.version > current);
  const destructive = pending.filter((migration) => migration.destructive === true);
  if (destructive.length > 0 && !policy.allowDestructive) {
    throw new SchemaVersionError(
      `database ${policy.database} needs destructive migration(s) ${destructive
        .map((m) => `${m.version} (${m.name})`)
        .join(', ')}; back it up and reopen with allowDestructiveMigrations: true`,
      {
        reason: 'destructive-migration',
        path: 'allowDestructiveMigrations',
        details: { found: current, migrations: destructive.map((m) => m.name) },
      },
    );
  }
  return pending;
}

/** The versions must run 1, 2, 3, … so a database's version names exactly one schema. */
function assertSequence(migrations: readonly Migration[]): void {
  migrations.forEach((migration, i) => {
    if (migration.version !== i + 1) {
      throw new StoreError(
        `migration ${migration.name} has version ${migration.version}, expected ${i + 1}`,
        {
          reason: 'migration-sequence',
          path: 'migrations',
        },
      );
    }
  });
}
