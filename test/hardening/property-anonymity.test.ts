// Property tests for dataguard/anonymity: the gate's k equals a brute-force
// count, garbage tables, hierarchies and DP parameters give a result or a
// DataguardError, the report escapes every value, and DP spends fail closed.
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { fitsBudget } from '../../src/anonymity/dp/budget.ts';
import { addNoise } from '../../src/anonymity/dp/mechanisms.ts';
import {
  analyticGaussianSigma,
  normalCdf,
  sampleGaussian,
  sampleLaplace,
} from '../../src/anonymity/dp/noise.ts';
import { validateHierarchy } from '../../src/anonymity/hierarchy.ts';
import {
  checkAnonymous,
  createMemoryPrivacyBudgetStore,
  createPrivacyAccountant,
  dateHierarchy,
  dpCount,
  dpHistogram,
  dpMean,
  dpSum,
  evaluateGeneralization,
  intervalHierarchy,
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
import { anyString, edgeNumber, garbage, mutated } from './arbitraries.ts';
import { assertProperty, expectSafe, fuzzEach, hardeningIt } from './expect-safe.ts';

const seeded = (seed: number) => (bytes: Uint8Array) => {
  let x = seed | 1;
  for (let i = 0; i < bytes.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
};

const smallTable = fc.array(
  fc.record({
    age: fc.constantFrom('31', '35', '42', '47', '*'),
    zip: fc.constantFrom('35001', '35002', '35011', '*'),
    disease: fc.constantFrom('flu', 'cold', 'hiv'),
  }),
  { minLength: 1, maxLength: 40 },
);
const hierarchies = {
  age: [
    ['31', '30-39', '*'],
    ['35', '30-39', '*'],
    ['42', '40-49', '*'],
    ['47', '40-49', '*'],
  ],
  zip: [
    ['35001', '3500*', '*'],
    ['35002', '3500*', '*'],
    ['35011', '3501*', '*'],
  ],
};

describe('anonymity models under hostile input', () => {
  hardeningIt(
    'checkAnonymous: k is the smallest equivalence class (suppressed rows excluded), and ok follows it',
    () => {
      assertProperty(
        fc.property(smallTable, fc.integer({ min: 1, max: 6 }), (rows, k) => {
          const counts = new Map<string, number>();
          for (const row of rows) {
            if (row.age === '*' && row.zip === '*') continue;
            const key = `${row.age}|${row.zip}`;
            counts.set(key, (counts.get(key) ?? 0) + 1);
          }
          const verdict = checkAnonymous(rows, { quasiIdentifiers: ['age', 'zip'], k });
          if (counts.size > 0) {
            const smallest = Math.min(...counts.values());
            expect(verdict.measures.k).toBe(smallest);
            expect(verdict.failures.some((f) => f.code === 'k-anonymity')).toBe(smallest < k);
          }
          for (const failure of verdict.failures)
            expect(failure.message).not.toMatch(/flu|cold|hiv|3500/);
        }),
        { numRuns: 150 },
      );
    },
  );

  hardeningIt(
    'optimalGeneralization: the chosen levels really give k-anonymity within the suppression limit',
    () => {
      assertProperty(
        fc.property(
          smallTable
            .map((rows) => rows.filter((r) => r.age !== '*' && r.zip !== '*'))
            .filter((rows) => rows.length > 0),
          fc.integer({ min: 1, max: 4 }),
          (rows, k) => {
            const out = expectSafe('optimalGeneralization', () =>
              optimalGeneralization(rows, {
                quasiIdentifiers: ['age', 'zip'],
                hierarchies,
                k,
                suppressionLimit: 0,
                metric: 'loss',
              }),
            );
            if (!out.ok) return;
            const levels = out.value.levels as Record<'age' | 'zip', number>;
            const generalize = (name: 'age' | 'zip', value: string) =>
              hierarchies[name].find((r) => r[0] === value)?.[levels[name]] ?? '*';
            const released = rows.map((r) => ({
              age: generalize('age', r.age),
              zip: generalize('zip', r.zip),
            }));
            const verdict = checkAnonymous(released, { quasiIdentifiers: ['age', 'zip'], k });
            expect(verdict.ok || released.length < k).toBe(true);
          },
        ),
        { numRuns: 80 },
      );
    },
  );

  const table = fc.oneof(
    garbage,
    fc.array(
      fc.dictionary(fc.constantFrom('age', 'zip', 'disease', '__proto__'), garbage, { maxKeys: 3 }),
      { maxLength: 6 },
    ),
    smallTable,
  );
  const requirements = fc.oneof(
    garbage,
    mutated({
      quasiIdentifiers: ['age', 'zip'],
      k: 2,
      lDiversity: { attribute: 'disease', l: 2 },
      tCloseness: { attribute: 'disease', t: 0.5 },
      maxSuppressed: 0.1,
      maxHighestRisk: 0.5,
    }),
  );
  fuzzEach([
    {
      name: 'checkAnonymous',
      args: fc.tuple(table, requirements),
      call: (t, r) => checkAnonymous(t, r),
    },
    {
      name: 'measureAnonymity',
      args: fc.tuple(table, requirements),
      call: (t, o) => measureAnonymity(t, o),
    },
    {
      name: 'optimalGeneralization(garbage hierarchies and options)',
      args: fc.tuple(
        fc.oneof(smallTable, table),
        fc.oneof(
          garbage,
          mutated({
            quasiIdentifiers: ['age', 'zip'],
            hierarchies,
            k: 2,
            suppressionLimit: 0.1,
            metric: 'loss',
          }),
        ),
      ),
      call: (t, o) => optimalGeneralization(t, o),
      numRuns: 120,
    },
    {
      name: 'evaluateGeneralization',
      args: fc.tuple(
        fc.oneof(smallTable, table),
        fc.oneof(
          garbage,
          mutated({
            quasiIdentifiers: ['age', 'zip'],
            hierarchies,
            levels: { age: 1, zip: 1 },
            k: 2,
            suppressionLimit: 0,
            metric: 'loss',
          }),
        ),
      ),
      call: (t, o) => evaluateGeneralization(t, o),
    },
    {
      name: 'prepareTable',
      args: fc.tuple(
        table,
        fc.oneof(garbage, mutated({ quasiIdentifiers: ['age', 'zip'], hierarchies })),
      ),
      call: (t, o) => prepareTable(t, o),
    },
    {
      name: 'parseHierarchyCsv',
      args: fc.tuple(fc.oneof(anyString, garbage), garbage),
      call: (t, d) => parseHierarchyCsv(t, d),
      values: [0],
    },
    {
      name: 'validateHierarchy',
      args: fc.tuple(fc.oneof(garbage, mutated(hierarchies.age)), garbage),
      call: (h, n) => validateHierarchy(h, n),
    },
    {
      name: 'intervalHierarchy',
      args: fc.tuple(garbage, garbage),
      call: (v, o) => intervalHierarchy(v, o),
    },
    {
      name: 'dateHierarchy',
      args: fc.tuple(garbage, garbage),
      call: (v, o) => dateHierarchy(v, o),
    },
    {
      name: 'regionHierarchy',
      args: fc.tuple(garbage, garbage),
      call: (v, o) => regionHierarchy(v, o),
    },
    { name: 'riskGrade', args: fc.tuple(garbage, garbage), call: (m, o) => riskGrade(m, o) },
    { name: 'resolveMetric', args: fc.tuple(garbage), call: (m) => resolveMetric(m) },
    { name: 'aggregate', args: fc.tuple(garbage, garbage), call: (v, f) => aggregate(v, f) },
    {
      name: 'renderAnonymityReport(garbage)',
      args: fc.tuple(garbage),
      call: (i) => renderAnonymityReport(i),
    },
    { name: 'escapeHtml', args: fc.tuple(garbage), call: (t) => escapeHtml(t) },
  ]);

  hardeningIt('renderAnonymityReport escapes every attribute name, title and metric name', () => {
    const rows = [
      { '<script>alert(1)</script>': 'a', '"onload="x': 'b' },
      { '<script>alert(1)</script>': 'a', '"onload="x': 'b' },
    ];
    const measures = measureAnonymity(rows, {
      quasiIdentifiers: ['<script>alert(1)</script>', '"onload="x'],
    });
    assertProperty(
      fc.property(anyString, (text) => {
        const html = renderAnonymityReport({
          title: `<img src=x onerror=alert(1)>${text}`,
          before: measures,
          after: measures,
          levels: { '<script>alert(1)</script>': 1 },
          maxLevels: { '<script>alert(1)</script>': 2 },
          utilityLoss: { '<b>x</b>': 0.5 },
          metric: { name: '<svg onload=alert(1)>', value: 1 },
        });
        expect(html).not.toContain('<script>alert');
        expect(html).not.toContain('<img src=x');
        expect(html).not.toContain('<svg onload');
        expect(html).not.toContain('<b>x</b>');
      }),
      { numRuns: 40 },
    );
  });
});

describe('differential privacy under hostile input', () => {
  const dp = fc.oneof(
    garbage,
    mutated({ epsilon: 1, delta: 1e-6, mechanism: 'gaussian', label: 'q' }),
  );
  fuzzEach([
    {
      name: 'addNoise',
      args: fc.tuple(edgeNumber, edgeNumber, dp),
      call: (v, s, o) => addNoise(v, s, o),
    },
    {
      name: 'addNoise(garbage)',
      args: fc.tuple(garbage, garbage, garbage),
      call: (v, s, o) => addNoise(v, s, o),
    },
    {
      name: 'dpCount',
      args: fc.tuple(fc.oneof(edgeNumber, garbage), dp),
      call: (c, o) => dpCount(c, o),
    },
    {
      name: 'dpSum',
      args: fc.tuple(
        fc.oneof(fc.array(edgeNumber), garbage),
        fc.oneof(garbage, mutated({ epsilon: 1, lower: 0, upper: 10 })),
      ),
      call: (v, o) => dpSum(v, o),
    },
    {
      name: 'dpMean',
      args: fc.tuple(
        fc.oneof(fc.array(edgeNumber), garbage),
        fc.oneof(garbage, mutated({ epsilon: 1, lower: 0, upper: 10 })),
      ),
      call: (v, o) => dpMean(v, o),
    },
    {
      name: 'dpHistogram',
      args: fc.tuple(
        fc.oneof(fc.array(anyString), garbage),
        fc.oneof(fc.array(anyString), garbage),
        dp,
      ),
      call: (v, b, o) => dpHistogram(v, b, o),
    },
    {
      name: 'analyticGaussianSigma',
      args: fc.tuple(edgeNumber, edgeNumber, edgeNumber),
      call: (e, d, s) => analyticGaussianSigma(e, d, s),
    },
    { name: 'normalCdf', args: fc.tuple(fc.oneof(edgeNumber, garbage)), call: (x) => normalCdf(x) },
    {
      name: 'sampleLaplace',
      args: fc.tuple(fc.oneof(edgeNumber, garbage)),
      call: (b) => sampleLaplace(b, seeded(7)),
    },
    {
      name: 'sampleGaussian',
      args: fc.tuple(fc.oneof(edgeNumber, garbage)),
      call: (s) => sampleGaussian(s, seeded(7)),
    },
    {
      name: 'createPrivacyAccountant',
      args: fc.tuple(fc.oneof(garbage, mutated({ id: 'b', epsilon: 1, delta: 0 }))),
      call: (o) => createPrivacyAccountant(o),
    },
    {
      name: 'fitsBudget',
      args: fc.tuple(garbage, garbage, garbage),
      call: (a, b, c) => fitsBudget(a, b, c),
    },
  ]);

  hardeningIt(
    'noisy results are finite for valid parameters; a budget never overspends',
    async () => {
      const accountant = createPrivacyAccountant({
        id: 'hardening',
        epsilon: 1,
        store: createMemoryPrivacyBudgetStore(),
      });
      let spent = 0;
      await assertProperty(
        fc.asyncProperty(
          fc.double({ min: 0.01, max: 0.6, noNaN: true }),
          fc.integer({ min: 0, max: 1_000_000 }),
          async (epsilon, count) => {
            try {
              const noisy = await dpCount(count, {
                epsilon,
                budget: accountant,
                random: seeded(count + 1),
              });
              spent += epsilon;
              expect(Number.isFinite(noisy)).toBe(true);
            } catch (error) {
              expect((error as { code?: string }).code).toBe('ERR_PRIVACY_BUDGET');
            }
            expect(spent).toBeLessThanOrEqual(1 + 1e-9);
          },
        ),
        { numRuns: 50 },
      );
    },
  );
});
