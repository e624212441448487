// Shared test helpers for the crypto tests (Node-only: uses Buffer for hex).
import { readFileSync } from 'node:fs';
import { sharedPath } from '../fixtures/shared-path.ts';

export const hex = (text: string): Uint8Array =>
  Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
export const toHexString = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
export const text = (value: string): Uint8Array => new TextEncoder().encode(value);

/** The shared published vectors (../shared/vectors/crypto.json). */
export interface CryptoVectors {
  ff1: { key: string; radix: number; tweak: string; plaintext: string; ciphertext: string }[];
  sm3: { message_utf8: string; digest: string }[];
  sm4: { key: string; plaintext: string; ciphertext: string; iterations?: number }[];
}

export const vectors: CryptoVectors = JSON.parse(
  readFileSync(sharedPath('vectors/crypto.json'), 'utf8'),
) as CryptoVectors;

/** A deterministic RandomSource for exact tests (xorshift, NOT for production). */
export function seededRandom(seed = 1): (bytes: Uint8Array) => Uint8Array {
  let state = seed >>> 0 || 1;
  return (bytes) => {
    for (let i = 0; i < bytes.length; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      bytes[i] = state & 0xff;
    }
    return bytes;
  };
}
