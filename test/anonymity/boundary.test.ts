// Hostile arguments at the public entry points give a ValidationError with a
// stable reason (issue 12), never a TypeError, and spend no privacy budget.
import { describe, expect, it } from 'vitest';
import { fitsBudget } from '../../src/anonymity/dp/budget.ts';
import { addNoise } from '../../src/anonymity/dp/mechanisms.ts';
import { normalCdf, sampleGaussian, sampleLaplace } from '../../src/anonymity/dp/noise.ts';
import { validateHierarchy } from '../../src/anonymity/hierarchy.ts';
import {
  checkAnonymous,
  createPrivacyAccountant,
  dateHierarchy,
  dpCount,
  dpHistogram,
  dpMean,
  dpSum,
  measureAnonymity,
  optimalGeneralization,
  parseHierarchyCsv,
  prepareTable,
  regionHierarchy,
  renderAnonymityReport,
  riskGrade,
} from '../../src/anonymity/index.ts';
import { aggregate, resolveMetric } from '../../src/anonymity/metrics.ts';
import { escapeHtml } from '../../src/anonymity/report.ts';
import { asyncReasonOf, reasonOf } from '../helpers/validation-reason.ts';

const nullProto = Object.create(null) as object;
const fixed = (bytes: Uint8Array) => bytes.fill(7);

