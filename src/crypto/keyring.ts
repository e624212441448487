// The keyring: master keys with ids, suites and statuses; every use gets its
// own HKDF subkey (`pseudonym:<domain>`, `ff1:<domain>`, `aead:<mode>:<domain>`,
// `signature:<algorithm>`), so no master key ever keys two uses directly.
import { z } from 'zod';
import { concatBytes, utf8 } from '../core/bytes.ts';
import { parseArgument } from '../core/parse.ts';
import { systemRandom } from '../core/random.ts';
import { CryptoError, KeyError, ValidationError } from '../errors/kinds.ts';
import { ff1 as createFf1 } from './ff1.ts';
import { defaultKeyProvider, type KeyProvider } from './key-provider.ts';
import { KeyMaterialInput } from './keyring-file.ts';
import type { CreateKeyringOptions, KeyInfo, Keyring } from './keyring-types.ts';
import { precomputeMac } from './mac.ts';
import { safeDisplay } from './safe-display.ts';
import { parseSealedHeader, sealedHeader } from './sealed-header.ts';
import { sm2SecretKeyFromSeed } from './sm2.ts';
import { createSuite } from './suites.ts';
import type { BoundAead, CryptoSuite, SuiteId } from './types.ts';

interface Entry {
  readonly info: KeyInfo;
  readonly suite: CryptoSuite;
  readonly master: Uint8Array;
}

const MIN_MASTER = 16;
const MAX_MASTER = 1024;
const EMPTY = new Uint8Array(0);

