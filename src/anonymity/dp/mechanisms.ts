import { assertFiniteNumber, assertIterable, assertRecord } from '../../core/assert.ts';
import type { RandomSource } from '../../core/random.ts';
import { systemRandom } from '../../core/random.ts';
import { ValidationError } from '../../errors/kinds.ts';
import type { PrivacyAccountant } from './budget.ts';
import { analyticGaussianSigma, sampleGaussian, sampleLaplace } from './noise.ts';

/** Which noise: Laplace (ε-DP, L1 sensitivity) or Gaussian ((ε, δ)-DP, L2 sensitivity). */
export type NoiseMechanism = 'laplace' | 'gaussian';

/** Privacy parameters of one query. */
export interface DpOptions {
  /** ε > 0 spent by this query. */
  readonly epsilon: number;
  /** δ in (0, 1), required for Gaussian noise. */
  readonly delta?: number | undefined;
  /** Laplace (default) or Gaussian. */
  readonly mechanism?: NoiseMechanism | undefined;
  /** Randomness (default the platform CSPRNG; inject a seeded source in tests only). */
  readonly random?: RandomSource | undefined;
  /** Charged before the query runs; refuses when exhausted. */
  readonly budget?: PrivacyAccountant | undefined;
  /** Label recorded with the spend. */
  readonly label?: string | undefined;
}

/** Options of bounded queries (sum, mean): values are clamped to [lower, upper]. */
export interface BoundedDpOptions extends DpOptions {
  /** Declared lower bound of a value. */
  readonly lower: number;
  /** Declared upper bound of a value. */
  readonly upper: number;
}

function positive(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ValidationError(`${path} must be a finite number > 0`, {
      reason: 'invalid-parameter',
      path,
    });
  }
  return value;
}

function parameter(path: string, expected: string): ValidationError {
  return new ValidationError(`${path} must be ${expected}`, { reason: 'invalid-parameter', path });
}

/**
 * Checks every query parameter before anything is charged to a budget, so a
 * malformed query never spends privacy it cannot use.
 */
function checkOptions(options: DpOptions): void {
  assertRecord(options, 'options');
  positive(options.epsilon, 'options.epsilon');
  const mechanism = options.mechanism ?? 'laplace';
  if (mechanism !== 'laplace' && mechanism !== 'gaussian') {
    throw parameter('options.mechanism', "'laplace' or 'gaussian'");
  }
  const { delta } = options;
  if (delta !== undefined && (typeof delta !== 'number' || !(delta >= 0 && delta < 1))) {
    throw parameter('options.delta', 'a number in [0, 1)');
  }
  if (mechanism === 'gaussian' && delta === undefined) {
    throw new ValidationError('options.delta is required for the Gaussian mechanism', {
      reason: 'invalid-parameter',
      path: 'options.delta',
    });
  }
  if (options.random !== undefined && typeof options.random !== 'function') {
    throw parameter('options.random', 'a function');
  }
  const budget: unknown = options.budget;
  if (
    budget !== undefined &&
    (typeof budget !== 'object' ||
      budget === null ||
      typeof (budget as { spend?: unknown }).spend !== 'function')
  ) {
    throw parameter('options.budget', 'a privacy accountant');
  }
  if (options.label !== undefined && typeof options.label !== 'string') {
    throw parameter('options.label', 'a string');
  }
}

/**
 * Adds noise calibrated to a sensitivity: Laplace with scale Δ₁/ε, or Gaussian
 * with the analytic σ for (ε, δ) and Δ₂.
 *
 * @param value - the exact answer
 * @param sensitivity - the query's sensitivity (L1 for Laplace, L2 for Gaussian)
 * @param options - ε, δ, mechanism, randomness
 * @returns the noisy answer
 * @throws {ValidationError} on invalid parameters (a non-finite value, sensitivity or ε, an unknown mechanism…)
 */
export function addNoise(value: number, sensitivity: number, options: DpOptions): number {
  assertFiniteNumber(value, 'value');
  positive(sensitivity, 'sensitivity');
  checkOptions(options);
  const epsilon = options.epsilon;
  const random = options.random ?? systemRandom;
  if ((options.mechanism ?? 'laplace') === 'laplace')
    return value + sampleLaplace(sensitivity / epsilon, random);
  return (
    value + sampleGaussian(analyticGaussianSigma(epsilon, options.delta!, sensitivity), random)
  );
}

async function charge(options: DpOptions, label: string): Promise<void> {
  if (options.budget) {
    await options.budget.spend(
      { epsilon: options.epsilon, delta: options.delta ?? 0 },
      options.label ?? label,
    );
  }
}

