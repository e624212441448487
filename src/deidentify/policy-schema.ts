import { z } from 'zod';
import { PurposeId } from '../core/refs.ts';
import type { AddressLevel, FindingType } from '../detect/text-types.ts';
import { addressLevels, findingTypes } from '../detect/text-types.ts';
import { PiCategory } from '../tags/pi-category.ts';
import { FieldRole, Grade } from '../tags/vocabulary.ts';
import { SURROGATE_NAME } from './surrogate-marker.ts';

// Transform parameter schemas. The policy is parsed once at compile time; the
// compiled closures never look at these again.

const Domain = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:/-]+$/, 'must be letters, digits and . _ : / -')
  .describe('Key-derivation domain: values are consistent (joinable) only within one domain');
const KeyId = z.string().min(1).max(128).describe('Pin a key id instead of the active key');
const FieldName = z.string().min(1).max(128);
const RegionLevel = z.enum(['province', 'prefecture', 'county']);
const MaskPreset = z.enum([
  'cn-name',
  'cn-name-wechat',
  'cn-resident-id',
  'cn-mobile',
  'cn-landline',
  'bank-card',
  'email',
  'cn-address',
]);
const ReplaceLabel = z.enum([
  'cn-name',
  'cn-resident-id',
  'cn-mobile',
  'cn-landline',
  'bank-card',
  'email',
  'cn-address',
  'cn-passport',
  'cn-uscc',
  'date',
  'personal-information',
]);

const keepSpec = z.strictObject({ type: z.literal('keep') });

const redactSpec = z.strictObject({
  type: z.literal('redact'),
  mode: z
    .enum(['drop', 'null'])
    .optional()
    .describe('drop the field (default) or keep it with a null value'),
});

const replaceSpec = z.strictObject({
  type: z.literal('replace'),
  value: z.string().max(256).optional().describe('A constant to put in place of every value'),
  label: ReplaceLabel.optional().describe('A type label such as [身份证号]'),
});

const maskSpec = z.strictObject({
  type: z.literal('mask'),
  preset: MaskPreset.optional(),
  keepStart: z.int().min(0).max(64).optional(),
  keepEnd: z.int().min(0).max(64).optional(),
  char: z.string().min(1).max(2).optional().describe('Mask character, default *'),
  preserve: z
    .string()
    .max(32)
    .optional()
    .describe('Characters left in place and not counted (separators such as - or space)'),
  fixedLength: z
    .int()
    .min(1)
    .max(64)
    .optional()
    .describe('Emit this many mask characters regardless of the hidden length'),
});

const intervalSpec = z.strictObject({
  type: z.literal('generalize'),
  method: z.literal('interval'),
  width: z.number().positive(),
  origin: z.number().optional(),
});
const topBottomSpec = z.strictObject({
  type: z.literal('generalize'),
  method: z.literal('top-bottom'),
  top: z.number().optional().describe('Values at or above are replaced by topValue'),
  topValue: z.union([z.number(), z.string().max(64)]).optional(),
  bottom: z.number().optional().describe('Values below are replaced by bottomValue'),
  bottomValue: z.union([z.number(), z.string().max(64)]).optional(),
});
const roundSpec = z.strictObject({
  type: z.literal('generalize'),
  method: z.literal('round'),
  multiple: z.number().positive(),
});
const dateSpec = z.strictObject({
  type: z.literal('generalize'),
  method: z.literal('date'),
  unit: z.enum(['day', 'month', 'quarter', 'year']),
});
const ageSpec = z.strictObject({
  type: z.literal('generalize'),
  method: z.literal('age'),
  input: z.enum(['age', 'birth-date']).optional().describe('default age'),
  referenceDate: z.iso
    .date()
    .optional()
    .describe('The date ages are computed at (required for birth dates)'),
  width: z.int().min(1).max(100).optional(),
  bands: z.array(z.int().min(0).max(200)).min(1).max(50).optional(),
  top: z.int().min(1).max(200).optional().describe('Ages at or above form one open band'),
});
const hierarchySpec = z.strictObject({
  type: z.literal('generalize'),
  method: z.literal('hierarchy'),
  hierarchy: z
    .union([z.string().min(1).max(128), z.array(z.array(z.string().max(256)).min(1)).min(1)])
    .describe('A hierarchy name given to compilePolicy, or the table inline (ARX layout)'),
  level: z.int().min(0).max(64),
});
const regionSpec = z.strictObject({
  type: z.literal('generalize'),
  method: z.literal('region'),
  level: RegionLevel,
});
const addressSpec = z.strictObject({
  type: z.literal('generalize'),
  method: z.literal('address'),
  level: RegionLevel,
});
const residentIdSpec = z.strictObject({
  type: z.literal('generalize'),
  method: z.literal('resident-id'),
  level: RegionLevel.optional().describe('default prefecture'),
  birthYear: z.boolean().optional().describe('append the birth year (default true)'),
});

