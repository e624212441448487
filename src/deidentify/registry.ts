import { PolicyError } from '../errors/kinds.ts';
import { type TransformSpec, TransformSpecSchema } from './policy-schema.ts';
import { dateShiftTransform } from './transforms/date-shift.ts';
import { encryptTransform } from './transforms/encrypt.ts';
import { fpeTransform } from './transforms/fpe.ts';
import { generalizeTransform } from './transforms/generalize.ts';
import { keepTransform } from './transforms/keep.ts';
import { maskTransform } from './transforms/mask.ts';
import { noiseTransform } from './transforms/noise.ts';
import { pseudonymizeTransform } from './transforms/pseudonymize.ts';
import { redactTransform } from './transforms/redact.ts';
import { replaceTransform } from './transforms/replace.ts';
import { shuffleTransform } from './transforms/shuffle.ts';
import { textTransform } from './transforms/text.ts';
import { tokenizeTransform } from './transforms/tokenize.ts';
import type {
  CompileContext,
  CompiledTransform,
  TransformDefinition,
  TransformTraits,
} from './types.ts';

/** A transform specification bound to its definition. */
export interface BoundTransform {
  readonly traits: TransformTraits;
  compile(context: CompileContext): CompiledTransform;
}

function bind<P>(definition: TransformDefinition<P>, params: P): BoundTransform {
  return {
    traits: definition.traits(params),
    compile: (context) => definition.compile(params, context),
  };
}

/**
 * Binds a transform specification to the definition of its `type`.
 *
 * @param spec - a validated transform specification
 * @returns its traits and compiler
 */
export function bindTransform(spec: TransformSpec): BoundTransform {
  switch (spec.type) {
    case 'keep':
      return bind(keepTransform, spec);
    case 'redact':
      return bind(redactTransform, spec);
    case 'replace':
      return bind(replaceTransform, spec);
    case 'mask':
      return bind(maskTransform, spec);
    case 'generalize':
      return bind(generalizeTransform, spec);
    case 'noise':
      return bind(noiseTransform, spec);
    case 'shuffle':
      return bind(shuffleTransform, spec);
    case 'pseudonymize':
      return bind(pseudonymizeTransform, spec);
    case 'tokenize':
      return bind(tokenizeTransform, spec);
    case 'encrypt':
      return bind(encryptTransform, spec);
    case 'fpe':
      return bind(fpeTransform, spec);
    case 'dateShift':
      return bind(dateShiftTransform, spec);
    case 'text':
      return bind(textTransform, spec);
  }
}

/**
 * The traits of a transform specification: whether it is reversible, keyed
 * and format-preserving.
 *
 * @param spec - a transform specification
 * @returns its traits
 * @throws {PolicyError} when `spec` is not a valid transform specification
 * @example
 * ```ts
 * import { transformTraits } from 'dataguard/deidentify';
 * transformTraits({ type: 'fpe', format: 'cn-mobile' }).reversible; // true
 * ```
 */
export function transformTraits(spec: TransformSpec): TransformTraits {
  const parsed = TransformSpecSchema.safeParse(spec);
  if (!parsed.success) {
    throw new PolicyError('invalid transform specification', {
      reason: parsed.error.issues[0]?.code ?? 'invalid',
      path: 'spec',
    });
  }
  return bindTransform(parsed.data).traits;
}
