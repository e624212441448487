import type { Command } from 'commander';
import type { EncodingChoice } from '../io/detect-encoding.ts';
import { redactUrl } from '../io/postgres-connection.ts';
import { readPostgresQuery } from '../io/postgres-source.ts';
import { UsageError } from './parties.ts';
import { openRecords } from './read-records.ts';

/** The flags of a command that reads a file or a PostgreSQL query. */
export interface InputFlags {
  fromPostgres?: string;
  query?: string;
  encoding?: EncodingChoice;
  sheet?: string;
}

/** An opened input: its records, its column names once known, and words naming it. */
export interface OpenedInput {
  readonly records: AsyncIterable<Record<string, unknown>>;
  /** The query's column names (known before the first record); undefined for a file. */
  readonly columns: readonly string[] | undefined;
  /** `residents.csv`, or `query on postgres://dg:***@db/x` (never the query text nor a password). */
  readonly label: string;
  readonly isQuery: boolean;
  /** Ends the query's transaction and connection when the records were not read to the end. */
  close(): Promise<void>;
}

/** Adds `--from-postgres <url>` and `--query <sql>` to a command that reads records. */
export function postgresInputOptions(command: Command): Command {
  return command
    .option(
      '--from-postgres <url>',
      'read the records of --query from this PostgreSQL database instead of a file (a password is better given in PGPASSWORD or ~/.pgpass)',
    )
    .option(
      '--query <sql>',
      'with --from-postgres: one SELECT statement, run in a read-only transaction through a cursor',
    );
}

/**
 * Checks that exactly one input is given: a file argument, or
 * `--from-postgres` with `--query`.
 *
 * @param file - the file argument, if any
 * @param flags - the command's flags
 * @param extra - options that apply to files only and were given (e.g. `--encoding`)
 * @throws {UsageError} naming the conflict or what is missing
 */
export function checkInputFlags(
  file: string | undefined,
  flags: InputFlags,
  extra: readonly string[] = [],
): void {
  if (flags.fromPostgres === undefined) {
    if (flags.query !== undefined)
      throw new UsageError('--query needs --from-postgres <url>', { reason: 'missing-option' });
    if (file === undefined)
      throw new UsageError('give an input file, or --from-postgres <url> with --query <sql>', {
        reason: 'missing-input',
      });
    return;
  }
  if (file !== undefined)
    throw new UsageError('give either an input file or --from-postgres, not both', {
      reason: 'conflicting-inputs',
    });
  if (flags.query === undefined)
    throw new UsageError('--from-postgres needs --query <sql> (one SELECT statement)', {
      reason: 'missing-option',
    });
  const fileOnly = [
    ...(flags.encoding === undefined ? [] : ['--encoding']),
    ...(flags.sheet === undefined ? [] : ['--sheet']),
    ...extra,
  ];
  if (fileOnly.length > 0)
    throw new UsageError(`${fileOnly.join(', ')} applies to file input, not --from-postgres`, {
      reason: 'option-not-applicable',
    });
}

/**
 * Opens the input of a command: the file's records, or the query's (its first
 * batch is fetched here, so the column names are known and a bad query fails
 * before anything else happens).
 *
 * @param file - the file argument, if any
 * @param flags - `--from-postgres`, `--query`, `--encoding`
 * @param timeZone - the zone timestamptz values are rendered in
 * @returns the records, the column names of a query, and a label
 * @throws {UsageError} when the inputs conflict; InputError when the file or the query fails
 */
export async function openInput(
  file: string | undefined,
  flags: InputFlags,
  timeZone: string,
): Promise<OpenedInput> {
  checkInputFlags(file, flags);
  if (flags.fromPostgres === undefined || flags.query === undefined) {
    const path = file as string;
    return {
      records: openRecords(path, flags.encoding, flags.sheet).records,
      columns: undefined,
      label: path,
      isQuery: false,
      close: async () => undefined,
    };
  }
  let columns: readonly string[] = [];
  const source = readPostgresQuery({
    url: flags.fromPostgres,
    query: flags.query,
    timeZone,
    onColumns: (names) => {
      columns = names;
    },
  });
  const first = await source.next();
  async function* records(): AsyncGenerator<Record<string, unknown>> {
    try {
      if (first.done === true) return;
      yield first.value;
      yield* source;
    } finally {
      await source.return();
    }
  }
  return {
    records: records(),
    columns,
    label: `query on ${redactUrl(flags.fromPostgres)}`,
    isQuery: true,
    close: async () => {
      await source.return();
    },
  };
}
