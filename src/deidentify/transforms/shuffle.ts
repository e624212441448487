import type { ShuffleSpec } from '../policy-schema.ts';
import { randomNumbers } from '../random-numbers.ts';
import type { TransformDefinition } from '../types.ts';

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
