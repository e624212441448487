/** Fills and returns the given buffer with cryptographically strong random bytes. */
export type RandomSource = (bytes: Uint8Array) => Uint8Array;

/** The platform's CSPRNG (`crypto.getRandomValues`), in chunks of its 64 KiB limit. */
export const systemRandom: RandomSource = (bytes) => {
  for (let offset = 0; offset < bytes.length; offset += 65536) {
    crypto.getRandomValues(bytes.subarray(offset, Math.min(bytes.length, offset + 65536)));
  }
  return bytes;
};
