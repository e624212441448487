/**
 * De-identification: transforms (one per file, each declaring whether it is
 * reversible, keyed and format-preserving), policies as code (JSON or YAML,
 * validated, published as JSON Schema), the policy compiler and the
 * record / stream pipeline with a rejects channel, token vaults, and
 * re-identification with a ledger event.
 *
 * @packageDocumentation
 */

export type { CompilePolicyOptions, FieldPlan } from './compile-policy.ts';
export { compilePolicy } from './compile-policy.ts';
export type { CompileTransformOptions } from './compile-transform.ts';
export { compileTransform } from './compile-transform.ts';
export type { Hierarchy } from './hierarchy.ts';
export type { MaskPresetFunction } from './mask-presets.ts';
export type { MaskOptions } from './mask-text.ts';
export { createMemoryTokenVault } from './memory-token-vault.ts';
export { parsePolicy } from './parse-policy.ts';
export { parsePolicyYaml } from './parse-policy-yaml.ts';
export type { DigestFunction } from './policy-digest.ts';
export { policyDigest } from './policy-digest.ts';
export type {
  AddressSpec,
  AgeSpec,
  DateShiftSpec,
  DateSpec,
  EncryptSpec,
  FieldSelector,
  FpeSpec,
  GeneralizeSpec,
  HierarchySpec,
  IntervalSpec,
  KeepSpec,
  MaskPreset,
  MaskSpec,
  NoiseSpec,
  PolicyDocument,
  PolicyProfile,
  PolicyRule,
  PseudonymizeSpec,
  RedactSpec,
  RegionSpec,
  ReplaceLabel,
  ReplaceSpec,
  ResidentIdSpec,
  RoundSpec,
  ShuffleSpec,
  TextOperator,
  TextSpec,
  TokenizeSpec,
  TopBottomSpec,
  TransformSpec,
} from './policy-schema.ts';
export { PolicyDocumentSchema } from './policy-schema.ts';
export { transformTraits } from './registry.ts';
export type {
  ReidentifyEvent,
  ReidentifyLedger,
  ReidentifyOptions,
  ReidentifyRelease,
} from './reidentify.ts';
export { reidentify } from './reidentify.ts';
export type { PlanStep, Reject, RejectHandling, RowTransformer } from './row-runner.ts';
export type { ProfileChoice } from './select-profile.ts';
export type { TokenVault, TokenVaultEntry } from './token-vault.ts';
export type { DataRecord, Transformer } from './transformer.ts';
export { pseudonymCollisionProbability } from './transforms/pseudonymize.ts';
export { forgetSubject } from './transforms/tokenize.ts';
export type { TransformTraits } from './types.ts';
