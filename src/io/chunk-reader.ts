import { InputError } from '../errors/kinds.ts';
import { CsvParser } from './csv-parser.ts';
import { countQuotes, firstRecordEnd, lastRecordEnd } from './record-boundaries.ts';
import type { InputEncoding } from './text-source.ts';

/** A run of complete records: a small carried-over head and a body read from the input. */
export interface RecordChunk {
  /** Bytes carried over from the previous read (an owned copy, usually under a record long). */
  readonly head: Uint8Array;
  /** Bytes of the latest read, up to its last record boundary. */
  readonly body: Uint8Array;
}

/** Reads input in chunks that end on record boundaries. */
export interface ChunkReader {
  /** Reads and parses the CSV header (BOM stripped); returns the column names. */
  header(encoding: InputEncoding, delimiter: string): Promise<string[]>;
  /** The next run of complete records, or undefined at the end. */
  next(): Promise<RecordChunk | undefined>;
}

const BOMS: readonly (readonly number[])[] = [
  [0xef, 0xbb, 0xbf],
  [0x84, 0x31, 0x95, 0x33],
];

/**
 * Cuts byte input into runs of whole records without copying the bulk: each
 * read's bytes up to its last record boundary go out as they are, and only
 * the partial record after it is copied and carried into the next run.
 *
 * @param iterator - byte (or text) chunks
 * @param csv - whether quotes decide record boundaries (CSV) or not (NDJSON)
 * @param maxRecord - the longest record accepted, in bytes
 */
export function chunkReader(
  iterator: AsyncIterator<Uint8Array | string>,
  csv: boolean,
  maxRecord: number,
): ChunkReader {
  let carry: Uint8Array = new Uint8Array(0);
  let carryQuotes = 0;
  let first = true;
  let done = false;
  const read = async (): Promise<Uint8Array | undefined> => {
    if (done) return undefined;
    const step = await iterator.next();
    if (step.done === true) {
      done = true;
      return undefined;
    }
    let bytes: Uint8Array =
      typeof step.value === 'string' ? new TextEncoder().encode(step.value) : step.value;
    if (first) {
      first = false;
      for (const bom of BOMS) {
        if (bom.every((byte, i) => bytes[i] === byte)) bytes = bytes.subarray(bom.length);
      }
    }
    return bytes;
  };
  const tooLong = (): never => {
    throw new InputError(`a record is longer than ${maxRecord} bytes (an unterminated quote?)`, {
      reason: 'csv-record-too-long',
    });
  };
  return {
    async header(encoding, delimiter) {
      let end = firstRecordEnd(carry);
      while (end === -1) {
        const bytes = await read();
        if (bytes === undefined) break;
        carry = concat(carry, bytes);
        if (carry.length > maxRecord) tooLong();
        end = firstRecordEnd(carry);
      }
      const header = end === -1 ? carry : carry.subarray(0, end);
      carry = end === -1 ? new Uint8Array(0) : new Uint8Array(carry.subarray(end));
      carryQuotes = countQuotes(carry, 0, carry.length);
      let text: string;
      try {
        text = new TextDecoder(encoding === 'gbk' ? 'gb18030' : encoding, { fatal: true }).decode(
          header,
        );
      } catch (cause) {
        throw new InputError(`input is not valid ${encoding}`, { reason: 'bad-encoding', cause });
      }
      const rows: string[][] = [];
      const parser = new CsvParser({ delimiter });
      parser.push(text, rows);
      parser.end(rows);
      const columns = rows[0];
      if (columns === undefined) {
        throw new InputError('csv input has no header line', { reason: 'csv-no-header' });
      }
      const seen = new Set<string>();
      columns.forEach((name, i) => {
        if (name.length === 0 || seen.has(name) || name === '__proto__') {
          throw new InputError(`csv header column ${i + 1} is empty, repeated or reserved`, {
            reason: 'csv-bad-header',
            details: { column: i + 1 },
          });
        }
        seen.add(name);
      });
      return columns;
    },
    async next() {
      for (;;) {
        const bytes = await read();
        if (bytes === undefined) {
          if (carry.length === 0) return undefined;
          const head = carry;
          carry = new Uint8Array(0);
          return { head, body: new Uint8Array(0) };
        }
        const end = lastRecordEnd(bytes, csv, carryQuotes);
        if (end === -1) {
          carry = concat(carry, bytes);
          if (csv) carryQuotes += countQuotes(bytes, 0, bytes.length);
          if (carry.length > maxRecord) tooLong();
          continue;
        }
        const head = carry;
        // A copy: input chunks are often Buffers, whose slice() is a view.
        carry = new Uint8Array(bytes.subarray(end));
        carryQuotes = csv ? countQuotes(carry, 0, carry.length) : 0;
        return { head, body: bytes.subarray(0, end) };
      }
    },
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return new Uint8Array(b);
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
