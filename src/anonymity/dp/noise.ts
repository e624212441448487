import { assertFunction } from '../../core/assert.ts';
import type { RandomSource } from '../../core/random.ts';
import { ValidationError } from '../../errors/kinds.ts';

const TWO_53 = 2 ** 53;

/** Throws unless `value` is a finite number > 0 (a scale or standard deviation). */
function checkScale(value: unknown, path: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ValidationError(`${path} must be a finite number > 0`, {
      reason: 'invalid-parameter',
      path,
    });
  }
}

/** Reads 53 random bits as an integer in [0, 2^53) and one extra bit. */
function bits53(random: RandomSource): { m: number; bit: number } {
  const bytes: unknown = random(new Uint8Array(7));
  // An injected source that returns something else must not become NaN noise.
  if (!(bytes instanceof Uint8Array) || bytes.length < 7) {
    throw new ValidationError('random must return the Uint8Array it was given, filled', {
      reason: 'invalid-random-source',
      path: 'random',
    });
  }
  // 56 bits: 53 for m, the lowest of the rest as an independent bit.
  const high = ((bytes[0]! << 13) | (bytes[1]! << 5) | (bytes[2]! >>> 3)) >>> 0; // 21 bits
  const low = ((bytes[3]! << 24) | (bytes[4]! << 16) | (bytes[5]! << 8) | bytes[6]!) >>> 0; // 32 bits
  return { m: high * 2 ** 32 + low, bit: bytes[2]! & 1 };
}

/**
 * A uniform double in (0, 1] from 53 random bits: (m + 1) / 2^53 for a 53-bit
 * integer m. Every value is exact (no rounding up to 1 beyond 1 itself) and
 * never 0, so log() is always finite.
 *
 * @param random - the randomness source
 * @returns the uniform sample
 */
export function uniform53(random: RandomSource): number {
  return (bits53(random).m + 1) / TWO_53;
}

/**
 * Samples Laplace(0, scale) as a random sign times an exponential −scale·ln U,
 * U uniform in (0, 1] from 53 bits (never log(0)).
 *
 * @param scale - the scale b > 0
 * @param random - the randomness source
 * @returns the sample
 * @throws {ValidationError} `invalid-parameter` unless scale is a finite number > 0
 */
export function sampleLaplace(scale: number, random: RandomSource): number {
  checkScale(scale, 'scale');
  assertFunction(random, 'random');
  const { m, bit } = bits53(random);
  const magnitude = -scale * Math.log((m + 1) / TWO_53);
  return bit === 1 ? -magnitude : magnitude;
}

/**
 * Samples N(0, sigma²) with the Box–Muller transform on uniforms in (0, 1].
 *
 * @param sigma - the standard deviation > 0
 * @param random - the randomness source
 * @returns the sample
 * @throws {ValidationError} `invalid-parameter` unless sigma is a finite number > 0
 */
export function sampleGaussian(sigma: number, random: RandomSource): number {
  checkScale(sigma, 'sigma');
  assertFunction(random, 'random');
  const u1 = uniform53(random);
  const u2 = uniform53(random);
  return sigma * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * The standard normal CDF Φ(x), from a Maclaurin series near 0 and a continued fraction for erfc elsewhere.
 *
 * @param x - the point (±Infinity give 0 and 1)
 * @returns Φ(x)
 * @throws {ValidationError} `invalid-parameter` unless x is a number other than NaN
 */
export function normalCdf(x: number): number {
  if (typeof x !== 'number' || Number.isNaN(x)) {
    throw new ValidationError('x must be a number', { reason: 'invalid-parameter', path: 'x' });
  }
  // erfc's continued fraction gives NaN at ±Infinity; the limits are exact.
  if (x === Number.POSITIVE_INFINITY) return 1;
  if (x === Number.NEGATIVE_INFINITY) return 0;
  return phi(x);
}

// Unchecked Φ for the bisection in analyticGaussianSigma (arguments already valid).
function phi(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

function erfc(x: number): number {
  const z = Math.abs(x);
  if (z < 0.5) {
    // Maclaurin series of erf for small arguments (accurate to ~1e-16).
    let term = z;
    let sum = z;
    for (let n = 1; n < 30; n++) {
      term *= (-z * z) / n;
      sum += term / (2 * n + 1);
    }
    const erf = (2 / Math.sqrt(Math.PI)) * sum;
    return x >= 0 ? 1 - erf : 1 + erf;
  }
  // Continued fraction (Lentz) for erfc, accurate to ~1e-15 for z ≥ 0.5.
  const tiny = 1e-300;
  let f = z;
  let c = z;
  let d = 0;
  for (let i = 1; i < 300; i++) {
    const a = i / 2;
    d = z + a * d;
    d = d === 0 ? tiny : d;
    c = z + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const value = Math.exp(-z * z) / (f * Math.sqrt(Math.PI));
  return x >= 0 ? value : 2 - value;
}

/**
 * The smallest Gaussian noise σ giving (ε, δ)-differential privacy for a query
 * of L2 sensitivity Δ, by the analytic Gaussian mechanism (Balle & Wang 2018,
 * Theorem 8): δ(σ) = Φ(Δ/2σ − εσ/Δ) − e^ε Φ(−Δ/2σ − εσ/Δ), solved by bisection.
 * Valid for every ε > 0, unlike the classic σ = Δ√(2 ln(1.25/δ))/ε (ε < 1 only).
 *
 * @param epsilon - ε > 0
 * @param delta - δ in (0, 1)
 * @param sensitivity - Δ (L2) > 0
 * @returns σ
 * @throws {ValidationError} on parameters out of range
 */
export function analyticGaussianSigma(epsilon: number, delta: number, sensitivity: number): number {
  if (!(epsilon > 0) || !(delta > 0 && delta < 1) || !(sensitivity > 0)) {
    throw new ValidationError(
      'gaussian mechanism needs epsilon > 0, 0 < delta < 1 and sensitivity > 0',
      {
        reason: 'invalid-parameter',
        path: 'options',
      },
    );
  }
  const deltaOf = (sigma: number) =>
    phi(sensitivity / (2 * sigma) - (epsilon * sigma) / sensitivity) -
    Math.exp(epsilon) * phi(-sensitivity / (2 * sigma) - (epsilon * sigma) / sensitivity);
  let low = 1e-6 * sensitivity;
  let high = sensitivity;
  while (deltaOf(high) > delta) high *= 2;
  for (let i = 0; i < 200 && high - low > 1e-12 * high; i++) {
    const mid = (low + high) / 2;
    if (deltaOf(mid) > delta) low = mid;
    else high = mid;
  }
  return high;
}
