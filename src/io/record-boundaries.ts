const LF = 10;
const QUOTE = 34;

/**
 * The end (exclusive) of the last complete record in `bytes`, which starts
 * at a record boundary, or -1 when there is none. For CSV a line break ends a
 * record only outside quotes, so quotes are counted from the start; for
 * NDJSON every line break does. Works on bytes of UTF-8 and GB18030, where
 * the bytes 0x0A and 0x22 only ever stand for LF and `"`.
 *
 * @param bytes - input starting at a record boundary
 * @param csv - whether quotes matter
 * @param quotesBefore - quotes since the record boundary before `bytes` (carried over)
 * @returns the index after the last record-ending LF, or -1
 */
export function lastRecordEnd(bytes: Uint8Array, csv: boolean, quotesBefore = 0): number {
  let end = bytes.lastIndexOf(LF);
  if (!csv || end === -1) return end === -1 ? -1 : end + 1;
  let quotes = quotesBefore + countQuotes(bytes, 0, end);
  // An odd number of quotes before a line break puts it inside a quoted field.
  while (quotes % 2 === 1) {
    // lastIndexOf with a negative start would wrap around to the end.
    if (end === 0) return -1;
    const previous = bytes.lastIndexOf(LF, end - 1);
    if (previous === -1) return -1;
    quotes -= countQuotes(bytes, previous, end);
    end = previous;
  }
  return end + 1;
}

/**
 * The end (exclusive) of the first complete record, or -1: where a CSV header ends.
 *
 * @param bytes - input starting at a record boundary
 * @returns the index after the first record-ending LF, or -1
 */
export function firstRecordEnd(bytes: Uint8Array): number {
  let quotes = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === QUOTE) quotes++;
    else if (byte === LF && quotes % 2 === 0) return i + 1;
  }
  return -1;
}

/**
 * Counts `"` bytes in `bytes[from, to)`.
 *
 * @returns the count
 */
export function countQuotes(bytes: Uint8Array, from: number, to: number): number {
  let count = 0;
  for (let i = bytes.indexOf(QUOTE, from); i !== -1 && i < to; i = bytes.indexOf(QUOTE, i + 1)) {
    count++;
  }
  return count;
}
