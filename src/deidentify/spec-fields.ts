import { z } from 'zod';

// Parameter schemas that several transform specs share.
//
// Each transform states its spec beside its code as a documented interface and
// a zod schema checked against it both ways at compile time (ExactSchema): the
// interface carries the TSDoc, and isolatedDeclarations needs an explicit type
// on every exported schema, so `z.infer` alone cannot name it.

/** A transform spec schema: a zod schema of T that a discriminated union takes as an option. */
export type SpecSchema<T> = z.ZodType<T> & z.core.$ZodTypeDiscriminable;

/** Key-derivation domain of keyed transforms. */
export const Domain: z.ZodString = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:/-]+$/, 'must be letters, digits and . _ : / -')
  .describe('Key-derivation domain: values are consistent (joinable) only within one domain');

/** A pinned key id. */
export const KeyId: z.ZodString = z
  .string()
  .min(1)
  .max(128)
  .describe('Pin a key id instead of the active key');

/** A field name in a policy. */
export const FieldName: z.ZodString = z.string().min(1).max(128);

/** The administrative levels region, address and resident-id generalization cut to. */
const REGION_LEVELS = ['province', 'prefecture', 'county'] as const;

/** An administrative level (GB/T 2260): province, prefecture or county. */
export type RegionLevelName = (typeof REGION_LEVELS)[number];

/** Schema of {@link RegionLevelName}. */
export const RegionLevel: z.ZodEnum<{ [K in RegionLevelName]: K }> = z.enum(REGION_LEVELS);
