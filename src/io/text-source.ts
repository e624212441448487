import { createReadStream } from 'node:fs';
import { InputError } from '../errors/kinds.ts';

/** Text encodings the readers accept (GBK input is read by the GB18030 decoder, its superset). */
export type InputEncoding = 'utf-8' | 'gb18030' | 'gbk';

/**
 * Where a reader takes its input from: a file path or URL, a Node readable
 * stream, or any (async) iterable of byte or text chunks.
 */
export type InputSource =
  | string
  | URL
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array | string>;

const ENCODINGS: ReadonlySet<string> = new Set(['utf-8', 'gb18030', 'gbk']);

/**
 * Reads a source as decoded text chunks. Bytes are decoded with a fatal
 * decoder, so a file in the wrong encoding stops with an {@link InputError}
 * instead of turning into replacement characters; multi-byte characters split
 * across chunks are decoded correctly. Files are read in 256 KiB chunks, and
 * the next chunk is read only when the consumer asks (backpressure).
 *
 * @param source - path, URL, stream or iterable of chunks
 * @param encoding - the byte encoding, default `utf-8`
 * @returns an async iterable of text chunks
 * @throws {InputError} on invalid bytes for the encoding (reason `bad-encoding`)
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { readText } from './text-source.ts';
 * await writeFile('in.csv', 'name\n张三\n');
 * let text = '';
 * for await (const chunk of readText('in.csv', 'utf-8')) text += chunk; // or 'gb18030', 'gbk' …
 * text; // 'name\n张三\n'
 * ```
 */
export async function* readText(
  source: InputSource,
  encoding: InputEncoding = 'utf-8',
): AsyncGenerator<string, void, undefined> {
  if (!ENCODINGS.has(encoding)) {
    throw new InputError('encoding must be utf-8, gb18030 or gbk', {
      path: 'options.encoding',
      reason: 'unsupported-encoding',
    });
  }
  // WHATWG decodes GBK with the GB18030 decoder; Node's ICU 'gbk' would reject four-byte sequences.
  const decoder = new TextDecoder(encoding === 'gbk' ? 'gb18030' : encoding, {
    fatal: true,
    ignoreBOM: true,
  });
  const chunks =
    typeof source === 'string' || source instanceof URL
      ? createReadStream(source, { highWaterMark: 1 << 18 })
      : source;
  let offset = 0;
  for await (const chunk of chunks as AsyncIterable<Uint8Array | string>) {
    if (typeof chunk === 'string') {
      yield chunk;
      continue;
    }
    yield decode(decoder, chunk, true, offset);
    offset += chunk.length;
  }
  const rest = decode(decoder, undefined, false, offset);
  if (rest.length > 0) yield rest;
}

function decode(
  decoder: TextDecoder,
  chunk: Uint8Array | undefined,
  stream: boolean,
  offset: number,
): string {
  try {
    return decoder.decode(chunk, { stream });
  } catch (cause) {
    throw new InputError(`input is not valid ${decoder.encoding} (near byte ${offset})`, {
      reason: 'bad-encoding',
      details: { encoding: decoder.encoding, nearByte: offset },
      cause,
    });
  }
}
