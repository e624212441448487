import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/index.ts';
import type { FieldDefinition } from '../../src/tags/index.ts';
import { defineDataset, findField, isSensitive, piCategories } from '../../src/tags/index.ts';
import { PiCategory } from '../../src/tags/pi-category.ts';

const field = (over: Partial<FieldDefinition>): FieldDefinition => ({
  name: 'f',
  role: 'insensitive',
  share: 'unconditional',
  open: 'on-application',
  ...over,
});

describe('defineDataset', () => {
  it('applies G-SENSITIVE and G-PI-FLOOR to effective grades and G-HIGHEST to the dataset', () => {
    const ds = defineDataset({
      id: 'residents',
      version: '1',
      fields: [
        field({ name: 'diagnosis', role: 'sensitive', piCategory: 'health' }),
        field({ name: 'sex', role: 'quasi-identifier', piCategory: 'basic' }),
        field({ name: 'token', piCategory: 'identity', deidentified: true, grade: 'general-1' }),
        field({ name: 'count' }),
        field({ name: 'gdp', impacts: [{ object: 'economic-operation', degree: 'general' }] }),
      ],
    });
    expect(findField(ds, 'diagnosis')).toMatchObject({ grade: 'general-4', sensitive: true });
    expect(findField(ds, 'diagnosis')?.gradeBasis).toEqual([
      'G-MATRIX',
      'G-SENSITIVE',
      'G-PI-FLOOR',
    ]);
    expect(findField(ds, 'sex')).toMatchObject({ grade: 'general-2', sensitive: false });
    // A de-identified identity field is still sensitive PI; the floor applies.
    expect(findField(ds, 'token')).toMatchObject({ grade: 'general-4', deidentified: true });
    expect(findField(ds, 'count')).toMatchObject({ grade: 'general-1', gradeBasis: ['G-MATRIX'] });
    expect(findField(ds, 'gdp')?.grade).toBe('general-3');
    expect(ds.grade).toBe('general-4');
    expect(ds.sensitive).toBe(true);
    expect(ds.personal).toBe(true);
    expect(ds.domain).toBe('non-public');
  });

  it('keeps a declared grade above the floor', () => {
    const ds = defineDataset({
      id: 'd',
      version: '1',
      fields: [
        field({
          piCategory: 'basic',
          grade: 'important',
          open: 'closed',
          openBasis: 'DSL Art. 21',
        }),
      ],
    });
    expect(ds.fields[0]).toMatchObject({ grade: 'important', gradeBasis: ['declared'] });
    expect(ds.grade).toBe('important');
  });

  it('makes every PI field sensitive when subjects are minors under 14 (PIPL Art. 28)', () => {
    const ds = defineDataset({
      id: 'pupils',
      version: '1',
      minorsUnder14: true,
      fields: [field({ name: 'name', piCategory: 'basic' }), field({ name: 'class_size' })],
    });
    expect(findField(ds, 'name')).toMatchObject({ sensitive: true, grade: 'general-4' });
    expect(findField(ds, 'class_size')).toMatchObject({ sensitive: false, grade: 'general-1' });
  });

  it('requires the legal basis for share "none" and open "closed", naming the field', () => {
    const noShare = () =>
      defineDataset({ id: 'd', version: '1', fields: [field({ name: 'secret', share: 'none' })] });
    expect(noShare).toThrow(ValidationError);
    expect(noShare).toThrow(/fields\[0\] \(secret\).*shareBasis/);
    const closed = () =>
      defineDataset({ id: 'd', version: '1', fields: [field({ name: 'addr', open: 'closed' })] });
    expect(closed).toThrow(/addr.*openBasis/);
    try {
      closed();
    } catch (error) {
      expect((error as ValidationError).reason).toBe('missing-legal-basis');
    }
    expect(() =>
      defineDataset({
        id: 'd',
        version: '1',
        fields: [field({ open: 'closed', openBasis: 'PIPL Art. 25' })],
      }),
    ).not.toThrow();
  });

  it('rejects duplicate names, both impacts and grade, unknown categories and empty field lists', () => {
    expect(() => defineDataset({ id: 'd', version: '1', fields: [field({}), field({})] })).toThrow(
      /duplicate/,
    );
    expect(() =>
      defineDataset({
        id: 'd',
        version: '1',
        fields: [field({ grade: 'general-2', impacts: [] })],
      }),
    ).toThrow(/impacts or grade/);
    expect(() =>
      defineDataset({ id: 'd', version: '1', fields: [field({ piCategory: 'dna' as never })] }),
    ).toThrow(ValidationError);
    expect(() => defineDataset({ id: 'd', version: '1', fields: [] })).toThrow(ValidationError);
    expect(() =>
      defineDataset({ id: 'd', version: '1', fields: [field({ deidentified: true })] }),
    ).toThrow(/deidentified/);
  });

  it('returns a frozen schema and leaves the input unchanged', () => {
    const input = { id: 'd', version: '1', fields: [field({ piCategory: 'basic' })] };
    const copy = structuredClone(input);
    const ds = defineDataset(input);
    expect(input).toEqual(copy);
    expect(Object.isFrozen(ds)).toBe(true);
    expect(Object.isFrozen(ds.fields[0])).toBe(true);
  });
});

