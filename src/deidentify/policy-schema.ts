import { z } from 'zod';
import type { ExactSchema } from '../core/exact-schema.ts';
import { PurposeId } from '../core/refs.ts';
import { PiCategory } from '../tags/pi-category.ts';
import { FieldRole, Grade } from '../tags/vocabulary.ts';
import { type FpeSpec, FpeSpecSchema } from './fpe-formats.ts';
import { FieldName } from './spec-fields.ts';
import { type DateShiftSpec, DateShiftSpecSchema } from './transforms/date-shift.ts';
import { type EncryptSpec, EncryptSpecSchema } from './transforms/encrypt.ts';
import { type GeneralizeSpec, GeneralizeSpecSchema } from './transforms/generalize.ts';
import { type KeepSpec, KeepSpecSchema } from './transforms/keep.ts';
import { type MaskSpec, MaskSpecSchema } from './transforms/mask.ts';
import { type NoiseSpec, NoiseSpecSchema } from './transforms/noise.ts';
import { type PseudonymizeSpec, PseudonymizeSpecSchema } from './transforms/pseudonymize.ts';
import { type RedactSpec, RedactSpecSchema } from './transforms/redact.ts';
import { type ReplaceSpec, ReplaceSpecSchema } from './transforms/replace.ts';
import { type ShuffleSpec, ShuffleSpecSchema } from './transforms/shuffle.ts';
import { type TextSpec, TextSpecSchema } from './transforms/text.ts';
import { type TokenizeSpec, TokenizeSpecSchema } from './transforms/tokenize.ts';

// The policy document: it assembles the spec schema each transform states
// beside its code (transforms/*.ts and the generalize-* modules). The policy is
// parsed once at compile time; the compiled closures never look at it again.

export type { FpeSpec } from './fpe-formats.ts';
export type { AddressSpec } from './generalize-address.ts';
export type { AgeSpec, DateSpec } from './generalize-date.ts';
export type { IntervalSpec, RoundSpec, TopBottomSpec } from './generalize-number.ts';
export type { RegionSpec, ResidentIdSpec } from './generalize-region.ts';
export type { MaskPreset } from './mask-presets.ts';
export type { DateShiftSpec } from './transforms/date-shift.ts';
export type { EncryptSpec } from './transforms/encrypt.ts';
export type { GeneralizeSpec, HierarchySpec } from './transforms/generalize.ts';
export type { KeepSpec } from './transforms/keep.ts';
export type { MaskSpec } from './transforms/mask.ts';
export type { NoiseSpec } from './transforms/noise.ts';
export type { PseudonymizeSpec } from './transforms/pseudonymize.ts';
export type { RedactSpec } from './transforms/redact.ts';
export type { ReplaceLabel, ReplaceSpec } from './transforms/replace.ts';
export type { ShuffleSpec } from './transforms/shuffle.ts';
export type { TextOperator, TextSpec } from './transforms/text.ts';
export type { TokenizeSpec } from './transforms/tokenize.ts';

/** Any transform of a rule. */
export type TransformSpec =
  | KeepSpec
  | RedactSpec
  | ReplaceSpec
  | MaskSpec
  | GeneralizeSpec
  | NoiseSpec
  | ShuffleSpec
  | PseudonymizeSpec
  | TokenizeSpec
  | EncryptSpec
  | FpeSpec
  | DateShiftSpec
  | TextSpec;

const transformSpec = z.discriminatedUnion('type', [
  KeepSpecSchema,
  RedactSpecSchema,
  ReplaceSpecSchema,
  MaskSpecSchema,
  GeneralizeSpecSchema,
  NoiseSpecSchema,
  ShuffleSpecSchema,
  PseudonymizeSpecSchema,
  TokenizeSpecSchema,
  EncryptSpecSchema,
  FpeSpecSchema,
  DateShiftSpecSchema,
  TextSpecSchema,
]);

const selector = z
  .strictObject({
    fields: z.array(FieldName).min(1).max(10_000).optional(),
    piCategories: z.array(PiCategory).min(1).optional(),
    roles: z.array(FieldRole).min(1).optional(),
    grades: z.array(Grade).min(1).optional(),
    sensitive: z.boolean().optional(),
  })
  .refine((s) => Object.keys(s).length > 0, 'a selector needs at least one criterion')
  .describe('A field matches when it meets every given criterion (any listed value of each)');

const RuleId = z.string().min(1).max(128);

const rule = z.strictObject({
  id: RuleId,
  description: z.string().max(1000).optional(),
  select: selector,
  transform: transformSpec,
});

const profile = z.strictObject({
  description: z.string().max(1000).optional(),
  purpose: PurposeId.optional().describe('The purpose this profile serves (covers sub-purposes)'),
  recipient: z.string().min(1).max(256).optional().describe('The recipient party id'),
  keep: z.array(FieldName).max(10_000).optional(),
  rules: z.array(rule).max(10_000).optional(),
});

const policy = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().min(1).max(256),
  version: z.string().min(1).max(64),
  title: z.string().max(256).optional(),
  description: z.string().max(4000).optional(),
  dataset: z
    .string()
    .min(1)
    .max(256)
    .optional()
    .describe('The dataset id the policy is written for'),
  keep: z
    .array(FieldName)
    .max(10_000)
    .optional()
    .describe('Fields passed through unchanged; every other field no rule covers is dropped'),
  rules: z.array(rule).max(10_000),
  profiles: z.record(z.string().min(1).max(128), profile).optional(),
});

/** Which fields a rule applies to: a field matches when it meets every given criterion. */
export interface FieldSelector {
  fields?: string[] | undefined;
  piCategories?: PiCategory[] | undefined;
  roles?: FieldRole[] | undefined;
  grades?: Grade[] | undefined;
  sensitive?: boolean | undefined;
}
/** A policy rule: a selector and a transform. */
export interface PolicyRule {
  id: string;
  description?: string | undefined;
  select: FieldSelector;
  transform: TransformSpec;
}
/** A profile: rules and kept fields for one purpose or recipient, applied before the policy's own. */
export interface PolicyProfile {
  description?: string | undefined;
  purpose?: string | undefined;
  recipient?: string | undefined;
  keep?: string[] | undefined;
  rules?: PolicyRule[] | undefined;
}
/** A de-identification policy document (JSON or YAML). */
export interface PolicyDocument {
  $schema?: string | undefined;
  id: string;
  version: string;
  title?: string | undefined;
  description?: string | undefined;
  /** The dataset id the policy is written for. */
  dataset?: string | undefined;
  /** Fields passed through unchanged; every other field no rule covers is dropped. */
  keep?: string[] | undefined;
  rules: PolicyRule[];
  profiles?: Record<string, PolicyProfile> | undefined;
}

/** Zod schema of a transform specification. */
export const TransformSpecSchema: z.ZodType<TransformSpec> = transformSpec satisfies ExactSchema<
  TransformSpec,
  typeof transformSpec
>;

/** Zod schema of {@link PolicyDocument}; also published as `schemas/policy.schema.json`. */
export const PolicyDocumentSchema: z.ZodType<PolicyDocument> = policy satisfies ExactSchema<
  PolicyDocument,
  typeof policy
>;