const noiseSpec = z.strictObject({
  type: z.literal('noise'),
  mechanism: z.enum(['laplace', 'gaussian']),
  scale: z.number().positive().describe('Laplace b, or Gaussian standard deviation σ'),
  decimals: z.int().min(0).max(12).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});

const shuffleSpec = z.strictObject({ type: z.literal('shuffle') });

const pseudonymizeSpec = z.strictObject({
  type: z.literal('pseudonymize'),
  domain: Domain.optional(),
  output: z.enum(['hex', 'base32', 'format']).optional().describe('default hex'),
  length: z
    .int()
    .min(8)
    .max(64)
    .optional()
    .describe('Token length in characters (hex/base32); shorter tokens collide sooner'),
  alphabet: z
    .enum(['digits', 'alphanumeric', 'lowercase', 'uppercase', 'cjk-common', 'cjk-unified'])
    .optional()
    .describe(
      'Characters FF1 rewrites for output "format" (default digits); others stay, except Chinese characters outside a cjk alphabet, which are refused',
    ),
  prefix: z.string().max(16).optional(),
  keyId: KeyId.optional(),
});

const tokenizeSpec = z.strictObject({
  type: z.literal('tokenize'),
  domain: Domain.optional(),
  alphabet: z.enum(['hex', 'base32', 'digits']).optional().describe('default base32'),
  length: z.int().min(6).max(64).optional().describe('default 16'),
  prefix: z.string().max(16).optional(),
  subjectField: FieldName.optional().describe('Field naming the data subject (for deletion)'),
});

const encryptSpec = z.strictObject({
  type: z.literal('encrypt'),
  mode: z.enum(['deterministic', 'randomized']),
  domain: Domain.optional(),
});

const fpeSpec = z.strictObject({
  type: z.literal('fpe'),
  format: z.enum([
    'cn-mobile',
    'cn-resident-id',
    'bank-card',
    'cn-uscc',
    'digits',
    'alphanumeric',
    'cjk-common',
    'cjk-unified',
  ]),
  domain: Domain.optional(),
  keepRegion: z
    .boolean()
    .optional()
    .describe('cn-resident-id, cn-uscc: keep the 6-digit region code (default true)'),
  keepBirthDate: z.boolean().optional().describe('cn-resident-id: keep the birth date'),
  keepBin: z.boolean().optional().describe('bank-card: keep the 6-digit issuer number'),
  keyId: KeyId.optional(),
  surrogate: z
    .string()
    .regex(SURROGATE_NAME, 'must be an upper-case letter then up to 31 of A-Z 0-9 _')
    .optional()
    .describe('Mark each output with its key id: SURROGATE(keyId):value (no longer format-valid)'),
});

const dateShiftSpec = z.strictObject({
  type: z.literal('dateShift'),
  maxDays: z.int().min(1).max(3650),
  subjectField: FieldName,
  domain: Domain.optional(),
  keyId: KeyId.optional(),
});

const TEXT_OPERATORS = [
  'mask',
  'label',
  'surname',
  'pseudonym',
  'generalize',
  'drop',
  'keep',
] as const;
const TextOperatorSchema = z.enum(TEXT_OPERATORS);
const FindingTypeName = z.enum(findingTypes as [FindingType, ...FindingType[]]);

const textSpec = z.strictObject({
  type: z.literal('text'),
  operators: z
    .partialRecord(FindingTypeName, TextOperatorSchema)
    .optional()
    .describe('The operator per finding type; unlisted types use default'),
  default: TextOperatorSchema.optional().describe('The operator of unlisted types (default label)'),
  types: z.array(FindingTypeName).min(1).optional().describe('Types to find (default all)'),
  threshold: z.number().min(0).max(1).optional(),
  addressLevel: z.enum(addressLevels as [AddressLevel, ...AddressLevel[]]).optional(),
  domain: Domain.optional(),
  keyId: KeyId.optional(),
});

