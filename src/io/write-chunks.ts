import type { Writable } from 'node:stream';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type WriteAtomicOptions, type WriteResult, writeAtomic } from './write-atomic.ts';

/**
 * Writes text chunks to a file path atomically ({@link writeAtomic}) or into
 * a writable stream with backpressure (the stream is ended when done).
 *
 * @param target - a file path or URL, or a writable stream
 * @param chunks - text chunks
 * @param options - fsync, mode, abort signal
 * @returns the path (empty for streams) and UTF-8 byte count
 * @throws the first error of the chunks or the destination
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { formatNdjson } from './ndjson.ts';
 * import { writeChunks } from './write-chunks.ts';
 * await writeChunks('events.ndjson', formatNdjson([{ a: 1 }]), {}); // or a writable stream
 * await readFile('events.ndjson', 'utf8'); // '{"a":1}\n'
 * ```
 */
export async function writeChunks(
  target: string | URL | Writable,
  chunks: AsyncIterable<string | Uint8Array>,
  options: WriteAtomicOptions,
): Promise<WriteResult> {
  if (typeof target === 'string' || target instanceof URL) {
    return writeAtomic(target, chunks, options);
  }
  let bytes = 0;
  const counted = async function* (): AsyncGenerator<string | Uint8Array> {
    for await (const chunk of chunks) {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk, 'utf8') : chunk.length;
      yield chunk;
    }
  };
  const source = Readable.from(counted());
  if (options.signal === undefined) await pipeline(source, target);
  else await pipeline(source, target, { signal: options.signal });
  return { path: '', bytes };
}
