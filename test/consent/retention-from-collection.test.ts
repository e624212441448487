import { describe, expect, it } from 'vitest';
import { createConsentDecider, createMemoryConsentStore } from '../../src/consent/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { civilAffairs, notice } from './fixtures.ts';

// C-RETENTION counted from collection: the notice's period runs on the civil
// calendar from `collectedAt`, not as the length it happened to have from the
// consent's date. (Found by reference-evaluate.property.test.ts.)
describe('retention counted from collection', () => {
  function decider() {
    const d = createConsentDecider({
      store: createMemoryConsentStore(),
      clock: fixedClock('2026-01-29T00:00:00+08:00'),
    });
    d.publishNotice({ ...notice, retention: 'P1M' });
    d.purposes.extend('public-service.social-assistance', { needs: { categories: ['basic'] } });
    // Given on 29 January: its own month ends on 28 February (30 days).
    d.recordConsent({
      subject: 'resident-1',
      notice: { id: notice.id },
      purposes: ['public-service.social-assistance'],
      piCategories: ['basic'],
      method: 'electronic',
      givenBy: { role: 'subject', id: 'resident-1' },
      at: '2026-01-29',
    });
    return d;
  }
  const request = {
    subject: { id: 'resident-1', birthDate: '1980-05-20' },
    purpose: 'public-service.social-assistance',
    processing: 'use' as const,
    fields: [{ name: 'mobile', piCategory: 'basic' as const }],
    handler: civilAffairs.id,
    collectedAt: '2026-12-01', // one month from here is 1 January 2027 (31 days)
  };

  it('allows on the 31st day after a 1 December collection and names 1 January as the end', () => {
    const d = decider().decide({ ...request, at: '2026-12-31T12:00' });
    expect(d.allowed).toBe(true);
    expect(d.obligations.find((o) => o.code === 'delete-by')?.due).toBe('2026-12-31T16:00:00.000Z');
  });

  it('denies from 1 January', () => {
    const d = decider().decide({ ...request, at: '2027-01-01' });
    expect(d.allowed).toBe(false);
    expect(d.reasons.map((r) => r.code)).toContain('retention-ended');
  });
});
