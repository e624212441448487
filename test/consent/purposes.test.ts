import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agencyPurposes, createPurposeTaxonomy } from '../../src/consent/index.ts';
import { ValidationError } from '../../src/errors/index.ts';

describe('purpose taxonomy', () => {
  it('is seeded with the agency purposes', () => {
    const purposes = createPurposeTaxonomy();
    for (const p of agencyPurposes) expect(purposes.has(p.id)).toBe(true);
    expect(purposes.get('statutory-duty')?.bases).toEqual([
      { basis: 'statutory-duty', law: expect.stringContaining('PIPL Art. 13') },
    ]);
    expect(purposes.get('public-service.social-assistance')?.zh).toBe('社会救助');
    expect(createPurposeTaxonomy({ seed: false }).list()).toEqual([]);
  });

  it('covers descendants, never ancestors or siblings', () => {
    const purposes = createPurposeTaxonomy();
    expect(purposes.covers('public-service', 'public-service.social-assistance.eligibility')).toBe(
      true,
    );
    expect(
      purposes.covers('public-service.social-assistance', 'public-service.social-assistance'),
    ).toBe(true);
    expect(purposes.covers('public-service.social-assistance.eligibility', 'public-service')).toBe(
      false,
    );
    expect(purposes.covers('public-service.education', 'public-service.healthcare')).toBe(false);
    expect(purposes.covers('public-service', 'unknown.purpose')).toBe(false);
    expect(purposes.covers('unknown', 'public-service')).toBe(false);
  });

  it('inherits needs, retention and bases from the nearest ancestor', () => {
    const purposes = createPurposeTaxonomy({
      purposes: [
        { id: 'statistics.census', needs: { categories: ['basic'] }, retention: 'P10Y' },
        {
          id: 'statistics.census.district',
          bases: [{ basis: 'other-law', law: 'Statistics Law' }],
        },
      ],
    });
    const leaf = purposes.get('statistics.census.district');
    expect(leaf?.needs).toEqual({ fields: [], categories: ['basic'] });
    expect(leaf?.retention).toBe('P10Y');
    expect(leaf?.bases).toEqual([{ basis: 'other-law', law: 'Statistics Law' }]);
    expect(purposes.version).toBe(agencyPurposes.length + 2);
  });

  it('rejects unknown parents, conflicting redefinitions and bad ids', () => {
    const purposes = createPurposeTaxonomy();
    expect(() => purposes.define({ id: 'nowhere.child' })).toThrow(
      expect.objectContaining({ reason: 'unknown-parent-purpose' }),
    );
    expect(purposes.define({ id: 'research', title: 'Scientific research', zh: '科学研究' })).toBe(
      purposes.get('research'),
    );
    expect(() => purposes.define({ id: 'research', title: 'Other' })).toThrow(
      expect.objectContaining({ reason: 'purpose-conflict' }),
    );
    expect(() => purposes.define({ id: 'Bad Id' })).toThrow(ValidationError);
    expect(() => purposes.define({ id: 'x', bases: [{ basis: 'consent', law: 'y' }] })).toThrow(
      ValidationError,
    );
    expect(() => purposes.define({ id: 'x', retention: 'five years' })).toThrow(
      expect.objectContaining({ reason: 'invalid-duration' }),
    );
  });

  it('property: a purpose covers exactly itself and its dotted descendants', () => {
    const segment = fc.constantFrom('a', 'b', 'c');
    const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('.'));
    fc.assert(
      fc.property(path, path, (x, y) => {
        const purposes = createPurposeTaxonomy({ seed: false });
        for (const id of [x, y]) {
          const parts = id.split('.');
          for (let i = 1; i <= parts.length; i++)
            purposes.define({ id: parts.slice(0, i).join('.') });
        }
        expect(purposes.covers(x, y)).toBe(y === x || y.startsWith(`${x}.`));
      }),
      { numRuns: 200 },
    );
  });
});
