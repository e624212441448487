import { type RandomSource, systemRandom } from '../core/random.ts';
import { DataguardError } from '../errors/dataguard-error.ts';
import { PolicyError } from '../errors/kinds.ts';
import { defineDataset, type FieldDefinition } from '../tags/dataset.ts';
import type { Keyring } from './keyring.ts';
import { type TransformSpec, TransformSpecSchema } from './policy-schema.ts';
import { bindTransform } from './registry.ts';
import type { TokenVault } from './token-vault.ts';
import type { CompileContext } from './types.ts';
import { isEmptyValue } from './values.ts';

/** Options of {@link compileTransform}. */
export interface CompileTransformOptions {
  readonly keyring?: Keyring | undefined;
  readonly vault?: TokenVault | undefined;
  readonly random?: RandomSource | undefined;
  readonly hierarchies?:
    | Readonly<Record<string, string | readonly (readonly string[])[]>>
    | undefined;
  /** The field's declaration (its identifierType is checked); default an insensitive field `value`. */
  readonly field?: Partial<FieldDefinition> | undefined;
}

/**
 * Compiles one transform specification into a function of single values:
 * for tests, tools and per-value use outside a policy. Transforms that need
 * a batch (shuffle), a vault (tokenize) or another field (dateShift) need a
 * policy instead.
 *
 * @param spec - the transform specification
 * @param options - keyring, randomness, hierarchies, the field's declaration
 * @returns a function applying the transform (empty values pass through)
 * @throws {PolicyError} on bad parameters, missing keys, or a transform that needs a policy
 * @example
 * ```ts
 * import { compileTransform } from 'dataguard/deidentify';
 * const mask = compileTransform({ type: 'mask', preset: 'cn-mobile' });
 * mask('13800138000'); // '138****8000'
 * ```
 */
export function compileTransform(
  spec: TransformSpec,
  options: CompileTransformOptions = {},
): (value: unknown) => unknown {
  const parsed = TransformSpecSchema.safeParse(spec);
  if (!parsed.success) {
    throw new PolicyError('invalid transform specification', {
      reason: parsed.error.issues[0]?.code ?? 'invalid',
      path: 'spec',
    });
  }
  if (parsed.data.type === 'dateShift') {
    throw new PolicyError('dateShift reads its subject field: use it in a policy', {
      reason: 'needs-policy',
      path: 'spec.type',
    });
  }
  const dataset = defineDataset({
    id: 'single',
    version: '1',
    fields: [
      {
        name: 'value',
        role: 'insensitive',
        share: 'unconditional',
        open: 'open',
        ...options.field,
      },
    ],
  });
  const field = dataset.fields[0] as CompileContext['field'];
  const fail = (reason: string, problem: string, path?: string): never => {
    throw new PolicyError(`${parsed.data.type}: ${problem}`, { reason, path: path ?? 'spec' });
  };
  const context: CompileContext = {
    field,
    dataset,
    rule: 'single',
    keyring: options.keyring,
    vault: options.vault,
    random: options.random ?? systemRandom,
    hierarchies: options.hierarchies ?? {},
    fieldIndex: (name, path) => fail('unknown-field', `names field ${name}`, path),
    requireKeyring: () =>
      options.keyring ?? fail('missing-keyring', `${parsed.data.type} needs a keyring`),
    fail,
  };
  let compiled: ReturnType<ReturnType<typeof bindTransform>['compile']>;
  try {
    compiled = bindTransform(parsed.data).compile(context);
  } catch (error) {
    if (error instanceof DataguardError && !(error instanceof PolicyError)) {
      throw new PolicyError(`${parsed.data.type}: ${error.message}`, {
        reason: error.reason ?? 'invalid',
        path: 'spec',
        cause: error,
      });
    }
    throw error;
  }
  if (compiled.kind !== 'value') {
    throw new PolicyError(`${parsed.data.type} works on batches: use it in a policy`, {
      reason: compiled.kind === 'batch' ? 'needs-batch' : 'needs-async',
      path: 'spec.type',
    });
  }
  const apply = compiled.apply;
  const row: unknown[] = [];
  const layout = new Int32Array(1);
  return (value) => (isEmptyValue(value) ? value : apply(value, row, layout));
}
