import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import { z } from 'zod';
import { parseArgument } from '../../core/parse.ts';
import { StoreError } from '../../errors/index.ts';
import { quoteIdentifier } from '../shared/identifiers.ts';
import type { Migration } from '../shared/migration.ts';
import { loadPg } from './load-pg.ts';
import { migratePostgres, type PostgresMigrationResult } from './migrate.ts';
import { POSTGRES_MIGRATIONS } from './migrations.ts';

/** The schema {@link openPostgres} uses when none is given. */
const DEFAULT_POSTGRES_SCHEMA: string = 'dataguard';

/** Options of {@link openPostgres}. */
export interface PostgresOptions {
  /** A `postgres://` URL; ignored when `pool` is given. Defaults to the PG* environment variables. */
  readonly connectionString?: string | undefined;
  /** An existing `pg` Pool to use; {@link PostgresDatabase.close} then leaves it open. */
  readonly pool?: Pool | undefined;
  /** The schema holding dataguard's tables (default `dataguard`): lowercase letters, digits, `_`. */
  readonly schema?: string | undefined;
  /** Maximum connections of the pool dataguard creates (default 10). */
  readonly max?: number | undefined;
  /** Create the schema when it does not exist (default true; needs CREATE on the database). */
  readonly createSchema?: boolean | undefined;
  /** Apply pending migrations (default true). False only checks the schema is current, for roles that may not create tables. */
  readonly migrate?: boolean | undefined;
  /** Apply migrations marked destructive (default false: opening throws SchemaVersionError instead). */
  readonly allowDestructiveMigrations?: boolean | undefined;
  /** Called with errors of idle pooled connections (the pool drops such a connection and carries on). */
  readonly onPoolError?: ((error: Error) => void) | undefined;
}

const PostgresOptionsSchema = z.strictObject({
  connectionString: z.string().min(1).optional(),
  pool: z
    .custom<Pool>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        typeof (value as { connect?: unknown }).connect === 'function' &&
        typeof (value as { query?: unknown }).query === 'function',
      { message: 'expected a pg Pool' },
    )
    .optional(),
  schema: z.string().optional(),
  max: z.number().int().min(1).max(1000).optional(),
  createSchema: z.boolean().optional(),
  migrate: z.boolean().optional(),
  allowDestructiveMigrations: z.boolean().optional(),
  onPoolError: z.custom<(error: Error) => void>((v) => typeof v === 'function').optional(),
});

/** Transaction isolation levels PostgreSQL offers. */
export type IsolationLevel = 'read committed' | 'repeatable read' | 'serializable';

// SQLSTATEs after which the whole transaction may simply be run again.
const RETRYABLE = new Set(['40001', '40P01']);

/**
 * An open PostgreSQL connection pool for dataguard's stores, with its schema
 * migrated. Create stores on it (e.g. `createPostgresLedgerStore(db)`); close it when done.
 */
export class PostgresDatabase {
  /** The `pg` pool. */
  readonly pool: Pool;
  /** The schema's bare name. */
  readonly schemaName: string;
  /** The schema's quoted name, for splicing into SQL. */
  readonly schema: string;
  /** The migrations applied when opening. */
  readonly migration: PostgresMigrationResult;
  readonly #ownsPool: boolean;

  /** Use {@link openPostgres}. */
  constructor(
    pool: Pool,
    schemaName: string,
    migration: PostgresMigrationResult,
    ownsPool: boolean,
  ) {
    this.pool = pool;
    this.schemaName = schemaName;
    this.schema = quoteIdentifier(schemaName, 'options.schema');
    this.migration = migration;
    this.#ownsPool = ownsPool;
  }

  /** The schema version. */
  get schemaVersion(): number {
    return this.migration.to;
  }

  /**
   * Runs one statement on a pooled connection.
   *
   * @param text - SQL with `$1…` parameters
   * @param values - the parameters
   * @returns the result
   * @throws StoreError when the statement fails
   */
  async query<R extends QueryResultRow>(
    text: string,
    values?: readonly unknown[],
  ): Promise<QueryResult<R>> {
    try {
      return await this.pool.query<R>(text, values as unknown[] | undefined);
    } catch (cause) {
      throw storeError(cause);
    }
  }

