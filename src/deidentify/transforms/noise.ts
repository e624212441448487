import { z } from 'zod';
import type { ExactSchema } from '../../core/exact-schema.ts';
import { compareDecimals, decimalOf, roundToMultiple } from '../decimal.ts';
import { decimalSameKind } from '../generalize-number.ts';
import { randomNumbers } from '../random-numbers.ts';
import type { SpecSchema } from '../spec-fields.ts';
import type { TransformDefinition } from '../types.ts';

/** `noise`: Laplace (scale b) or Gaussian (σ) noise from cryptographic randomness. */
export interface NoiseSpec {
  type: 'noise';
  mechanism: 'laplace' | 'gaussian';
  scale: number;
  decimals?: number | undefined;
  min?: number | undefined;
  max?: number | undefined;
}

const noiseSpec = z.strictObject({
  type: z.literal('noise'),
  mechanism: z.enum(['laplace', 'gaussian']),
  scale: z.number().positive().describe('Laplace b, or Gaussian standard deviation σ'),
  decimals: z.int().min(0).max(12).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});

/** Zod schema of {@link NoiseSpec}. */
export const NoiseSpecSchema: SpecSchema<NoiseSpec> = noiseSpec satisfies ExactSchema<
  NoiseSpec,
  typeof noiseSpec
>;

/**
 * `noise`: adds Laplace (scale b) or Gaussian (standard deviation σ) noise
 * drawn from cryptographic randomness, then optionally rounds to `decimals`
 * and clamps to [min, max]. Irreversible and never seeded. This perturbs
 * single records; it is not a differential-privacy guarantee for a release
 * (dataguard/anonymity does DP for aggregates).
 */
export const noiseTransform: TransformDefinition<NoiseSpec> = {
  type: 'noise',
  traits: () => ({ reversible: false, keyed: false, formatPreserving: true }),
  compile(params, context) {
    if (context.field.identifierType !== undefined) {
      context.fail('incompatible-field', 'noise applies to quantities, not identifiers');
    }
    if (params.min !== undefined && params.max !== undefined && params.min > params.max) {
      context.fail('bad-parameters', 'min must not exceed max');
    }
    const rng = randomNumbers(context.random);
    const scale = params.scale;
    const draw =
      params.mechanism === 'laplace'
        ? () => {
            // Inverse CDF: -b · sgn(u) · ln(1 - 2|u|), u uniform on (-1/2, 1/2).
            const u = rng.unit() - 0.5;
            return -scale * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
          }
        : () => scale * Math.sqrt(-2 * Math.log(rng.unit())) * Math.cos(2 * Math.PI * rng.unit());
    // Rounding and clamping work on the exact decimal of the noisy double.
    const step = params.decimals === undefined ? undefined : { units: 1n, scale: params.decimals };
    const min = params.min === undefined ? undefined : decimalOf(params.min);
    const max = params.max === undefined ? undefined : decimalOf(params.max);
    const plain = step === undefined && min === undefined && max === undefined;
    return {
      kind: 'value',
      apply: (value) => {
        decimalOf(value); // the same input contract as the other numeric transforms
        const noisy = Number(value) + draw();
        if (plain) return typeof value === 'number' ? noisy : String(noisy);
        let result = decimalOf(noisy);
        if (step !== undefined) result = roundToMultiple(result, step);
        if (min !== undefined && compareDecimals(result, min) < 0) result = min;
        if (max !== undefined && compareDecimals(result, max) > 0) result = max;
        return decimalSameKind(value, result);
      },
    };
  },
};
