import { describe, expect, it } from 'vitest';
import { evaluateGeneralization } from '../../src/anonymity/evaluate.ts';
import { prepareTable } from '../../src/anonymity/prepare.ts';
import { optimalGeneralization } from '../../src/anonymity/search.ts';
import { adultAttributes, loadAdult } from './adult.ts';

// ARX's published optima (TestAnonymizationKAnonymity, Metric.createEntropyMetric(true)),
// listed in shared/data/adult/README.md; verified there by exhaustive search.
const published = [
  { k: 5, suppression: 0.04, value: 255559.85455731067, levels: [1, 0, 1, 1, 3, 2, 2, 0, 1] },
  { k: 100, suppression: 0.04, value: 379417.3460570988, levels: [1, 1, 1, 1, 3, 2, 2, 1, 1] },
  { k: 5, suppression: 0, value: 407289.5388925293, levels: [1, 2, 1, 1, 3, 2, 2, 1, 1] },
  { k: 100, suppression: 0, value: 453196.8932458743, levels: [0, 4, 1, 1, 3, 2, 2, 1, 1] },
];

describe('UCI Adult: ARX published optima (non-uniform entropy, 9 QIs)', () => {
  const { records, hierarchies } = loadAdult();
  const prepared = prepareTable(records, { quasiIdentifiers: adultAttributes, hierarchies });

  it.each(published)('k=$k, suppression $suppression', ({ k, suppression, value, levels }) => {
    const result = optimalGeneralization(prepared, {
      quasiIdentifiers: adultAttributes,
      hierarchies,
      k,
      suppressionLimit: suppression,
      metric: 'non-uniform-entropy',
    });
    expect(adultAttributes.map((a) => result.levels[a])).toEqual(levels);
    expect(Math.abs(result.value - value) / value).toBeLessThan(1e-9);
    expect(result.suppressed).toBeLessThanOrEqual(Math.floor(suppression * records.length));
  });

  it('evaluates the published nodes to the published values', () => {
    for (const { k, suppression, value, levels } of published) {
      const evaluation = evaluateGeneralization(prepared, {
        quasiIdentifiers: adultAttributes,
        hierarchies,
        k,
        suppressionLimit: suppression,
        metric: 'non-uniform-entropy',
        levels: Object.fromEntries(adultAttributes.map((a, i) => [a, levels[i]!])),
      });
      expect(evaluation.anonymous).toBe(true);
      expect(Math.abs(evaluation.value - value) / value).toBeLessThan(1e-9);
    }
  });
});
