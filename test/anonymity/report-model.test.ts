import { describe, expect, it } from 'vitest';
import { measureAnonymity } from '../../src/anonymity/measures.ts';
import { REPORT_LABELS_ZH_CN } from '../../src/anonymity/report-labels.ts';
import { buildRiskReport, RISK_REPORT_FORMAT_VERSION } from '../../src/anonymity/report-model.ts';
import { RiskReportSchema } from '../../src/anonymity/report-schema.ts';
import { profileTable } from '../../src/detect/profile.ts';
import { ValidationError } from '../../src/errors/kinds.ts';

// 200 residents: 40 ages (5 each), in 4 decades × 2 sexes = 8 classes of 25; diagnosis cycles over 3 values.
const DIAGNOSES = ['flu', 'asthma', 'diabetes'];
const band = (i: number): string => {
  const d = 30 + 10 * Math.floor((i % 40) / 10);
  return `${d}-${d + 9}`;
};
const raw = Array.from({ length: 200 }, (_, i) => ({
  name: ['张伟', '王芳', '李娜', '刘洋', '陈静'][i % 5] as string,
  id_card: ['11010519491231002X', '110105194912310029', '350122200606134936'][i % 3] as string,
  age: String(30 + (i % 40)),
  sex: i % 2 === 0 ? '男' : '女',
  diagnosis: DIAGNOSES[i % 3] as string,
}));
const generalized = raw.map((r, i) => ({
  age: band(i),
  sex: r.sex,
  diagnosis: r.diagnosis,
}));

function directColumns(rows: readonly Record<string, string>[]): string[] {
  return profileTable(rows)
    .columns.filter((c) => c.role === 'direct-identifier')
    .map((c) => c.name ?? '');
}

