// Issue 18 item 5: decideOpen never opens sensitive PI, PI not anonymized, or
// core and important data, whatever the catalog entry says (S-OPEN, G-GRADE-GATES).
import { describe, expect, it } from 'vitest';
import {
  createConsentDecider,
  createMemoryConsentStore,
  type ShareDecision,
} from '../../src/consent/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { type Catalog, createCatalog, type Dataset } from '../../src/tags/index.ts';
import { bigData, civilAffairs, NOW } from './fixtures.ts';

const codes = (d: ShareDecision) => d.reasons.map((r) => `${r.rule}/${r.code}/${r.field ?? ''}`);
const resident = { id: 'resident-9', kind: 'individual' as const };

// A catalog entry as a careless (or older) catalog would hold it: every field tagged open.
function tamperedCatalog(): Catalog {
  const real = createCatalog({ clock: fixedClock(NOW) });
  const honest = real.register({
    id: 'clinic-visits',
    version: '1',
    domain: 'public',
    provider: civilAffairs,
    fields: [
      {
        name: 'diagnosis',
        role: 'sensitive',
        piCategory: 'health',
        share: 'none',
        shareBasis: 'PIPL Art. 28',
        open: 'closed',
        openBasis: 'PIPL Art. 28',
      },
      {
        name: 'bank_card',
        role: 'direct-identifier',
        piCategory: 'financial-account',
        share: 'none',
        shareBasis: 'PIPL Art. 28',
        open: 'closed',
        openBasis: 'PIPL Art. 28',
      },
      {
        name: 'visit_month',
        role: 'quasi-identifier',
        piCategory: 'basic',
        share: 'unconditional',
        open: 'closed',
        openBasis: 'PIPL Art. 25',
      },
      {
        name: 'grid_load',
        role: 'insensitive',
        grade: 'important',
        share: 'conditional',
        open: 'closed',
        openBasis: 'DSL Art. 21',
      },
      {
        name: 'age_band',
        role: 'quasi-identifier',
        piCategory: 'basic',
        share: 'unconditional',
        open: 'open',
        openAfter: 'anonymization',
      },
      { name: 'clinic', role: 'insensitive', share: 'unconditional', open: 'open' },
    ],
  });
  const tampered: Dataset = {
    ...honest,
    fields: honest.fields.map((f) =>
      f.name === 'visit_month' ? { ...f, open: 'on-application' } : { ...f, open: 'open' },
    ),
  };
  return {
    ...real,
    get: (id, version) => (id === 'clinic-visits' ? tampered : real.get(id, version)),
  };
}

describe('decideOpen checks S-OPEN and G-GRADE-GATES itself', () => {
  const decider = () =>
    createConsentDecider({
      store: createMemoryConsentStore(),
      catalog: tamperedCatalog(),
      clock: fixedClock(NOW),
    });

  it('never opens sensitive PI (diagnosis, bank_card) to an individual, though tagged open', () => {
    const d = decider().decideOpen({
      dataset: { id: 'clinic-visits' },
      fields: ['diagnosis', 'bank_card'],
      requester: resident,
    });
    expect(d).toMatchObject({ allowed: false, allowedFields: [] });
    expect(codes(d)).toEqual([
      'S-OPEN/personal-information-not-anonymized/diagnosis',
      'S-OPEN/personal-information-not-anonymized/bank_card',
    ]);
    expect(d.reasons[0]?.message).toContain('separate consent');
    expect(d.reasons[0]?.article).toBe('PIPL Arts. 25, 28');
  });

  it('never opens important data; PI on application is refused too', () => {
    const d = decider().decideOpen({
      dataset: { id: 'clinic-visits' },
      fields: ['grid_load', 'visit_month', 'clinic'],
      requester: resident,
    });
    expect(d.allowedFields).toEqual(['clinic']);
    expect(codes(d)).toEqual(
      expect.arrayContaining([
        'G-GRADE-GATES/never-opened/grid_load',
        'S-OPEN/personal-information-not-anonymized/visit_month',
      ]),
    );
  });

  it('opens PI marked openAfter anonymization, with the obligation to anonymize first', () => {
    const d = decider().decideOpen({
      dataset: { id: 'clinic-visits' },
      fields: ['age_band', 'clinic'],
      requester: resident,
    });
    expect(d.allowedFields).toEqual(['age_band', 'clinic']);
    expect(d.obligations).toContainEqual(
      expect.objectContaining({
        rule: 'S-OPEN',
        code: 'anonymize-before-opening',
        text: 'age_band',
      }),
    );
  });

  it('an opening or development grant never covers such fields either', () => {
    const d = decider().issueGrant({
      kind: 'open',
      dataset: { id: 'clinic-visits' },
      fields: ['diagnosis', 'grid_load', 'clinic'],
      grantee: resident,
      purpose: 'public-data.opening',
      term: { duration: 'P6M' },
      approvedBy: civilAffairs,
      authority: bigData,
    });
    expect(d.grant?.fields).toEqual(['clinic']);
    expect(codes(d)).toEqual(
      expect.arrayContaining([
        'S-OPEN/personal-information-not-anonymized/diagnosis',
        'G-GRADE-GATES/never-opened/grid_load',
      ]),
    );
  });
});