  /**
   * Runs `body` in one transaction on a dedicated connection, committing when it
   * resolves and rolling back when it throws. Serialization failures and
   * deadlocks are retried (the body must be safe to run again).
   *
   * @param body - the transactional work
   * @param options - isolation level (default read committed) and retries (default 5)
   * @returns what `body` resolves to
   * @throws what `body` throws; StoreError for database failures
   */
  async transaction<T>(
    body: (client: PoolClient) => Promise<T>,
    options: { readonly isolation?: IsolationLevel; readonly retries?: number } = {},
  ): Promise<T> {
    const retries = options.retries ?? 5;
    for (let attempt = 0; ; attempt++) {
      let client: PoolClient;
      try {
        client = await this.pool.connect();
      } catch (cause) {
        throw storeError(cause);
      }
      let broken = false;
      try {
        await client.query(
          `BEGIN ISOLATION LEVEL ${(options.isolation ?? 'read committed').toUpperCase()}`,
        );
        const result = await body(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        const code = (error as { code?: unknown }).code;
        if (typeof code === 'string' && RETRYABLE.has(code) && attempt < retries) continue;
        throw isPgError(error) ? storeError(error) : error;
      } finally {
        client.release(broken);
      }
    }
  }

  /** Closes the pool if dataguard created it; stores created on this database stop working. */
  async close(): Promise<void> {
    if (this.#ownsPool) await this.pool.end();
  }
}

/**
 * Connects to PostgreSQL (loading `pg` on first use) and brings dataguard's
 * schema up to date in one transaction.
 *
 * @param options - connection, schema and migration options
 * @returns the open database
 * @throws ValidationError on bad options; StoreError `pg-missing` without `pg`, or when the
 *   server cannot be reached; SchemaVersionError when the schema is newer than this version
 *   or needs a destructive migration not allowed
 * @example
 * ```ts no-run needs a running PostgreSQL server (test/store runs the same calls against one)
 * import { openPostgres } from 'dataguard/store/postgres';
 * const db = await openPostgres({ connectionString: process.env.DATABASE_URL, schema: 'dataguard' });
 * await db.close();
 * ```
 */
export async function openPostgres(options: PostgresOptions = {}): Promise<PostgresDatabase> {
  const parsed = parseArgument(PostgresOptionsSchema, options, 'options');
  return openPostgresWith(parsed, POSTGRES_MIGRATIONS);
}

/** {@link openPostgres} with an explicit migration list (tests of the migration machinery). */
export async function openPostgresWith(
  options: PostgresOptions,
  migrations: readonly Migration[],
): Promise<PostgresDatabase> {
  const schemaName = options.schema ?? DEFAULT_POSTGRES_SCHEMA;
  const schema = quoteIdentifier(schemaName, 'options.schema');
  let pool: Pool;
  const ownsPool = options.pool === undefined;
  if (options.pool !== undefined) {
    pool = options.pool;
  } else {
    const pg = await loadPg();
    pool = new pg.Pool({
      ...(options.connectionString === undefined
        ? {}
        : { connectionString: options.connectionString }),
      max: options.max ?? 10,
    });
    const onError = options.onPoolError;
    // An idle client's error is emitted on the pool; without a listener Node would crash.
    pool.on('error', (error) => onError?.(error));
  }
  try {
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (cause) {
      throw new StoreError('cannot connect to PostgreSQL', { reason: 'connect-failed', cause });
    }
    try {
      const migration = await migratePostgres(client, migrations, {
        schemaName,
        schema,
        allowDestructive: options.allowDestructiveMigrations === true,
        createSchema: options.createSchema !== false,
        migrate: options.migrate !== false,
      });
      return new PostgresDatabase(pool, schemaName, migration, ownsPool);
    } catch (error) {
      throw isPgError(error) ? storeError(error) : error;
    } finally {
      client.release();
    }
  } catch (error) {
    if (ownsPool) await pool.end().catch(() => undefined);
    throw error;
  }
}

function isPgError(error: unknown): boolean {
  return (
    error instanceof Error &&
    typeof (error as { code?: unknown }).code === 'string' &&
    !(error instanceof StoreError) &&
    'severity' in error
  );
}

/** Wraps a driver error; the message keeps only the SQLSTATE (driver details may quote values). */
function storeError(cause: unknown): StoreError {
  if (cause instanceof StoreError) return cause;
  const code = (cause as { code?: unknown }).code;
  return new StoreError(
    `PostgreSQL operation failed${typeof code === 'string' ? ` (SQLSTATE ${code})` : ''}`,
    { reason: typeof code === 'string' ? `sqlstate-${code}` : 'database-error', cause },
  );
}
