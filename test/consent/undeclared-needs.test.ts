// Issue 18 item 1: a purpose without declared needs withholds every PI field
// (C-MINIMUM), and the decision still states every other rule that bears on it.
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../src/consent/index.ts';
import { consentOf, makeDecider, notice, tags } from './fixtures.ts';

const codes = (d: Decision) => d.reasons.map((r) => `${r.rule}/${r.code}`);

function research() {
  const ctx = makeDecider();
  ctx.decider.publishNotice({ ...notice, id: 'research-notice', purposes: ['research'] });
  return ctx;
}
const onResearch = (extra: Record<string, unknown> = {}) => ({
  subject: 'resident-1',
  purpose: 'research',
  processing: 'use' as const,
  fields: [tags.name],
  ...extra,
});
const researchConsent = (subject: string, extra: Record<string, unknown> = {}) =>
  consentOf(subject, { notice: { id: 'research-notice' }, purposes: ['research'], ...extra });

describe('C-MINIMUM with no declared needs (C-BASIS, C-WITHDRAW, C-MINOR still apply)', () => {
  it('never says a name holds no personal information', () => {
    const { decider } = research();
    decider.recordConsent(researchConsent('resident-1'));
    const d = decider.decide(onResearch());
    expect(d).toMatchObject({ allowed: false, allowedFields: [] });
    expect(codes(d)).toContain('C-MINIMUM/needs-undeclared');
    expect(codes(d)).not.toContain('C-BASIS/no-personal-information');
    expect(codes(d)[0]).toBe('C-BASIS/basis-consent');
  });

  it('still reports a withdrawn consent', () => {
    const { decider } = research();
    const record = decider.recordConsent(researchConsent('resident-1'));
    decider.withdrawConsent(record.id, { at: '2026-02-15T00:00:00+08:00' });
    const d = decider.decide(onResearch({ fields: [tags.name, tags.district] }));
    expect(d.allowed).toBe(false);
    expect(codes(d)).toEqual(
      expect.arrayContaining(['C-MINIMUM/needs-undeclared', 'C-WITHDRAW/consent-withdrawn']),
    );
    expect(d.obligations.map((o) => o.code)).toContain('stop-and-delete');
  });

  it('still reports a missing consent, a missing guardian and a missing separate consent', () => {
    const { decider } = research();
    expect(codes(decider.decide(onResearch()))).toContain('C-CONSENT/no-consent');
    decider.recordConsent(researchConsent('child-1'));
    expect(codes(decider.decide(onResearch({ subject: 'child-1' })))).toContain(
      'C-MINOR/guardian-consent-required',
    );
    decider.recordConsent(researchConsent('resident-2', { processing: ['use'] }));
    expect(
      codes(
        decider.decide(
          onResearch({ subject: 'resident-2', crossBorder: true, fields: [tags.diagnosis] }),
        ),
      ),
    ).toEqual(expect.arrayContaining(['C-SEP-XBORDER/separate-consent-missing']));
  });

  it('keeps non-personal fields when the consent checks pass', () => {
    const { decider } = research();
    decider.recordConsent(researchConsent('resident-1'));
    const d = decider.decide(onResearch({ fields: [tags.name, tags.district] }));
    expect(d.allowedFields).toEqual(['district']);
    expect(codes(d)).toEqual(
      expect.arrayContaining([
        'C-BASIS/basis-consent',
        'C-MINIMUM/needs-undeclared',
        'C-CONSENT/consent-valid',
      ]),
    );
    expect(codes(d)).not.toContain('C-BASIS/no-personal-information');
  });

  it('says "no personal information" only when no requested field has a PI category', () => {
    const { decider } = research();
    const d = decider.decide(onResearch({ fields: [tags.district] }));
    expect(d.allowed).toBe(true);
    expect(codes(d)).toEqual(['C-BASIS/no-personal-information', 'C-MINIMUM/minimum-met']);
    for (const field of [tags.name, tags.idCard, tags.income, tags.diagnosis]) {
      for (const subject of ['resident-1', 'child-1', 'resident-3', 'nobody']) {
        const decision = decider.decide(onResearch({ subject, fields: [field, tags.district] }));
        expect(codes(decision), `${subject} ${field.name}`).not.toContain(
          'C-BASIS/no-personal-information',
        );
      }
    }
  });

  it('a collection whose PI fields are all obtainable by sharing still checks the basis', () => {
    const { decider } = makeDecider();
    const d = decider.decide({
      subject: 'resident-1',
      purpose: 'public-service.social-assistance.eligibility.review',
      processing: 'collect',
      handler: { id: 'health-commission', kind: 'agency' },
      fields: [tags.name, tags.idCard],
    });
    expect(d.allowed).toBe(false);
    expect(codes(d)).toEqual(
      expect.arrayContaining(['C-NO-DUP/obtainable-by-sharing', 'C-CONSENT/no-consent']),
    );
    expect(codes(d)).not.toContain('C-BASIS/no-personal-information');
  });
});