describe('buildRiskReport', () => {
  it('grades a raw input with names and ID numbers 1, whatever its k', () => {
    const direct = directColumns(raw);
    expect(direct).toEqual(expect.arrayContaining(['name', 'id_card']));
    const report = buildRiskReport({
      input: { name: 'residents.csv', rows: raw.length, columns: Object.keys(raw[0] ?? {}) },
      quasiIdentifiers: { names: ['sex'], source: 'option' },
      directIdentifiers: { columns: direct, source: 'profile' },
      measures: measureAnonymity(raw, { quasiIdentifiers: ['sex'] }),
      requirements: { k: 5 },
    });
    expect(report.format).toBe(RISK_REPORT_FORMAT_VERSION);
    expect(report.measures.k).toBe(100);
    expect(report.verdict).toBe('pass');
    expect(report.grade.grade).toBe(1);
    expect(report.grade.name).toBe('Grade 1 — directly identifiable');
    expect(report.grade.reason).toMatch(/direct identifiers/);
    expect(report.directIdentifiers).toEqual({ columns: direct, source: 'profile' });
  });

  it('grades a generalized input that passes k=5 grade 3, with every requirement judged', () => {
    const report = buildRiskReport({
      input: { name: 'out.csv', rows: 200, columns: ['age', 'sex', 'diagnosis'] },
      quasiIdentifiers: { names: ['age', 'sex'], source: 'dataset' },
      sensitive: { names: ['diagnosis'], source: 'dataset' },
      measures: measureAnonymity(generalized, {
        quasiIdentifiers: ['age', 'sex'],
        sensitive: ['diagnosis'],
      }),
      requirements: { k: 5, l: 2, t: 0.5 },
    });
    expect(report.grade.grade).toBe(3);
    expect(
      report.requirements.map((r) => [r.id, r.attribute, r.required, r.achieved, r.met]),
    ).toEqual([
      ['k', undefined, 5, 25, true],
      ['l', 'diagnosis', 2, 3, true],
      ['t', 'diagnosis', 0.5, expect.any(Number), true],
    ]);
    expect(report.requirements[0]?.headline).toBe('Meets k=5');
    expect(report.requirements[0]?.sentence).toMatch(/at least 5 records/);
    expect(report.verdict).toBe('pass');
    expect(report.risks.find((r) => r.id === 'prosecutor-highest')?.value).toBeCloseTo(0.04);
    expect(report.risks.every((r) => r.explanation.length > 20)).toBe(true);
    expect(report.measures.classSizes).toEqual([{ size: 25, classes: 8 }]);
    expect(RiskReportSchema.safeParse(JSON.parse(JSON.stringify(report))).success).toBe(true);
  });

  it('fails l and t requirements the table does not meet, in words', () => {
    // Each class holds one diagnosis only: l = 1, and its distance from the table is 2/3.
    const rows = Array.from({ length: 90 }, (_, i) => ({
      band: String(i % 3),
      diagnosis: DIAGNOSES[i % 3] as string,
    }));
    const report = buildRiskReport({
      input: { name: 'x.csv', rows: 90, columns: ['band', 'diagnosis'] },
      quasiIdentifiers: { names: ['band'], source: 'option' },
      sensitive: { names: ['diagnosis'], source: 'option' },
      measures: measureAnonymity(rows, { quasiIdentifiers: ['band'], sensitive: ['diagnosis'] }),
      requirements: { k: 5, l: 2, t: 0.3 },
    });
    const byId = Object.fromEntries(report.requirements.map((r) => [r.id, r]));
    expect(byId.k?.met).toBe(true);
    expect(byId.l).toMatchObject({ achieved: 1, met: false });
    expect(byId.l?.sentence).toMatch(/fewer than 2 different values of diagnosis/);
    expect(byId.t?.achieved).toBeCloseTo(2 / 3);
    expect(byId.t?.met).toBe(false);
    expect(report.verdict).toBe('fail');
    // k=30 holds and no identifier remains: the grade speaks of identity risk only.
    expect(report.grade.grade).toBe(3);
  });

  it('grades 2 when the risk is above the thresholds, and fails k', () => {
    const report = buildRiskReport({
      input: { name: 'x.csv', rows: 200, columns: ['age'] },
      quasiIdentifiers: { names: ['age'], source: 'option' },
      measures: measureAnonymity(raw, { quasiIdentifiers: ['age'] }),
      requirements: { k: 6 },
    });
    // Highest risk 1/5 is at the limit, but the average 40 classes / 200 rows = 0.2 exceeds 0.05.
    expect(report.grade.grade).toBe(2);
    expect(report.requirements[0]).toMatchObject({ achieved: 5, met: false });
    expect(report.requirements[0]?.sentence).toMatch(/smallest group has 5/);
  });

  it('labels each recommended level from its hierarchy, and speaks Chinese when asked', () => {
    const hierarchy = Array.from({ length: 40 }, (_, i) => [String(30 + i), band(i), '*']);
    const after = measureAnonymity(generalized, { quasiIdentifiers: ['age'] });
    const report = buildRiskReport({
      input: { name: 'x.csv', rows: 200, columns: ['age'] },
      quasiIdentifiers: { names: ['age'], source: 'option' },
      measures: measureAnonymity(raw, { quasiIdentifiers: ['age'] }),
      requirements: { k: 6 },
      recommendation: {
        levels: { age: 1 },
        hierarchies: { age: hierarchy },
        measures: after,
        metric: 'loss',
        value: 0.25,
      },
      labels: REPORT_LABELS_ZH_CN,
    });
    expect(report.lang).toBe('zh-CN');
    expect(report.recommendation?.levels).toEqual([
      { attribute: 'age', level: 1, maxLevel: 2, label: '取值如“30-39”（共 4 组）' },
    ]);
    expect(report.recommendation?.measures.k).toBe(50);
    expect(report.recommendation?.grade.grade).toBe(3);
    expect(report.grade.name).toBe('2级 — 删除直接标识符，但重标识风险未得到控制');
    expect(report.requirements[0]?.headline).toBe('满足 k=6');
  });

  it('refuses a t outside (0, 1] and an l without a sensitive attribute', () => {
    const base = {
      input: { name: 'x.csv', rows: 200, columns: ['age'] },
      quasiIdentifiers: { names: ['age'], source: 'option' as const },
      measures: measureAnonymity(raw, { quasiIdentifiers: ['age'] }),
    };
    expect(() => buildRiskReport({ ...base, requirements: { t: 2 } })).toThrow(
      expect.objectContaining({ reason: 'invalid-parameter', path: 'requirements.t' }),
    );
    expect(() => buildRiskReport({ ...base, requirements: { l: 2 } })).toThrow(ValidationError);
    expect(() => buildRiskReport({ ...base, requirements: { l: 2 } })).toThrow(
      expect.objectContaining({ reason: 'missing-sensitive' }),
    );
  });
});
