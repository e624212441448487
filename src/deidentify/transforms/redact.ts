import type { RedactSpec } from '../policy-schema.ts';
import type { TransformDefinition } from '../types.ts';

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
