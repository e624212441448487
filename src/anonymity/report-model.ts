import { assertRecord, assertString } from '../core/assert.ts';
import { ValidationError } from '../errors/kinds.ts';
import { assertMeasures } from './assert-measures.ts';
import type { AnonymityMeasures } from './measures.ts';
import {
  REPORT_LABELS_EN,
  type ReportLabels,
  type ReportLanguage,
  type RequirementId,
  type RiskFigureId,
} from './report-labels.ts';
import { type RiskGradeOptions, riskGrade } from './risk-grade.ts';
import type { Hierarchy } from './types.ts';

/** Version of the risk report JSON (zod schema `RiskReportSchema` in the root `dataguard` export). */
export const RISK_REPORT_FORMAT_VERSION = 'dataguard.risk-report/1';

/** Class counts of a measured table. */
export interface MeasuredTable {
  records: number;
  suppressed: number;
  classes: number;
  k: number;
  /** How many classes have each size, ascending by size (counts only, no values). */
  classSizes: { size: number; classes: number }[];
}

/** A GB/T 42460 grade with its name and reason in the report's language. */
export interface ReportGrade {
  grade: 1 | 2 | 3 | 4;
  name: string;
  reason: string;
  highestRisk: number;
  averageRisk: number;
  maxHighestRisk: number;
  maxAverageRisk: number;
}

/** One requirement and its verdict. */
export interface ReportRequirement {
  id: RequirementId;
  /** The sensitive attribute of an l or t requirement. */
  attribute?: string | undefined;
  required: number;
  achieved: number;
  met: boolean;
  /** "Meets k=5". */
  headline: string;
  /** The verdict in a sentence a data officer signs off on. */
  sentence: string;
}

/** What a release released (release reports). */
export interface ReportRelease {
  dataset: string;
  processing: string;
  rowsIn: number;
  rowsOut: number;
  rejected: number;
  columns: string[];
  gate: 'passed' | 'not-gated';
}

/** A risk or release report (JSON; zod schema `RiskReportSchema` in the root `dataguard` export). */
export interface RiskReport {
  format: typeof RISK_REPORT_FORMAT_VERSION;
  kind: 'risk' | 'release';
  lang: ReportLanguage;
  title: string;
  input: { name: string; rows: number; columns: string[] };
  quasiIdentifiers: { names: string[]; source: 'option' | 'dataset' };
  sensitive: { names: string[]; source: 'option' | 'dataset' };
  directIdentifiers: { columns: string[]; source: 'dataset' | 'profile' | 'none' };
  /** `pass` when every requirement is met, `fail` when one is not, `none` without requirements. */
  verdict: 'pass' | 'fail' | 'none';
  requirements: ReportRequirement[];
  measures: MeasuredTable;
  risks: { id: RiskFigureId; value: number; name: string; explanation: string }[];
  grade: ReportGrade;
  /** The input of a release. */
  before?: { measures: MeasuredTable; grade: ReportGrade } | undefined;
  recommendation?:
    | {
        levels: { attribute: string; level: number; maxLevel: number; label: string }[];
        metric: string;
        value: number;
        measures: MeasuredTable;
        grade: ReportGrade;
        summary: string;
      }
    | undefined;
  release?: ReportRelease | undefined;
}

