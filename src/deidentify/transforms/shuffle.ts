import { z } from 'zod';
import type { ExactSchema } from '../../core/exact-schema.ts';
import { randomNumbers } from '../random-numbers.ts';
import type { SpecSchema } from '../spec-fields.ts';
import type { TransformDefinition } from '../types.ts';

/** `shuffle`: permute the column within each batch. */
export interface ShuffleSpec {
  type: 'shuffle';
}

const shuffleSpec = z.strictObject({ type: z.literal('shuffle') });

/** Zod schema of {@link ShuffleSpec}. */
export const ShuffleSpecSchema: SpecSchema<ShuffleSpec> = shuffleSpec satisfies ExactSchema<
  ShuffleSpec,
  typeof shuffleSpec
>;

/**
 * `shuffle`: permutes the column within each batch (Fisher–Yates with
 * cryptographic randomness), so values stay true to the column's
 * distribution but no longer belong to their rows. The values themselves
 * survive: shuffle breaks linkage, it does not hide values. Needs batches:
 * `.records()`, `.stream()` or the file pipeline, not `.record()`.
 */
export const shuffleTransform: TransformDefinition<ShuffleSpec> = {
  type: 'shuffle',
  traits: () => ({ reversible: false, keyed: false, formatPreserving: true }),
  compile(_params, context) {
    const rng = randomNumbers(context.random);
    return {
      kind: 'batch',
      apply: (column) => {
        for (let i = column.length - 1; i > 0; i--) {
          const j = rng.below(i + 1);
          const t = column[i];
          column[i] = column[j];
          column[j] = t;
        }
      },
    };
  },
};
