import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Inflate } from 'fflate';
import { InputError } from '../../errors/kinds.ts';

/** One member of a zip archive, as its central directory lists it. */
export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  /** Offset of the entry's local file header. */
  readonly offset: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
// The end record is 22 bytes plus a comment of at most 65,535.
const TAIL = 22 + 0xffff;

/**
 * The entries of a zip file, read from its central directory (the archive's
 * authoritative index, so entries written with data descriptors and in any
 * order are found without scanning compressed data for signatures).
 *
 * @param file - the zip file
 * @returns the entries by name
 * @throws {InputError} `unreadable`, or `unknown-format` when the file is not a zip archive
 */
export async function readZipDirectory(file: string): Promise<Map<string, ZipEntry>> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new InputError(`cannot read input file ${file}`, {
      cause: error,
      path: 'input',
      reason: 'unreadable',
    });
  }
  try {
    const { size } = await handle.stat();
    const read = async (position: number, length: number): Promise<Uint8Array> => {
      const buffer = new Uint8Array(length);
      const { bytesRead } = await handle.read(buffer, 0, length, position);
      if (bytesRead !== length) throw notZip(file);
      return buffer;
    };
    const tailStart = Math.max(0, size - TAIL);
    const tail = await read(tailStart, size - tailStart);
    let end = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (u32(tail, i) === EOCD) {
        end = i;
        break;
      }
    }
    if (end < 0) throw notZip(file);
    let count = u16(tail, end + 10);
    let directorySize = u32(tail, end + 12);
    let directoryOffset = u32(tail, end + 16);
    if (end >= 20 && u32(tail, end - 20) === EOCD64_LOCATOR) {
      const record = await read(u64(tail, end - 12), 56);
      if (u32(record, 0) !== EOCD64) throw notZip(file);
      count = u64(record, 32);
      directorySize = u64(record, 40);
      directoryOffset = u64(record, 48);
    }
    if (directoryOffset + directorySize > size) throw notZip(file);
    const directory = await read(directoryOffset, directorySize);
    const entries = new Map<string, ZipEntry>();
    let at = 0;
    const decoder = new TextDecoder();
    for (let n = 0; n < count; n++) {
      if (at + 46 > directory.length || u32(directory, at) !== CENTRAL) throw notZip(file);
      const nameLength = u16(directory, at + 28);
      const extraLength = u16(directory, at + 30);
      const commentLength = u16(directory, at + 32);
      const name = decoder.decode(directory.subarray(at + 46, at + 46 + nameLength));
      let compressedSize = u32(directory, at + 20);
      let uncompressed = u32(directory, at + 24);
      let offset = u32(directory, at + 42);
      // ZIP64: the fields set to 0xffffffff follow in the extra field 0x0001, in this order.
      const extra = directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
      for (let e = 0; e + 4 <= extra.length; ) {
        const id = u16(extra, e);
        const length = u16(extra, e + 2);
        if (id === 1) {
          let f = e + 4;
          if (uncompressed === 0xffffffff) {
            uncompressed = u64(extra, f);
            f += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = u64(extra, f);
            f += 8;
          }
          if (offset === 0xffffffff) offset = u64(extra, f);
        }
        e += 4 + length;
      }
      entries.set(name, {
        name,
        method: u16(directory, at + 10),
        compressedSize,
        size: uncompressed,
        offset,
      });
      at += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    await handle.close();
  }
}

/**
 * The inflated bytes of one zip entry, streamed from the file (bounded memory).
 *
 * @param file - the zip file
 * @param entry - the entry, from {@link readZipDirectory}
 * @returns its contents in chunks
 * @throws {InputError} `bad-workbook` for an unsupported compression method or corrupt data
 */
export async function* readZipEntry(file: string, entry: ZipEntry): AsyncGenerator<Uint8Array> {
  const handle = await open(file, 'r');
  let start: number;
  try {
    const header = new Uint8Array(30);
    const { bytesRead } = await handle.read(header, 0, 30, entry.offset);
    if (bytesRead !== 30 || u32(header, 0) !== LOCAL) throw corrupt(file, entry.name);
    start = entry.offset + 30 + u16(header, 26) + u16(header, 28);
  } finally {
    await handle.close();
  }
  if (entry.compressedSize === 0) return;
  const stream = createReadStream(file, {
    start,
    end: start + entry.compressedSize - 1,
    highWaterMark: 1 << 16,
  });
  if (entry.method === 0) {
    for await (const chunk of stream) yield chunk as Uint8Array;
    return;
  }
  if (entry.method !== 8) {
    stream.destroy();
    throw new InputError(`${file}: ${entry.name} uses an unsupported zip compression method`, {
      path: 'input',
      reason: 'bad-workbook',
      details: { part: entry.name, method: entry.method },
    });
  }
  const out: Uint8Array[] = [];
  const inflate = new Inflate((data) => {
    out.push(data);
  });
  try {
    for await (const chunk of stream) {
      inflate.push(chunk as Uint8Array);
      yield* out.splice(0);
    }
    inflate.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw corrupt(file, entry.name, error);
  } finally {
    stream.destroy();
  }
  yield* out.splice(0);
}

function notZip(file: string): InputError {
  return new InputError(`${file} is not an .xlsx workbook (no zip archive)`, {
    path: 'input',
    reason: 'unknown-format',
  });
}

function corrupt(file: string, part: string, cause?: unknown): InputError {
  return new InputError(`${file}: the workbook part ${part} is corrupt`, {
    ...(cause === undefined ? {} : { cause }),
    path: 'input',
    reason: 'bad-workbook',
    details: { part },
  });
}

function u16(bytes: Uint8Array, at: number): number {
  return (bytes[at] as number) | ((bytes[at + 1] as number) << 8);
}

function u32(bytes: Uint8Array, at: number): number {
  return (u16(bytes, at) | (u16(bytes, at + 2) << 16)) >>> 0;
}

function u64(bytes: Uint8Array, at: number): number {
  // Offsets and sizes above 2^53 cannot occur in a file Node can read.
  return u32(bytes, at) + u32(bytes, at + 4) * 0x1_0000_0000;
}