/** What {@link buildRiskReport} measures and judges. */
export interface RiskReportOptions {
  /** `risk` (one table measured) or `release` (a protect() output, with its input). Default `risk`. */
  readonly kind?: 'risk' | 'release' | undefined;
  /** Page title (default the labels' title). */
  readonly title?: string | undefined;
  /** The input: its name (file name, query label), row count and columns. */
  readonly input: {
    readonly name: string;
    readonly rows: number;
    readonly columns: readonly string[];
  };
  /** The quasi-identifiers measured and where they came from (`option`: --qi; `dataset`: the dataset definition). */
  readonly quasiIdentifiers: {
    readonly names: readonly string[];
    readonly source: 'option' | 'dataset';
  };
  /** The sensitive attributes measured and where they came from. */
  readonly sensitive?:
    | { readonly names: readonly string[]; readonly source: 'option' | 'dataset' }
    | undefined;
  /** Columns of the measured table that are direct identifiers (grade 1 when any), and how they were found. */
  readonly directIdentifiers?:
    | { readonly columns: readonly string[]; readonly source: 'dataset' | 'profile' }
    | undefined;
  /** Measures of the table judged (the input for `risk`, the output for `release`). */
  readonly measures: AnonymityMeasures;
  /** Measures of the input of a release (shown beside the output's). */
  readonly before?: AnonymityMeasures | undefined;
  /** True when the input of a release held direct identifiers (its grade is then 1). */
  readonly beforeDirectIdentifiers?: boolean | undefined;
  /** Requirements: k, and distinct l and t (equal distance) on every sensitive attribute. */
  readonly requirements?:
    | {
        readonly k?: number | undefined;
        readonly l?: number | undefined;
        readonly t?: number | undefined;
      }
    | undefined;
  /** The optimal generalization found, with the hierarchies that name its levels. */
  readonly recommendation?:
    | {
        readonly levels: Readonly<Record<string, number>>;
        readonly hierarchies: Readonly<Record<string, Hierarchy>>;
        readonly measures: AnonymityMeasures;
        readonly metric: string;
        readonly value: number;
      }
    | undefined;
  /** What a release released (release reports). */
  readonly release?: ReportRelease | undefined;
  /** Grade thresholds (see {@link riskGrade}). */
  readonly gradeOptions?: Pick<RiskGradeOptions, 'maxHighestRisk' | 'maxAverageRisk'> | undefined;
  /** The words of the report (default English). */
  readonly labels?: ReportLabels | undefined;
}

function measured(m: AnonymityMeasures): RiskReport['measures'] {
  return {
    records: m.records,
    suppressed: m.suppressed,
    classes: m.classes,
    k: m.k,
    classSizes: m.classSizes.map((c) => ({ size: c.size, classes: c.classes })),
  };
}

function gradeOf(
  m: AnonymityMeasures,
  directIdentifiers: boolean,
  options: RiskReportOptions['gradeOptions'],
  labels: ReportLabels,
): RiskReport['grade'] {
  const g = riskGrade(m, { ...options, directIdentifiers });
  return {
    grade: g.grade,
    name: labels.gradeName[g.grade],
    reason: labels.gradeReason(
      g.grade,
      g.highestRisk,
      g.averageRisk,
      g.thresholds.maxHighestRisk,
      g.thresholds.maxAverageRisk,
    ),
    highestRisk: g.highestRisk,
    averageRisk: g.averageRisk,
    maxHighestRisk: g.thresholds.maxHighestRisk,
    maxAverageRisk: g.thresholds.maxAverageRisk,
  };
}

function positive(value: number | undefined, path: string, integer: boolean, max?: number): void {
  if (value === undefined) return;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value > 0 &&
    (!integer || Number.isInteger(value)) &&
    (max === undefined || value <= max);
  if (!ok) {
    throw new ValidationError(
      `${path} must be ${integer ? 'a positive integer' : `a number in (0, ${max}]`}`,
      { reason: 'invalid-parameter', path },
    );
  }
}