describe('PI categories', () => {
  it('marks the PIPL Art. 28 classes sensitive and the A.1 basics not', () => {
    for (const id of [
      'biometric',
      'religious-belief',
      'specific-identity',
      'health',
      'financial-account',
      'whereabouts',
      'minor-under-14',
    ] as const) {
      expect(isSensitive(id)).toBe(true);
    }
    for (const id of [
      'basic',
      'education-work',
      'device',
      'location',
      'online-identity',
    ] as const) {
      expect(isSensitive(id)).toBe(false);
    }
    expect(Object.keys(piCategories).sort()).toEqual([...PiCategory.options].sort());
  });
});

describe('defineDataset: what may be opened (S-OPEN, G-GRADE-GATES)', () => {
  const define = (over: Partial<FieldDefinition>) =>
    defineDataset({ id: 'd', version: '1', fields: [field({ name: 'x', ...over })] });
  const reasonOf = (run: () => unknown): string | undefined => {
    try {
      run();
    } catch (error) {
      return error instanceof ValidationError ? error.reason : 'not a ValidationError';
    }
    return undefined;
  };

  it('refuses open "open" on sensitive PI and on PI not marked openAfter anonymization', () => {
    expect(reasonOf(() => define({ piCategory: 'health', open: 'open' }))).toBe(
      'open-personal-information',
    );
    expect(reasonOf(() => define({ piCategory: 'financial-account', open: 'open' }))).toBe(
      'open-personal-information',
    );
    expect(reasonOf(() => define({ piCategory: 'basic', open: 'open' }))).toBe(
      'open-personal-information',
    );
    const error = (() => {
      try {
        define({ name: 'diagnosis', piCategory: 'health', open: 'open' });
      } catch (e) {
        return e as ValidationError;
      }
      return undefined;
    })();
    expect(error?.message).toContain('S-OPEN');
    expect(error?.path).toBe('fields[0].open');
  });

  it('accepts PI opened only after anonymization, and keeps the flag', () => {
    const ds = define({ piCategory: 'health', open: 'open', openAfter: 'anonymization' });
    expect(ds.fields[0]).toMatchObject({ open: 'open', openAfter: 'anonymization' });
    expect(reasonOf(() => define({ open: 'open', openAfter: 'anonymization' }))).toBe(
      'open-after-without-pi',
    );
  });

  it('never opens core or important data, even after anonymization', () => {
    expect(reasonOf(() => define({ grade: 'important', open: 'open' }))).toBe(
      'open-important-data',
    );
    expect(reasonOf(() => define({ grade: 'core', open: 'on-application' }))).toBe(
      'open-important-data',
    );
    expect(
      reasonOf(() =>
        define({
          piCategory: 'basic',
          grade: 'important',
          open: 'open',
          openAfter: 'anonymization',
        }),
      ),
    ).toBe('open-important-data');
    expect(
      reasonOf(() =>
        define({
          impacts: [{ object: 'national-security', degree: 'general' }],
          open: 'open',
        }),
      ),
    ).toBe('open-important-data');
    expect(define({ grade: 'important', open: 'closed', openBasis: 'DSL Art. 21' }).grade).toBe(
      'important',
    );
  });
});
