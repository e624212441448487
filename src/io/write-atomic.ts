import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { writeFault } from './write-fault.ts';

/** Options of {@link writeAtomic}. */
export interface WriteAtomicOptions {
  /** Flush file and directory to disk before reporting success (default true). */
  readonly fsync?: boolean | undefined;
  /** File mode of the new file (default 0o600: output may hold personal data). */
  readonly mode?: number | undefined;
  /** Aborts the write; the temporary file is removed. */
  readonly signal?: AbortSignal | undefined;
}

/** What {@link writeAtomic} wrote. */
export interface WriteResult {
  /** The final path. */
  readonly path: string;
  /** Bytes written. */
  readonly bytes: number;
}

/**
 * Writes chunks to a file atomically: they go to a temporary file in the same
 * directory, which is renamed over `path` only after everything was written
 * (and flushed); on any failure or abort the temporary file is removed and
 * `path` is left untouched. Chunks are pulled only as fast as the disk takes
 * them (backpressure).
 *
 * @param path - the destination file
 * @param chunks - text (written as UTF-8) or bytes
 * @param options - fsync, file mode, abort signal
 * @returns the path and byte count
 * @throws the source's first error unchanged; for a foreseeable file-system fault an
 *   InputError naming the file (`missing-directory`, `disk-full`, `permission-denied`,
 *   `read-only-file-system`, …), other file-system errors unchanged; the destination is unchanged
 * @example
 * ```ts
 * import { writeAtomic } from 'dataguard/io';
 * const result = await writeAtomic('out.ndjson', ['{"a":1}\n']);
 * result.bytes; // 8
 * ```
 */
export async function writeAtomic(
  path: string | URL,
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: WriteAtomicOptions = {},
): Promise<WriteResult> {
  const target = typeof path === 'string' ? path : fileURLToPath(path);
  const fsync = options.fsync ?? true;
  const temporary = join(
    dirname(target),
    `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`,
  );
  let bytes = 0;
  // The source's own failure is passed on as it is; only the file system's is mapped.
  let sourceFailure: { readonly error: unknown } | undefined;
  const counted = async function* (): AsyncGenerator<Uint8Array> {
    try {
      for await (const chunk of chunks) {
        const bytesOf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        bytes += bytesOf.length;
        if (bytesOf.length > 0) yield bytesOf;
      }
    } catch (error) {
      sourceFailure = { error };
      throw error;
    }
  };
  try {
    const source = Readable.from(counted(), { objectMode: false });
    const sink = createWriteStream(temporary, {
      flags: 'wx',
      mode: options.mode ?? 0o600,
      flush: fsync,
    });
    if (options.signal === undefined) await pipeline(source, sink);
    else await pipeline(source, sink, { signal: options.signal });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    if (sourceFailure !== undefined && sourceFailure.error === error) throw error;
    throw writeFault(error, target, 'path') ?? error;
  }
  if (fsync) await syncDirectory(dirname(target));
  return { path: target, bytes };
}

// Makes the rename itself durable; some platforms cannot open directories, which is harmless.
async function syncDirectory(directory: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch {
    // Not supported here (e.g. Windows); the file itself was flushed.
  } finally {
    await handle?.close();
  }
}
