// How the file release runs an .xlsx input or output through the CSV/NDJSON
// chunk pipeline: the sheet is fed to it as CSV text, and its output is
// written as NDJSON beside the staged output and then turned into a workbook.
import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { createCsvFormatter } from './csv-format.ts';
import { readNdjson } from './ndjson.ts';
import { writeAtomic } from './write-atomic.ts';
import { cellText, readXlsx } from './xlsx-read.ts';
import { formatXlsx } from './xlsx-write.ts';

/**
 * A worksheet as UTF-8 CSV bytes (header first, every value as text), streamed.
 *
 * @param file - the .xlsx file
 * @param sheet - the sheet's name (default the first)
 * @returns CSV chunks, one per batch of rows
 * @throws {InputError} as readXlsx
 */
export async function* xlsxAsCsv(
  file: string,
  sheet: string | undefined,
): AsyncGenerator<Uint8Array, void, undefined> {
  const format = createCsvFormatter({ delimiter: ',', newline: 'crlf' });
  const encoder = new TextEncoder();
  let batch = '';
  let columns: readonly string[] = [];
  for await (const record of readXlsx(file, {
    sheet,
    onHeader: (header) => {
      columns = header;
      batch += format(header);
    },
  })) {
    const values: string[] = [];
    for (const column of columns) values.push(cellText(record[column] ?? ''));
    batch += format(values);
    if (batch.length >= 1 << 16) {
      yield encoder.encode(batch);
      batch = '';
    }
  }
  if (batch.length > 0) yield encoder.encode(batch);
}

/**
 * Opens the NDJSON file a release's output goes to before it becomes a workbook.
 *
 * @param path - the file (created, mode 0600)
 * @returns a writable stream for transformFile's output
 */
export function openIntermediate(path: string): WriteStream {
  return createWriteStream(path, { flags: 'wx', mode: 0o600 });
}

/**
 * Writes an NDJSON file's records as an .xlsx workbook, atomically, hashing the bytes written.
 *
 * @param ndjson - the NDJSON file
 * @param path - the workbook to write
 * @param columns - the column order (and header)
 * @returns the `sha-256:` digest and size of the workbook
 * @throws {InputError} on unreadable NDJSON or a file-system fault
 */
export async function ndjsonToXlsx(
  ndjson: string,
  path: string,
  columns: readonly string[],
): Promise<{ readonly digest: string; readonly bytes: number }> {
  const hash = createHash('sha256');
  async function* hashed(): AsyncGenerator<Uint8Array> {
    for await (const chunk of formatXlsx(readNdjson(ndjson), { columns })) {
      hash.update(chunk);
      yield chunk;
    }
  }
  const written = await writeAtomic(path, hashed());
  return { digest: `sha-256:${hash.digest('hex')}`, bytes: written.bytes };
}
