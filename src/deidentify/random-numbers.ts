import type { RandomSource } from '../core/random.ts';

/** Draws uniform numbers from a cryptographic random source, refilling a buffer in bulk. */
export interface RandomNumbers {
  /** A uniform double in the open interval (0, 1), with 53 random bits. */
  unit(): number;
  /** A uniform integer in [0, bound), bound ≤ 2^32, by rejection (no modulo bias). */
  below(bound: number): number;
}

/**
 * Wraps a {@link RandomSource} for fast draws: 4 KiB is fetched at a time.
 *
 * @param random - the byte source (default in callers: the platform CSPRNG)
 * @returns the number generator
 */
export function randomNumbers(random: RandomSource): RandomNumbers {
  const buffer = new Uint8Array(4096);
  const view = new DataView(buffer.buffer);
  let offset = buffer.length;
  const take32 = (): number => {
    if (offset + 4 > buffer.length) {
      random(buffer);
      offset = 0;
    }
    const value = view.getUint32(offset);
    offset += 4;
    return value;
  };
  return {
    unit() {
      const high = take32() >>> 5; // 27 bits
      const low = take32() >>> 6; // 26 bits
      return (high * 67108864 + low + 0.5) / 9007199254740992;
    },
    below(bound) {
      const limit = 4294967296 - (4294967296 % bound);
      for (;;) {
        const value = take32();
        if (value < limit) return value % bound;
      }
    },
  };
}
