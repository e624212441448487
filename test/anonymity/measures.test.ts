import { describe, expect, it } from 'vitest';
import {
  equalDistanceEmd,
  hierarchicalDistanceEmd,
  orderedDistanceEmd,
} from '../../src/anonymity/emd.ts';
import { measureAnonymity } from '../../src/anonymity/measures.ts';
import { riskGrade } from '../../src/anonymity/risk-grade.ts';

describe('t-closeness EMD (Li, Li, Venkatasubramanian 2007 examples)', () => {
  // Salaries 3k…11k, each once; P1 = {3k,4k,5k}, P2 = {6k,8k,11k}.
  const global = new Int32Array(9).fill(1);
  const rank = Int32Array.from({ length: 9 }, (_, i) => i);
  it('ordered distance: D[P1,Q] = 0.375, D[P2,Q] = 0.1667', () => {
    const emd = orderedDistanceEmd(global, rank);
    expect(emd(Int32Array.from([1, 1, 1, 0, 0, 0, 0, 0, 0]), 3)).toBeCloseTo(0.375, 12);
    expect(emd(Int32Array.from([0, 0, 0, 1, 0, 1, 0, 0, 1]), 3)).toBeCloseTo(1 / 6, 12);
  });
  it('equal distance: half the L1 distance', () => {
    const emd = equalDistanceEmd(global);
    expect(emd(Int32Array.from([1, 1, 1, 0, 0, 0, 0, 0, 0]), 3)).toBeCloseTo(2 / 3, 12);
    expect(emd(global, 9)).toBe(0);
  });
  it('hierarchical distance: costs height/H · min(extra⁺, extra⁻) per node', () => {
    const values = [
      'gastric ulcer',
      'gastritis',
      'stomach cancer',
      'colitis',
      'diarrhea',
      'colon cancer',
      'flu',
      'pneumonia',
      'bronchitis',
    ];
    const hierarchy = values.map((v, i) =>
      i < 3
        ? [v, 'stomach', 'digestive', '*']
        : i < 6
          ? [v, 'colon', 'digestive', '*']
          : [v, 'respiratory', 'respiratory', '*'],
    );
    const emd = hierarchicalDistanceEmd(global, values, hierarchy, 'disease');
    // Stomach leaves +2/9 each: digestive node pairs +6/9 with −3/9 (cost 2/3·3/9), root +3/9 with −3/9 (cost 3/9).
    expect(emd(Int32Array.from([1, 1, 1, 0, 0, 0, 0, 0, 0]), 3)).toBeCloseTo(5 / 9, 12);
    expect(emd(global, 9)).toBeCloseTo(0, 12);
  });
});

describe('measureAnonymity', () => {
  const table = [
    { age: '30-39', zip: '100**', disease: 'flu' },
    { age: '30-39', zip: '100**', disease: 'hiv' },
    { age: '30-39', zip: '100**', disease: 'flu' },
    { age: '40-49', zip: '200**', disease: 'cold' },
    { age: '40-49', zip: '200**', disease: 'cold' },
    { age: '50-59', zip: '300**', disease: 'flu' },
    { age: '*', zip: '*', disease: 'hiv' },
  ];
  const m = measureAnonymity(table, { quasiIdentifiers: ['age', 'zip'], sensitive: ['disease'] });

  it('classes, k, histogram, suppressed records, uniques', () => {
    expect(m.records).toBe(6);
    expect(m.suppressed).toBe(1);
    expect(m.classes).toBe(3);
    expect(m.k).toBe(1);
    expect(m.classSizes).toEqual([
      { size: 1, classes: 1 },
      { size: 2, classes: 1 },
      { size: 3, classes: 1 },
    ]);
    expect(m.uniqueShare).toBeCloseTo(1 / 6, 15);
  });

  it('prosecutor and marketer risk', () => {
    expect(m.prosecutor.highest).toBe(1);
    expect(m.prosecutor.average).toBeCloseTo(3 / 6, 15);
    expect(m.prosecutor.recordsAtHighest).toBeCloseTo(1 / 6, 15);
    expect(m.marketer).toBeCloseTo(0.5, 15);
  });

  it('l-diversity: distinct, entropy and recursive c', () => {
    expect(m.lDiversity.disease!.distinct).toBe(1);
    expect(m.lDiversity.disease!.entropy).toBeCloseTo(1, 12);
    expect(m.lDiversity.disease!.recursiveC2).toBe(Number.POSITIVE_INFINITY);
  });

  it('journalist risk against a population', () => {
    const population = [
      ...table,
      { age: '50-59', zip: '300**', disease: 'x' },
      { age: '50-59', zip: '300**', disease: 'y' },
    ];
    const j = measureAnonymity(table, { quasiIdentifiers: ['age', 'zip'], population });
    expect(j.journalist!.highest).toBeCloseTo(1 / 2, 15);
    // Records: 3 in a class of 3, 2 in a class of 2, 1 in a population class of 3.
    expect(j.journalist!.average).toBeCloseTo((3 / 3 + 2 / 2 + 1 / 3) / 6, 15);
    expect(j.marketer).toBe(j.journalist!.average);
    expect(j.populationUniqueShare).toBe(0);
  });

  it('grades per GB/T 42460-2023 levels with documented thresholds', () => {
    expect(riskGrade(m).grade).toBe(2);
    expect(riskGrade(m, { directIdentifiers: true }).grade).toBe(1);
    expect(riskGrade(m, { aggregate: true }).grade).toBe(4);
    const safe = measureAnonymity(
      Array.from({ length: 100 }, (_, i) => ({ band: String(i % 4) })),
      { quasiIdentifiers: ['band'] },
    );
    expect(riskGrade(safe)).toMatchObject({
      grade: 3,
      highestRisk: 1 / 25,
      thresholds: { maxHighestRisk: 0.2 },
    });
  });
});
