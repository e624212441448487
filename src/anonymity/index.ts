/**
 * Anonymity models (k-anonymity, l-diversity, t-closeness), re-identification
 * risk (prosecutor, journalist, marketer; GB/T 42460-2023 grade), ARX's utility
 * metrics, the exact optimal full-domain generalization search, the release
 * gate (rule S-TRADE), an HTML report, and differential privacy for aggregates.
 *
 * @packageDocumentation
 */

export type { RandomSource } from '../core/random.ts';
export type {
  ClassCounter,
  ClassFailure,
  ClassMeasures,
  SerializedClassCounts,
} from './class-counts.ts';
export { checkClassCounts, createClassCounter } from './class-counts.ts';
export type {
  BudgetEntry,
  PrivacyAccountant,
  PrivacyAccountantOptions,
  PrivacyBudgetStore,
  PrivacyCost,
  SpendResult,
} from './dp/budget.ts';
export { createMemoryPrivacyBudgetStore, createPrivacyAccountant } from './dp/budget.ts';
export type { BoundedDpOptions, DpOptions, NoiseMechanism } from './dp/mechanisms.ts';
export { dpCount, dpHistogram, dpMean, dpSum } from './dp/mechanisms.ts';
export type { EvaluateOptions, GeneralizationEvaluation } from './evaluate.ts';
export { evaluateGeneralization } from './evaluate.ts';
export type { AnonymityCheck, AnonymityFailure, AnonymityRequirements } from './gate.ts';
export { assertAnonymous, checkAnonymous } from './gate.ts';
export { parseHierarchyCsv } from './hierarchy.ts';
export type {
  DateLevel,
  IntervalHierarchyOptions,
  RegionHierarchyOptions,
} from './hierarchy-builders.ts';
export { dateHierarchy, intervalHierarchy, regionHierarchy } from './hierarchy-builders.ts';
export type {
  AnonymityMeasures,
  LDiversityMeasure,
  MeasureOptions,
  RiskMeasure,
  TClosenessMeasure,
  TClosenessMeasureOption,
} from './measures.ts';
export { measureAnonymity } from './measures.ts';
export type { MetricOption, MetricSpec, MetricValue } from './metrics.ts';
export type { PreparedTable, PrepareOptions } from './prepare.ts';
export { prepareTable } from './prepare.ts';
export type { AnonymityReportInput } from './report.ts';
export { renderAnonymityReport } from './report.ts';
export { renderRiskReport } from './report-html.ts';
export type {
  ReportLabels,
  ReportLanguage,
  RequirementId,
  RiskFigureId,
} from './report-labels.ts';
export { reportLabels } from './report-labels.ts';
export type {
  MeasuredTable,
  ReportGrade,
  ReportRelease,
  ReportRequirement,
  RiskReport,
  RiskReportOptions,
} from './report-model.ts';
export { buildRiskReport, RISK_REPORT_FORMAT_VERSION } from './report-model.ts';
export type { DeidentificationGrade, RiskGrade, RiskGradeOptions } from './risk-grade.ts';
export { riskGrade } from './risk-grade.ts';
export type { OptimalGeneralization, OptimalGeneralizationOptions, SearchStats } from './search.ts';
export { optimalGeneralization } from './search.ts';
export type {
  AggregateFunction,
  ColumnarTable,
  Hierarchy,
  LDiversityRequirement,
  LDiversityVariant,
  MetricName,
  TableInput,
  TableRecord,
  TClosenessDistance,
  TClosenessRequirement,
} from './types.ts';
