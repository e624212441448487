import { describe, expect, it } from 'vitest';
import { evaluateGeneralization } from '../../src/anonymity/evaluate.ts';
import { aggregate, arxRound, resolveMetric } from '../../src/anonymity/metrics.ts';

// Eight records, two QIs. At levels {a:1, b:0} the classes are
// (x,p):3  (x,q):3  (y,p):1  (y,q):1  — with k=2 and 25% suppression the two
// singletons are suppressed.
const a = [
  ['1', 'x', '*'],
  ['2', 'x', '*'],
  ['3', 'y', '*'],
  ['4', 'y', '*'],
];
const b = [
  ['p', '*'],
  ['q', '*'],
  ['r', '*'],
];
const records = [
  { a: '1', b: 'p' },
  { a: '1', b: 'p' },
  { a: '2', b: 'p' },
  { a: '1', b: 'q' },
  { a: '2', b: 'q' },
  { a: '2', b: 'q' },
  { a: '3', b: 'p' },
  { a: '4', b: 'q' },
];
const base = {
  quasiIdentifiers: ['a', 'b'],
  hierarchies: { a, b },
  k: 2,
  suppressionLimit: 0.25,
  levels: { a: 1, b: 0 },
};
const log2 = Math.log2;

describe('ARX metrics on a hand-computed node', () => {
  it('non-uniform entropy, monotonic: Σ a·log2(b/a), suppression ignored', () => {
    const e = evaluateGeneralization(records, { ...base, metric: 'non-uniform-entropy' });
    // Column a at level 1: '1'(3) and '2'(3) share 'x'(6); '3'(1),'4'(1) share 'y'(2).
    const colA = 3 * log2(6 / 3) * 2 + 1 * log2(2 / 1) * 2;
    expect(e.perAttribute).toEqual({ a: arxRound(colA), b: 0 });
    expect(e.value).toBe(arxRound(colA));
    expect(e.suppressed).toBe(2);
    expect(e.anonymous).toBe(true);
  });

  it('non-uniform entropy, non-monotonic: adds entropy of the suppressed values', () => {
    const e = evaluateGeneralization(records, {
      ...base,
      metric: { name: 'non-uniform-entropy', monotonic: false },
    });
    // Suppressed: (y,p) and (y,q): column a value y twice → 2·log2(2/2)=0; column b p,q → 2·(1·log2(1/2)).
    const colA = 3 * log2(6 / 3) * 2 + 1 * log2(2 / 1) * 2;
    const colB = -2 * log2(1 / 2);
    expect(e.perAttribute).toEqual({ a: arxRound(colA), b: arxRound(colB) });
  });

  it('discernibility: DM* = Σ|class|²; non-monotonic DM charges n·|class| for suppressed classes', () => {
    expect(evaluateGeneralization(records, { ...base, metric: 'discernibility' }).value).toBe(
      9 + 9 + 1 + 1,
    );
    expect(
      evaluateGeneralization(records, {
        ...base,
        metric: { name: 'discernibility', monotonic: false },
      }).value,
    ).toBe(9 + 9 + 8 + 8);
  });

  it('AECS: n / (kept classes + 1 for the suppressed ones)', () => {
    expect(evaluateGeneralization(records, { ...base, metric: 'aecs' }).value).toBe(8 / 3);
  });

  it('precision: non-monotonic (kept·level/height + suppressed)/n, arithmetic mean', () => {
    const e = evaluateGeneralization(records, { ...base, metric: 'precision' });
    expect(e.perAttribute).toEqual({ a: (6 * 0.5 + 2) / 8, b: (6 * 0 + 2) / 8 });
    expect(e.value).toBe((6 * 0.5 + 2) / 8 / 2 + (6 * 0 + 2) / 8 / 2);
    const m = evaluateGeneralization(records, {
      ...base,
      metric: { name: 'precision', monotonic: true },
    });
    expect(m.perAttribute).toEqual({ a: 0.5, b: 0 });
  });

  it('loss: domain shares normalized by (x − n/|domain|)/(n − n/|domain|), geometric mean', () => {
    const e = evaluateGeneralization(records, { ...base, metric: 'loss' });
    // Column a: kept classes x (6 records) share 2/4; suppressed 2 records count fully.
    const sumA = 6 * (2 / 4) + 2;
    const minA = 8 / 4;
    const lossA = arxRound((sumA - minA) / (8 - minA));
    // Column b (level 0): kept 6 records share 1/3; suppressed 2 count fully.
    const sumB = 6 * (1 / 3) + 2;
    const minB = 8 / 3;
    const lossB = arxRound(Math.max(0, (sumB - minB) / (8 - minB)));
    expect(e.perAttribute).toEqual({ a: lossA, b: lossB });
    expect(e.value).toBeCloseTo((lossA + 1) ** 0.5 * (lossB + 1) ** 0.5 - 1, 15);
  });

  it('defaults follow ARX', () => {
    expect(resolveMetric('non-uniform-entropy')).toMatchObject({
      monotonic: true,
      aggregate: 'sum',
      gsFactor: 0.5,
    });
    expect(resolveMetric('discernibility')).toMatchObject({ monotonic: true });
    expect(resolveMetric('loss')).toMatchObject({ monotonic: false, aggregate: 'geometric-mean' });
    expect(resolveMetric('precision')).toMatchObject({
      monotonic: false,
      aggregate: 'arithmetic-mean',
    });
    expect(resolveMetric({ name: 'aecs', monotonic: true }).monotonic).toBe(false);
  });

  it('aggregates as ARX', () => {
    expect(aggregate([1, 2, 3], 'sum')).toBe(6);
    expect(aggregate([1, 2, 3], 'arithmetic-mean')).toBeCloseTo(2, 15);
    expect(aggregate([0, 3], 'geometric-mean')).toBeCloseTo(1, 15);
    expect(aggregate([1, 5, 3], 'maximum')).toBe(5);
    expect(arxRound(0.123456789012345)).toBe(0.123456789);
  });
});
