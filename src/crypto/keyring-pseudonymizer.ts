import { CryptoError } from '../errors/kinds.ts';
import {
  assertLive,
  cachedInKeyring,
  deriveSubkey,
  domainOf,
  type KeyringState,
  pickKey,
} from './keyring-state.ts';
import type { Pseudonymizer } from './keyring-types.ts';
import { precomputeMac } from './mac.ts';
import { safeDisplay } from './safe-display.ts';

/**
 * The keyed MAC of one domain (`pseudonym:<domain>` subkey), cached per key and domain.
 *
 * @param state - the keyring state
 * @param domain - the key-derivation domain
 * @param keyId - a key id (default: the active key)
 * @returns the pseudonymizer
 * @throws {KeyError} when the key is unknown, retired or decrypt-only; {ValidationError} on a bad domain
 */
export function keyringPseudonymizer(
  state: KeyringState,
  domain: string,
  keyId: string | undefined,
): Pseudonymizer {
  const entry = pickKey(state, keyId, 'use');
  const label = domainOf(domain);
  return cachedInKeyring(state, `p\u0000${entry.info.id}\u0000${label}`, () => {
    const subkey = deriveSubkey(entry, `pseudonym:${label}`, 32);
    const mac = precomputeMac(entry.suite.digestAlgorithm, subkey);
    subkey.fill(0);
    state.destroyers.push(() => mac.destroy());
    const id = entry.info.id;
    return safeDisplay(
      {
        keyId: id,
        mac(data: Uint8Array): Uint8Array {
          assertLive(state);
          if (!(data instanceof Uint8Array)) {
            throw new CryptoError('data must be a Uint8Array', {
              reason: 'invalid-input',
              path: 'data',
            });
          }
          return mac.mac(data);
        },
      },
      'Pseudonymizer',
      () => ({ keyId: id, domain: label, suite: entry.info.suite }),
    );
  });
}
