/**
 * Detection of personal information: identifier validators with check
 * characters (resident ID, USCC, bank cards, phones, documents, network
 * identifiers), the embedded GB/T 2260 region table, free-text scanning and
 * redaction, and column profiling that drafts dataset definitions.
 *
 * @packageDocumentation
 */

export { luhnCheckDigit, residentIdCheckCharacter, usccCheckCharacter } from './checks.ts';
export type { ExplainReason, Explanation, ValidateOptions } from './explain-reason.ts';
export type { HeaderHint } from './header-hints.ts';
export type { IdentifierType, IdentifierTypeInfo } from './identifier-type.ts';
export { identifierTypes } from './identifier-type.ts';
export type {
  ColumnProfile,
  ProfileOptions,
  ProfileTableOptions,
  TableInput,
  TableProfile,
} from './profile.ts';
export { profileColumn, profileTable } from './profile.ts';
export type { RedactOptions, Replacement } from './redact.ts';
export { redact } from './redact.ts';
export type { Region, RegionLevel } from './regions.ts';
export { generalizeRegion, lookupRegion } from './regions.ts';
export type { ResidentIdInfo } from './resident-id.ts';
export { parseResidentId, safeParseResidentId, upgradeResidentId } from './resident-id.ts';
export type { Finding, ScanOptions } from './scan.ts';
export { scan } from './scan.ts';
export type { TextFindingShare } from './text-profile.ts';
export type {
  AddressLevel,
  FindingType,
  TextEntityType,
  TextEntityTypeInfo,
} from './text-types.ts';
export { findingTypes } from './text-types.ts';
export { explain, validate } from './validate.ts';
