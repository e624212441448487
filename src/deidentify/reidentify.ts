import { assertAnyIterable, assertFunction, assertIterable, assertRecord } from '../core/assert.ts';
import { type Clock, systemClock } from '../core/clock.ts';
import type { PartyRef } from '../core/refs.ts';
import { toIso } from '../core/time.ts';
import { KeyError, PolicyError, ValidationError } from '../errors/kinds.ts';
import type { Dataset, DatasetDefinition } from '../tags/dataset.ts';
import { toDatasetSchema } from './dataset-input.ts';
import { inPlaceFf1 } from './ff1-alphabets.ts';
import { formatCipher } from './fpe-formats.ts';
import type { Keyring } from './keyring.ts';
import { parsePolicy } from './parse-policy.ts';
import { policyDigest } from './policy-digest.ts';
import type { PolicyDocument, TransformSpec } from './policy-schema.ts';
import { type ReidentifyRelease, releaseKeyIds } from './release-keys.ts';

export type { ReidentifyRelease } from './release-keys.ts';

import { resolveFields, ruleLevels } from './resolve-fields.ts';
import { selectProfile } from './select-profile.ts';
import { splitSurrogate } from './surrogate-marker.ts';
import type { TokenVault } from './token-vault.ts';
import type { DataRecord } from './transformer.ts';
import { encryptReverser } from './transforms/encrypt.ts';
import { tokenizeReverser } from './transforms/tokenize.ts';
import { contractError, isEmptyValue, textOf } from './values.ts';

/** The event {@link reidentify} appends to a ledger before it returns anything. */
export interface ReidentifyEvent {
  readonly processing: 'reidentify';
  /** ISO 8601 time of the re-identification. */
  readonly at: string;
  readonly actor?: PartyRef;
  /** Why the data was re-identified (a purpose id). */
  readonly purpose?: string;
  readonly dataset: { readonly id: string; readonly version: string };
  /** The digest of the policy whose transforms were reversed. */
  readonly policy: string;
  /** The fields restored. */
  readonly fields: readonly string[];
  /** How many records were restored. */
  readonly records: number;
  /** The key id used per FF1 field (fpe, pseudonymize format), when any was restored. */
  readonly columnKeys?: { readonly [field: string]: readonly string[] };
}

/** Anything that records events: the provenance ledger, or a test double. */
export interface ReidentifyLedger {
  append(event: ReidentifyEvent): Promise<unknown> | unknown;
}

/** Options of {@link reidentify}. */
export interface ReidentifyOptions {
  /** The policy the records were de-identified with. */
  readonly policy: PolicyDocument | string;
  readonly dataset: Dataset | DatasetDefinition;
  /** The profile that was applied (by name), if any. */
  readonly profile?: string | undefined;
  /** The keyring the records were de-identified with (rotated keyrings keep old keys decrypt-only). */
  readonly keyring: Keyring;
  /**
   * The release's ledger event: FF1 fields (`fpe`, `pseudonymize` format) are
   * deciphered with the key it records per column, never with the current
   * active key. Needed for those fields unless the policy pins `keyId` or the
   * values carry a `surrogate` marker.
   */
  readonly release?: ReidentifyRelease | undefined;
  /** The token vault, for tokenized fields. */
  readonly vault?: TokenVault | undefined;
  /** The fields to restore; each must have a reversible transform. */
  readonly fields: readonly string[];
  /** Where the `reidentify` event goes (recommended: always). */
  readonly ledger?: ReidentifyLedger | undefined;
  /** Who re-identifies. */
  readonly actor?: PartyRef | undefined;
  /** Why (a purpose id), recorded in the event. */
  readonly purpose?: string | undefined;
  readonly clock?: Clock | undefined;
}

type Reverser = (values: readonly string[]) => Promise<string[]>;

