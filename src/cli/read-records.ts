import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { InputError } from '../errors/kinds.ts';
import type { EncodingChoice } from '../io/detect-encoding.ts';
import { readCsv, readNdjson, readXlsx } from '../io/index.ts';
import { openText } from './encoding.ts';

/** The formats the CLI reads and writes. */
export type RecordFormat = 'csv' | 'ndjson' | 'xlsx';

/** The `--sheet NAME` option (flags and help) of every command that reads records. */
export const SHEET_OPTION: readonly [string, string] = [
  '--sheet <name>',
  'worksheet of an .xlsx input (default: the first sheet)',
];

/**
 * The record format of a file: a workbook when it starts like a zip archive
 * (whatever its name), else from its extension.
 *
 * @param file - the file
 * @returns the format, or undefined when neither tells
 */
export function recordFormatOf(file: string): RecordFormat | undefined {
  if (startsLikeZip(file)) return 'xlsx';
  const ext = extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.tsv') return 'csv';
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  return undefined;
}

/**
 * The record format of a file ({@link recordFormatOf}).
 *
 * @param file - the file
 * @returns its format
 * @throws {InputError} `unknown-format` when neither its bytes nor its extension tell
 */
export function formatOf(file: string): RecordFormat {
  const format = recordFormatOf(file);
  if (format !== undefined) return format;
  throw new InputError(
    `cannot tell the format of ${file}: use a .csv, .ndjson, .jsonl or .xlsx file`,
    { path: 'input', reason: 'unknown-format' },
  );
}

/**
 * The format to write an output file in: from its extension, else the input's.
 *
 * @param file - the output file
 * @param input - the input's format
 * @returns the output format
 */
export function outputFormatOf(file: string, input: RecordFormat): RecordFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.csv' || ext === '.tsv') return 'csv';
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  return input;
}

function startsLikeZip(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = new Uint8Array(4);
    return (
      readSync(fd, head, 0, 4, 0) === 4 &&
      head[0] === 0x50 &&
      head[1] === 0x4b &&
      head[2] === 3 &&
      head[3] === 4
    );
  } catch {
    // Unreadable: reading it names the problem.
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * A file's records, streamed and decoded in the chosen encoding, with a running
 * count of bytes read (for progress).
 *
 * An .xlsx workbook's sheet gives its values as text (as a CSV export would);
 * `encoding` does not apply to it.
 *
 * @param file - a .csv, .tsv, .ndjson, .jsonl or .xlsx file
 * @param encoding - the `--encoding` value (default utf-8)
 * @param sheet - the `--sheet` value (the first sheet by default)
 * @returns the records, the file size and a byte counter
 * @throws {InputError} `unreadable` or `unknown-format`; the records throw `bad-encoding`,
 *   or for a workbook `sheet-not-found`, `bad-workbook` and the other reasons of readXlsx
 */
export function openRecords(
  file: string,
  encoding?: EncodingChoice,
  sheet?: string,
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
  if (format === 'xlsx') {
    let done = false;
    async function* workbook(): AsyncGenerator<Record<string, unknown>> {
      yield* readXlsx(file, { sheet, values: 'text' });
      done = true;
    }
    // The workbook is read part by part: progress is all or nothing.
    return { records: workbook(), size, bytesRead: () => (done ? size : 0) };
  }
  if (sheet !== undefined)
    throw new InputError(`--sheet applies to .xlsx workbooks; ${file} is ${format}`, {
      path: 'sheet',
      reason: 'sheet-not-applicable',
    });
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
