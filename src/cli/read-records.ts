import { statSync } from 'node:fs';
import { extname } from 'node:path';
import { InputError } from '../errors/kinds.ts';
import type { EncodingChoice } from '../io/detect-encoding.ts';
import { readCsv, readNdjson } from '../io/index.ts';
import { openText } from './encoding.ts';

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

/**
 * A file's records, streamed and decoded in the chosen encoding, with a running
 * count of bytes read (for progress).
 *
 * @param file - a .csv, .tsv, .ndjson or .jsonl file
 * @param encoding - the `--encoding` value (default utf-8)
 * @returns the records, the file size and a byte counter
 * @throws {InputError} `unreadable` or `unknown-format`; the records throw `bad-encoding`
 */
export function openRecords(
  file: string,
  encoding?: EncodingChoice,
): {
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
  const format = formatOf(file);
  let counter: () => number = () => 0;
  async function* text(): AsyncGenerator<string> {
    const opened = await openText(file, encoding);
    counter = opened.bytesRead;
    yield* opened.text;
  }
  const records =
    format === 'csv'
      ? readCsv(text())
      : (readNdjson(text()) as AsyncIterable<Record<string, unknown>>);
  return { records, size, bytesRead: () => counter() };
}
