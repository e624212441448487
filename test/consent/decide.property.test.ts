import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consentOf, makeDecider, REVIEW } from './fixtures.ts';

const categories = ['basic', 'identity', 'property', 'health'] as const;
const field = fc.record({
  name: fc.constantFrom('name', 'id_card', 'income', 'diagnosis', 'district', 'phone'),
  piCategory: fc.option(fc.constantFrom(...categories), { nil: undefined }),
});
const consent = fc.record({
  piCategories: fc.subarray([...categories], { minLength: 1 }),
  processing: fc.subarray(['collect', 'store', 'use', 'provide', 'disclose'] as const, {
    minLength: 1,
  }),
  sensitive: fc.boolean(),
  withdrawn: fc.boolean(),
});

describe('decide() invariants (property)', () => {
  it('allowed fields are requested fields; denial has a failing reason; withheld fields are explained', () => {
    fc.assert(
      fc.property(
        fc.array(consent, { maxLength: 3 }),
        fc.uniqueArray(field, { selector: (f) => f.name, minLength: 1, maxLength: 5 }),
        fc.constantFrom('collect', 'store', 'use', 'provide', 'disclose', 'delete'),
        fc.constantFrom('resident-1', 'child-1', 'resident-3', 'nobody'),
        (consents, fields, processing, subject) => {
          const { decider } = makeDecider();
          for (const c of consents) {
            const record = decider.recordConsent(
              consentOf(subject === 'nobody' ? 'resident-1' : subject, {
                piCategories: [...c.piCategories],
                processing: [...c.processing],
                separate: { sensitive: c.sensitive },
              }),
            );
            if (c.withdrawn)
              decider.withdrawConsent(record.id, { at: '2026-02-15T00:00:00+08:00' });
          }
          const d = decider.decide({
            subject,
            purpose: REVIEW,
            processing,
            fields,
            recipient: processing === 'provide' ? 'health-commission' : undefined,
          });
          const names: string[] = fields.map((f) => f.name);
          expect(d.allowedFields.every((n) => names.includes(n))).toBe(true);
          expect(d.allowed).toBe(d.allowedFields.length > 0);
          if (!d.allowed) expect(d.reasons.some((r) => r.effect !== 'pass')).toBe(true);
          if (d.allowed) {
            for (const n of names) {
              if (!d.allowedFields.includes(n))
                expect(d.reasons.some((r) => r.field === n && r.effect === 'withhold')).toBe(true);
            }
          }
          for (const r of d.reasons) expect(r.article).toMatch(/PIPL|Fujian|Qingdao/);
          if (d.allowed && d.legalBasis === 'consent') expect(d.consents.length).toBeGreaterThan(0);
          if (subject === 'nobody') expect(d.allowed).toBe(false);
          // Deciding again gives the same answer (caches are transparent).
          expect(
            decider.decide({
              subject,
              purpose: REVIEW,
              processing,
              fields,
              recipient: processing === 'provide' ? 'health-commission' : undefined,
            }),
          ).toEqual(d);
        },
      ),
      { numRuns: 150 },
    );
  });
});
