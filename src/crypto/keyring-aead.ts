import { concatBytes } from '../core/bytes.ts';
import { ValidationError } from '../errors/kinds.ts';
import {
  assertLive,
  boundAead,
  cachedInKeyring,
  domainOf,
  type KeyringState,
  pickKey,
} from './keyring-state.ts';
import type { KeyringAead } from './keyring-types.ts';
import { safeDisplay } from './safe-display.ts';
import { parseSealedHeader, sealedHeader } from './sealed-header.ts';

const EMPTY = new Uint8Array(0);

/**
 * The AEAD of one domain: seals with the active key and names it in a header;
 * opens with the key the header names, so rotation keeps old data readable.
 *
 * @param state - the keyring state
 * @param domain - the key-derivation domain
 * @param mode - `deterministic` (SIV) or `randomized`
 * @returns the AEAD
 * @throws {ValidationError} on a bad domain or mode; {KeyError} once destroyed
 */
export function keyringAead(
  state: KeyringState,
  domain: string,
  mode: 'deterministic' | 'randomized',
): KeyringAead {
  assertLive(state);
  const label = domainOf(domain);
  if (mode !== 'deterministic' && mode !== 'randomized') {
    throw new ValidationError('mode must be "deterministic" or "randomized"', {
      reason: 'invalid-mode',
      path: 'mode',
    });
  }
  return cachedInKeyring(state, `A\u0000${mode}\u0000${label}`, () => {
    const sealer = state.active;
    const header = sealedHeader(sealer.info.id);
    return safeDisplay(
      {
        keyId: sealer.info.id,
        mode,
        seal(plaintext: Uint8Array, associatedData?: Uint8Array): Uint8Array {
          assertLive(state);
          const body = boundAead(state, sealer, mode, label).encrypt(
            plaintext,
            concatBytes(header, associatedData ?? EMPTY),
          );
          return concatBytes(header, body);
        },
        open(sealed: Uint8Array, associatedData?: Uint8Array): Uint8Array {
          assertLive(state);
          const { keyId, length } = parseSealedHeader(sealed);
          const entry = pickKey(state, keyId, 'decrypt');
          return boundAead(state, entry, mode, label).decrypt(
            sealed.subarray(length),
            concatBytes(sealed.subarray(0, length), associatedData ?? EMPTY),
          );
        },
      },
      'KeyringAead',
      () => ({ keyId: sealer.info.id, domain: label, mode }),
    );
  });
}
