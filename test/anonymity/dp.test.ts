import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { addNoise, dpHistogram, dpMean, dpSum } from '../../src/anonymity/dp/mechanisms.ts';
import {
  analyticGaussianSigma,
  normalCdf,
  sampleGaussian,
  sampleLaplace,
  uniform53,
} from '../../src/anonymity/dp/noise.ts';
import type { RandomSource } from '../../src/core/random.ts';
import { ValidationError } from '../../src/errors/index.ts';

/** A deterministic RandomSource for tests only: SHA-256 in counter mode. */
function seeded(seed: number): RandomSource {
  let counter = 0;
  let pool = new Uint8Array(0);
  return (bytes) => {
    let filled = 0;
    while (filled < bytes.length) {
      if (pool.length === 0) {
        const block = new Uint8Array(8);
        new DataView(block.buffer).setUint32(0, seed);
        new DataView(block.buffer).setUint32(4, counter++);
        pool = sha256(block);
      }
      const take = Math.min(pool.length, bytes.length - filled);
      bytes.set(pool.subarray(0, take), filled);
      pool = pool.subarray(take);
      filled += take;
    }
    return bytes;
  };
}

/** Kolmogorov–Smirnov statistic of samples against a CDF. */
function ks(samples: number[], cdf: (x: number) => number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  let d = 0;
  sorted.forEach((x, i) => {
    const f = cdf(x);
    d = Math.max(d, Math.abs(f - i / sorted.length), Math.abs((i + 1) / sorted.length - f));
  });
  return d;
}

const N = 4000;
// Critical value at α = 0.001: 1.95 / √n.
const CRITICAL = 1.95 / Math.sqrt(N);

describe('noise samplers (KS tests at a fixed seed)', () => {
  it('uniform53 stays in (0, 1], exact at both ends', () => {
    expect(uniform53((b) => b.fill(0))).toBe(2 ** -53);
    expect(uniform53((b) => b.fill(255))).toBe(1);
    const random = seeded(1);
    const samples = Array.from({ length: N }, () => uniform53(random));
    expect(ks(samples, (x) => x)).toBeLessThan(CRITICAL);
  });

  it('Laplace(0, b) follows its CDF', () => {
    const random = seeded(2);
    const b = 2;
    const samples = Array.from({ length: N }, () => sampleLaplace(b, random));
    const cdf = (x: number) => (x < 0 ? 0.5 * Math.exp(x / b) : 1 - 0.5 * Math.exp(-x / b));
    expect(ks(samples, cdf)).toBeLessThan(CRITICAL);
    expect(Number.isFinite(sampleLaplace(1, (bytes) => bytes.fill(0)))).toBe(true);
    expect(Number.isFinite(sampleLaplace(1, (bytes) => bytes.fill(255)))).toBe(true);
  });

  it('Gaussian(0, σ) follows its CDF', () => {
    const random = seeded(3);
    const sigma = 3;
    const samples = Array.from({ length: N }, () => sampleGaussian(sigma, random));
    expect(ks(samples, (x) => normalCdf(x / sigma))).toBeLessThan(CRITICAL);
  });

  it('a wrong distribution is rejected by the same test', () => {
    const random = seeded(4);
    const samples = Array.from({ length: N }, () => sampleLaplace(1, random));
    expect(ks(samples, (x) => normalCdf(x))).toBeGreaterThan(CRITICAL);
  });
});

describe('mechanisms', () => {
  it('normal CDF matches known values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 15);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 12);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 13);
  });

  it('analytic Gaussian σ meets δ exactly and beats the classic bound', () => {
    const sigma = analyticGaussianSigma(1, 1e-5, 1);
    const delta = normalCdf(1 / (2 * sigma) - sigma) - Math.E * normalCdf(-1 / (2 * sigma) - sigma);
    expect(delta).toBeLessThanOrEqual(1e-5);
    expect(delta).toBeGreaterThan(0.999e-5);
    expect(sigma).toBeLessThan(Math.sqrt(2 * Math.log(1.25 / 1e-5)));
    expect(sigma).toBeCloseTo(3.73, 1);
  });

  it('Laplace noise on a count has scale Δ/ε (mean absolute deviation)', () => {
    const random = seeded(5);
    let mad = 0;
    for (let i = 0; i < N; i++) mad += Math.abs(addNoise(100, 1, { epsilon: 0.5, random }) - 100);
    expect(mad / N).toBeGreaterThan(1.9);
    expect(mad / N).toBeLessThan(2.1);
  });

  it('sum and mean clamp to the declared bounds', async () => {
    const random = seeded(6);
    const values = [1, 2, 3, 1000];
    const sums: number[] = [];
    for (let i = 0; i < 500; i++)
      sums.push(await dpSum(values, { lower: 0, upper: 10, epsilon: 1, random }));
    // 1000 is clamped to 10: the exact sum is 16; the mean of 500 draws has std ≈ 0.63.
    expect(Math.abs(sums.reduce((a, b) => a + b, 0) / sums.length - 16)).toBeLessThan(2.5);
    const mean = await dpMean(values, { lower: 0, upper: 10, epsilon: 1e6, random });
    expect(mean).toBeCloseTo(4, 3);
    await expect(dpSum(values, { lower: 5, upper: 1, epsilon: 1 })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('histograms cover exactly the declared bins', async () => {
    const h = await dpHistogram(['a', 'b', 'b', 'zzz'], ['a', 'b', 'c'], {
      epsilon: 1e6,
      random: seeded(7),
    });
    expect(Object.keys(h)).toEqual(['a', 'b', 'c']);
    expect(h.a).toBeCloseTo(1, 3);
    expect(h.b).toBeCloseTo(2, 3);
    expect(h.c).toBeCloseTo(0, 3);
    const g = await dpHistogram(['a'], ['a'], {
      epsilon: 1,
      delta: 1e-6,
      mechanism: 'gaussian',
      random: seeded(8),
    });
    expect(Number.isFinite(g.a)).toBe(true);
  });

  it('rejects bad parameters', () => {
    expect(() => addNoise(1, 1, { epsilon: 0 })).toThrow(ValidationError);
    expect(() => addNoise(1, 1, { epsilon: 1, mechanism: 'gaussian' })).toThrow(ValidationError);
    expect(() => analyticGaussianSigma(1, 2, 1)).toThrow(ValidationError);
  });
});