const transformSpec = z.discriminatedUnion('type', [
  keepSpec,
  redactSpec,
  replaceSpec,
  maskSpec,
  z.discriminatedUnion('method', [
    intervalSpec,
    topBottomSpec,
    roundSpec,
    dateSpec,
    ageSpec,
    hierarchySpec,
    regionSpec,
    addressSpec,
    residentIdSpec,
  ]),
  noiseSpec,
  shuffleSpec,
  pseudonymizeSpec,
  tokenizeSpec,
  encryptSpec,
  fpeSpec,
  dateShiftSpec,
  textSpec,
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

type RegionLevelName = 'province' | 'prefecture' | 'county';

/** `keep`: pass the field through unchanged (explicitly; uncovered fields are dropped). */
export interface KeepSpec {
  type: 'keep';
}
/** `redact`: drop the field (default), or keep it as null. */
export interface RedactSpec {
  type: 'redact';
  mode?: 'drop' | 'null' | undefined;
}
/** Names of the mask presets (see `maskPresets` for each one's source). */
export type MaskPreset =
  | 'cn-name'
  | 'cn-name-wechat'
  | 'cn-resident-id'
  | 'cn-mobile'
  | 'cn-landline'
  | 'bank-card'
  | 'email'
  | 'cn-address';
/** Names of the replacement labels (see `replaceLabels`). */
export type ReplaceLabel =
  | 'cn-name'
  | 'cn-resident-id'
  | 'cn-mobile'
  | 'cn-landline'
  | 'bank-card'
  | 'email'
  | 'cn-address'
  | 'cn-passport'
  | 'cn-uscc'
  | 'date'
  | 'personal-information';
/** `replace`: a constant (`value`) or a type label such as `[身份证号]` (`label`); exactly one. */
export interface ReplaceSpec {
  type: 'replace';
  value?: string | undefined;
  label?: ReplaceLabel | undefined;
}
/** `mask`: a named Chinese preset, or keepStart / keepEnd / preserve / fixedLength. */
export interface MaskSpec {
  type: 'mask';
  preset?: MaskPreset | undefined;
  keepStart?: number | undefined;
  keepEnd?: number | undefined;
  /** Mask character, default `*`. */
  char?: string | undefined;
  /** Characters left in place and not counted (separators). */
  preserve?: string | undefined;
  /** Emit this many mask characters whatever the hidden length. */
  fixedLength?: number | undefined;
}
/** `generalize` / `interval`: numbers to intervals of `width` from `origin` (default 0). */
export interface IntervalSpec {
  type: 'generalize';
  method: 'interval';
  width: number;
  origin?: number | undefined;
}
/** `generalize` / `top-bottom`: values ≥ top become topValue (default top), values < bottom bottomValue. */
export interface TopBottomSpec {
  type: 'generalize';
  method: 'top-bottom';
  top?: number | undefined;
  topValue?: number | string | undefined;
  bottom?: number | undefined;
  bottomValue?: number | string | undefined;
}
/** `generalize` / `round`: to the nearest multiple. */
export interface RoundSpec {
  type: 'generalize';
  method: 'round';
  multiple: number;
}
/** `generalize` / `date`: to day, month, quarter or year. */
export interface DateSpec {
  type: 'generalize';
  method: 'date';
  unit: 'day' | 'month' | 'quarter' | 'year';
}
/** `generalize` / `age`: ages (or birth dates at `referenceDate`) to bands of `width` or at `bands` bounds. */
export interface AgeSpec {
  type: 'generalize';
  method: 'age';
  input?: 'age' | 'birth-date' | undefined;
  referenceDate?: string | undefined;
  width?: number | undefined;
  bands?: number[] | undefined;
  top?: number | undefined;
}
/** `generalize` / `hierarchy`: an ARX-style table (by name or inline) at a level. */
export interface HierarchySpec {
  type: 'generalize';
  method: 'hierarchy';
  hierarchy: string | string[][];
  level: number;
}
/** `generalize` / `region`: GB/T 2260 codes to a coarser level. */
export interface RegionSpec {
  type: 'generalize';
  method: 'region';
  level: RegionLevelName;
}
/** `generalize` / `address`: Chinese addresses cut after a level. */
export interface AddressSpec {
  type: 'generalize';
  method: 'address';
  level: RegionLevelName;
}
/** `generalize` / `resident-id`: resident ID to region (default prefecture) and birth year. */
export interface ResidentIdSpec {
  type: 'generalize';
  method: 'resident-id';
  level?: RegionLevelName | undefined;
  birthYear?: boolean | undefined;
}
/** Any `generalize` transform. */
export type GeneralizeSpec =
  | IntervalSpec
  | TopBottomSpec
  | RoundSpec
  | DateSpec
  | AgeSpec
  | HierarchySpec
  | RegionSpec
  | AddressSpec
  | ResidentIdSpec;
/** `noise`: Laplace (scale b) or Gaussian (σ) noise from cryptographic randomness. */
export interface NoiseSpec {
  type: 'noise';
  mechanism: 'laplace' | 'gaussian';
  scale: number;
  decimals?: number | undefined;
  min?: number | undefined;
  max?: number | undefined;
}
/** `shuffle`: permute the column within each batch. */
export interface ShuffleSpec {
  type: 'shuffle';
}
/** `pseudonymize`: keyed HMAC token (hex/base32), or the original format through FF1. */
export interface PseudonymizeSpec {
  type: 'pseudonymize';
  domain?: string | undefined;
  output?: 'hex' | 'base32' | 'format' | undefined;
  length?: number | undefined;
  alphabet?:
    | 'digits'
    | 'alphanumeric'
    | 'lowercase'
    | 'uppercase'
    | 'cjk-common'
    | 'cjk-unified'
    | undefined;
  prefix?: string | undefined;
  keyId?: string | undefined;
}
/** `tokenize`: random tokens kept in a token vault. */
export interface TokenizeSpec {
  type: 'tokenize';
  domain?: string | undefined;
  alphabet?: 'hex' | 'base32' | 'digits' | undefined;
  length?: number | undefined;
  prefix?: string | undefined;
  subjectField?: string | undefined;
}
/** `encrypt`: deterministic (joinable) or randomized AEAD. */
export interface EncryptSpec {
  type: 'encrypt';
  mode: 'deterministic' | 'randomized';
  domain?: string | undefined;
}
/** `fpe`: FF1 that keeps the value valid (mobile, resident ID, bank card, USCC) or rewrites a character class in place. */
export interface FpeSpec {
  type: 'fpe';
  format:
    | 'cn-mobile'
    | 'cn-resident-id'
    | 'bank-card'
    | 'cn-uscc'
    | 'digits'
    | 'alphanumeric'
    | 'cjk-common'
    | 'cjk-unified';
  domain?: string | undefined;
  keepRegion?: boolean | undefined;
  keepBirthDate?: boolean | undefined;
  keepBin?: boolean | undefined;
  keyId?: string | undefined;
  /** Opt-in key-id marker: output `<surrogate>(<keyId>):<value>`. */
  surrogate?: string | undefined;
}
/** `dateShift`: a per-subject keyed offset within ±maxDays. */
export interface DateShiftSpec {
  type: 'dateShift';
  maxDays: number;
  subjectField: string;
  domain?: string | undefined;
  keyId?: string | undefined;
}
/**
 * What the `text` transform does with one finding: `mask` (same length, `*`),
 * `label` (`[姓名1]`, numbered per distinct value), `surname` (张某, 张某某, as
 * courts publish judgments), `pseudonym` (keyed, `[姓名:1a2b3c4d]`),
 * `generalize` (addresses to `addressLevel`, dates to the year, ages to a
 * decade), `drop` (removed), `keep` (left as is).
 */
export type TextOperator =
  | 'mask'
  | 'label'
  | 'surname'
  | 'pseudonym'
  | 'generalize'
  | 'drop'
  | 'keep';

/** `text`: finds personal information in a free-text field and rewrites each finding by its type's operator. */
export interface TextSpec {
  type: 'text';
  /** The operator per finding type; unlisted types use `default`. */
  operators?: Partial<Record<FindingType, TextOperator>> | undefined;
  /** The operator of types not in `operators` (default `label`). */
  default?: TextOperator | undefined;
  /** Types to find (default: every identifier and free-text type). */
  types?: FindingType[] | undefined;
  /** Minimum finding score, 0-1 (default 0.5). */
  threshold?: number | undefined;
  /** Level `generalize` keeps of an address (default `county`). */
  addressLevel?: AddressLevel | undefined;
  /** Pseudonym domain (default `text`). */
  domain?: string | undefined;
  keyId?: string | undefined;
}
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
export const TransformSpecSchema: z.ZodType<TransformSpec> = transformSpec;

/** Zod schema of {@link PolicyDocument}; also published as `schemas/policy.schema.json`. */
export const PolicyDocumentSchema: z.ZodType<PolicyDocument> = policy;
