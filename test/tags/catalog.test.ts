import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import { ValidationError } from '../../src/errors/index.ts';
import type { DatasetDefinition } from '../../src/tags/index.ts';
import { createCatalog } from '../../src/tags/index.ts';

const households: DatasetDefinition = {
  id: 'households',
  version: '1',
  domain: 'government',
  provider: { id: 'civil-affairs', kind: 'agency', name: '民政局' },
  fields: [
    {
      name: 'address',
      role: 'quasi-identifier',
      piCategory: 'basic',
      share: 'conditional',
      open: 'closed',
      openBasis: 'PIPL Art. 25',
    },
    {
      name: 'income',
      role: 'sensitive',
      piCategory: 'property',
      share: 'none',
      shareBasis: 'PIPL Art. 29',
      open: 'closed',
      openBasis: 'PIPL Art. 28',
    },
    { name: 'size', role: 'insensitive', share: 'unconditional', open: 'open' },
  ],
};
const pupils: DatasetDefinition = {
  id: 'pupils',
  version: '1',
  minorsUnder14: true,
  fields: [
    {
      name: 'school',
      role: 'quasi-identifier',
      share: 'conditional',
      open: 'closed',
      openBasis: 'PIPL Art. 31',
    },
  ],
};
const addresses: DatasetDefinition = {
  id: 'addresses',
  version: '1',
  fields: [
    {
      name: 'address',
      role: 'quasi-identifier',
      piCategory: 'basic',
      share: 'conditional',
      open: 'open',
      openAfter: 'anonymization',
    },
  ],
};

describe('createCatalog', () => {
  it('keeps versions, returns the latest by default, and refuses conflicting re-registration', () => {
    const catalog = createCatalog({ clock: fixedClock('2026-03-01T00:00:00Z') });
    catalog.register(households);
    catalog.register({ ...households, version: '2', fields: households.fields.slice(0, 1) });
    expect(catalog.get('households')?.version).toBe('2');
    expect(catalog.get('households', '1')?.fields).toHaveLength(3);
    expect(catalog.versions('households').map((v) => v.version)).toEqual(['1', '2']);
    expect(catalog.register(households).version).toBe('1'); // identical content: no-op
    expect(() => catalog.register({ ...households, title: 'changed' })).toThrow(ValidationError);
    expect(() => catalog.resolve({ id: 'nope' })).toThrow(/unknown dataset nope/);
  });

  it('derives the negative list and the responsibility list (G-CATALOG)', () => {
    const catalog = createCatalog({ clock: fixedClock('2026-03-01T00:00:00Z') });
    catalog.register(households);
    expect(catalog.negativeList()).toEqual([
      {
        dataset: 'households',
        version: '1',
        field: 'address',
        share: 'conditional',
        open: 'closed',
        openBasis: 'PIPL Art. 25',
      },
      {
        dataset: 'households',
        version: '1',
        field: 'income',
        share: 'none',
        open: 'closed',
        shareBasis: 'PIPL Art. 29',
        openBasis: 'PIPL Art. 28',
      },
    ]);
    expect(catalog.responsibilityList()).toEqual([
      {
        dataset: 'households',
        version: '1',
        domain: 'government',
        provider: { id: 'civil-affairs', kind: 'agency', name: '民政局' },
        grade: 'general-4',
        fieldCount: 3,
        registeredAt: '2026-03-01T00:00:00.000Z',
      },
    ]);
  });

  it('grades derived data from its sources (G-HIGHEST) and flags aggregation above every input (G-AGGREGATE)', () => {
    const catalog = createCatalog();
    for (const d of [households, pupils, addresses]) catalog.register(d);
    expect(catalog.derivedGrade([{ dataset: { id: 'households' }, fields: ['size'] }])).toBe(
      'general-1',
    );
    expect(
      catalog.derivedGrade([{ dataset: { id: 'households' } }, { dataset: { id: 'addresses' } }]),
    ).toBe('general-4');

    const plain = catalog.assessAggregation([
      { dataset: { id: 'addresses' } },
      { dataset: { id: 'households' }, fields: ['size'] },
    ]);
    expect(plain).toMatchObject({ grade: 'general-2', assessmentRequired: false, reasons: [] });

    const declared = catalog.assessAggregation(
      [{ dataset: { id: 'addresses' } }, { dataset: { id: 'households' }, fields: ['address'] }],
      { resultImpacts: [{ object: 'public-interest', degree: 'serious' }] },
    );
    expect(declared.grade).toBe('important');
    expect(declared.assessmentRequired).toBe(true);
    expect(declared.reasons.map((r) => r.code)).toEqual([
      'aggregate-impact',
      'assessment-required',
    ]);
    expect(declared.reasons.every((r) => r.rule === 'G-AGGREGATE')).toBe(true);

    const minors = catalog.assessAggregation([
      { dataset: { id: 'pupils' } },
      { dataset: { id: 'addresses' } },
    ]);
    expect(minors.inputGrades.map((g) => g.grade)).toEqual(['general-1', 'general-2']);
    expect(minors).toMatchObject({ grade: 'general-4', assessmentRequired: true });
    expect(minors.reasons[0]?.code).toBe('aggregate-minors');

    expect(() =>
      catalog.assessAggregation([{ dataset: { id: 'addresses' }, fields: ['nope'] }]),
    ).toThrow(/no field named nope/);
    expect(() => catalog.assessAggregation([])).toThrow(ValidationError);
  });

  it('round-trips through a catalog document', () => {
    const catalog = createCatalog();
    catalog.register(households);
    catalog.register(addresses);
    const copy = createCatalog({ document: catalog.toJSON() });
    expect(copy.list().map((d) => [d.id, d.grade])).toEqual([
      ['households', 'general-4'],
      ['addresses', 'general-2'],
    ]);
    expect(() => createCatalog({ document: { datasets: [{ id: 'x' }] } as never })).toThrow(
      ValidationError,
    );
  });
});

describe('catalog registration: what may be opened (S-OPEN, G-GRADE-GATES)', () => {
  it('refuses a field opened to everyone that is PI not anonymized, and round-trips openAfter', () => {
    const catalog = createCatalog({ clock: fixedClock('2026-03-01T00:00:00Z') });
    const health: DatasetDefinition = {
      id: 'clinic-visits',
      version: '1',
      domain: 'public',
      fields: [
        {
          name: 'diagnosis',
          role: 'sensitive',
          piCategory: 'health',
          share: 'none',
          shareBasis: 'PIPL Art. 28',
          open: 'open',
        },
      ],
    };
    expect(() => catalog.register(health)).toThrow(
      expect.objectContaining({ reason: 'open-personal-information' }),
    );
    expect(catalog.get('clinic-visits')).toBeUndefined();
    const anonymized = {
      ...health,
      fields: [
        {
          ...(health.fields[0] as DatasetDefinition['fields'][number]),
          openAfter: 'anonymization' as const,
        },
      ],
    };
    catalog.register(anonymized);
    const copy = createCatalog({ document: catalog.toJSON() });
    expect(copy.get('clinic-visits')?.fields[0]?.openAfter).toBe('anonymization');
  });
});
