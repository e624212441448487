import { type RandomSource, systemRandom } from '../core/random.ts';
import { DataguardError } from '../errors/dataguard-error.ts';
import { PolicyError } from '../errors/kinds.ts';
import type { Dataset, DatasetDefinition } from '../tags/dataset.ts';
import { toDatasetSchema } from './dataset-input.ts';
import type { Keyring } from './keyring.ts';
import { parsePolicy } from './parse-policy.ts';
import { policyDigest } from './policy-digest.ts';
import type { PolicyDocument } from './policy-schema.ts';
import { bindTransform } from './registry.ts';
import { type FieldDecision, resolveFields, ruleLevels } from './resolve-fields.ts';
import type { PlanStep, RejectHandling } from './row-runner.ts';
import { selectProfile } from './select-profile.ts';
import type { TokenVault } from './token-vault.ts';
import { createTransformer, type Transformer } from './transformer.ts';
import type { CompileContext, FieldPlan } from './types.ts';

export type { FieldPlan } from './types.ts';

/** Options of {@link compilePolicy}. */
export interface CompilePolicyOptions {
  /** The dataset the records follow: a schema from `defineDataset`, or its definition. */
  readonly dataset: Dataset | DatasetDefinition;
  /** Keys for keyed transforms (pseudonymize, tokenize, encrypt, fpe, dateShift). */
  readonly keyring?: Keyring | undefined;
  /** The token vault, for tokenize. */
  readonly vault?: TokenVault | undefined;
  /** Apply this profile by name. */
  readonly profile?: string | undefined;
  /** Or pick the profile by purpose (dotted id; a profile's purpose covers sub-purposes). */
  readonly purpose?: string | undefined;
  /** And recipient party id. */
  readonly recipient?: string | undefined;
  /** Named ARX-style hierarchy tables that `generalize` rules refer to. */
  readonly hierarchies?:
    | Readonly<Record<string, string | readonly (readonly string[])[]>>
    | undefined;
  /** Randomness for noise, shuffle and tokens (default: the platform CSPRNG). */
  readonly random?: RandomSource | undefined;
  /** `fail` (default) or a quarantine sink for rows that break a transform's input contract. */
  readonly rejects?: RejectHandling | undefined;
  /** Records per batch for `.records()` and `.stream()` (default 1024). */
  readonly batchSize?: number | undefined;
}

/**
 * Compiles a de-identification policy for a dataset into a transformer.
 * Everything that does not depend on values is checked here, once: the
 * document's shape, unknown fields, shadowed or contradictory rules, missing
 * keys or vault, parameters, and transforms that cannot take a field's
 * identifier type; each failure is a {@link PolicyError} naming the rule.
 * The transformer's hot path is a loop over precompiled closures.
 *
 * A field no rule covers is dropped unless the policy keeps it (fail closed).
 *
 * @param policy - the policy document (object, JSON or YAML text)
 * @param options - dataset, keyring, vault, profile choice, hierarchies, reject handling
 * @returns the transformer, with the policy digest for provenance
 * @throws {PolicyError} on any problem with the policy for this dataset
 * @example
 * ```ts
 * import { compilePolicy } from 'dataguard/deidentify';
 * const transformer = compilePolicy(
 *   { id: 'p', version: '1', keep: ['city'], rules: [
 *     { id: 'name', select: { fields: ['name'] }, transform: { type: 'mask', preset: 'cn-name' } },
 *   ] },
 *   { dataset: { id: 'd', version: '1', fields: [
 *     { name: 'name', role: 'direct-identifier', piCategory: 'basic', share: 'conditional', open: 'on-application' },
 *     { name: 'city', role: 'quasi-identifier', share: 'unconditional', open: 'open' },
 *     { name: 'note', role: 'insensitive', share: 'unconditional', open: 'open' },
 *   ] } },
 * );
 * transformer.recordSync({ name: '张三', city: '福州', note: 'x' }); // { name: '张*', city: '福州' }
 * ```
 */
