import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { optimalGeneralization } from '../../src/anonymity/search.ts';
import type { MetricName } from '../../src/anonymity/types.ts';
import { AnonymityError, DataguardError, ValidationError } from '../../src/errors/index.ts';
import { bruteForce } from './brute-force.ts';

/** A random table over 3-4 QIs with small hierarchies and a sensitive attribute. */
function randomTable(seed: number, rows: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const ages = Array.from({ length: 12 }, (_, i) => String(20 + i * 3));
  const age = ages.map((a) => {
    const n = Number(a);
    return [a, `${n - (n % 10)}-${n - (n % 10) + 9}`, n < 40 ? 'young' : 'old', '*'];
  });
  const zips = ['10001', '10002', '10011', '10012', '20001', '20002'];
  const zip = zips.map((z) => [z, `${z.slice(0, 4)}*`, `${z.slice(0, 3)}**`, '*']);
  const sex = [
    ['F', '*'],
    ['M', '*'],
  ];
  const edu = ['a', 'b', 'c', 'd', 'e'].map((e, i) => [e, i < 2 ? 'low' : 'high', '*']);
  const diseases = ['flu', 'hiv', 'cold', 'cancer'];
  const records = Array.from({ length: rows }, () => ({
    age: ages[Math.floor(next() ** 1.5 * ages.length)]!,
    zip: zips[Math.floor(next() * zips.length)]!,
    sex: next() < 0.6 ? 'F' : 'M',
    edu: ['a', 'b', 'c', 'd', 'e'][Math.floor(next() ** 2 * 5)]!,
    disease: diseases[Math.floor(next() ** 2 * diseases.length)]!,
  }));
  return { records, hierarchies: { age, zip, sex, edu } };
}

const metrics: MetricName[] = [
  'non-uniform-entropy',
  'discernibility',
  'loss',
  'precision',
  'aecs',
];

describe('optimalGeneralization matches exhaustive search', () => {
  it('on random tables, every metric and variant, k and suppression', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.integer({ min: 15, max: 60 }),
        fc.constantFrom(...metrics),
        fc.boolean(),
        fc.constantFrom(2, 3, 5),
        fc.constantFrom(0, 0.05, 0.1, 0.3),
        fc.constantFrom(3, 4),
        (seed, rows, metric, monotonic, k, suppressionLimit, width) => {
          const { records, hierarchies } = randomTable(seed, rows);
          const quasiIdentifiers = ['age', 'zip', 'sex', 'edu'].slice(0, width);
          const options = {
            quasiIdentifiers,
            hierarchies,
            k,
            suppressionLimit,
            metric: { name: metric, monotonic },
          };
          const expected = bruteForce(records, options);
          if (expected === undefined) {
            expect(() => optimalGeneralization(records, options)).toThrow(AnonymityError);
            return;
          }
          const result = optimalGeneralization(records, options);
          expect(result.value).toBe(expected.value);
          const levels = quasiIdentifiers.map((q) => result.levels[q]);
          expect(expected.optima).toContainEqual(levels);
        },
      ),
      { numRuns: Number(process.env.ANON_RUNS ?? 150) },
    );
  });

  it('with l-diversity and t-closeness (non-monotonic with suppression)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.constantFrom(...metrics),
        fc.constantFrom(0, 0.1, 0.3),
        fc.constantFrom('distinct', 'entropy', 'recursive', 'equal', 'ordered', 'hierarchical'),
        (seed, metric, suppressionLimit, model) => {
          const { records, hierarchies } = randomTable(seed, 50);
          const quasiIdentifiers = ['age', 'zip', 'sex'];
          const diseaseHierarchy = [
            ['flu', 'respiratory', '*'],
            ['cold', 'respiratory', '*'],
            ['hiv', 'serious', '*'],
            ['cancer', 'serious', '*'],
          ];
          const extra =
            model === 'distinct' || model === 'entropy' || model === 'recursive'
              ? { lDiversity: [{ attribute: 'disease', l: 2, variant: model, c: 3 } as const] }
              : {
                  tCloseness: [
                    {
                      attribute: 'disease',
                      t: 0.3,
                      distance: model,
                      ...(model === 'hierarchical' ? { hierarchy: diseaseHierarchy } : {}),
                      ...(model === 'ordered' ? { order: ['cold', 'flu', 'hiv', 'cancer'] } : {}),
                    } as const,
                  ],
                };
          const options = {
            quasiIdentifiers,
            hierarchies,
            k: 2,
            suppressionLimit,
            metric,
            ...extra,
          };
          const expected = bruteForce(records, options);
          if (expected === undefined) {
            expect(() => optimalGeneralization(records, options)).toThrow(AnonymityError);
            return;
          }
          const result = optimalGeneralization(records, options);
          expect(result.value).toBe(expected.value);
          expect(expected.optima).toContainEqual(quasiIdentifiers.map((q) => result.levels[q]));
        },
      ),
      { numRuns: Number(process.env.ANON_RUNS ?? 80) },
    );
  });
});

