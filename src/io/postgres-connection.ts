// Shared by the PostgreSQL source and sink: one client per run, values as
// PostgreSQL's own text, and errors that name the option and the SQLSTATE but
// never a row value, the query text or a password.
import type { Client } from 'pg';
import { DataguardError } from '../errors/dataguard-error.ts';
import { InputError, StoreError } from '../errors/kinds.ts';
import { loadPg } from '../store/postgres/load-pg.ts';

/** SQLSTATE condition names (PostgreSQL Appendix A) users meet most often here. */
const CONDITIONS: Readonly<Record<string, string>> = {
  '0A000': 'feature_not_supported',
  '22P02': 'invalid_text_representation',
  '25006': 'read_only_sql_transaction',
  '28000': 'invalid_authorization_specification',
  '28P01': 'invalid_password',
  '3D000': 'invalid_catalog_name',
  '3F000': 'invalid_schema_name',
  '42501': 'insufficient_privilege',
  '42601': 'syntax_error',
  '42703': 'undefined_column',
  '42804': 'datatype_mismatch',
  '42P01': 'undefined_table',
  '42P07': 'duplicate_table',
  '42883': 'undefined_function',
  '53300': 'too_many_connections',
  '57014': 'query_canceled',
};

/**
 * A connection URL fit to print: the password (in the user-info part or a
 * `password=` parameter) replaced by `***`.
 *
 * @param url - a PostgreSQL connection URL or key=value string
 * @returns the same text without the password
 */
export function redactUrl(url: string): string {
  let text = url;
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
    text = parsed.toString();
  } catch {
    // Not a URL (e.g. `host=… password=…`): the pattern below still applies.
  }
  return text.replace(/(password=)[^\s&]*/gi, '$1***');
}

/** The SQLSTATE of a PostgreSQL error, or undefined for other failures. */
function sqlStateOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * The words naming a failure: `SQLSTATE 42601 (syntax_error)` for a server
 * error, else the system error code (`ECONNREFUSED`). Never the server's
 * message, which may quote a row value.
 */
function describeFailure(error: unknown): string {
  const state = sqlStateOf(error);
  if (state !== undefined) {
    const name = CONDITIONS[state];
    return `SQLSTATE ${state}${name === undefined ? '' : ` (${name})`}`;
  }
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z_]{2,32}$/.test(code) ? code : 'connection failure';
}

/**
 * Connects one client to `url`. Every value is read as PostgreSQL's text
 * (no conversion to numbers or Dates), NULL as null.
 *
 * @param url - the connection URL
 * @param option - the option that named the URL (`--from-postgres`), for messages
 * @returns the connected client
 * @throws {StoreError} `pg-missing` when the optional `pg` package is not installed (naming the option)
 * @throws {InputError} `database-unreachable` naming the redacted URL and the failure code
 */
export async function connectPostgres(url: string, option: string): Promise<Client> {
  let pg: Awaited<ReturnType<typeof loadPg>>;
  try {
    pg = await loadPg();
  } catch (error) {
    throw new StoreError(`${option} needs the optional 'pg' package: npm install pg@8`, {
      reason: 'pg-missing',
      path: option.replace(/^--/, ''),
      cause: error,
    });
  }
  const text = (value: string) => value;
  const client = new pg.Client({
    connectionString: url,
    application_name: 'dataguard',
    connectionTimeoutMillis: 15_000,
    types: { getTypeParser: () => text },
  });
  // A server that goes away later emits 'error' on the client; the failing query reports it.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new InputError(
      `${option}: cannot connect to ${redactUrl(url)}: ${describeFailure(error)}`,
      {
        reason: 'database-unreachable',
        path: option.replace(/^--/, ''),
        details: { sqlstate: sqlStateOf(error) ?? null },
      },
    );
  }
  return client;
}

/**
 * The typed error for a failed statement: names the option and the SQLSTATE,
 * never the server's message (it may quote a value) nor the statement.
 *
 * @param error - what `pg` threw
 * @param option - the option the statement came from (`--query`, `--table`)
 * @param what - what was being done, in words
 * @param reason - the stable reason
 * @returns an InputError (a DataguardError thrown by our own code passes unchanged)
 */
export function statementError(
  error: unknown,
  option: string,
  what: string,
  reason: string,
): DataguardError {
  if (error instanceof DataguardError) return error;
  return new InputError(`${option}: ${what} failed with ${describeFailure(error)}`, {
    reason,
    path: option.replace(/^--/, ''),
    details: { sqlstate: sqlStateOf(error) ?? null },
  });
}

/**
 * Quotes an SQL identifier: `"name"` with inner quotes doubled; a dotted
 * `schema.table` is quoted part by part.
 *
 * @param name - a table or column name (`schema.table` allowed with `dotted`)
 * @param option - the option it came from, for messages
 * @param dotted - split at dots (table names)
 * @returns the quoted identifier
 * @throws {InputError} `bad-identifier` for an empty part, a NUL, or more than 63 bytes
 */
export function quoteIdentifier(name: string, option: string, dotted = false): string {
  const parts = dotted ? name.split('.') : [name];
  if (parts.length > 2) {
    throw new InputError(`${option}: a table is named table or schema.table`, {
      reason: 'bad-identifier',
      path: option.replace(/^--/, ''),
    });
  }
  return parts
    .map((part) => {
      if (part === '' || part.includes('\0') || new TextEncoder().encode(part).length > 63) {
        throw new InputError(
          `${option}: identifiers must be 1 to 63 bytes without NUL (PostgreSQL's limit)`,
          { reason: 'bad-identifier', path: option.replace(/^--/, '') },
        );
      }
      return `"${part.replace(/"/g, '""')}"`;
    })
    .join('.');
}
