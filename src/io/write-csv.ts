import type { Writable } from 'node:stream';
import { InputError } from '../errors/kinds.ts';
import { type CsvFormatOptions, createCsvFormatter } from './csv-format.ts';
import type { WriteAtomicOptions, WriteResult } from './write-atomic.ts';
import { writeChunks } from './write-chunks.ts';

/** Options of {@link writeCsv}. */
export interface WriteCsvOptions extends CsvFormatOptions {
  /** Column names and order. Default: the keys of the first record. */
  readonly columns?: readonly string[] | undefined;
  /** Write a header line (default true). */
  readonly header?: boolean | undefined;
  /** Start with a UTF-8 byte order mark, which some spreadsheet programs need (default false). */
  readonly bom?: boolean | undefined;
}

/** Records to write: objects (by column name) or arrays (in column order). */
export type CsvRecords =
  | AsyncIterable<Readonly<Record<string, unknown>> | readonly unknown[]>
  | Iterable<Readonly<Record<string, unknown>> | readonly unknown[]>;

const CHUNK = 1 << 16;

/**
 * Serializes records as CSV text chunks (about 64 KiB each), pulling records
 * only as fast as chunks are consumed.
 *
 * @param records - objects or value arrays, sync or async
 * @param options - columns, header, delimiter, newline, BOM, formula escaping
 * @returns an async iterable of CSV text
 * @throws {InputError} when no columns are given and the first record is an array
 * @example
 * ```ts
 * import { formatCsv } from './write-csv.ts';
 * let text = '';
 * for await (const chunk of formatCsv([{ a: 1 }])) text += chunk;
 * text; // 'a\r\n1\r\n'
 * ```
 */
export async function* formatCsv(
  records: CsvRecords,
  options: WriteCsvOptions = {},
): AsyncGenerator<string, void, undefined> {
  const format = createCsvFormatter(options);
  let columns = options.columns;
  let buffer = options.bom === true ? '\ufeff' : '';
  if (columns !== undefined && options.header !== false) buffer += format(columns);
  const values: unknown[] = [];
  for await (const record of records) {
    if (Array.isArray(record)) {
      if (columns === undefined) {
        throw new InputError('csv output of arrays needs options.columns', {
          path: 'options.columns',
          reason: 'csv-no-columns',
        });
      }
      buffer += format(record);
    } else {
      const object = record as Readonly<Record<string, unknown>>;
      if (columns === undefined) {
        columns = Object.keys(object);
        if (options.header !== false) buffer += format(columns);
      }
      values.length = columns.length;
      for (let i = 0; i < columns.length; i++) values[i] = object[columns[i] as string];
      buffer += format(values);
    }
    if (buffer.length >= CHUNK) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer.length > 0) yield buffer;
}

/**
 * Writes records as CSV: to a file path atomically (temporary file renamed on
 * success, removed on failure), or into a Node writable stream with backpressure.
 *
 * @param target - a file path or URL, or a writable stream (ended when done)
 * @param records - objects or value arrays, sync or async
 * @param options - CSV format options, plus fsync/mode/signal for files
 * @returns the path (empty for streams) and byte count
 * @throws the first error of the records or the file system; a file target is left unchanged
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { writeCsv } from 'dataguard/io';
 * await writeCsv('out.csv', [{ name: '张*', city: '福州' }]); // in the working directory
 * await readFile('out.csv', 'utf8'); // 'name,city\r\n张*,福州\r\n'
 * ```
 */
export async function writeCsv(
  target: string | URL | Writable,
  records: CsvRecords,
  options: WriteCsvOptions & WriteAtomicOptions = {},
): Promise<WriteResult> {
  return writeChunks(target, formatCsv(records, options), options);
}
