import { assertAnyIterable, assertFunction, assertIterable, assertRecord } from '../core/assert.ts';
import { type Clock, systemClock } from '../core/clock.ts';
import type { PartyRef } from '../core/refs.ts';
import { toIso } from '../core/time.ts';
import { PolicyError, ValidationError } from '../errors/kinds.ts';
import type { DatasetDefinition, DatasetSchema } from '../tags/dataset.ts';
import { toDatasetSchema } from './dataset-input.ts';
import { inPlaceFf1 } from './ff1-alphabets.ts';
import { formatCipher } from './fpe-formats.ts';
import type { Keyring } from './keyring.ts';
import { parsePolicy } from './parse-policy.ts';
import { policyDigest } from './policy-digest.ts';
import type { PolicyDocument, TransformSpec } from './policy-schema.ts';
import { resolveFields, ruleLevels } from './resolve-fields.ts';
import { selectProfile } from './select-profile.ts';
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
}

/** Anything that records events: the provenance ledger, or a test double. */
export interface ReidentifyLedger {
  append(event: ReidentifyEvent): Promise<unknown> | unknown;
}

/** Options of {@link reidentify}. */
export interface ReidentifyOptions {
  /** The policy the records were de-identified with. */
  readonly policy: PolicyDocument | string;
  readonly dataset: DatasetSchema | DatasetDefinition;
  /** The profile that was applied (by name), if any. */
  readonly profile?: string | undefined;
  /** The keyring the records were de-identified with. */
  readonly keyring: Keyring;
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
 * PolicyError. When a ledger is given, a `reidentify` event is appended
 * before any record is returned; if that fails, nothing is returned.
 *
 * @param records - de-identified records
 * @param options - policy, dataset, keyring, vault, fields, ledger, actor, purpose
 * @returns the records with the named fields restored
 * @throws {PolicyError} `irreversible-field`, `missing-vault`, `unknown-field`
 * @throws {TransformError} on a value that is not a valid output of its transform
 * @throws {ValidationError} reason `invalid-argument` / `not-iterable` on malformed arguments
 * @example
 * ```ts no-run
 * const [original] = await reidentify([row], { policy, dataset, keyring, fields: ['mobile'], ledger });
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
  const document = parsePolicy(options.policy);
  const dataset = toDatasetSchema(options.dataset);
  const chosen = selectProfile(document, { profile: options.profile });
  const levels = ruleLevels(document, chosen);
  const decisions = resolveFields(dataset, levels);
  const reversers = new Map<string, Reverser>();
  for (const name of fields) {
    const decision = decisions.find((d) => d.field.name === name);
    if (decision === undefined) {
      throw new PolicyError(`field ${name} is not in the dataset`, {
        reason: 'unknown-field',
        path: name,
      });
    }
    const spec = decision.spec;
    const reverser = spec === undefined ? undefined : reverserFor(spec, options, name);
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
    });
  }
  return out;
}

function reverserFor(
  spec: TransformSpec,
  options: ReidentifyOptions,
  field: string,
): Reverser | undefined {
  const sync =
    (fn: (value: string) => string): Reverser =>
    async (values) =>
      values.map(fn);
  switch (spec.type) {
    case 'keep':
      return async (values) => [...values];
    case 'fpe': {
      const cipher = formatCipher(spec, options.keyring, (reason, problem) => {
        throw new PolicyError(`field ${field}: ${problem}`, { reason, path: field });
      });
      return sync((value) => cipher.decrypt(value));
    }
    case 'pseudonymize': {
      if (spec.output !== 'format') return undefined;
      const cipher = inPlaceFf1(
        options.keyring,
        spec.domain ?? 'default',
        spec.alphabet ?? 'digits',
        spec.keyId,
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