function requirementsOf(
  o: RiskReportOptions,
  sensitive: readonly string[],
  labels: ReportLabels,
): RiskReport['requirements'] {
  const req = o.requirements ?? {};
  positive(req.k, 'requirements.k', true);
  positive(req.l, 'requirements.l', true);
  positive(req.t, 'requirements.t', false, 1);
  if ((req.l !== undefined || req.t !== undefined) && sensitive.length === 0) {
    throw new ValidationError('an l or t requirement needs at least one sensitive attribute', {
      reason: 'missing-sensitive',
      path: 'sensitive',
    });
  }
  const m = o.measures;
  const row = (
    id: RequirementId,
    required: number,
    achieved: number,
    met: boolean,
    attribute?: string,
  ): RiskReport['requirements'][number] => ({
    id,
    ...(attribute === undefined ? {} : { attribute }),
    required,
    achieved,
    met,
    headline: labels.meets(id, required, attribute),
    sentence: labels.sentence(id, required, achieved, met, attribute),
  });
  const out: RiskReport['requirements'] = [];
  if (req.k !== undefined) out.push(row('k', req.k, m.k, m.k >= req.k));
  for (const attribute of sensitive) {
    if (req.l !== undefined) {
      const l = Object.hasOwn(m.lDiversity, attribute) ? m.lDiversity[attribute] : undefined;
      if (l === undefined) throw missingMeasure('l-diversity', attribute);
      out.push(row('l', req.l, l.distinct, l.distinct >= req.l, attribute));
    }
    if (req.t !== undefined) {
      const t = Object.hasOwn(m.tCloseness, attribute) ? m.tCloseness[attribute] : undefined;
      if (t === undefined) throw missingMeasure('t-closeness', attribute);
      out.push(row('t', req.t, t.equal, t.equal <= req.t, attribute));
    }
  }
  return out;
}

function missingMeasure(what: string, attribute: string): ValidationError {
  return new ValidationError(`the measures hold no ${what} of sensitive attribute ${attribute}`, {
    reason: 'missing-measure',
    path: 'measures',
  });
}

function risksOf(m: AnonymityMeasures, labels: ReportLabels): RiskReport['risks'] {
  const figures: [RiskFigureId, number][] = [
    ['prosecutor-highest', m.prosecutor.highest],
    ['prosecutor-average', m.prosecutor.average],
    ['records-at-highest', m.prosecutor.recordsAtHighest],
    ['unique-share', m.uniqueShare],
    ['marketer', m.marketer],
  ];
  if (m.journalist !== undefined) {
    figures.push(['journalist-highest', m.journalist.highest]);
    figures.push(['journalist-average', m.journalist.average]);
  }
  return figures.map(([id, value]) => ({
    id,
    value,
    name: labels.riskName[id],
    explanation: labels.riskExplanation[id],
  }));
}

/**
 * The label of one generalization level: the original values at level 0,
 * "suppressed" when every value of the level is `*`, else an example value of
 * the level and how many distinct values it has (hierarchy values, never data).
 */
function levelLabel(hierarchy: Hierarchy, level: number, labels: ReportLabels): string {
  if (level === 0) return labels.levelOriginal;
  const values = new Set<string>();
  for (const row of hierarchy) {
    const v = row[level];
    if (v !== undefined) values.add(v);
  }
  const first = values.values().next().value;
  if (first === undefined || (values.size === 1 && first === '*')) return labels.levelSuppressed;
  return labels.levelExample(first, values.size);
}

function recommendationOf(
  o: RiskReportOptions,
  labels: ReportLabels,
): RiskReport['recommendation'] {
  const r = o.recommendation;
  if (r === undefined) return undefined;
  assertRecord(r, 'recommendation');
  assertRecord(r.levels, 'recommendation.levels');
  assertMeasures(r.measures, 'recommendation.measures');
  const levels = Object.entries(r.levels).map(([attribute, level]) => {
    const hierarchy = Object.hasOwn(r.hierarchies, attribute)
      ? r.hierarchies[attribute]
      : undefined;
    if (hierarchy === undefined || !Number.isInteger(level) || level < 0) {
      throw new ValidationError(`recommendation.levels.${attribute} has no hierarchy level`, {
        reason: 'invalid-level',
        path: `recommendation.levels.${attribute}`,
      });
    }
    const maxLevel = (hierarchy[0]?.length ?? 1) - 1;
    return { attribute, level, maxLevel, label: levelLabel(hierarchy, level, labels) };
  });
  const grade = gradeOf(r.measures, false, o.gradeOptions, labels);
  return {
    levels,
    metric: r.metric,
    value: r.value,
    measures: measured(r.measures),
    grade,
    summary: labels.recommendationSummary(r.measures.k, r.measures.suppressed, grade.grade),
  };
}