describe('anonymity entry points reject malformed arguments', () => {
  it('prepareTable checks options, quasi-identifiers, sensitive names and hierarchies', () => {
    const rows = [{ a: '1' }];
    const hierarchies = { a: [['1', '*']] };
    expect(reasonOf(() => prepareTable(rows, null as never))).toBe('invalid-options');
    expect(reasonOf(() => prepareTable(rows, { quasiIdentifiers: 0, hierarchies } as never))).toBe(
      'invalid-quasi-identifiers',
    );
    expect(
      reasonOf(() => prepareTable(rows, { quasiIdentifiers: [Symbol('a')], hierarchies } as never)),
    ).toBe('invalid-quasi-identifiers');
    expect(
      reasonOf(() =>
        prepareTable(rows, { quasiIdentifiers: ['a'], hierarchies, sensitive: 'b' } as never),
      ),
    ).toBe('invalid-options');
    expect(
      reasonOf(() => prepareTable(rows, { quasiIdentifiers: ['a'], hierarchies: 5 } as never)),
    ).toBe('invalid-options');
    // An inherited property is not a hierarchy.
    expect(
      reasonOf(() =>
        prepareTable([{ constructor: '1' }], {
          quasiIdentifiers: ['constructor'],
          hierarchies: {},
        }),
      ),
    ).toBe('missing-hierarchy');
    expect(prepareTable(rows, { quasiIdentifiers: ['a'], hierarchies }).rows).toBe(1);
  });

  it('hierarchies: non-string text, names and values, unknown date levels', () => {
    expect(reasonOf(() => parseHierarchyCsv(new Map() as never))).toBe('invalid-argument');
    expect(reasonOf(() => parseHierarchyCsv('a;*', '' as never))).toBe('invalid-argument');
    expect(reasonOf(() => validateHierarchy([['a', '*']], nullProto as never))).toBe(
      'invalid-argument',
    );
    expect(reasonOf(() => validateHierarchy([null, ['a']] as never, 'x'))).toBe('hierarchy-empty');
    expect(reasonOf(() => dateHierarchy(0 as never))).toBe('not-iterable');
    expect(reasonOf(() => dateHierarchy([nullProto, Symbol('d')] as never))).toBe('not-a-date');
    expect(reasonOf(() => dateHierarchy(['2024-03-01'], ['week'] as never))).toBe('invalid-levels');
    expect(reasonOf(() => regionHierarchy(0 as never))).toBe('not-iterable');
    expect(reasonOf(() => regionHierarchy(['350102'], null as never))).toBe('invalid-argument');
    expect(reasonOf(() => regionHierarchy(['350102'], { generalize: 1 } as never))).toBe(
      'invalid-argument',
    );
  });

  it('riskGrade, resolveMetric, aggregate and escapeHtml check their arguments', () => {
    const measures = measureAnonymity([{ a: '1' }, { a: '1' }], { quasiIdentifiers: ['a'] });
    expect(reasonOf(() => riskGrade(0 as never))).toBe('invalid-argument');
    expect(reasonOf(() => riskGrade({ prosecutor: nullProto } as never))).toBe('invalid-argument');
    expect(reasonOf(() => riskGrade(measures, { maxHighestRisk: Number.NaN }))).toBe(
      'invalid-parameter',
    );
    expect(reasonOf(() => resolveMetric(0 as never))).toBe('unknown-metric');
    expect(reasonOf(() => resolveMetric('toString' as never))).toBe('unknown-metric');
    expect(reasonOf(() => resolveMetric({ name: 'loss', aggregate: 'median' } as never))).toBe(
      'invalid-parameter',
    );
    expect(resolveMetric({ name: 'precision', monotonic: true }).monotonic).toBe(true);
    expect(reasonOf(() => aggregate(0 as never, 'sum'))).toBe('invalid-argument');
    expect(reasonOf(() => aggregate([nullProto] as never, 'sum'))).toBe('invalid-argument');
    expect(reasonOf(() => aggregate([1], 'median' as never))).toBe('invalid-parameter');
    expect(reasonOf(() => escapeHtml(0 as never))).toBe('invalid-argument');
  });

  it('renderAnonymityReport checks measures, levels and metric', () => {
    const m = measureAnonymity([{ a: '1' }, { a: '1' }], { quasiIdentifiers: ['a'] });
    expect(reasonOf(() => renderAnonymityReport(0 as never))).toBe('invalid-argument');
    expect(reasonOf(() => renderAnonymityReport({ before: m, after: {} } as never))).toBe(
      'invalid-argument',
    );
    expect(
      reasonOf(() =>
        renderAnonymityReport({ before: m, after: m, levels: { a: Symbol('l') } } as never),
      ),
    ).toBe('invalid-argument');
    expect(
      reasonOf(() => renderAnonymityReport({ before: m, after: m, metric: { name: 1 } } as never)),
    ).toBe('invalid-argument');
    // A level named like an Object.prototype member reads no inherited maximum.
    const html = renderAnonymityReport({ before: m, after: m, levels: { constructor: 1 } });
    expect(html).not.toContain('function');
  });

  it('the release keeps null-prototype pass-through cells as text', () => {
    const rows = [
      { a: '1', note: nullProto },
      { a: '1', note: Symbol('s') },
    ];
    const out = optimalGeneralization(rows as never, {
      quasiIdentifiers: ['a'],
      hierarchies: { a: [['1', '*']] },
      k: 2,
      suppressionLimit: 0,
      metric: 'loss',
    });
    expect(out.apply().map((r) => r.note)).toEqual(['[object Object]', 'Symbol(s)']);
    expect(
      reasonOf(() =>
        checkAnonymous([{ a: '1', s: nullProto }] as never, {
          quasiIdentifiers: ['a'],
          k: 1,
          lDiversity: { attribute: 's', l: 2, variant: 'recursive', c: 2 },
        }),
      ),
    ).toBe('missing-value');
  });
});

