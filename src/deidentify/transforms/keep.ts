import { z } from 'zod';
import type { ExactSchema } from '../../core/exact-schema.ts';
import type { SpecSchema } from '../spec-fields.ts';
import type { TransformDefinition } from '../types.ts';

/** `keep`: pass the field through unchanged (explicitly; uncovered fields are dropped). */
export interface KeepSpec {
  type: 'keep';
}

const keepSpec = z.strictObject({ type: z.literal('keep') });

/** Zod schema of {@link KeepSpec}. */
export const KeepSpecSchema: SpecSchema<KeepSpec> = keepSpec satisfies ExactSchema<
  KeepSpec,
  typeof keepSpec
>;

const identity = (value: unknown): unknown => value;

/** `keep`: passes the value through unchanged. Only explicit: uncovered fields are dropped. */
export const keepTransform: TransformDefinition<KeepSpec> = {
  type: 'keep',
  traits: () => ({ reversible: true, keyed: false, formatPreserving: true }),
  compile: () => ({ kind: 'value', apply: identity }),
};
