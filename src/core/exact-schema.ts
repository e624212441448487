import type { z } from 'zod';

/** True when A and B are the same type (not merely assignable either way). */
type Equal<A, B> =
  (<G>() => G extends A ? 1 : 2) extends <G>() => G extends B ? 1 : 2 ? true : false;

/**
 * Resolves to the schema type S when the output of S is exactly T, else to
 * `never`. Written `schema satisfies ExactSchema<T, typeof schema>`, it fails
 * to compile as soon as a hand-written type and its zod schema drift apart in
 * either direction (a missing, extra or differently typed member).
 */
export type ExactSchema<T, S extends z.ZodType> = Equal<z.output<S>, T> extends true ? S : never;