const Domain = z
  .string()
  .min(1)
  .max(256)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'must not contain control characters');

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
  const entries = new Map<string, Entry>();
  let active: Entry | undefined;

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
      const entry: Entry = {
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

function openKeyring(entries: Map<string, Entry>, active: Entry): Keyring {
  let destroyed = false;
  const destroyers: (() => void)[] = [];
  const cache = new Map<string, unknown>();

  const assertLive = (): void => {
    if (destroyed) {
      throw new KeyError('the keyring was destroyed', { reason: 'keyring-destroyed' });
    }
  };

  const pick = (keyId: string | undefined, use: 'use' | 'decrypt'): Entry => {
    assertLive();
    if (keyId === undefined) return active;
    const entry = typeof keyId === 'string' ? entries.get(keyId) : undefined;
    if (entry === undefined) {
      throw new KeyError('the keyring has no key with this id', {
        reason: 'unknown-key',
        path: 'keyId',
      });
    }
    if (entry.info.status === 'retired') {
      throw new KeyError(`key ${entry.info.id} is retired and refuses every operation`, {
        reason: 'key-retired',
        path: 'keyId',
      });
    }
    if (use === 'use' && entry.info.status !== 'active') {
      throw decryptOnly(entry.info.id);
    }
    return entry;
  };

  const derive = (entry: Entry, label: string, length: number): Uint8Array =>
    entry.suite.hkdf(entry.master, undefined, utf8(label), length);

  const cached = <T>(key: string, make: () => T): T => {
    let value = cache.get(key) as T | undefined;
    if (value === undefined) {
      value = make();
      cache.set(key, value);
    }
    return value;
  };

  const domainOf = (domain: string): string => parseArgument(Domain, domain, 'domain');

  const boundAead = (
    entry: Entry,
    mode: 'deterministic' | 'randomized',
    domain: string,
  ): BoundAead =>
    cached(`a\u0000${mode}\u0000${entry.info.id}\u0000${domain}`, () => {
      const scheme =
        mode === 'deterministic' ? entry.suite.deterministicAead : entry.suite.randomizedAead;
      const subkey = derive(entry, `aead:${mode}:${domain}`, scheme.keyLength);
      const bound = scheme.withKey(subkey);
      subkey.fill(0);
      destroyers.push(() => bound.destroy());
      return bound;
    });

  const signingKey = (entry: Entry): { secret: Uint8Array; publicKey: Uint8Array } =>
    cached(`s\u0000${entry.info.id}`, () => {
      const scheme = entry.suite.signature;
      const seed = derive(entry, `signature:${scheme.name}`, scheme.name === 'sm2' ? 48 : 32);
      const secret = scheme.name === 'sm2' ? sm2SecretKeyFromSeed(seed) : new Uint8Array(seed);
      seed.fill(0);
      destroyers.push(() => secret.fill(0));
      return { secret, publicKey: scheme.getPublicKey(secret) };
    });

  const keyring: Keyring = {
    get suite() {
      return active.suite;
    },
    activeKeyId: () => active.info.id,
    keyIds: () => Object.freeze([...entries.keys()]),
    keys: () => Object.freeze([...entries.values()].map((e) => e.info)),

    pseudonymizer(domain, keyId) {
      const entry = pick(keyId, 'use');
      const label = domainOf(domain);
      return cached(`p\u0000${entry.info.id}\u0000${label}`, () => {
        const subkey = derive(entry, `pseudonym:${label}`, 32);
        const mac = precomputeMac(entry.suite.digestAlgorithm, subkey);
        subkey.fill(0);
        destroyers.push(() => mac.destroy());
        const id = entry.info.id;
        return safeDisplay(
          {
            keyId: id,
            mac(data: Uint8Array): Uint8Array {
              assertLive();
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
    },

    ff1(domain, spec, keyId) {
      const entry = pick(keyId, 'decrypt');
      const label = domainOf(domain);
      const specKey =
        spec !== null && typeof spec === 'object' && 'alphabet' in spec
          ? `a${String(spec.alphabet)}`
          : `r${String((spec as { radix?: unknown } | null)?.radix)}`;
      return cached(`f\u0000${entry.info.id}\u0000${label}\u0000${specKey}`, () => {
        const cipher = entry.suite.blockCipher;
        const subkey = derive(entry, `ff1:${label}`, cipher === 'aes' ? 32 : 16);
        let inner: ReturnType<typeof createFf1>;
        try {
          inner = createFf1(subkey, spec, { cipher });
        } finally {
          subkey.fill(0);
        }
        destroyers.push(() => inner.destroy());
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
              assertLive();
              if (!canEncrypt) throw decryptOnly(id);
              return inner.encrypt(text, tweak);
            },
            decrypt(text: string, tweak?: Uint8Array): string {
              assertLive();
              return inner.decrypt(text, tweak);
            },
          },
          'KeyringFf1',
          () => ({ keyId: id, domain: label, radix: inner.radix, cipher }),
        );
      });
    },

    aead(domain, mode) {
      assertLive();
      const label = domainOf(domain);
      if (mode !== 'deterministic' && mode !== 'randomized') {
        throw new ValidationError('mode must be "deterministic" or "randomized"', {
          reason: 'invalid-mode',
          path: 'mode',
        });
      }
      return cached(`A\u0000${mode}\u0000${label}`, () => {
        const sealer = active;
        const header = sealedHeader(sealer.info.id);
        return safeDisplay(
          {
            keyId: sealer.info.id,
            mode,
            seal(plaintext: Uint8Array, associatedData?: Uint8Array): Uint8Array {
              assertLive();
              const body = boundAead(sealer, mode, label).encrypt(
                plaintext,
                concatBytes(header, associatedData ?? EMPTY),
              );
              return concatBytes(header, body);
            },
            open(sealed: Uint8Array, associatedData?: Uint8Array): Uint8Array {
              assertLive();
              const { keyId, length } = parseSealedHeader(sealed);
              const entry = pick(keyId, 'decrypt');
              return boundAead(entry, mode, label).decrypt(
                sealed.subarray(length),
                concatBytes(sealed.subarray(0, length), associatedData ?? EMPTY),
              );
            },
          },
          'KeyringAead',
          () => ({ keyId: sealer.info.id, domain: label, mode }),
        );
      });
    },

    signer(keyId) {
      const entry = pick(keyId, 'use');
      return cached(`S\u0000${entry.info.id}`, () => {
        const { secret, publicKey } = signingKey(entry);
        const scheme = entry.suite.signature;
        const id = entry.info.id;
        return safeDisplay(
          {
            keyId: id,
            algorithm: scheme.name,
            publicKey: new Uint8Array(publicKey),
            sign(message: Uint8Array): Uint8Array {
              assertLive();
              return scheme.sign(secret, message);
            },
          },
          'KeyringSigner',
          () => ({ keyId: id, algorithm: scheme.name }),
        );
      });
    },

    verifier(keyId) {
      const entry = pick(keyId, 'decrypt');
      return cached(`V\u0000${entry.info.id}`, () => {
        const { publicKey } = signingKey(entry);
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
    },

    destroy() {
      if (destroyed) return;
      destroyed = true;
      for (const destroy of destroyers) destroy();
      destroyers.length = 0;
      cache.clear();
      for (const entry of entries.values()) entry.master.fill(0);
    },
  };
  return safeDisplay(keyring, 'Keyring', () => ({
    activeKeyId: active.info.id,
    suite: active.info.suite,
    keys: [...entries.values()].map((e) => ({
      id: e.info.id,
      suite: e.info.suite,
      status: e.info.status,
    })),
    destroyed,
  }));
}

function decryptOnly(id: string): KeyError {
  return new KeyError(`key ${id} is decrypt-only: it can open and verify, not seal, MAC or sign`, {
    reason: 'key-decrypt-only',
    path: 'keyId',
  });
}
