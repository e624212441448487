// Records from a PostgreSQL query, streamed through a server-side cursor in a
// read-only transaction: memory holds one batch of rows, whatever the result size.
import type { Client } from 'pg';
import { InputError } from '../errors/kinds.ts';
import { connectPostgres, statementError } from './postgres-connection.ts';

/** Options of {@link readPostgresQuery}. */
export interface PostgresSourceOptions {
  /** Connection URL (`postgres://user:password@host:port/database`); never printed with its password. */
  readonly url: string;
  /** The user's query: one SELECT, VALUES or TABLE statement (it becomes the cursor's query). */
  readonly query: string;
  /** Rows per FETCH (default 1,000): the bound on rows held in memory. */
  readonly batchSize?: number | undefined;
  /** IANA zone `timestamptz` values are rendered in (default Asia/Shanghai). */
  readonly timeZone?: string | undefined;
  /** Receives the result's column names once, before the first record. */
  readonly onColumns?: ((columns: readonly string[]) => void) | undefined;
}

/** Rows per FETCH by default. */
const DEFAULT_FETCH_ROWS = 1000;

const CURSOR = 'dataguard_source';

/**
 * Streams the records of a query: `BEGIN ISOLATION LEVEL REPEATABLE READ,
 * READ ONLY`, `DECLARE dataguard_source NO SCROLL CURSOR FOR <query>`, then
 * `FETCH FORWARD n` until empty, and `ROLLBACK` (also when the caller stops
 * early). Column names are the record keys, in the query's order; every value
 * is PostgreSQL's text form (DateStyle ISO, YMD; timestamptz in `timeZone`),
 * NULL is `null` (never an empty string).
 *
 * @param options - URL, query, batch size, time zone
 * @returns the records, one batch of rows in memory at a time
 * @throws {InputError} `database-unreachable` (redacted URL), `query-failed` (SQLSTATE, never the
 *   server's message or the query), `duplicate-column`, `bad-batch-size`
 * @throws {StoreError} `pg-missing` when the optional `pg` package is not installed
 * @example
 * ```ts no-run needs a running PostgreSQL server (test/io runs the same calls against one)
 * for await (const record of readPostgresQuery({ url, query: 'SELECT * FROM residents' })) use(record);
 * ```
 */
export async function* readPostgresQuery(
  options: PostgresSourceOptions,
): AsyncGenerator<Record<string, string | null>, void, undefined> {
  const batchSize = options.batchSize ?? DEFAULT_FETCH_ROWS;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new InputError('batchSize must be a positive integer', {
      reason: 'bad-batch-size',
      path: 'batchSize',
    });
  }
  const query = trimQuery(options.query);
  const client = await connectPostgres(options.url, '--from-postgres');
  try {
    await run(client, 'BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY', 'starting the read');
    await run(client, "SET LOCAL DateStyle = 'ISO, YMD'", 'setting DateStyle');
    await run(client, "SET LOCAL IntervalStyle = 'postgres'", 'setting IntervalStyle');
    await runWith(
      client,
      "SELECT set_config('TimeZone', $1, true)",
      [options.timeZone ?? 'Asia/Shanghai'],
      'setting TimeZone',
    );
    // A named statement goes through the extended protocol: the server takes exactly
    // one statement, so `…; COMMIT; DELETE …` cannot leave the read-only transaction.
    try {
      await client.query({
        name: 'dataguard_declare',
        text: `DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${query}`,
      });
    } catch (error) {
      throw statementError(error, '--query', 'the query', 'query-failed');
    }
    let columns: string[] | undefined;
    for (;;) {
      let result: { rows: unknown[][]; fields: { name: string }[] };
      try {
        result = await client.query({
          text: `FETCH FORWARD ${batchSize} FROM ${CURSOR}`,
          rowMode: 'array',
        });
      } catch (error) {
        throw statementError(error, '--query', 'the query', 'query-failed');
      }
      if (columns === undefined) {
        columns = checkColumns(result.fields.map((field) => field.name));
        options.onColumns?.(columns);
      }
      if (result.rows.length === 0) return;
      for (const row of result.rows) {
        const record: Record<string, string | null> = {};
        for (let i = 0; i < columns.length; i++) {
          const value = row[i];
          record[columns[i] as string] = typeof value === 'string' ? value : null;
        }
        yield record;
      }
    }
  } finally {
    // Read-only: nothing to keep. ROLLBACK also closes the cursor.
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

// Trailing semicolons and blanks would end the DECLARE statement early.
function trimQuery(query: string): string {
  let end = query.length;
  while (end > 0 && /[\s;]/.test(query.charAt(end - 1))) end--;
  const trimmed = query.slice(0, end).trim();
  if (trimmed === '') {
    throw new InputError('--query is empty: give one SELECT statement', {
      reason: 'empty-query',
      path: 'query',
    });
  }
  return trimmed;
}

function checkColumns(names: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) {
      throw new InputError(
        `--query returns two columns named ${JSON.stringify(name)}: give each column its own name (AS …)`,
        { reason: 'duplicate-column', path: 'query', details: { column: name } },
      );
    }
    seen.add(name);
  }
  return [...names];
}

async function run(client: Client, sql: string, what: string): Promise<void> {
  try {
    await client.query(sql);
  } catch (error) {
    throw statementError(error, '--from-postgres', what, 'query-failed');
  }
}

async function runWith(
  client: Client,
  sql: string,
  values: readonly string[],
  what: string,
): Promise<void> {
  try {
    await client.query(sql, [...values]);
  } catch (error) {
    throw statementError(error, '--from-postgres', what, 'query-failed');
  }
}
