import { z } from 'zod';
import { assertFiniteNumber } from '../../core/assert.ts';
import type { ExactSchema } from '../../core/exact-schema.ts';
import { ValidationError } from '../../errors/kinds.ts';
import { base32Prefix, hexPrefix, utf8Scratch } from '../encoding.ts';
import { inPlaceFf1 } from '../ff1-alphabets.ts';
import { Domain, KeyId, type SpecSchema } from '../spec-fields.ts';
import type { TransformDefinition } from '../types.ts';
import { textOf } from '../values.ts';

/** `pseudonymize`: keyed HMAC token (hex/base32), or the original format through FF1. */
export interface PseudonymizeSpec {
  type: 'pseudonymize';
  domain?: string | undefined;
  output?: 'hex' | 'base32' | 'format' | undefined;
  length?: number | undefined;
  alphabet?:
    | 'digits'
    | 'alphanumeric'
    | 'lowercase'
    | 'uppercase'
    | 'cjk-common'
    | 'cjk-unified'
    | undefined;
  prefix?: string | undefined;
  keyId?: string | undefined;
}

const pseudonymizeSpec = z.strictObject({
  type: z.literal('pseudonymize'),
  domain: Domain.optional(),
  output: z.enum(['hex', 'base32', 'format']).optional().describe('default hex'),
  length: z
    .int()
    .min(8)
    .max(64)
    .optional()
    .describe('Token length in characters (hex/base32); shorter tokens collide sooner'),
  alphabet: z
    .enum(['digits', 'alphanumeric', 'lowercase', 'uppercase', 'cjk-common', 'cjk-unified'])
    .optional()
    .describe(
      'Characters FF1 rewrites for output "format" (default digits); others stay, except Chinese characters outside a cjk alphabet, which are refused',
    ),
  prefix: z.string().max(16).optional(),
  keyId: KeyId.optional(),
});

/** Zod schema of {@link PseudonymizeSpec}. */
export const PseudonymizeSpecSchema: SpecSchema<PseudonymizeSpec> =
  pseudonymizeSpec satisfies ExactSchema<PseudonymizeSpec, typeof pseudonymizeSpec>;

/** Default token lengths: 128 bits of the HMAC either way. */
const DEFAULT_LENGTH = { hex: 32, base32: 26 } as const;

/**
 * `pseudonymize`: a keyed pseudonym that is the same for the same value, key
 * and domain, in every dataset. `output: 'hex' | 'base32'` gives a token from
 * the HMAC (irreversible; `length` truncates, see
 * {@link pseudonymCollisionProbability}); `output: 'format'` rewrites the
 * value's `alphabet` characters with FF1 in place, keeping its shape, and can
 * be reversed with the key.
 */
export const pseudonymizeTransform: TransformDefinition<PseudonymizeSpec> = {
  type: 'pseudonymize',
  traits: (params) => ({
    reversible: params.output === 'format',
    keyed: true,
    formatPreserving: params.output === 'format',
  }),
  compile(params, context) {
    const keyring = context.requireKeyring();
    const domain = params.domain ?? 'default';
    const prefix = params.prefix ?? '';
    const output = params.output ?? 'hex';
    if (output === 'format') {
      if (params.length !== undefined) {
        context.fail('bad-parameters', 'length applies to hex and base32 output only');
      }
      const cipher = inPlaceFf1(keyring, domain, params.alphabet ?? 'digits', params.keyId);
      return { kind: 'value', apply: (value) => prefix + cipher.encrypt(textOf(value)) };
    }
    if (params.alphabet !== undefined) {
      context.fail('bad-parameters', 'alphabet applies to output "format" only');
    }
    const mac = keyring.pseudonymizer(domain, params.keyId);
    const length = params.length ?? DEFAULT_LENGTH[output];
    const maxLength = output === 'hex' ? 64 : 52;
    if (length > maxLength) {
      context.fail('bad-parameters', `${output} pseudonyms have at most ${maxLength} characters`);
    }
    const encode = output === 'hex' ? hexPrefix : base32Prefix;
    return {
      kind: 'value',
      apply: (value) => prefix + encode(mac.mac(utf8Scratch(textOf(value))), length),
    };
  },
};

/**
 * The probability that two of `records` distinct values get the same
 * truncated pseudonym of `bits` bits (birthday bound, 1 - e^(-n(n-1)/2^(b+1))).
 * A hex character carries 4 bits, a base32 character 5.
 *
 * @param bits - pseudonym bits (4 × hex length, 5 × base32 length)
 * @param records - number of distinct values pseudonymized in one domain
 * @returns the collision probability
 * @throws {ValidationError} reason `invalid-argument` when a count is not a non-negative number
 * @example
 * ```ts
 * import { pseudonymCollisionProbability } from 'dataguard/deidentify';
 * pseudonymCollisionProbability(64, 10_000_000) < 3e-6; // true (16 hex characters, 10 million people)
 * ```
 */
export function pseudonymCollisionProbability(bits: number, records: number): number {
  assertFiniteNumber(bits, 'bits');
  assertFiniteNumber(records, 'records');
  if (bits < 0 || records < 0) {
    throw new ValidationError('bits and records must not be negative', {
      path: bits < 0 ? 'bits' : 'records',
      reason: 'invalid-argument',
    });
  }
  return -Math.expm1(-(records * (records - 1)) / 2 ** (bits + 1));
}
