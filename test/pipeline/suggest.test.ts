import { describe, expect, it } from 'vitest';
import { measureClassCounts } from '../../src/anonymity/class-counts.ts';
import { createClassCounter } from '../../src/anonymity/index.ts';
import { compilePolicy, type PolicyDocument } from '../../src/deidentify/index.ts';
import type { ReleasePlan } from '../../src/pipeline/release-plan.ts';
import { suggestPolicy } from '../../src/pipeline/suggest.ts';
import { defineDataset } from '../../src/tags/index.ts';

const dataset = defineDataset({
  id: 'patients',
  version: '1',
  fields: [
    { name: 'age', role: 'quasi-identifier', share: 'unconditional', open: 'open' },
    { name: 'region', role: 'quasi-identifier', share: 'unconditional', open: 'open' },
    { name: 'visits', role: 'insensitive', share: 'unconditional', open: 'open' },
  ],
});
const policy: PolicyDocument = {
  id: 'raw',
  version: '1',
  keep: ['age', 'region', 'visits'],
  rules: [],
};
const codes = ['350102', '350103', '350104', '350203', '350205', '350302'];
// 240 rows: ages 20–79 and six counties of three prefectures; almost every (age, county) is rare.
const rows = Array.from({ length: 240 }, (_, i) => [
  String(20 + ((Math.imul(i + 1, 0x9e3779b1) >>> 0) % 60)),
  codes[(Math.imul(i + 7, 40503) >>> 7) % codes.length] as string,
  String(i % 4),
]);

function countsOf(records: readonly (readonly unknown[])[]) {
  const counter = createClassCounter(['age', 'region'], []);
  for (const row of records) counter.add([String(row[0]), String(row[1])]);
  return counter.serialize();
}

function planFor(k: number): ReleasePlan {
  return {
    dataset,
    policy,
    quasiIdentifiers: ['age', 'region'],
    requirements: { k },
  } as unknown as ReleasePlan;
}

function releasedK(suggested: PolicyDocument, input: readonly (readonly string[])[]): number {
  const released = compilePolicy(suggested, { dataset })
    .rows(['age', 'region', 'visits'])
    .batchSync(input, 1);
  expect(released).toHaveLength(input.length);
  return measureClassCounts(countsOf(released)).k;
}

describe('suggestPolicy', () => {
  it('generalizes whole numbers (ages) by intervals to meet k, as a policy that does', () => {
    expect(measureClassCounts(countsOf(rows)).k).toBeLessThan(5);
    const suggestion = suggestPolicy(planFor(5), countsOf(rows), undefined);
    expect(suggestion?.steps.age).toMatch(/^intervals of (5|10|20)$/);
    expect(releasedK(suggestion?.policy as PolicyDocument, rows)).toBeGreaterThanOrEqual(5);
  });

  it('generalizes GB/T 2260 division codes by prefecture to meet k, as a policy that does', () => {
    // Twelve counties of four prefectures, 20 rows each: k = 40 needs prefectures.
    const counties = ['01', '02', '03'].flatMap((county) =>
      ['3501', '3502', '3503', '3504'].map((prefecture) => `${prefecture}${county}`),
    );
    const spread = Array.from({ length: 240 }, (_, i) => [
      '30',
      counties[i % counties.length] as string,
      '1',
    ]);
    const suggestion = suggestPolicy(planFor(40), countsOf(spread), undefined);
    expect(suggestion?.steps.region).toBe('prefecture');
    expect(suggestion?.steps.age).toBe('kept');
    expect(releasedK(suggestion?.policy as PolicyDocument, spread)).toBeGreaterThanOrEqual(40);
  });
});
