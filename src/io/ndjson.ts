import type { Writable } from 'node:stream';
import { InputError } from '../errors/kinds.ts';
import { type InputEncoding, type InputSource, readText } from './text-source.ts';
import type { WriteAtomicOptions, WriteResult } from './write-atomic.ts';
import { writeChunks } from './write-chunks.ts';

/** Options of {@link readNdjson}. */
export interface ReadNdjsonOptions {
  /** Byte encoding of the input: `utf-8` (default), `gb18030` or `gbk`. */
  readonly encoding?: InputEncoding | undefined;
  /** Longest line accepted, in characters (default 16 MiB); bounds memory. */
  readonly maxLineLength?: number | undefined;
}

/**
 * Reads newline-delimited JSON (one object per line, LF or CRLF; blank lines
 * skipped). Lines that are not JSON objects stop reading with an
 * {@link InputError} naming the line, never its content.
 *
 * @param source - path, URL, Node stream or iterable of chunks
 * @param options - encoding and line length limit
 * @returns an async iterable of records
 * @throws {InputError} reasons `ndjson-invalid-json`, `ndjson-not-object`, `ndjson-line-too-long`, `bad-encoding`
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { readNdjson } from 'dataguard/io';
 * await writeFile('events.ndjson', '{"a":1}\n\n{"a":2}\n');
 * const records: unknown[] = [];
 * for await (const record of readNdjson('events.ndjson')) records.push(record);
 * records; // [{ a: 1 }, { a: 2 }]
 * ```
 */
export async function* readNdjson(
  source: InputSource,
  options: ReadNdjsonOptions = {},
): AsyncGenerator<Record<string, unknown>, void, undefined> {
  const maxLineLength = options.maxLineLength ?? 1 << 24;
  let pending = '';
  let line = 0;
  let first = true;
  const parse = (text: string): Record<string, unknown> | undefined => {
    line++;
    const body = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (body.trim().length === 0) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      // The parser's message quotes the input, so it is not passed on as the cause.
      throw new InputError(`ndjson: line ${line} is not valid JSON`, {
        reason: 'ndjson-invalid-json',
        details: { line },
      });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new InputError(`ndjson: line ${line} is not a JSON object`, {
        reason: 'ndjson-not-object',
        details: { line },
      });
    }
    return value as Record<string, unknown>;
  };
  for await (const chunk of readText(source, options.encoding)) {
    let text = pending + chunk;
    if (first && text.length > 0) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      const record = parse(text.slice(start, end));
      start = end + 1;
      if (record !== undefined) yield record;
    }
    pending = text.slice(start);
    if (pending.length > maxLineLength) {
      throw new InputError(`ndjson: line ${line + 1} is longer than ${maxLineLength} characters`, {
        reason: 'ndjson-line-too-long',
        details: { line: line + 1 },
      });
    }
  }
  if (pending.length > 0) {
    const record = parse(pending);
    if (record !== undefined) yield record;
  }
}

/**
 * Serializes records as NDJSON text chunks (about 64 KiB each).
 *
 * @param records - JSON-serializable objects, sync or async
 * @returns an async iterable of NDJSON text
 * @example
 * ```ts
 * import { formatNdjson } from './ndjson.ts';
 * let text = '';
 * for await (const chunk of formatNdjson([{ a: 1 }])) text += chunk;
 * text; // '{"a":1}\n'
 * ```
 */
export async function* formatNdjson(
  records: AsyncIterable<unknown> | Iterable<unknown>,
): AsyncGenerator<string, void, undefined> {
  let buffer = '';
  for await (const record of records) {
    buffer += `${JSON.stringify(record)}\n`;
    if (buffer.length >= 1 << 16) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer.length > 0) yield buffer;
}

/**
 * Writes records as NDJSON: to a file path atomically, or into a writable stream.
 *
 * @param target - a file path or URL, or a writable stream (ended when done)
 * @param records - JSON-serializable objects, sync or async
 * @param options - fsync, mode, abort signal (files)
 * @returns the path (empty for streams) and byte count
 * @throws the first error of the records or the file system; a file target is left unchanged
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { writeNdjson } from 'dataguard/io';
 * await writeNdjson('out.ndjson', [{ a: 1 }]);
 * await readFile('out.ndjson', 'utf8'); // '{"a":1}\n'
 * ```
 */
export async function writeNdjson(
  target: string | URL | Writable,
  records: AsyncIterable<unknown> | Iterable<unknown>,
  options: WriteAtomicOptions = {},
): Promise<WriteResult> {
  return writeChunks(target, formatNdjson(records), options);
}
