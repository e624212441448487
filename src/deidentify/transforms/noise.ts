import type { NoiseSpec } from '../policy-schema.ts';
import { randomNumbers } from '../random-numbers.ts';
import type { TransformDefinition } from '../types.ts';
import { numberOf, sameKind } from '../values.ts';

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
    const factor = params.decimals === undefined ? undefined : 10 ** params.decimals;
    const { min, max } = params;
    return {
      kind: 'value',
      apply: (value) => {
        let noisy = numberOf(value) + draw();
        if (factor !== undefined) noisy = Math.round(noisy * factor) / factor;
        if (min !== undefined && noisy < min) noisy = min;
        if (max !== undefined && noisy > max) noisy = max;
        return sameKind(value, noisy);
      },
    };
  },
};
