import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { ExactSchema } from '../../src/core/exact-schema.ts';

// Compile-time checks: `tsc --noEmit` fails if one of them breaks.
describe('ExactSchema', () => {
  it('accepts a schema whose output is exactly the type', () => {
    const spec = z.strictObject({ type: z.literal('a'), n: z.number().optional() });
    type Spec = { type: 'a'; n?: number | undefined };
    expectTypeOf<ExactSchema<Spec, typeof spec>>().toEqualTypeOf<typeof spec>();
  });

  it('turns to never when the schema lacks an optional member of the type', () => {
    const spec = z.strictObject({ type: z.literal('a') });
    type Spec = { type: 'a'; n?: number | undefined };
    expectTypeOf<ExactSchema<Spec, typeof spec>>().toBeNever();
    // @ts-expect-error the schema and the type drifted apart
    spec satisfies ExactSchema<Spec, typeof spec>;
  });

  it('turns to never when the schema has a member the type lacks', () => {
    const spec = z.strictObject({ type: z.literal('a'), extra: z.string().optional() });
    type Spec = { type: 'a' };
    expectTypeOf<ExactSchema<Spec, typeof spec>>().toBeNever();
  });
});
