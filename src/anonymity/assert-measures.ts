import { assertRecord } from '../core/assert.ts';
import { ValidationError } from '../errors/kinds.ts';
import type { AnonymityMeasures, RiskMeasure } from './measures.ts';

// Boundary checks for measures handed back to riskGrade and the report: they
// usually come from measureAnonymity, but callers may build or deserialize them.

function notNumber(path: string): ValidationError {
  return new ValidationError(`${path} must be a number`, { reason: 'invalid-argument', path });
}

/**
 * Throws unless `value` is a number (NaN and infinities are reported as such, not rejected).
 *
 * @param value - the value
 * @param path - its path, for the error
 * @throws {ValidationError} `invalid-argument`
 */
export function assertNumber(value: unknown, path: string): asserts value is number {
  if (typeof value !== 'number') throw notNumber(path);
}

/**
 * Throws unless `value` is a risk measure with numeric `highest` and `average`.
 *
 * @param value - the value
 * @param path - its path, for the error
 * @throws {ValidationError} `invalid-argument`
 */
export function assertRiskMeasure(value: unknown, path: string): asserts value is RiskMeasure {
  assertRecord(value, path);
  assertNumber(value.highest, `${path}.highest`);
  assertNumber(value.average, `${path}.average`);
}

/**
 * Throws unless `value` has every field of {@link AnonymityMeasures} the report reads.
 *
 * @param value - the value
 * @param path - its path, for the error
 * @throws {ValidationError} `invalid-argument`
 */
export function assertMeasures(value: unknown, path: string): asserts value is AnonymityMeasures {
  assertRecord(value, path);
  for (const field of ['records', 'suppressed', 'classes', 'k', 'marketer', 'uniqueShare']) {
    assertNumber(value[field], `${path}.${field}`);
  }
  assertRiskMeasure(value.prosecutor, `${path}.prosecutor`);
  if (value.journalist !== undefined) assertRiskMeasure(value.journalist, `${path}.journalist`);
  const sizes = value.classSizes;
  if (!Array.isArray(sizes)) {
    throw new ValidationError(`${path}.classSizes must be an array`, {
      reason: 'invalid-argument',
      path: `${path}.classSizes`,
    });
  }
  for (let i = 0; i < sizes.length; i++) {
    const entry: unknown = sizes[i];
    assertRecord(entry, `${path}.classSizes[${i}]`);
    assertNumber(entry.size, `${path}.classSizes[${i}].size`);
    assertNumber(entry.classes, `${path}.classSizes[${i}].classes`);
  }
}
