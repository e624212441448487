import type { KeepSpec } from '../policy-schema.ts';
import type { TransformDefinition } from '../types.ts';

const identity = (value: unknown): unknown => value;

/** `keep`: passes the value through unchanged. Only explicit: uncovered fields are dropped. */
export const keepTransform: TransformDefinition<KeepSpec> = {
  type: 'keep',
  traits: () => ({ reversible: true, keyed: false, formatPreserving: true }),
  compile: () => ({ kind: 'value', apply: identity }),
};
