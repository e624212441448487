import { describe, expect, it } from 'vitest';
import { assertAnonymous, checkAnonymous } from '../../src/anonymity/gate.ts';
import { AnonymityError } from '../../src/errors/index.ts';

const table = [
  { zip: '100**', disease: 'flu' },
  { zip: '100**', disease: 'hiv' },
  { zip: '200**', disease: 'flu' },
  { zip: '200**', disease: 'flu' },
  { zip: 'SECRET-ZIP', disease: 'cold' },
];

describe('checkAnonymous / assertAnonymous', () => {
  it('passes a table that meets k', () => {
    const verdict = checkAnonymous(table.slice(0, 4), { quasiIdentifiers: ['zip'], k: 2 });
    expect(verdict.ok).toBe(true);
  });

  it('reports failing class sizes for k, never values', () => {
    const verdict = checkAnonymous(table, { quasiIdentifiers: ['zip'], k: 2 });
    expect(verdict.ok).toBe(false);
    expect(verdict.failures[0]).toMatchObject({
      code: 'k-anonymity',
      rule: 'S-TRADE',
      classSizes: [1],
    });
    try {
      assertAnonymous(table, { quasiIdentifiers: ['zip'], k: 2 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AnonymityError);
      const e = error as AnonymityError;
      expect(e.reason).toBe('not-anonymous');
      expect(e.details?.failingClassSizes).toEqual(['1']);
      expect(e.message).not.toContain('SECRET');
      expect(JSON.stringify(e)).not.toContain('SECRET');
    }
  });

  it('checks l-diversity, t-closeness, suppression and risk limits', () => {
    const rows = table.slice(0, 4);
    const verdict = checkAnonymous(rows, {
      quasiIdentifiers: ['zip'],
      k: 2,
      lDiversity: { attribute: 'disease', l: 2 },
      tCloseness: { attribute: 'disease', t: 0.1 },
      maxHighestRisk: 0.4,
    });
    expect(verdict.failures.map((f) => f.code)).toEqual([
      'l-diversity',
      't-closeness',
      'highest-risk',
    ]);
    const entropy = checkAnonymous(table.slice(0, 2), {
      quasiIdentifiers: ['zip'],
      k: 2,
      lDiversity: [
        { attribute: 'disease', l: 2, variant: 'entropy' },
        { attribute: 'disease', l: 2, variant: 'recursive', c: 2 },
      ],
    });
    expect(entropy.ok).toBe(true);
    const suppressed = checkAnonymous([...rows, { zip: '*', disease: 'x' }], {
      quasiIdentifiers: ['zip'],
      k: 2,
      maxSuppressed: 0.1,
    });
    expect(suppressed.failures.map((f) => f.code)).toEqual(['suppression']);
  });

  it('validates requirements', () => {
    expect(() => checkAnonymous(table, { quasiIdentifiers: ['zip'], k: 0 })).toThrow(/k must be/);
    expect(() => checkAnonymous(table, { quasiIdentifiers: ['nope'], k: 2 })).toThrow(/missing/);
  });
});
