import { createReadStream, statSync } from 'node:fs';
import { extname } from 'node:path';
import { InputError } from '../errors/kinds.ts';
import { readCsv, readNdjson } from '../io/index.ts';

/** The formats the CLI reads and writes. */
export type RecordFormat = 'csv' | 'ndjson';

/** The record format of a file, from its extension. */
export function formatOf(file: string): RecordFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.tsv') return 'csv';
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  throw new InputError(`cannot tell the format of ${file}: use a .csv, .ndjson or .jsonl file`, {
    path: 'input',
    reason: 'unknown-format',
  });
}

/** A file's records, streamed, with a running count of bytes read (for progress). */
export function openRecords(file: string): {
  records: AsyncIterable<Record<string, unknown>>;
  size: number;
  bytesRead: () => number;
} {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw new InputError(`cannot read input file ${file}`, {
      cause: error,
      path: 'input',
      reason: 'unreadable',
    });
  }
  let bytes = 0;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for await (const chunk of createReadStream(file)) {
      bytes += (chunk as Uint8Array).length;
      yield chunk as Uint8Array;
    }
  }
  const format = formatOf(file);
  const records =
    format === 'csv'
      ? readCsv(chunks())
      : (readNdjson(chunks()) as AsyncIterable<Record<string, unknown>>);
  return { records, size, bytesRead: () => bytes };
}
