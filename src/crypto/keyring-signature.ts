import {
  assertLive,
  cachedInKeyring,
  type KeyringState,
  pickKey,
  signingKey,
} from './keyring-state.ts';
import type { KeyringSigner, KeyringVerifier } from './keyring-types.ts';
import { safeDisplay } from './safe-display.ts';

/**
 * The signer of a key (`signature:<algorithm>` subkey), cached.
 *
 * @param state - the keyring state
 * @param keyId - a key id (default: the active key)
 * @returns the signer
 * @throws {KeyError} when the key is unknown, retired or decrypt-only
 */
export function keyringSigner(state: KeyringState, keyId: string | undefined): KeyringSigner {
  const entry = pickKey(state, keyId, 'use');
  return cachedInKeyring(state, `S\u0000${entry.info.id}`, () => {
    const { secret, publicKey } = signingKey(state, entry);
    const scheme = entry.suite.signature;
    const id = entry.info.id;
    return safeDisplay(
      {
        keyId: id,
        algorithm: scheme.name,
        publicKey: new Uint8Array(publicKey),
        sign(message: Uint8Array): Uint8Array {
          assertLive(state);
          return scheme.sign(secret, message);
        },
      },
      'KeyringSigner',
      () => ({ keyId: id, algorithm: scheme.name }),
    );
  });
}

/**
 * The verifier of a key's signatures, cached; decrypt-only keys verify too.
 *
 * @param state - the keyring state
 * @param keyId - a key id (default: the active key)
 * @returns the verifier
 * @throws {KeyError} when the key is unknown or retired
 */
export function keyringVerifier(state: KeyringState, keyId: string | undefined): KeyringVerifier {
  const entry = pickKey(state, keyId, 'decrypt');
  return cachedInKeyring(state, `V\u0000${entry.info.id}`, () => {
    const { publicKey } = signingKey(state, entry);
    const scheme = entry.suite.signature;
    const id = entry.info.id;
    return safeDisplay(
      {
        keyId: id,
        algorithm: scheme.name,
        publicKey: new Uint8Array(publicKey),
        verify: (message: Uint8Array, signature: Uint8Array): boolean =>
          scheme.verify(publicKey, message, signature),
      },
      'KeyringVerifier',
      () => ({ keyId: id, algorithm: scheme.name }),
    );
  });
}