/**
 * Restores fields that a policy transformed reversibly (`fpe`,
 * `pseudonymize` with `output: 'format'`, `encrypt`, `tokenize`), using the
 * key, and the vault for tokens. Only the named fields are restored
 * (least privilege); naming a field whose transform is irreversible is a
 * PolicyError. FF1 fields are deciphered with the key the release recorded
 * for their column (`options.release`), the key named by their `surrogate`
 * marker, or the key the policy pins; where these disagree, or none names
 * the key, or the keyring lacks it, nothing is returned (a wrong key would
 * yield a wrong but valid value). When a ledger is given, a `reidentify`
 * event is appended before any record is returned; if that fails, nothing
 * is returned.
 *
 * @param records - de-identified records
 * @param options - policy, dataset, keyring, vault, fields, release, ledger, actor, purpose
 * @returns the records with the named fields restored
 * @throws {PolicyError} `irreversible-field`, `missing-vault`, `unknown-field`
 * @throws {KeyError} `column-key-unknown`, `key-id-mismatch`, `missing-key-version`, `key-retired`, naming the column
 * @throws {TransformError} on a value that is not a valid output of its transform (`not-a-surrogate` for a missing marker)
 * @throws {ValidationError} reason `invalid-argument` / `not-iterable` / `invalid-release` on malformed arguments
 * @example
 * ```ts
 * import { createKeyring, generateKeyring } from 'dataguard/crypto';
 * import { compilePolicy, type PolicyDocument, reidentify } from 'dataguard/deidentify';
 * import type { DatasetDefinition } from 'dataguard/tags';
 * const dataset: DatasetDefinition = { id: 'contacts', version: '1', fields: [
 *   { name: 'mobile', role: 'direct-identifier', share: 'conditional', open: 'closed', openBasis: 'PIPL Art. 25' },
 * ] };
 * const policy: PolicyDocument = { id: 'p', version: '1', rules: [
 *   { id: 'm', select: { fields: ['mobile'] }, transform: { type: 'fpe', format: 'cn-mobile' } },
 * ] };
 * const keyring = createKeyring({ keys: generateKeyring({ suite: 'international', id: 'k1' }) });
 * const row = compilePolicy(policy, { dataset, keyring }).recordSync({ mobile: '13800138000' }) ?? {};
 * row.mobile === '13800138000'; // false (enciphered, still a valid mobile number)
 * // The release's ledger event names the key each column was enciphered with.
 * const release = { keyIds: ['k1'], details: { columnKeys: { mobile: 'k1' } } };
 * const [original] = await reidentify([row], { policy, dataset, keyring, release, fields: ['mobile'] });
 * original?.mobile; // '13800138000'
 * ```
 */
export async function reidentify(
  records: Iterable<DataRecord> | AsyncIterable<DataRecord>,
  options: ReidentifyOptions,
): Promise<Record<string, unknown>[]> {
  assertAnyIterable(records, 'records');
  assertRecord(options, 'options');
  assertIterable(options.fields, 'options.fields');
  const fields = [...new Set(options.fields)];
  if (!fields.every((name) => typeof name === 'string')) {
    throw new ValidationError('options.fields must be field names', {
      path: 'options.fields',
      reason: 'invalid-argument',
    });
  }
  assertRecord(options.keyring, 'options.keyring');
  if (options.ledger !== undefined) {
    assertRecord(options.ledger, 'options.ledger');
    assertFunction(options.ledger.append, 'options.ledger.append');
  }
  const releaseKeys = releaseKeyIds(options.release);
  const document = parsePolicy(options.policy);
  const dataset = toDatasetSchema(options.dataset);
  const chosen = selectProfile(document, { profile: options.profile });
  const levels = ruleLevels(document, chosen);
  const decisions = resolveFields(dataset, levels);
  const reversers = new Map<string, Reverser>();
  const usedKeys = new Map<string, Set<string>>();
  for (const name of fields) {
    const decision = decisions.find((d) => d.field.name === name);
    if (decision === undefined) {
      throw new PolicyError(`field ${name} is not in the dataset`, {
        reason: 'unknown-field',
        path: name,
      });
    }
    const spec = decision.spec;
    const keys: Keys = {
      release: () => releaseKeys(name),
      used: (keyId) => {
        let set = usedKeys.get(name);
        if (set === undefined) {
          set = new Set();
          usedKeys.set(name, set);
        }
        set.add(keyId);
      },
    };
    const reverser = spec === undefined ? undefined : reverserFor(spec, options, name, keys);
    if (reverser === undefined) {
      throw new PolicyError(
        `field ${name} was ${spec === undefined ? 'dropped' : `transformed by ${spec.type} (rule ${decision.rule})`}, which cannot be reversed`,
        { reason: 'irreversible-field', path: name },
      );
    }
    reversers.set(name, reverser);
  }
  const out: Record<string, unknown>[] = [];
  for await (const record of records) out.push({ ...record });
  for (const [name, reverse] of reversers) {
    const targets = out.filter((record) => !isEmptyValue(record[name]));
    const restored = await reverse(targets.map((record) => textOf(record[name])));
    targets.forEach((record, i) => {
      record[name] = restored[i];
    });
  }
  if (options.ledger !== undefined) {
    const digest = policyDigest(document, {
      algorithm: options.keyring.suite.digestAlgorithm,
      digest: (data) => options.keyring.suite.digest(data),
    });
    await options.ledger.append({
      processing: 'reidentify',
      at: toIso((options.clock ?? systemClock)()),
      ...(options.actor === undefined ? {} : { actor: options.actor }),
      ...(options.purpose === undefined ? {} : { purpose: options.purpose }),
      dataset: { id: dataset.id, version: dataset.version },
      policy: digest,
      fields: [...reversers.keys()],
      records: out.length,
      ...(usedKeys.size === 0
        ? {}
        : {
            columnKeys: Object.fromEntries(
              [...usedKeys].map(([field, ids]) => [field, [...ids].sort()]),
            ),
          }),
    });
  }
  return out;
}

