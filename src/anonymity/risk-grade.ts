import { assertRecord } from '../core/assert.ts';
import { ValidationError } from '../errors/kinds.ts';
import { assertRiskMeasure } from './assert-measures.ts';
import type { AnonymityMeasures } from './measures.ts';

function threshold(value: unknown, fallback: number, path: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new ValidationError(`${path} must be a risk in [0, 1]`, {
      reason: 'invalid-parameter',
      path,
    });
  }
  return value;
}

/**
 * De-identification effect grade after the four-level scheme of GB/T 42460-2023
 * (个人信息去标识化效果分级): 1 = directly identifiable; 2 = direct identifiers
 * removed but re-identification risk not controlled; 3 = direct identifiers
 * removed and re-identification risk within the threshold; 4 = aggregate data
 * with no individual records. The numeric risk thresholds are dataguard's (see
 * docs/anonymity.md); the retrieved text of the standard gave no numbers.
 */
export type DeidentificationGrade = 1 | 2 | 3 | 4;

/** Options of {@link riskGrade}. */
export interface RiskGradeOptions {
  /** True when the released table still holds direct identifiers (name, ID number, phone…). */
  readonly directIdentifiers?: boolean | undefined;
  /** True when the release is aggregate statistics without individual records. */
  readonly aggregate?: boolean | undefined;
  /** Highest acceptable prosecutor (or journalist, when measured) record risk for grade 3; default 0.2 (k ≥ 5). */
  readonly maxHighestRisk?: number | undefined;
  /** Highest acceptable average record risk for grade 3; default 0.05. */
  readonly maxAverageRisk?: number | undefined;
}

/** A grade with the reasons that decided it. */
export interface RiskGrade {
  /** The grade, 1 (weakest) to 4. */
  readonly grade: DeidentificationGrade;
  /** The risk used (journalist when a population was measured, else prosecutor). */
  readonly highestRisk: number;
  /** The average risk used. */
  readonly averageRisk: number;
  /** The thresholds applied. */
  readonly thresholds: { readonly maxHighestRisk: number; readonly maxAverageRisk: number };
  /** Why. */
  readonly reason: string;
}

/**
 * Grades the de-identification effect of a measured table (GB/T 42460-2023 levels,
 * dataguard thresholds).
 *
 * @param measures - from measureAnonymity
 * @param options - whether direct identifiers remain, and the thresholds
 * @returns the grade and its reason
 * @throws {ValidationError} `invalid-argument` on malformed measures or options, `invalid-parameter` on a threshold outside [0, 1]
 * @example
 * ```ts
 * import { measureAnonymity, riskGrade } from 'dataguard/anonymity';
 * const rows = Array.from({ length: 100 }, (_, i) => ({ band: String(i % 4) })); // classes of 25
 * riskGrade(measureAnonymity(rows, { quasiIdentifiers: ['band'] })).grade; // 3
 * ```
 */
export function riskGrade(measures: AnonymityMeasures, options: RiskGradeOptions = {}): RiskGrade {
  assertRecord(measures, 'measures');
  assertRecord(options, 'options');
  const maxHighestRisk = threshold(options.maxHighestRisk, 0.2, 'options.maxHighestRisk');
  const maxAverageRisk = threshold(options.maxAverageRisk, 0.05, 'options.maxAverageRisk');
  const model = measures.journalist ?? measures.prosecutor;
  assertRiskMeasure(
    model,
    measures.journalist === undefined ? 'measures.prosecutor' : 'measures.journalist',
  );
  const base = {
    highestRisk: model.highest,
    averageRisk: model.average,
    thresholds: { maxHighestRisk, maxAverageRisk },
  };
  if (options.aggregate)
    return { grade: 4, ...base, reason: 'aggregate data without individual records' };
  if (options.directIdentifiers) return { grade: 1, ...base, reason: 'direct identifiers remain' };
  if (model.highest <= maxHighestRisk && model.average <= maxAverageRisk) {
    return {
      grade: 3,
      ...base,
      reason: 'direct identifiers removed and re-identification risk within thresholds',
    };
  }
  return {
    grade: 2,
    ...base,
    reason: 'direct identifiers removed but re-identification risk above thresholds',
  };
}