/**
 * Builds the risk report of a measured table: the quasi-identifiers and
 * sensitive attributes measured, each requirement with its verdict in a
 * sentence, the risk figures explained, the class size histogram, the GB/T
 * 42460 grade (grade 1 whenever direct identifiers are present) and the
 * recommended generalization.
 *
 * @param options - the input, what was measured, requirements, recommendation, labels
 * @returns the report (its shape is RiskReportSchema, exported by the root `dataguard`)
 * @throws {ValidationError} `invalid-argument` on malformed options, `invalid-parameter` on a bad k, l or t, `missing-sensitive` for l or t without a sensitive attribute
 * @example
 * ```ts
 * import { buildRiskReport, measureAnonymity } from 'dataguard/anonymity';
 * const rows = [{ name: 'A', age: '30' }, { name: 'B', age: '30' }];
 * const report = buildRiskReport({
 *   input: { name: 'people.csv', rows: 2, columns: ['name', 'age'] },
 *   quasiIdentifiers: { names: ['age'], source: 'option' },
 *   directIdentifiers: { columns: ['name'], source: 'profile' },
 *   measures: measureAnonymity(rows, { quasiIdentifiers: ['age'] }),
 *   requirements: { k: 2 },
 * });
 * report.grade.grade; // 1
 * report.verdict; // 'pass'
 * ```
 */
export function buildRiskReport(options: RiskReportOptions): RiskReport {
  assertRecord(options, 'options');
  assertRecord(options.input, 'options.input');
  assertString(options.input.name, 'options.input.name');
  assertMeasures(options.measures, 'options.measures');
  if (options.before !== undefined) assertMeasures(options.before, 'options.before');
  const labels = options.labels ?? REPORT_LABELS_EN;
  const kind = options.kind ?? 'risk';
  const sensitive = options.sensitive ?? { names: [], source: options.quasiIdentifiers.source };
  const direct = options.directIdentifiers;
  const requirements = requirementsOf(options, sensitive.names, labels);
  const report: RiskReport = {
    format: RISK_REPORT_FORMAT_VERSION,
    kind,
    lang: labels.lang,
    title: options.title ?? (kind === 'risk' ? labels.riskTitle : labels.releaseTitle),
    input: {
      name: options.input.name,
      rows: options.input.rows,
      columns: [...options.input.columns],
    },
    quasiIdentifiers: {
      names: [...options.quasiIdentifiers.names],
      source: options.quasiIdentifiers.source,
    },
    sensitive: { names: [...sensitive.names], source: sensitive.source },
    directIdentifiers:
      direct === undefined
        ? { columns: [], source: 'none' }
        : { columns: [...direct.columns], source: direct.source },
    verdict:
      requirements.length === 0 ? 'none' : requirements.every((r) => r.met) ? 'pass' : 'fail',
    requirements,
    measures: measured(options.measures),
    risks: risksOf(options.measures, labels),
    grade: gradeOf(
      options.measures,
      (direct?.columns.length ?? 0) > 0,
      options.gradeOptions,
      labels,
    ),
    ...(options.before === undefined
      ? {}
      : {
          before: {
            measures: measured(options.before),
            grade: gradeOf(
              options.before,
              options.beforeDirectIdentifiers === true,
              options.gradeOptions,
              labels,
            ),
          },
        }),
  };
  const recommendation = recommendationOf(options, labels);
  if (recommendation !== undefined) report.recommendation = recommendation;
  if (options.release !== undefined) report.release = options.release;
  return report;
}
