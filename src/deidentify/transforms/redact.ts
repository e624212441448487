import { z } from 'zod';
import type { ExactSchema } from '../../core/exact-schema.ts';
import type { SpecSchema } from '../spec-fields.ts';
import type { TransformDefinition } from '../types.ts';

/** `redact`: drop the field (default), or keep it as null. */
export interface RedactSpec {
  type: 'redact';
  mode?: 'drop' | 'null' | undefined;
}

const redactSpec = z.strictObject({
  type: z.literal('redact'),
  mode: z
    .enum(['drop', 'null'])
    .optional()
    .describe('drop the field (default) or keep it with a null value'),
});

/** Zod schema of {@link RedactSpec}. */
export const RedactSpecSchema: SpecSchema<RedactSpec> = redactSpec satisfies ExactSchema<
  RedactSpec,
  typeof redactSpec
>;

const toNull = (): null => null;

/**
 * `redact`: removes the value. `mode: 'drop'` (default) removes the field from
 * the output (the planner never calls this); `mode: 'null'` keeps the field as null.
 */
export const redactTransform: TransformDefinition<RedactSpec> = {
  type: 'redact',
  traits: () => ({ reversible: false, keyed: false, formatPreserving: false }),
  compile: () => ({ kind: 'value', apply: toNull }),
};
