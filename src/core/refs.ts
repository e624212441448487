import { z } from 'zod';

/** An identifier: 1–256 printable characters, no control characters. */
export const Id: z.ZodString = z
  .string()
  .min(1)
  .max(256)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'must not contain control characters');

/** A content digest: algorithm and lowercase hex value. */
export const Digest: z.ZodString = z
  .string()
  .regex(/^(sha-256|sm3):[0-9a-f]{64}$/, 'must be "sha-256:<64 hex>" or "sm3:<64 hex>"');

/** A reference to one dataset (or one copy of it), with an optional version and content digest. */
export const DatasetRef: z.ZodObject<{
  id: z.ZodString;
  version: z.ZodOptional<z.ZodString>;
  digest: z.ZodOptional<z.ZodString>;
}> = z.strictObject({
  id: Id,
  version: z.string().min(1).max(64).optional(),
  digest: Digest.optional(),
});
/** A reference to one dataset (or one copy of it). */
export type DatasetRef = z.infer<typeof DatasetRef>;

/** The kinds of party dataguard knows. */
export const PartyKind: z.ZodEnum<{
  agency: 'agency';
  enterprise: 'enterprise';
  individual: 'individual';
  system: 'system';
}> = z.enum(['agency', 'enterprise', 'individual', 'system']);
/** The kinds of party: agency (机关), enterprise, individual, system. */
export type PartyKind = z.infer<typeof PartyKind>;

/** A party that acts on data: an agency, an enterprise, a person or a system. */
export const PartyRef: z.ZodObject<{
  id: z.ZodString;
  kind: typeof PartyKind;
  name: z.ZodOptional<z.ZodString>;
}> = z.strictObject({
  id: Id,
  kind: PartyKind,
  name: z.string().min(1).max(256).optional(),
});
/** A party that acts on data. */
export type PartyRef = z.infer<typeof PartyRef>;

/** A dotted purpose id such as `public-service.social-assistance.eligibility`. */
export const PurposeId: z.ZodString = z
  .string()
  .max(256)
  .regex(
    /^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*$/,
    'must be a dotted path of lowercase segments',
  );
