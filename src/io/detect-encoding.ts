import { createReadStream } from 'node:fs';
import { InputError } from '../errors/kinds.ts';

/** A text encoding a file can be read in, after detection. */
export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le';

/** What a user may ask for: a concrete encoding, GBK (read by the GB18030 decoder), or `auto`. */
export type EncodingChoice = TextEncoding | 'gbk' | 'auto';

/** The encodings the `--encoding` option accepts, in the order the help lists them. */
export const ENCODING_CHOICES: readonly EncodingChoice[] = [
  'utf-8',
  'gbk',
  'gb18030',
  'utf-16le',
  'auto',
];

/** A detected encoding and the length of the byte order mark to skip. */
export interface DetectedEncoding {
  readonly encoding: TextEncoding;
  /** Bytes of byte order mark at the start of the file (0 when none). */
  readonly bom: number;
}

/**
 * The encoding a byte order mark at the start of `head` names, if any.
 *
 * @param head - the first bytes of the input
 * @returns the encoding and BOM length, or undefined when there is no BOM
 * @throws {InputError} `unsupported-encoding` for a UTF-16BE or UTF-32 BOM
 */
export function encodingFromBom(head: Uint8Array): DetectedEncoding | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { encoding: 'utf-8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) {
    if (head[2] === 0 && head[3] === 0) unsupported('UTF-32LE');
    return { encoding: 'utf-16le', bom: 2 };
  }
  if (head[0] === 0xfe && head[1] === 0xff) unsupported('UTF-16BE');
  return undefined;
}

function unsupported(name: string): never {
  throw new InputError(`input starts with a ${name} byte order mark; convert it to UTF-8 first`, {
    path: 'encoding',
    reason: 'unsupported-encoding',
  });
}

/**
 * Detects a file's encoding: a byte order mark decides (UTF-8, UTF-16LE);
 * otherwise the whole file is checked as strict UTF-8, and a file that is
 * not valid UTF-8 is read as GB18030 (which includes GBK and GB2312). The
 * check stops at the first byte that is not UTF-8.
 *
 * @param path - the file
 * @returns the encoding and the BOM length to skip
 * @throws {InputError} `unreadable` when the file cannot be read; `unsupported-encoding` for a
 *   UTF-16BE or UTF-32 BOM
 */
export async function detectFileEncoding(path: string): Promise<DetectedEncoding> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 18 })) {
      const bytes = chunk as Uint8Array;
      if (first) {
        first = false;
        const bom = encodingFromBom(bytes);
        if (bom !== undefined) return bom;
      }
      try {
        decoder.decode(bytes, { stream: true });
      } catch {
        return { encoding: 'gb18030', bom: 0 };
      }
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read input file ${path}`, {
      cause: error,
      path: 'input',
      reason: 'unreadable',
    });
  }
  try {
    decoder.decode();
  } catch {
    return { encoding: 'gb18030', bom: 0 };
  }
  return { encoding: 'utf-8', bom: 0 };
}

/**
 * Decodes byte chunks with a fatal decoder, dropping the first `skip` bytes
 * (a byte order mark): bytes that are not valid in the encoding stop with an
 * error instead of turning into replacement characters.
 *
 * @param chunks - the bytes
 * @param encoding - their encoding
 * @param skip - leading bytes to drop (the BOM)
 * @returns the text, chunk by chunk
 * @throws {InputError} `bad-encoding` naming the encoding and the byte near which decoding failed
 */
export async function* decodeChunks(
  chunks: AsyncIterable<Uint8Array>,
  encoding: TextEncoding,
  skip = 0,
): AsyncGenerator<string, void, undefined> {
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  let offset = 0;
  let toSkip = skip;
  for await (const raw of chunks) {
    let chunk = raw;
    if (toSkip > 0) {
      const dropped = Math.min(toSkip, chunk.length);
      chunk = chunk.subarray(dropped);
      toSkip -= dropped;
      offset += dropped;
    }
    const text = decodeOne(decoder, chunk, true, offset);
    offset += chunk.length;
    if (text.length > 0) yield text;
  }
  const rest = decodeOne(decoder, undefined, false, offset);
  if (rest.length > 0) yield rest;
}

function decodeOne(
  decoder: TextDecoder,
  chunk: Uint8Array | undefined,
  stream: boolean,
  offset: number,
): string {
  try {
    return decoder.decode(chunk, { stream });
  } catch (cause) {
    throw new InputError(
      `input is not valid ${decoder.encoding} (near byte ${offset}); name the file's encoding (utf-8, gbk, gb18030 or utf-16le)`,
      {
        reason: 'bad-encoding',
        path: 'encoding',
        details: { encoding: decoder.encoding, nearByte: offset },
        cause,
      },
    );
  }
}
