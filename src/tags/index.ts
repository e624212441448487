/**
 * Classification and grading vocabulary (GB/T 43697-2024, GB/T 35273-2020,
 * PIPL), dataset schemas with effective grades, and the catalog.
 *
 * @packageDocumentation
 */

export type { JsonValue } from '../core/canonical-json.ts';
export { canonicalBytes, canonicalJson } from '../core/canonical-json.ts';
export { DatasetRef, PartyKind, PartyRef, PurposeId } from '../core/refs.ts';
export type {
  AggregationAssessment,
  AggregationSource,
  Catalog,
  CatalogDocument,
  GradingReason,
  NegativeListEntry,
  ResponsibilityListEntry,
} from './catalog.ts';
export { CatalogDocumentSchema, createCatalog, toDefinition } from './catalog.ts';
export type {
  DatasetDefinition,
  DatasetField,
  DatasetSchema,
  FieldDefinition,
  GradeBasis,
} from './dataset.ts';
export {
  DatasetDefinitionSchema,
  defineDataset,
  FieldDefinitionSchema,
  findField,
} from './dataset.ts';
export { gradeByImpact, gradeRank, highestGrade, isAtLeast } from './grade.ts';
export type { PiCategoryInfo } from './pi-category.ts';
export { isSensitive, PiCategory, piCategories } from './pi-category.ts';
export {
  DataDomain,
  FieldRole,
  Grade,
  grades,
  Impact,
  ImpactDegree,
  ImpactObject,
  LegalBasis,
  OpenType,
  Processing,
  ResponsibilityRole,
  ShareType,
} from './vocabulary.ts';
