import type { AlphabetSpec } from './alphabet.ts';
import { ff1 as createFf1 } from './ff1.ts';
import {
  assertLive,
  cachedInKeyring,
  decryptOnly,
  deriveSubkey,
  domainOf,
  type KeyringState,
  pickKey,
} from './keyring-state.ts';
import type { KeyringFf1 } from './keyring-types.ts';
import { safeDisplay } from './safe-display.ts';

/**
 * FF1 of one domain and alphabet (`ff1:<domain>` subkey), cached; a
 * decrypt-only key decrypts but refuses to encrypt.
 *
 * @param state - the keyring state
 * @param domain - the key-derivation domain
 * @param spec - the alphabet or radix
 * @param keyId - a key id (default: the active key)
 * @returns the cipher
 * @throws {KeyError} when the key is unknown or retired; {ValidationError} on a bad domain or spec
 */
export function keyringFf1(
  state: KeyringState,
  domain: string,
  spec: AlphabetSpec,
  keyId: string | undefined,
): KeyringFf1 {
  const entry = pickKey(state, keyId, 'decrypt');
  const label = domainOf(domain);
  const specKey =
    spec !== null && typeof spec === 'object' && 'alphabet' in spec
      ? `a${String(spec.alphabet)}`
      : `r${String((spec as { radix?: unknown } | null)?.radix)}`;
  return cachedInKeyring(state, `f\u0000${entry.info.id}\u0000${label}\u0000${specKey}`, () => {
    const cipher = entry.suite.blockCipher;
    const subkey = deriveSubkey(entry, `ff1:${label}`, cipher === 'aes' ? 32 : 16);
    let inner: ReturnType<typeof createFf1>;
    try {
      inner = createFf1(subkey, spec, { cipher });
    } finally {
      subkey.fill(0);
    }
    state.destroyers.push(() => inner.destroy());
    const id = entry.info.id;
    const canEncrypt = entry.info.status === 'active';
    return safeDisplay(
      {
        keyId: id,
        radix: inner.radix,
        alphabet: inner.alphabet,
        minLength: inner.minLength,
        maxLength: inner.maxLength,
        encrypt(text: string, tweak?: Uint8Array): string {
          assertLive(state);
          if (!canEncrypt) throw decryptOnly(id);
          return inner.encrypt(text, tweak);
        },
        decrypt(text: string, tweak?: Uint8Array): string {
          assertLive(state);
          return inner.decrypt(text, tweak);
        },
      },
      'KeyringFf1',
      () => ({ keyId: id, domain: label, radix: inner.radix, cipher }),
    );
  });
}
