// The keyring: master keys with ids, suites and statuses; every use gets its
// own HKDF subkey (`pseudonym:<domain>`, `ff1:<domain>`, `aead:<mode>:<domain>`,
// `signature:<algorithm>`), so no master key ever keys two uses directly.
import { z } from 'zod';
import { parseArgument } from '../core/parse.ts';
import { systemRandom } from '../core/random.ts';
import { KeyError, ValidationError } from '../errors/kinds.ts';
import { defaultKeyProvider, type KeyProvider } from './key-provider.ts';
import { keyringAead } from './keyring-aead.ts';
import { keyringFf1 } from './keyring-ff1.ts';
import { KeyMaterialInput } from './keyring-file.ts';
import { keyringPseudonymizer } from './keyring-pseudonymizer.ts';
import { keyringSigner, keyringVerifier } from './keyring-signature.ts';
import { destroyKeyring, type KeyringEntry, keyringState } from './keyring-state.ts';
import type { CreateKeyringOptions, Keyring } from './keyring-types.ts';
import { safeDisplay } from './safe-display.ts';
import { createSuite } from './suites.ts';
import type { CryptoSuite, SuiteId } from './types.ts';

const MIN_MASTER = 16;
const MAX_MASTER = 1024;

const Keys = z.array(KeyMaterialInput).min(1);

/**
 * Opens a keyring from key records or a keyring file.
 *
 * Exactly one key must be `active`; `decrypt-only` keys open, decrypt and
 * verify but never seal, MAC or sign; `retired` keys refuse everything.
 *
 * @param options - the keys, a key provider, a random source
 * @returns the keyring
 * @throws {ValidationError} on malformed records; {KeyError} on duplicate ids, no or several active keys, unusable material
 * @example
 * ```ts
 * import { createKeyring, generateKeyring } from 'dataguard/crypto';
 * const keyring = createKeyring({ keys: generateKeyring({ suite: 'international' }) });
 * const pseudonym = keyring.pseudonymizer('resident-id').mac(new TextEncoder().encode('110101199003074578'));
 * pseudonym.length; // 32
 * keyring.destroy();
 * ```
 */
export function createKeyring(options: CreateKeyringOptions): Keyring {
  if (options === null || typeof options !== 'object') {
    throw new ValidationError('options must be an object with keys', {
      reason: 'invalid-type',
      path: 'options',
    });
  }
  const rawKeys = Array.isArray(options.keys)
    ? options.keys
    : (options.keys as { keys?: unknown } | undefined)?.keys;
  const records = parseArgument(Keys, rawKeys, 'keys');
  const random = options.random ?? systemRandom;
  const provider = options.provider ?? defaultKeyProvider;
  const suites = new Map<SuiteId, CryptoSuite>();
  const entries = new Map<string, KeyringEntry>();
  let active: KeyringEntry | undefined;

  try {
    records.forEach((record, index) => {
      if (entries.has(record.id)) {
        throw new KeyError('two keys share one id', {
          reason: 'duplicate-key-id',
          path: `keys[${index}].id`,
        });
      }
      // A retired key refuses everything, so its material is never resolved or held.
      const master =
        record.status === 'retired'
          ? new Uint8Array(0)
          : resolveMaterial(record.material, provider, index);
      let suite = suites.get(record.suite);
      if (suite === undefined) {
        suite = createSuite(record.suite, { random });
        suites.set(record.suite, suite);
      }
      const entry: KeyringEntry = {
        info: Object.freeze({
          id: record.id,
          suite: record.suite,
          status: record.status,
          createdAt: record.createdAt,
        }),
        suite,
        master,
      };
      entries.set(record.id, entry);
      if (record.status === 'active') {
        if (active !== undefined) {
          throw new KeyError('a keyring has exactly one active key; found several', {
            reason: 'multiple-active-keys',
            path: `keys[${index}].status`,
          });
        }
        active = entry;
      }
    });
    if (active === undefined) {
      throw new KeyError('a keyring needs exactly one active key; found none', {
        reason: 'no-active-key',
        path: 'keys',
      });
    }
  } catch (error) {
    for (const entry of entries.values()) entry.master.fill(0);
    throw error;
  }
  return openKeyring(entries, active);
}

function resolveMaterial(
  material: string | Uint8Array,
  provider: KeyProvider,
  index: number,
): Uint8Array {
  const path = `keys[${index}].material`;
  let bytes: Uint8Array;
  if (material instanceof Uint8Array) {
    bytes = new Uint8Array(material);
  } else {
    let resolved: Uint8Array;
    try {
      resolved = provider.resolve(material);
    } catch (cause) {
      const reason =
        cause instanceof KeyError && cause.reason !== undefined
          ? cause.reason
          : 'key-material-unavailable';
      throw new KeyError(`${path} could not be resolved`, { reason, path, cause });
    }
    if (!(resolved instanceof Uint8Array)) {
      throw new KeyError(`${path}: the key provider did not return bytes`, {
        reason: 'key-material-unavailable',
        path,
      });
    }
    bytes = new Uint8Array(resolved);
    // The built-in provider returns fresh buffers we own; a custom provider's stay its own.
    if (provider === defaultKeyProvider) resolved.fill(0);
  }
  if (bytes.length < MIN_MASTER || bytes.length > MAX_MASTER) {
    bytes.fill(0);
    throw new KeyError(`${path} must be ${MIN_MASTER}..${MAX_MASTER} bytes`, {
      reason: 'invalid-key-length',
      path,
      details: { minBytes: MIN_MASTER },
    });
  }
  return bytes;
}

function openKeyring(entries: Map<string, KeyringEntry>, active: KeyringEntry): Keyring {
  const state = keyringState(entries, active);
  const keyring: Keyring = {
    get suite() {
      return active.suite;
    },
    activeKeyId: () => active.info.id,
    keyIds: () => Object.freeze([...entries.keys()]),
    keys: () => Object.freeze([...entries.values()].map((e) => e.info)),
    pseudonymizer: (domain, keyId) => keyringPseudonymizer(state, domain, keyId),
    ff1: (domain, spec, keyId) => keyringFf1(state, domain, spec, keyId),
    aead: (domain, mode) => keyringAead(state, domain, mode),
    signer: (keyId) => keyringSigner(state, keyId),
    verifier: (keyId) => keyringVerifier(state, keyId),
    destroy: () => destroyKeyring(state),
  };
  return safeDisplay(keyring, 'Keyring', () => ({
    activeKeyId: active.info.id,
    suite: active.info.suite,
    keys: [...entries.values()].map((e) => ({
      id: e.info.id,
      suite: e.info.suite,
      status: e.info.status,
    })),
    destroyed: state.destroyed,
  }));
}
