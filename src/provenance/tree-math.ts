// Bit arithmetic on tree sizes and indexes up to Number.MAX_SAFE_INTEGER.
// JavaScript's bitwise operators stop at 32 bits, so these use division.

const TWO_32 = 2 ** 32;

/** True for an integer in [0, 2^53). */
export function isTreeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Number of bits needed to write n (0 for 0). */
function bitLength(n: number): number {
  if (n < TWO_32) return 32 - Math.clz32(n);
  return 64 - Math.clz32(Math.floor(n / TWO_32));
}

/** The largest power of two strictly below n (n ≥ 2): RFC 9162's split point k. */
export function splitPoint(n: number): number {
  return 2 ** (bitLength(n - 1) - 1);
}

/** True when n is a power of two (n ≥ 1). */
export function isPowerOfTwo(n: number): boolean {
  return n > 0 && 2 ** (bitLength(n) - 1) === n;
}