function bounds(options: BoundedDpOptions): { lower: number; upper: number } {
  checkOptions(options);
  const { lower, upper } = options;
  if (!Number.isFinite(lower) || !Number.isFinite(upper) || !(lower <= upper)) {
    throw new ValidationError('options.lower and options.upper must be finite with lower ≤ upper', {
      reason: 'invalid-bounds',
      path: 'options.lower',
    });
  }
  return { lower, upper };
}

function clamp(v: number, lower: number, upper: number): number {
  if (typeof v !== 'number' || Number.isNaN(v)) return lower;
  return Math.min(upper, Math.max(lower, v));
}

/**
 * A differentially private count (sensitivity 1: adding or removing one record
 * changes it by at most 1).
 *
 * @param count - the exact count
 * @param options - ε (δ for Gaussian), budget
 * @returns the noisy count (not rounded)
 * @throws {PrivacyBudgetError} when the budget cannot afford the query
 * @throws {ValidationError} on invalid parameters, before anything is spent
 * @example
 * ```ts
 * import { dpCount } from 'dataguard/anonymity';
 * const noisy = await dpCount(1200, { epsilon: 0.5 });
 * ```
 */
export async function dpCount(count: number, options: DpOptions): Promise<number> {
  assertFiniteNumber(count, 'count');
  checkOptions(options);
  await charge(options, 'count');
  return addNoise(count, 1, options);
}

/**
 * A differentially private sum of values clamped to [lower, upper]; the
 * sensitivity is max(|lower|, |upper|).
 *
 * @param values - the values
 * @param options - bounds, ε (δ), budget
 * @returns the noisy sum
 * @throws {PrivacyBudgetError} when the budget cannot afford the query
 * @throws {ValidationError} on invalid parameters, before anything is spent
 */
export async function dpSum(values: Iterable<number>, options: BoundedDpOptions): Promise<number> {
  const { lower, upper } = bounds(options);
  assertIterable(values, 'values');
  await charge(options, 'sum');
  let sum = 0;
  for (const v of values) sum += clamp(v, lower, upper);
  const sensitivity = Math.max(Math.abs(lower), Math.abs(upper)) || Number.MIN_VALUE;
  return addNoise(sum, sensitivity, options);
}

/**
 * A differentially private mean of values clamped to [lower, upper]: half of ε
 * (and δ) on a noisy count, half on a noisy sum, the ratio clamped to the bounds.
 *
 * @param values - the values
 * @param options - bounds, ε (δ), budget
 * @returns the noisy mean
 * @throws {PrivacyBudgetError} when the budget cannot afford the query
 * @throws {ValidationError} on invalid parameters, before anything is spent
 */
export async function dpMean(values: Iterable<number>, options: BoundedDpOptions): Promise<number> {
  const { lower, upper } = bounds(options);
  assertIterable(values, 'values');
  await charge(options, 'mean');
  const half = {
    ...options,
    epsilon: options.epsilon / 2,
    delta: options.delta === undefined ? undefined : options.delta / 2,
  };
  let sum = 0;
  let count = 0;
  for (const v of values) {
    sum += clamp(v, lower, upper);
    count++;
  }
  const sensitivity = Math.max(Math.abs(lower), Math.abs(upper)) || Number.MIN_VALUE;
  const noisyCount = addNoise(count, 1, half);
  const noisySum = addNoise(sum, sensitivity, half);
  return clamp(noisySum / Math.max(1, noisyCount), lower, upper);
}

/**
 * A differentially private histogram over a declared domain of bins (values
 * outside it are dropped, so the domain itself reveals nothing). Adding or
 * removing one record changes one bin by 1: L1 and L2 sensitivity 1.
 *
 * @param values - one bin label per record
 * @param bins - the declared bins
 * @param options - ε (δ), budget
 * @returns noisy counts per bin
 * @throws {PrivacyBudgetError} when the budget cannot afford the query
 * @throws {ValidationError} on invalid parameters, before anything is spent
 */
export async function dpHistogram(
  values: Iterable<string>,
  bins: readonly string[],
  options: DpOptions,
): Promise<Record<string, number>> {
  if (
    !Array.isArray(bins) ||
    bins.length === 0 ||
    bins.some((b) => typeof b !== 'string') ||
    new Set(bins).size !== bins.length
  ) {
    throw new ValidationError('bins must be a non-empty list of distinct labels', {
      reason: 'invalid-bins',
      path: 'bins',
    });
  }
  assertIterable(values, 'values');
  checkOptions(options);
  await charge(options, 'histogram');
  const counts = new Map(bins.map((b) => [b, 0]));
  for (const v of values) if (counts.has(v)) counts.set(v, counts.get(v)! + 1);
  // fromEntries defines own properties, so a bin named `__proto__` is kept too.
  return Object.fromEntries([...counts].map(([bin, count]) => [bin, addNoise(count, 1, options)]));
}