/** Where a field's FF1 key id comes from, and a record of the ids used. */
interface Keys {
  /** The key id the release recorded for the column (undefined: no release given); asked only for FF1 fields. */
  release(): string | undefined;
  used(keyId: string): void;
}

function reverserFor(
  spec: TransformSpec,
  options: ReidentifyOptions,
  field: string,
  keys: Keys,
): Reverser | undefined {
  const sync =
    (fn: (value: string) => string): Reverser =>
    async (values) =>
      values.map(fn);
  switch (spec.type) {
    case 'keep':
      return async (values) => [...values];
    case 'fpe': {
      const fail = (reason: string, problem: string): never => {
        throw new PolicyError(`field ${field}: ${problem}`, { reason, path: field });
      };
      const expected = columnKey(spec.keyId, keys.release(), field);
      const surrogate = spec.surrogate;
      const ciphers = new Map<string, (value: string) => string>();
      const cipherFor = (keyId: string) => {
        let decrypt = ciphers.get(keyId);
        if (decrypt === undefined) {
          assertKeyVersion(options.keyring, keyId, field);
          const cipher = formatCipher({ ...spec, keyId }, options.keyring, fail);
          decrypt = (value) => cipher.decrypt(value);
          ciphers.set(keyId, decrypt);
          keys.used(keyId);
        }
        return decrypt;
      };
      if (surrogate === undefined) return sync(cipherFor(requireKey(expected, field)));
      return sync((text) => {
        const marked = splitSurrogate(surrogate, text);
        if (expected !== undefined && marked.keyId !== expected) {
          throw mismatch(field, "the value's surrogate marker", expected, marked.keyId);
        }
        return cipherFor(marked.keyId)(marked.value);
      });
    }
    case 'pseudonymize': {
      if (spec.output !== 'format') return undefined;
      const keyId = requireKey(columnKey(spec.keyId, keys.release(), field), field);
      assertKeyVersion(options.keyring, keyId, field);
      keys.used(keyId);
      const cipher = inPlaceFf1(
        options.keyring,
        spec.domain ?? 'default',
        spec.alphabet ?? 'digits',
        keyId,
      );
      const prefix = spec.prefix ?? '';
      return sync((value) => {
        if (!value.startsWith(prefix)) {
          throw contractError('not-a-pseudonym', 'value lacks the pseudonym prefix');
        }
        return cipher.decrypt(value.slice(prefix.length));
      });
    }
    case 'encrypt':
      // The sealed value names its key in its authenticated header.
      return sync(encryptReverser(spec, options.keyring));
    case 'tokenize': {
      if (options.vault === undefined) {
        throw new PolicyError(`field ${field} was tokenized: re-identification needs the vault`, {
          reason: 'missing-vault',
          path: field,
        });
      }
      return tokenizeReverser(spec, options.keyring, options.vault);
    }
    default:
      return undefined;
  }
}

/** The key id a column must be deciphered with, from the release and the policy's pin. */
function columnKey(
  pinned: string | undefined,
  released: string | undefined,
  field: string,
): string | undefined {
  if (pinned !== undefined && released !== undefined && pinned !== released) {
    throw mismatch(field, "the policy's keyId", released, pinned);
  }
  return released ?? pinned;
}

function requireKey(keyId: string | undefined, field: string): string {
  if (keyId !== undefined) return keyId;
  throw new KeyError(
    `field ${field}: the key it was enciphered with is unknown; pass the release's ledger event (options.release), pin keyId in the policy or use a surrogate marker (the active key is never assumed)`,
    { reason: 'column-key-unknown', path: field },
  );
}

function mismatch(field: string, what: string, expected: string, found: string): KeyError {
  return new KeyError(
    `field ${field}: the release recorded key ${expected}, ${what} names ${found}`,
    { reason: 'key-id-mismatch', path: field, details: { expected, found } },
  );
}

/** Refuses a key version the keyring lacks or has retired, naming the column. */
function assertKeyVersion(keyring: Keyring, keyId: string, field: string): void {
  const info = keyring.keys().find((key) => key.id === keyId);
  if (info === undefined) {
    throw new KeyError(
      `field ${field} was enciphered with key ${keyId}, which this keyring lacks; load the keyring that holds it (rotation keeps old keys decrypt-only)`,
      { reason: 'missing-key-version', path: field, details: { keyId } },
    );
  }
  if (info.status === 'retired') {
    throw new KeyError(`field ${field} was enciphered with key ${keyId}, which is retired`, {
      reason: 'key-retired',
      path: field,
      details: { keyId },
    });
  }
}
