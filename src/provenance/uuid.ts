import { toHex } from '../core/bytes.ts';
import type { Clock } from '../core/clock.ts';
import { type RandomSource, systemRandom } from '../core/random.ts';

/**
 * A UUID version 7 (RFC 9562 §5.7): 48-bit Unix milliseconds then random
 * bits, so ids sort by creation time.
 *
 * @param clock - the time source
 * @param random - the random source
 * @returns the UUID in lowercase canonical form
 * @example
 * ```ts
 * import { uuidV7 } from './uuid.ts';
 * const clock = () => Date.parse('2026-01-01T00:00:00Z');
 * const zeros = (bytes: Uint8Array) => bytes.fill(0); // use the platform CSPRNG in production
 * uuidV7(clock, zeros); // '019b76da-a800-7000-8000-000000000000'
 * ```
 */
export function uuidV7(clock: Clock, random: RandomSource): string {
  const bytes = random(new Uint8Array(16));
  let ms = Math.max(0, Math.floor(clock()));
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | ((bytes[6] as number) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f);
  return formatUuid(bytes);
}

/** Formats 16 bytes as `8-4-4-4-12` lowercase hex. */
export function formatUuid(bytes: Uint8Array): string {
  const hex = toHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const POOL_BYTES = 4096;

/**
 * A UUID v7 generator for one ledger (internal). With the platform CSPRNG it
 * draws random bytes 4 KiB at a time: one getRandomValues call per id costs
 * more than the rest of an append, and id bits are not secret. An injected
 * random source is called once per id, as {@link uuidV7} does.
 */
export function uuidV7Source(clock: Clock, random: RandomSource): () => string {
  if (random !== systemRandom) return () => uuidV7(clock, random);
  let pool: Uint8Array = new Uint8Array(0);
  let at = 0;
  const pooled: RandomSource = (bytes) => {
    if (at + bytes.length > pool.length) {
      pool = systemRandom(new Uint8Array(Math.max(POOL_BYTES, bytes.length)));
      at = 0;
    }
    bytes.set(pool.subarray(at, at + bytes.length));
    at += bytes.length;
    return bytes;
  };
  return () => uuidV7(clock, pooled);
}