export function compilePolicy(
  policy: PolicyDocument | string,
  options: CompilePolicyOptions,
): Transformer {
  const document = parsePolicy(policy);
  if (options === null || typeof options !== 'object' || options.dataset === undefined) {
    throw new PolicyError('compilePolicy needs options.dataset', {
      reason: 'missing-dataset',
      path: 'options.dataset',
    });
  }
  const dataset = toDatasetSchema(options.dataset);
  if (document.dataset !== undefined && document.dataset !== dataset.id) {
    throw new PolicyError(`policy ${document.id} is written for dataset ${document.dataset}`, {
      reason: 'wrong-dataset',
      path: 'dataset',
    });
  }
  dataset.fields.forEach((field, i) => {
    if (field.name === '__proto__') {
      throw new PolicyError('a field may not be named __proto__', {
        reason: 'reserved-field-name',
        path: `dataset.fields[${i}]`,
      });
    }
  });
  const chosen = selectProfile(document, options);
  const levels = ruleLevels(document, chosen);
  const decisions = resolveFields(dataset, levels);
  const required = new Set<number>();
  const steps: PlanStep[] = [];
  const fields: FieldPlan[] = [];
  for (const decision of decisions) {
    const plan = compileField(decision, dataset, options, required, steps);
    fields.push(plan);
  }
  const digest = policyDigest(
    document,
    options.keyring === undefined
      ? undefined
      : {
          algorithm: options.keyring.suite.digestAlgorithm,
          digest: (d) => options.keyring?.suite.digest(d) as Uint8Array,
        },
  );
  const batchSize = options.batchSize ?? 1024;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new PolicyError('batchSize must be a positive integer', {
      reason: 'bad-batch-size',
      path: 'options.batchSize',
    });
  }
  return createTransformer({
    policy: document,
    profile: chosen?.name,
    digest,
    dataset,
    steps,
    fields,
    required,
    rejects: options.rejects ?? 'fail',
    batchSize,
  });
}

function compileField(
  decision: FieldDecision,
  dataset: Dataset,
  options: CompilePolicyOptions,
  required: Set<number>,
  steps: PlanStep[],
): FieldPlan {
  const { field, spec, rule } = decision;
  if (spec === undefined || rule === undefined) return { field: field.name, outcome: 'dropped' };
  const bound = bindTransform(spec);
  const base = { field: field.name, rule, transform: spec.type, traits: bound.traits };
  if (spec.type === 'redact' && (spec.mode ?? 'drop') === 'drop') {
    return { ...base, outcome: 'dropped' };
  }
  const where = `policy ${decision.path} (rule ${rule}), field ${field.name}`;
  const fail = (reason: string, problem: string, path?: string): never => {
    throw new PolicyError(`${where}: ${problem}`, {
      reason,
      path: path === undefined ? decision.path : `${decision.path}.${path}`,
    });
  };
  const context: CompileContext = {
    field,
    dataset,
    rule,
    keyring: options.keyring,
    vault: options.vault,
    random: options.random ?? systemRandom,
    hierarchies: options.hierarchies ?? {},
    fieldIndex(name, path) {
      const index = dataset.fields.findIndex((f) => f.name === name);
      if (index < 0)
        fail('unknown-field', `names field ${name}, which the dataset does not have`, path);
      required.add(index);
      return index;
    },
    requireKeyring() {
      if (options.keyring === undefined) {
        fail('missing-keyring', `${spec.type} needs a keyring (compilePolicy option keyring)`);
      }
      return options.keyring as Keyring;
    },
    fail,
  };
  let compiled: ReturnType<typeof bound.compile>;
  try {
    compiled = bound.compile(context);
  } catch (error) {
    // Key and parameter errors from the keyring or detect become policy errors naming the rule.
    if (error instanceof DataguardError && !(error instanceof PolicyError)) {
      throw new PolicyError(`${where}: ${error.message}`, {
        reason: error.reason ?? 'invalid',
        path: decision.path,
        cause: error,
      });
    }
    throw error;
  }
  required.add(decision.index);
  steps.push({
    name: field.name,
    index: decision.index,
    rule,
    type: spec.type,
    traits: bound.traits,
    kind: compiled.kind,
    value: compiled.kind === 'value' && spec.type !== 'keep' ? compiled.apply : undefined,
    batch: compiled.kind === 'batch' ? compiled.apply : undefined,
    async: compiled.kind === 'async' ? compiled.apply : undefined,
  });
  return { ...base, outcome: spec.type === 'keep' ? 'kept' : 'transformed' };
}
