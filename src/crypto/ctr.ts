// Counter mode over a 128-bit block cipher, with the two counter conventions
// the AEADs need: the whole block as a 128-bit integer (SIV, RFC 5297) or only
// its last 32 bits (GCM, SP 800-38D inc32).
import type { BlockCipher } from './block-cipher.ts';

/**
 * XORs `input` with the key stream starting at counter block `iv`, into `output`.
 *
 * @param cipher - the keyed block cipher
 * @param iv - the 16-byte initial counter block (not modified)
 * @param input - data to encrypt or decrypt
 * @param output - receives the result; may be `input`
 * @param increment - `128` (RFC 5297) or `32` (GCM inc32)
 * @example
 * ```ts
 * import { createBlockCipher } from './block-cipher.ts';
 * import { ctr } from './ctr.ts';
 * const cipher = createBlockCipher('aes', new Uint8Array(16));
 * const iv = new Uint8Array(16);
 * const data = new TextEncoder().encode('13800138000');
 * ctr(cipher, iv, data, data, 128); // encrypts in place
 * ctr(cipher, iv, data, data, 128); // the same key stream decrypts
 * new TextDecoder().decode(data); // '13800138000'
 * ```
 */
export function ctr(
  cipher: BlockCipher,
  iv: Uint8Array,
  input: Uint8Array,
  output: Uint8Array,
  increment: 128 | 32,
): void {
  const counter = new Uint8Array(iv);
  const stream = new Uint8Array(16);
  const low = increment === 32 ? 12 : 0;
  for (let o = 0; o < input.length; o += 16) {
    stream.set(counter);
    cipher.encryptBlock(stream);
    const end = Math.min(16, input.length - o);
    for (let i = 0; i < end; i++) output[o + i] = input[o + i]! ^ stream[i]!;
    for (let i = 15; i >= low; i--) {
      counter[i] = (counter[i]! + 1) & 0xff;
      if (counter[i] !== 0) break;
    }
  }
  stream.fill(0);
  counter.fill(0);
}
