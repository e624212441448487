/**
 * A plain Uint8Array view of bytes a driver returned (better-sqlite3 and pg
 * return Buffers); no copy, since drivers allocate a fresh buffer per value.
 *
 * @param bytes - a Buffer or Uint8Array
 * @returns a Uint8Array over the same memory
 */
export function plainBytes(bytes: Uint8Array): Uint8Array {
  return bytes.constructor === Uint8Array
    ? bytes
    : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** True when `value` is a non-negative safe integer (a valid row index). */
export function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
