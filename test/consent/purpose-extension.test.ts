// Purposes (issue 18): seeded agency purposes can be extended with needs and
// bases, or given children, without rebuilding the taxonomy; seeded purposes
// whose basis is a statutory duty carry it.
import { describe, expect, it } from 'vitest';
import { createConsentService, createMemoryConsentStore } from '../../src/consent/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { NOW } from './fixtures.ts';

const subject = { id: 'resident-1', birthDate: '1980-05-20' };
const fields = [{ name: 'name', piCategory: 'basic' as const }];

describe('purpose extension', () => {
  it('seeded statutory-duty purposes carry the basis and the law that gives the duty', () => {
    const { taxonomy } = createConsentService({ store: createMemoryConsentStore() });
    for (const id of [
      'public-service.social-assistance',
      'public-service.social-assistance.eligibility',
      'statutory-duty.social-security',
      'statutory-duty.health-administration',
    ]) {
      expect(taxonomy.get(id)?.bases.map((b) => b.basis)).toContain('statutory-duty');
    }
    expect(taxonomy.get('statutory-duty.social-security')?.bases[0]?.law).toContain('社会保险法');
    expect(taxonomy.get('public-service.education')?.bases).toEqual([]);
  });

  it('adds needs to a seeded purpose; a live service decides with them at once', async () => {
    const service = createConsentService({
      store: createMemoryConsentStore(),
      clock: fixedClock(NOW),
    });
    const request = {
      subject,
      purpose: 'statutory-duty.social-security.enrolment',
      legalBasis: 'statutory-duty' as const,
      processing: 'use' as const,
      fields,
    };
    // An unknown child purpose is denied; derive it, then the seed's needs are still undeclared.
    expect((await service.decide(request)).allowed).toBe(false);
    service.taxonomy.define({ id: 'statutory-duty.social-security.enrolment' });
    const undeclared = await service.decide(request);
    expect(undeclared.allowed).toBe(false);
    expect(undeclared.reasons.map((r) => r.code)).toContain('needs-undeclared');
    // Extending the seed: its child inherits the needs, with no new taxonomy or service.
    service.taxonomy.extend('statutory-duty.social-security', {
      needs: { categories: ['basic'] },
    });
    const allowed = await service.decide(request);
    expect(allowed.allowed).toBe(true);
    expect(allowed.legalBasis).toBe('statutory-duty');
    expect(allowed.reasons[0]?.article).toContain('社会保险法');
  });

  it('adds a basis to a seeded purpose, inherited by its descendants', async () => {
    const service = createConsentService({
      store: createMemoryConsentStore(),
      clock: fixedClock(NOW),
    });
    service.taxonomy.define({
      id: 'public-service.education.enrolment',
      needs: { categories: ['basic'] },
    });
    const request = {
      subject,
      purpose: 'public-service.education.enrolment',
      legalBasis: 'statutory-duty' as const,
      processing: 'use' as const,
      fields,
    };
    expect((await service.decide(request)).reasons.map((r) => r.code)).toContain(
      'basis-not-allowed',
    );
    const law = '义务教育法 (Compulsory Education Law) Art. 12';
    const extended = service.taxonomy.extend('public-service.education', {
      bases: [{ basis: 'statutory-duty', law }],
    });
    expect(extended.bases).toEqual([{ basis: 'statutory-duty', law }]);
    expect(service.taxonomy.get('public-service.education.enrolment')?.bases).toEqual([
      { basis: 'statutory-duty', law },
    ]);
    const d = await service.decide(request);
    expect(d.allowed).toBe(true);
    expect(d.reasons[0]?.article).toContain(law);
  });

  it('extends additively and refuses unknown purposes, consent as a basis, and redefinition', () => {
    const { taxonomy } = createConsentService({ store: createMemoryConsentStore() });
    const version = taxonomy.version;
    taxonomy.extend('statistics', { needs: { fields: ['district'] } });
    taxonomy.extend('statistics', { needs: { categories: ['basic'] } });
    expect(taxonomy.get('statistics')?.needs).toEqual({
      fields: ['district'],
      categories: ['basic'],
    });
    expect(taxonomy.version).toBe(version + 2);
    expect(() => taxonomy.extend('nowhere', { needs: {} })).toThrow(
      expect.objectContaining({ reason: 'unknown-purpose' }),
    );
    expect(() =>
      taxonomy.extend('statistics', { bases: [{ basis: 'consent' as never, law: 'x' }] }),
    ).toThrow(expect.objectContaining({ name: 'ValidationError' }));
    expect(() => taxonomy.define({ id: 'statistics', title: 'Other' })).toThrow(
      expect.objectContaining({ reason: 'purpose-conflict' }),
    );
  });
});
