import { InputError } from '../errors/kinds.ts';
import { CsvParser } from './csv-parser.ts';
import { type InputEncoding, type InputSource, readText } from './text-source.ts';

/** Options of {@link readCsv} and {@link readCsvBatches}. */
export interface ReadCsvOptions {
  /** Byte encoding of the input: `utf-8` (default), `gb18030` or `gbk`. */
  readonly encoding?: InputEncoding | undefined;
  /** Field separator; default `,`. */
  readonly delimiter?: string | undefined;
  /**
   * Column names. Default: the first record is the header. When given, the
   * first record is data (set `skipHeader` to discard a header line instead).
   */
  readonly columns?: readonly string[] | undefined;
  /** With `columns`, discard the input's first record. */
  readonly skipHeader?: boolean | undefined;
  /** Longest record accepted, in characters (default 1 MiB). */
  readonly maxRecordLength?: number | undefined;
  /** Records per batch for {@link readCsvBatches} (default 1024). */
  readonly batchSize?: number | undefined;
}

/** A batch of CSV records as arrays in column order. */
export interface CsvBatch {
  /** The column names (the same array for every batch of one input). */
  readonly columns: readonly string[];
  /** The records, each with exactly `columns.length` values. */
  readonly rows: string[][];
  /** The 1-based data-row number of `rows[0]` (the header is not counted). */
  readonly firstRow: number;
}

/**
 * Reads CSV (RFC 4180) as batches of value arrays: the fast way in for ETL.
 * Memory is bounded by the batch size and the longest record; the input is
 * read only as fast as batches are consumed. Every record must have as many
 * fields as the header.
 *
 * @param source - path, URL, Node stream or iterable of chunks
 * @param options - encoding, delimiter, header handling, batch size
 * @returns an async iterable of {@link CsvBatch}
 * @throws {InputError} on bad encoding, malformed CSV, wrong field counts or a bad header
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { readCsvBatches } from 'dataguard/io';
 * await writeFile('residents.csv', 'name,city\n张三,福州\n李四,厦门\n');
 * for await (const batch of readCsvBatches('residents.csv')) {
 *   batch.columns; // ['name', 'city']
 *   batch.rows; // [['张三', '福州'], ['李四', '厦门']]
 * }
 * ```
 */
export async function* readCsvBatches(
  source: InputSource,
  options: ReadCsvOptions = {},
): AsyncGenerator<CsvBatch, void, undefined> {
  const batchSize = options.batchSize ?? 1024;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new InputError('batchSize must be a positive integer', {
      path: 'options.batchSize',
      reason: 'bad-batch-size',
    });
  }
  const parser = new CsvParser({
    delimiter: options.delimiter,
    maxRecordLength: options.maxRecordLength,
  });
  let columns: readonly string[] | undefined =
    options.columns === undefined ? undefined : checkHeader([...options.columns]);
  let skip = options.columns !== undefined && options.skipHeader === true;
  parser.expectedFields = columns === undefined ? -1 : columns.length;
  let firstRow = 1;
  let rows: string[][] = [];
  const take = function* (final: boolean): Generator<CsvBatch> {
    if (columns === undefined || skip) {
      const head = rows.shift();
      if (head !== undefined) {
        if (columns === undefined) columns = checkHeader(head);
        skip = false;
      }
    }
    while (columns !== undefined && (rows.length >= batchSize || (final && rows.length > 0))) {
      const batch = rows.length > batchSize ? rows.splice(0, batchSize) : rows;
      if (batch === rows) rows = [];
      yield { columns, rows: batch, firstRow };
      firstRow += batch.length;
    }
  };
  for await (const text of readText(source, options.encoding)) {
    parser.push(text, rows);
    if (rows.length >= batchSize || columns === undefined) yield* take(false);
  }
  parser.end(rows);
  yield* take(true);
  if (columns === undefined) {
    throw new InputError('csv input has no header line', { reason: 'csv-no-header' });
  }
}

/**
 * Reads CSV (RFC 4180) as one object per record, keyed by the header.
 *
 * @param source - path, URL, Node stream or iterable of chunks
 * @param options - encoding, delimiter, header handling
 * @returns an async iterable of records (string values)
 * @throws {InputError} on bad encoding, malformed CSV, wrong field counts or a bad header
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { readCsv } from 'dataguard/io';
 * await writeFile('residents.csv', 'name,city\n张三,福州\n');
 * const names: string[] = [];
 * for await (const record of readCsv('residents.csv', { encoding: 'utf-8' })) names.push(String(record.name));
 * names; // ['张三']
 * ```
 */
export async function* readCsv(
  source: InputSource,
  options: ReadCsvOptions = {},
): AsyncGenerator<Record<string, string>, void, undefined> {
  for await (const batch of readCsvBatches(source, options)) {
    const columns = batch.columns;
    for (const row of batch.rows) {
      const record: Record<string, string> = {};
      for (let i = 0; i < columns.length; i++) record[columns[i] as string] = row[i] as string;
      yield record;
    }
  }
}

function checkHeader(columns: string[]): readonly string[] {
  const seen = new Set<string>();
  for (let i = 0; i < columns.length; i++) {
    const name = columns[i] as string;
    if (name.length === 0) {
      throw new InputError(`csv header column ${i + 1} is empty`, {
        reason: 'csv-empty-header',
        details: { column: i + 1 },
      });
    }
    if (seen.has(name) || name === '__proto__') {
      throw new InputError(`csv header column ${i + 1} repeats a name or is reserved`, {
        reason: 'csv-duplicate-header',
        details: { column: i + 1 },
      });
    }
    seen.add(name);
  }
  return Object.freeze(columns);
}