describe('optimalGeneralization', () => {
  const { records, hierarchies } = randomTable(7, 40);
  const base = {
    quasiIdentifiers: ['age', 'zip', 'sex'],
    hierarchies,
    k: 3,
    suppressionLimit: 0.05,
  };

  it('apply() generalizes quasi-identifiers, suppresses with *, and keeps other fields', () => {
    const result = optimalGeneralization(records, { ...base, metric: 'loss' });
    const out = result.apply();
    expect(out).toHaveLength(records.length);
    expect(
      out.filter((r) => r.age === '*' && r.zip === '*' && r.sex === '*').length,
    ).toBeGreaterThanOrEqual(result.suppressed);
    out.forEach((r, i) => {
      expect(r.disease).toBe(records[i]!.disease);
    });
    const sizes = new Map<string, number>();
    out.forEach((r) => {
      const key = `${r.age}|${r.zip}|${r.sex}`;
      sizes.set(key, (sizes.get(key) ?? 0) + 1);
    });
    for (const [key, size] of sizes) if (key !== '*|*|*') expect(size).toBeGreaterThanOrEqual(3);
  });

  it('does not modify its input', () => {
    const copy = structuredClone(records);
    optimalGeneralization(records, { ...base, metric: 'precision' });
    expect(records).toEqual(copy);
  });

  it('accepts columnar input with the same result', () => {
    const columns: Record<string, string[]> = {};
    for (const key of Object.keys(records[0]!))
      columns[key] = records.map((r) => r[key as keyof typeof r]);
    const a = optimalGeneralization(records, { ...base, metric: 'aecs' });
    const b = optimalGeneralization({ columns }, { ...base, metric: 'aecs' });
    expect(b.levels).toEqual(a.levels);
    expect(b.value).toBe(a.value);
  });

  it('rejects bad options with stable reasons', () => {
    const reason = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return (error as ValidationError).reason;
      }
      return 'no error';
    };
    expect(
      reason(() => optimalGeneralization(records, { ...base, metric: 'nope' as MetricName })),
    ).toBe('unknown-metric');
    expect(
      reason(() =>
        optimalGeneralization(records, { ...base, suppressionLimit: 2, metric: 'loss' }),
      ),
    ).toBe('invalid-suppression-limit');
    expect(reason(() => optimalGeneralization(records, { ...base, k: 0, metric: 'loss' }))).toBe(
      'invalid-parameter',
    );
    expect(
      reason(() =>
        optimalGeneralization(records, {
          ...base,
          hierarchies: { ...hierarchies, sex: [['F', '*']] },
          metric: 'loss',
        }),
      ),
    ).toBe('value-not-in-hierarchy');
    expect(
      reason(() =>
        optimalGeneralization(records, { ...base, quasiIdentifiers: [], metric: 'loss' }),
      ),
    ).toBe('invalid-quasi-identifiers');
    expect(
      reason(() =>
        optimalGeneralization([{ age: '20', zip: '10001' }], { ...base, metric: 'loss' }),
      ),
    ).toBe('missing-value');
  });

  it('never puts data values in error messages', () => {
    let error: unknown;
    try {
      optimalGeneralization([{ age: 'SECRET-VALUE', zip: '10001', sex: 'F' }], {
        ...base,
        metric: 'loss',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DataguardError);
    expect(String((error as Error).message)).not.toContain('SECRET');
    expect(JSON.stringify(error)).not.toContain('SECRET');
  });

  it('throws AnonymityError when even the top node fails', () => {
    expect(() =>
      optimalGeneralization(records.slice(0, 2), {
        ...base,
        k: 5,
        suppressionLimit: 0,
        metric: 'loss',
      }),
    ).toThrow(AnonymityError);
  });
});

describe('prepareTable and evaluateGeneralization', () => {
  const { records, hierarchies } = randomTable(11, 30);
  const quasiIdentifiers = ['age', 'zip'];

  it('a prepared table gives the same optimum and refuses other attributes', async () => {
    const { prepareTable } = await import('../../src/anonymity/prepare.ts');
    const prepared = prepareTable(records, {
      quasiIdentifiers,
      hierarchies,
      sensitive: ['disease'],
    });
    const options = {
      quasiIdentifiers,
      hierarchies,
      k: 2,
      suppressionLimit: 0.1,
      metric: 'loss' as const,
    };
    expect(optimalGeneralization(prepared, options).levels).toEqual(
      optimalGeneralization(records, options).levels,
    );
    const withL = { ...options, lDiversity: { attribute: 'disease', l: 2 } };
    expect(optimalGeneralization(prepared, withL).value).toBe(
      optimalGeneralization(records, withL).value,
    );
    expect(() =>
      optimalGeneralization(prepared, { ...options, quasiIdentifiers: ['zip', 'age'] }),
    ).toThrow(expect.objectContaining({ reason: 'prepared-mismatch' }));
  });

  it('evaluateGeneralization rejects levels outside the hierarchy', async () => {
    const { evaluateGeneralization } = await import('../../src/anonymity/evaluate.ts');
    const options = {
      quasiIdentifiers,
      hierarchies,
      k: 2,
      suppressionLimit: 0,
      metric: 'aecs' as const,
    };
    expect(() =>
      evaluateGeneralization(records, { ...options, levels: { age: 9, zip: 0 } }),
    ).toThrow(expect.objectContaining({ reason: 'invalid-levels' }));
    const top = evaluateGeneralization(records, { ...options, levels: { age: 3, zip: 3 } });
    expect(top).toMatchObject({ k: 30, classes: 1, suppressed: 0, anonymous: true, value: 30 });
  });
});
