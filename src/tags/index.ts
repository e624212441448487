/**
 * Classification and grading vocabulary (GB/T 43697-2024, GB/T 35273-2020,
 * PIPL), dataset definitions with effective grades, and the catalog.
 *
 * The vocabulary (`Grade`, `PiCategory`, `Processing` …) is exported as types;
 * `grades` and `piCategories` list its values at runtime, and
 * `DatasetDefinitionSchema` / `CatalogDocumentSchema` validate whole documents.
 *
 * @packageDocumentation
 */

export type { JsonValue } from '../core/canonical-json.ts';
export { canonicalBytes, canonicalJson } from '../core/canonical-json.ts';
export type { DatasetRef, PartyKind, PartyRef, PurposeId } from '../core/refs.ts';
export type {
  AggregationAssessment,
  AggregationSource,
  Catalog,
  CatalogDocument,
  GradingReason,
  NegativeListEntry,
  ResponsibilityListEntry,
} from './catalog.ts';
export { CatalogDocumentSchema, createCatalog } from './catalog.ts';
export type {
  Dataset,
  DatasetDefinition,
  DatasetField,
  FieldDefinition,
  GradeBasis,
} from './dataset.ts';
export { DatasetDefinitionSchema, defineDataset, findField } from './dataset.ts';
export { gradeByImpact, isAtLeast } from './grade.ts';
export type { PiCategory, PiCategoryInfo } from './pi-category.ts';
export { isSensitive, piCategories } from './pi-category.ts';
export type {
  DataDomain,
  FieldRole,
  Grade,
  Impact,
  ImpactDegree,
  ImpactObject,
  LegalBasis,
  OpenType,
  Processing,
  ResponsibilityRole,
  ShareType,
} from './vocabulary.ts';
export { grades } from './vocabulary.ts';
