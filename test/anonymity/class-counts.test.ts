import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classCountsToMeasures } from '../../src/anonymity/class-counts.ts';
import {
  checkAnonymous,
  checkClassCounts,
  createClassCounter,
  measureAnonymity,
} from '../../src/anonymity/index.ts';

const QIS = ['age', 'zip'];
const row = fc.record({
  age: fc.constantFrom('20-29', '30-39', '40-49', '*'),
  zip: fc.constantFrom('350100', '350200', '*'),
  disease: fc.constantFrom('flu', 'hiv', 'cold', 'gastritis'),
});

function countsOf(rows: readonly Record<string, string>[], parts = 1) {
  // Count in `parts` pieces and merge, as workers do.
  const whole = createClassCounter(QIS, ['disease']);
  const size = Math.ceil(rows.length / parts);
  for (let p = 0; p < parts; p++) {
    const piece = createClassCounter(QIS, ['disease']);
    for (const r of rows.slice(p * size, (p + 1) * size))
      piece.add([r.age, r.zip, r.disease] as string[]);
    whole.merge(piece.serialize());
  }
  return whole.serialize();
}

describe('class counts (streamed, mergeable)', () => {
  it('agree with measureAnonymity and checkAnonymous on random tables, however they are split (property)', () => {
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        (rows, parts, k) => {
          const counts = countsOf(rows, parts);
          const table = rows.map((r) => ({ ...r }));
          const reference = measureAnonymity(table, { quasiIdentifiers: QIS });
          const streamed = classCountsToMeasures(counts);
          expect(streamed.k).toBe(reference.k);
          expect(streamed.classes).toBe(reference.classes);
          expect(streamed.suppressed).toBe(reference.suppressed);
          expect(streamed.classSizes).toEqual(reference.classSizes);
          expect(streamed.prosecutor.average).toBeCloseTo(reference.prosecutor.average, 12);
          const requirements = {
            quasiIdentifiers: QIS,
            k,
            lDiversity: { attribute: 'disease', l: 2 },
            tCloseness: { attribute: 'disease', t: 0.4 },
          };
          const expected = checkAnonymous(table, requirements)
            .failures.map((f) => f.code)
            .sort();
          const actual = checkClassCounts(counts, requirements)
            .failures.map((f) => f.code)
            .sort();
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses counts over other attributes and requirements it cannot decide', () => {
    const a = createClassCounter(['age'], []);
    expect(() => a.merge(createClassCounter(['zip'], []).serialize())).toThrow(/cannot merge/);
    expect(() =>
      checkClassCounts(a.serialize(), { quasiIdentifiers: ['age'], k: 2, population: [] }),
    ).toThrow(/population/);
  });
});
