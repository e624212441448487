import { z } from 'zod';
import { utf8 } from '../core/bytes.ts';
import { parseArgument } from '../core/parse.ts';
import { KeyError } from '../errors/kinds.ts';
import type { KeyInfo } from './keyring-types.ts';
import { sm2SecretKeyFromSeed } from './sm2.ts';
import type { BoundAead, CryptoSuite } from './types.ts';

/** One key of an open keyring: its public description, suite and master material. */
export interface KeyringEntry {
  readonly info: KeyInfo;
  readonly suite: CryptoSuite;
  readonly master: Uint8Array;
}

/** The state every keyring operation shares: keys, derived-key cache and destroyers. */
export interface KeyringState {
  readonly entries: Map<string, KeyringEntry>;
  readonly active: KeyringEntry;
  readonly destroyers: (() => void)[];
  readonly cache: Map<string, unknown>;
  destroyed: boolean;
}

const Domain = z
  .string()
  .min(1)
  .max(256)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'must not contain control characters');

/**
 * Starts the state of an open keyring.
 *
 * @param entries - the keys by id
 * @param active - the one active key
 * @returns the state, live
 */
export function keyringState(
  entries: Map<string, KeyringEntry>,
  active: KeyringEntry,
): KeyringState {
  return { entries, active, destroyers: [], cache: new Map(), destroyed: false };
}

/**
 * Throws once the keyring was destroyed.
 *
 * @param state - the keyring state
 * @throws {KeyError} `keyring-destroyed`
 */
export function assertLive(state: KeyringState): void {
  if (state.destroyed) {
    throw new KeyError('the keyring was destroyed', { reason: 'keyring-destroyed' });
  }
}

/**
 * Picks the key an operation uses: the active key, or the one named.
 *
 * @param state - the keyring state
 * @param keyId - a key id, or undefined for the active key
 * @param use - `use` needs an active key; `decrypt` also takes a decrypt-only key
 * @returns the key
 * @throws {KeyError} `unknown-key`, `key-retired`, `key-decrypt-only`, `keyring-destroyed`
 */
export function pickKey(
  state: KeyringState,
  keyId: string | undefined,
  use: 'use' | 'decrypt',
): KeyringEntry {
  assertLive(state);
  if (keyId === undefined) return state.active;
  const entry = typeof keyId === 'string' ? state.entries.get(keyId) : undefined;
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
}

/**
 * Derives a subkey of a master key for one labelled use (HKDF of its suite).
 *
 * @param entry - the key
 * @param label - the use, such as `pseudonym:<domain>`
 * @param length - subkey length in bytes
 * @returns the subkey; the caller wipes it
 */
export function deriveSubkey(entry: KeyringEntry, label: string, length: number): Uint8Array {
  return entry.suite.hkdf(entry.master, undefined, utf8(label), length);
}

/**
 * Returns the cached value under `key`, making and caching it on first use.
 *
 * @param state - the keyring state
 * @param key - the cache key
 * @param make - builds the value
 * @returns the value
 */
export function cachedInKeyring<T>(state: KeyringState, key: string, make: () => T): T {
  let value = state.cache.get(key) as T | undefined;
  if (value === undefined) {
    value = make();
    state.cache.set(key, value);
  }
  return value;
}

/**
 * Checks a key-derivation domain.
 *
 * @param domain - the domain argument
 * @returns the domain
 * @throws {ValidationError} when it is not 1–256 characters without control characters
 */
export function domainOf(domain: string): string {
  return parseArgument(Domain, domain, 'domain');
}

/**
 * The AEAD of one key, mode and domain, bound to its subkey and cached.
 *
 * @param state - the keyring state
 * @param entry - the key
 * @param mode - deterministic or randomized
 * @param domain - the checked domain
 * @returns the bound AEAD
 */
export function boundAead(
  state: KeyringState,
  entry: KeyringEntry,
  mode: 'deterministic' | 'randomized',
  domain: string,
): BoundAead {
  return cachedInKeyring(state, `a\u0000${mode}\u0000${entry.info.id}\u0000${domain}`, () => {
    const scheme =
      mode === 'deterministic' ? entry.suite.deterministicAead : entry.suite.randomizedAead;
    const subkey = deriveSubkey(entry, `aead:${mode}:${domain}`, scheme.keyLength);
    const bound = scheme.withKey(subkey);
    subkey.fill(0);
    state.destroyers.push(() => bound.destroy());
    return bound;
  });
}

/**
 * The signing key pair derived from a key, cached.
 *
 * @param state - the keyring state
 * @param entry - the key
 * @returns the secret and public key
 */
export function signingKey(
  state: KeyringState,
  entry: KeyringEntry,
): { secret: Uint8Array; publicKey: Uint8Array } {
  return cachedInKeyring(state, `s\u0000${entry.info.id}`, () => {
    const scheme = entry.suite.signature;
    const seed = deriveSubkey(entry, `signature:${scheme.name}`, scheme.name === 'sm2' ? 48 : 32);
    const secret = scheme.name === 'sm2' ? sm2SecretKeyFromSeed(seed) : new Uint8Array(seed);
    seed.fill(0);
    state.destroyers.push(() => secret.fill(0));
    return { secret, publicKey: scheme.getPublicKey(secret) };
  });
}

/**
 * Destroys a keyring: wipes every derived key and master key; idempotent.
 *
 * @param state - the keyring state
 */
export function destroyKeyring(state: KeyringState): void {
  if (state.destroyed) return;
  state.destroyed = true;
  for (const destroy of state.destroyers) destroy();
  state.destroyers.length = 0;
  state.cache.clear();
  for (const entry of state.entries.values()) entry.master.fill(0);
}

/**
 * The error of a decrypt-only key asked to seal, MAC or sign.
 *
 * @param id - the key id
 * @returns the error
 */
export function decryptOnly(id: string): KeyError {
  return new KeyError(`key ${id} is decrypt-only: it can open and verify, not seal, MAC or sign`, {
    reason: 'key-decrypt-only',
    path: 'keyId',
  });
}
