// The header that sealed values carry: version 1, key-id length, key id (ASCII).
import { concatBytes, utf8 } from '../core/bytes.ts';
import { CryptoError } from '../errors/kinds.ts';

const HEADER_VERSION = 1;

/**
 * The header naming the key that sealed a value: `0x01 || len || keyId`.
 *
 * @param keyId - the key id (ASCII, at most 64 characters)
 * @returns the header bytes
 * @example
 * ```ts
 * import { sealedHeader } from './sealed-header.ts';
 * Array.from(sealedHeader('k1')); // [1, 2, 107, 49]
 * ```
 */
export function sealedHeader(keyId: string): Uint8Array {
  const id = utf8(keyId);
  return concatBytes(Uint8Array.of(HEADER_VERSION, id.length), id);
}

/**
 * Reads the key id and header length of a sealed value.
 *
 * @param sealed - a value produced by a keyring AEAD's `seal`
 * @returns the key id and the header's length in bytes
 * @throws {CryptoError} `malformed-ciphertext` when there is no valid header
 * @example
 * ```ts
 * import { parseSealedHeader, sealedHeader } from './sealed-header.ts';
 * const sealed = new Uint8Array([...sealedHeader('k1'), 0xca, 0xfe]);
 * parseSealedHeader(sealed); // { keyId: 'k1', length: 4 }
 * ```
 */
export function parseSealedHeader(sealed: Uint8Array): { keyId: string; length: number } {
  if (!(sealed instanceof Uint8Array) || sealed.length < 3 || sealed[0] !== HEADER_VERSION) {
    throw new CryptoError('sealed value has no valid dataguard header', {
      reason: 'malformed-ciphertext',
    });
  }
  const idLength = sealed[1]!;
  if (idLength === 0 || sealed.length < 2 + idLength) {
    throw new CryptoError('sealed value has a truncated key id', {
      reason: 'malformed-ciphertext',
    });
  }
  let keyId = '';
  for (let i = 2; i < 2 + idLength; i++) keyId += String.fromCharCode(sealed[i]!);
  return { keyId, length: 2 + idLength };
}
