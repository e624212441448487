// The keyring file: a JSON list of master keys with ids, suites and statuses.
import { z } from 'zod';
import { toHex } from '../core/bytes.ts';
import { type Clock, systemClock } from '../core/clock.ts';
import { parseArgument } from '../core/parse.ts';
import { type RandomSource, systemRandom } from '../core/random.ts';
import { IsoDateTime, toIso } from '../core/time.ts';
import { KeyError } from '../errors/kinds.ts';
import type { SuiteId } from './types.ts';

/** What a key may still do: everything, only open/decrypt/verify, or nothing. */
export type KeyStatus = 'active' | 'decrypt-only' | 'retired';

/** One master key as stored in a keyring file; `material` is a reference resolved by a KeyProvider. */
export interface KeyMaterialRecord {
  id: string;
  suite: SuiteId;
  /** `hex:…`, `base64:…`, `env:NAME`, bare hex/base64, or a provider scheme. */
  material: string;
  createdAt: string;
  status: KeyStatus;
}

/** A key record as accepted by `createKeyring`: material may also be raw bytes. */
export interface KeyMaterialInput extends Omit<KeyMaterialRecord, 'material'> {
  material: string | Uint8Array;
}

/** The keyring file's JSON. */
export interface KeyringFile {
  keys: KeyMaterialRecord[];
}

/** Key ids: 1–64 characters from `A–Z a–z 0–9 . _ : -`, starting with a letter or digit. */
const KeyId: z.ZodString = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'must be 1-64 characters of A-Z a-z 0-9 . _ : -');

/** Schema of a key status. */
export const KeyStatus: z.ZodEnum<{
  active: 'active';
  'decrypt-only': 'decrypt-only';
  retired: 'retired';
}> = z.enum(['active', 'decrypt-only', 'retired']);

/** Schema of one key record (material as a reference string). */
export const KeyMaterialRecord: z.ZodType<KeyMaterialRecord> = z.strictObject({
  id: KeyId,
  suite: z.enum(['international', 'national']),
  material: z.string().min(1),
  createdAt: IsoDateTime,
  status: KeyStatus,
});

/** Schema of a key record whose material may be bytes. */
export const KeyMaterialInput: z.ZodType<KeyMaterialInput> = z.strictObject({
  id: KeyId,
  suite: z.enum(['international', 'national']),
  material: z.union([z.string().min(1), z.instanceof(Uint8Array)]),
  createdAt: IsoDateTime,
  status: KeyStatus,
});

/** Schema of the keyring file. */
export const KeyringFileSchema: z.ZodType<KeyringFile> = z.strictObject({
  keys: z.array(KeyMaterialRecord).min(1),
});

/** Master keys are 256-bit. */
const MASTER_KEY_BYTES = 32;

/** Options for {@link generateKeyring} and {@link rotateKeyring}. */
export interface GenerateKeyOptions {
  /** The suite of the new key. */
  suite: SuiteId;
  /** The new key's id (default `k-<yyyymmdd>-<8 hex>`). */
  id?: string | undefined;
  random?: RandomSource | undefined;
  clock?: Clock | undefined;
}

/** Options for {@link rotateKeyring}. */
export interface RotateKeyOptions {
  /** The new key's suite (default: the current active key's). */
  suite?: SuiteId | undefined;
  id?: string | undefined;
  random?: RandomSource | undefined;
  clock?: Clock | undefined;
  /** Key ids to mark `retired`. */
  retire?: readonly string[] | undefined;
}

function newRecord(options: GenerateKeyOptions, taken: ReadonlySet<string>): KeyMaterialRecord {
  const random = options.random ?? systemRandom;
  const now = (options.clock ?? systemClock)();
  const iso = toIso(now);
  let id = options.id;
  if (id === undefined) {
    const day = iso.slice(0, 10).replaceAll('-', '');
    do id = `k-${day}-${toHex(random(new Uint8Array(4)))}`;
    while (taken.has(id));
  } else {
    parseArgument(KeyId, id, 'id');
    if (taken.has(id)) {
      throw new KeyError('the keyring already has a key with this id', {
        reason: 'duplicate-key-id',
        path: 'id',
      });
    }
  }
  const material = random(new Uint8Array(MASTER_KEY_BYTES));
  const record: KeyMaterialRecord = {
    id,
    suite: options.suite,
    material: `hex:${toHex(material)}`,
    createdAt: iso,
    status: 'active',
  };
  material.fill(0);
  return record;
}

/**
 * Generates a keyring file with one new active 256-bit master key.
 *
 * @param options - suite, optional id, random source and clock
 * @returns the keyring file JSON (contains the key: store it like a secret)
 * @throws {ValidationError} on a bad suite or id
 * @example
 * ```ts
 * import { generateKeyring } from 'dataguard/crypto';
 * const file = generateKeyring({ suite: 'national' });
 * file.keys[0]?.status; // 'active'
 * ```
 */
export function generateKeyring(options: GenerateKeyOptions): KeyringFile {
  parseArgument(z.enum(['international', 'national']), options?.suite, 'suite');
  return { keys: [newRecord(options, new Set())] };
}

/**
 * Rotates a keyring file: the active key becomes `decrypt-only` (old tokens
 * stay readable) and a new active key is added. Keys listed in `retire`
 * become `retired` (refused for everything).
 *
 * @param file - the current keyring file
 * @param options - the new key's suite (default: the current active key's), id, random, clock, and ids to retire
 * @returns a new keyring file; the input is not modified
 * @throws {ValidationError} on a malformed file; {KeyError} on an unknown id to retire
 * @example
 * ```ts
 * import { generateKeyring, rotateKeyring } from 'dataguard/crypto';
 * const rotated = rotateKeyring(generateKeyring({ suite: 'international' }));
 * rotated.keys.map((k) => k.status); // ['decrypt-only', 'active']
 * ```
 */
export function rotateKeyring(file: KeyringFile, options: RotateKeyOptions = {}): KeyringFile {
  const current = parseArgument(KeyringFileSchema, file, 'file');
  const active = current.keys.find((k) => k.status === 'active');
  const retire = new Set(options.retire ?? []);
  for (const id of retire) {
    if (!current.keys.some((k) => k.id === id)) {
      throw new KeyError('cannot retire a key the keyring does not have', {
        reason: 'unknown-key',
        path: 'retire',
      });
    }
  }
  const keys = current.keys.map(
    (k): KeyMaterialRecord => ({
      ...k,
      status: retire.has(k.id) ? 'retired' : k.status === 'active' ? 'decrypt-only' : k.status,
    }),
  );
  const suite = options.suite ?? active?.suite ?? 'international';
  const next = newRecord({ ...options, suite }, new Set(keys.map((k) => k.id)));
  return { keys: [...keys, next] };
}