describe('differential privacy rejects malformed parameters before spending', () => {
  it('addNoise checks value, sensitivity, options and mechanism', () => {
    expect(reasonOf(() => addNoise(0, 1, undefined as never))).toBe('invalid-argument');
    expect(reasonOf(() => addNoise(nullProto as never, 1, { epsilon: 1 }))).toBe(
      'invalid-argument',
    );
    expect(reasonOf(() => addNoise(Number.NaN, 1, { epsilon: 1 }))).toBe('invalid-argument');
    expect(reasonOf(() => addNoise(0, 1, { epsilon: 1, mechanism: 'cauchy' as never }))).toBe(
      'invalid-parameter',
    );
    expect(
      reasonOf(() =>
        addNoise(0, 1, { epsilon: 1, mechanism: 'gaussian', delta: nullProto } as never),
      ),
    ).toBe('invalid-parameter');
    expect(reasonOf(() => addNoise(0, 1, { epsilon: 1, random: 3 } as never))).toBe(
      'invalid-parameter',
    );
    expect(reasonOf(() => addNoise(0, 1, { epsilon: 1, random: () => undefined } as never))).toBe(
      'invalid-random-source',
    );
  });

  it('dpCount, dpSum, dpMean and dpHistogram refuse before charging the budget', async () => {
    const budget = createPrivacyAccountant({ id: 'b', epsilon: 1 });
    expect(await asyncReasonOf(() => dpCount(nullProto as never, { epsilon: 1, budget }))).toBe(
      'invalid-argument',
    );
    expect(
      await asyncReasonOf(() => dpCount(1, { epsilon: 1, mechanism: 'gaussian', budget })),
    ).toBe('invalid-parameter');
    expect(
      await asyncReasonOf(() =>
        dpSum(0 as never, { epsilon: 1, lower: 0, upper: 1, budget, random: fixed }),
      ),
    ).toBe('not-iterable');
    expect(
      await asyncReasonOf(() =>
        dpMean(0 as never, { epsilon: 1, lower: 0, upper: 1, budget, random: fixed }),
      ),
    ).toBe('not-iterable');
    expect(await asyncReasonOf(() => dpSum([1], undefined as never))).toBe('invalid-argument');
    expect(await asyncReasonOf(() => dpHistogram(0 as never, ['a'], { epsilon: 1, budget }))).toBe(
      'not-iterable',
    );
    expect(
      await asyncReasonOf(() => dpHistogram(['a'], [nullProto] as never, { epsilon: 1, budget })),
    ).toBe('invalid-bins');
    expect(await asyncReasonOf(() => dpCount(1, { epsilon: 1, budget: {} as never }))).toBe(
      'invalid-parameter',
    );
    expect(await budget.remaining()).toEqual({ epsilon: 1, delta: 0 });
  });

  it('a histogram bin named __proto__ is an own key', async () => {
    const h = await dpHistogram(['__proto__'], ['__proto__', 'a'], {
      epsilon: 1e6,
      random: fixed,
    });
    expect(Object.keys(h)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(h)).toBe(Object.prototype);
  });

  it('samplers and normalCdf check their arguments; normalCdf has exact limits', () => {
    expect(reasonOf(() => normalCdf(nullProto as never))).toBe('invalid-parameter');
    expect(reasonOf(() => normalCdf(Number.NaN))).toBe('invalid-parameter');
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(reasonOf(() => sampleLaplace(nullProto as never, fixed))).toBe('invalid-parameter');
    expect(reasonOf(() => sampleLaplace(Number.POSITIVE_INFINITY, fixed))).toBe(
      'invalid-parameter',
    );
    expect(reasonOf(() => sampleLaplace(1, 'x' as never))).toBe('invalid-argument');
    expect(reasonOf(() => sampleGaussian(0, fixed))).toBe('invalid-parameter');
  });

  it('fitsBudget checks every total', () => {
    const zero = { epsilon: 0, delta: 0 };
    expect(reasonOf(() => fitsBudget(null as never, zero, zero))).toBe('invalid-argument');
    expect(reasonOf(() => fitsBudget(zero, { epsilon: nullProto, delta: 0 } as never, zero))).toBe(
      'invalid-parameter',
    );
    expect(fitsBudget(zero, { epsilon: 0.5, delta: 0 }, { epsilon: 1, delta: 0 })).toBe(true);
  });
});
