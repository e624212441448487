import { describe, expect, it } from 'vitest';
import {
  createConsentDecider,
  type FieldTag,
  type PurposeTaxonomy,
  type SyncConsentStore,
} from '../../src/consent/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { ConsentError, ValidationError } from '../../src/errors/index.ts';
import {
  adult,
  child,
  civilAffairs,
  consentOf,
  health,
  makeDecider,
  NOW,
  notice,
  REVIEW,
  rules,
  tags,
  unknownAge,
} from './fixtures.ts';

const use = (extra: Record<string, unknown> = {}) => ({
  subject: 'resident-1',
  purpose: REVIEW,
  processing: 'use' as const,
  fields: [tags.name, tags.idCard],
  ...extra,
});

// A second notice version, published after the consents of these tests and before NOW.
const V2_PUBLISHED = '2026-02-15T00:00:00+08:00';

function codes(decision: { reasons: readonly { rule: string; code: string }[] }): string[] {
  return decision.reasons.map((r) => `${r.rule}/${r.code}`);
}

describe('C-BASIS', () => {
  it('accepts a statutory duty where the purpose allows it, without consent, and records the law', () => {
    const { decider } = makeDecider();
    const d = decider.decide({
      subject: 'resident-1',
      purpose: 'statutory-duty.civil-affairs.assistance-audit',
      processing: 'use',
      legalBasis: 'statutory-duty',
      fields: [tags.name, tags.income],
    });
    expect(d.allowed).toBe(true);
    expect(d.legalBasis).toBe('statutory-duty');
    expect(d.allowedFields).toEqual(['name', 'income']);
    const basis = d.reasons.find((r) => r.rule === 'C-BASIS');
    expect(basis?.code).toBe('basis-statutory-duty');
    expect(basis?.article).toContain('Social Assistance Interim Measures Art. 55');
    expect(d.obligations.map((o) => o.code)).toContain('notify-subject');
    expect(codes(d)).toContain('C-SEP-SENSITIVE/separate-consent-not-required');
  });

  it('inherits a basis from an ancestor purpose', () => {
    const { decider } = makeDecider();
    const d = decider.decide({
      ...use(),
      purpose: 'statutory-duty.taxation',
      legalBasis: 'statutory-duty',
      needed: { categories: ['basic'] },
    });
    expect(d.allowed).toBe(true);
    expect(d.reasons[0]?.article).toContain('PIPL Art. 13 ¶1(3)');
  });

  it('refuses a basis the purpose does not allow', () => {
    const { decider } = makeDecider();
    // Social assistance is a statutory duty (seeded); a contract is no basis for it.
    const d = decider.decide(use({ legalBasis: 'contract' }));
    expect(d.allowed).toBe(false);
    expect(codes(d)).toContain('C-BASIS/basis-not-allowed');
  });

  it('denies an unknown subject (fail closed)', () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('resident-1'));
    const d = decider.decide(use({ subject: 'nobody' }));
    expect(d).toMatchObject({ allowed: false, allowedFields: [] });
    expect(codes(d)).toEqual(['C-BASIS/unknown-subject']);
  });

  it('needs no basis for fields without personal information', () => {
    const { decider } = makeDecider();
    const d = decider.decide(use({ fields: [tags.district] }));
    expect(d.allowed).toBe(true);
    expect(codes(d)[0]).toBe('C-BASIS/no-personal-information');
  });

  it('defaults to consent and says so', () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('resident-1'));
    const d = decider.decide(use());
    expect(d.legalBasis).toBe('consent');
    expect(codes(d)[0]).toBe('C-BASIS/basis-consent');
  });
});

describe('C-CONSENT', () => {
  it('a consent to a purpose covers its descendants', () => {
    const { decider } = makeDecider();
    const record = decider.recordConsent(consentOf('resident-1'));
    const d = decider.decide(use({ fields: [tags.name] }));
    expect(d).toMatchObject({ allowed: true, allowedFields: ['name'], consents: [record.id] });
    expect(codes(d)).toContain('C-CONSENT/consent-valid');
  });

  it('a consent to a purpose never covers its ancestors', () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('resident-1', { purposes: [REVIEW] }));
    const d = decider.decide(
      use({
        purpose: 'public-service.social-assistance.eligibility',
        needed: { categories: ['basic'] },
      }),
    );
    expect(d.allowed).toBe(false);
    expect(codes(d)).toContain('C-CONSENT/no-consent');
  });

  it('denies without any consent', () => {
    const { decider } = makeDecider();
    expect(codes(decider.decide(use()))).toContain('C-CONSENT/no-consent');
  });

  it('denies a processing method the consent does not cover', () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('resident-1', { processing: ['collect', 'store'] }));
    const d = decider.decide(use());
    expect(d.allowed).toBe(false);
    expect(codes(d)).toContain('C-CONSENT/processing-not-consented');
  });

  it('withholds a PI category the consent does not cover', () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('resident-1', { piCategories: ['basic'] }));
    const d = decider.decide(use());
    expect(d.allowedFields).toEqual(['name']);
    expect(d.reasons.find((r) => r.field === 'id_card')?.code).toBe('category-not-consented');
  });

  it("only the handler's own consents count when the request names the handler", () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('resident-1'));
    expect(decider.decide(use({ handler: civilAffairs, fields: [tags.name] })).allowed).toBe(true);
    expect(decider.decide(use({ handler: health, fields: [tags.name] })).allowed).toBe(false);
  });

  it('a new notice version that changes a method makes the old consent insufficient for it', () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('resident-1'));
    expect(decider.decide(use()).allowed).toBe(true);
    decider.publishNotice({
      ...notice,
      version: '2',
      publishedAt: V2_PUBLISHED,
      processing: ['collect', 'store', 'provide'],
    });
    const d = decider.decide(use());
    expect(d.allowed).toBe(false);
    expect(codes(d)).toContain('C-CONSENT/notice-changed');
  });

  it('a new notice version that drops a PI category withholds it; unchanged parts stay covered', () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('resident-1', { separate: { sensitive: true } }));
    decider.publishNotice({
      ...notice,
      version: '2',
      publishedAt: V2_PUBLISHED,
      piCategories: ['basic', 'identity', 'health'],
    });
    const d = decider.decide(use({ fields: [tags.name, tags.income] }));
    expect(d.allowedFields).toEqual(['name']);
    expect(d.reasons.find((r) => r.field === 'income')).toMatchObject({
      rule: 'C-CONSENT',
      code: 'notice-changed',
    });
  });

  it('a new notice version that changes the purpose makes the old consent insufficient', () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('resident-1'));
    decider.publishNotice({
      ...notice,
      version: '2',
      publishedAt: V2_PUBLISHED,
      purposes: ['statistics'],
    });
    expect(codes(decider.decide(use()))).toContain('C-CONSENT/notice-changed');
  });

  it('a notice version that only adds something keeps earlier consents valid', () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('resident-1'));
    decider.publishNotice({
      ...notice,
      version: '2',
      publishedAt: V2_PUBLISHED,
      piCategories: [...notice.piCategories, 'location'],
    });
    expect(decider.decide(use()).allowed).toBe(true);
  });

  it('honours validity: not yet valid, expired, renewed', () => {
    const { decider } = makeDecider();
    const future = decider.recordConsent(
      consentOf('resident-1', { validFrom: '2026-04-01T00:00:00+08:00' }),
    );
    expect(codes(decider.decide(use()))).toContain('C-CONSENT/consent-not-yet-valid');
    expect(decider.decide(use({ at: '2026-04-02T00:00:00+08:00' })).consents).toEqual([future.id]);
    const { decider: d2 } = makeDecider();
    const record = d2.recordConsent(consentOf('resident-1', { validFor: 'P1M' }));
    expect(record.validity.until).toBe('2026-03-01T01:00:00.000Z');
    expect(codes(d2.decide(use()))).toContain('C-CONSENT/consent-expired');
    d2.renewConsent(record.id, { at: '2026-02-20T00:00:00+08:00', validFor: 'P1Y' });
    expect(d2.decide(use()).allowed).toBe(true);
    d2.expireConsent(record.id, { at: '2026-03-01T09:00:00+08:00' });
    expect(codes(d2.decide(use()))).toContain('C-CONSENT/consent-expired');
  });

  it('denies after revocation and after a refusal', () => {
    const { decider } = makeDecider();
    const record = decider.recordConsent(consentOf('resident-1'));
    decider.revokeConsent(record.id, {
      by: 'civil-affairs',
      note: 'service closed',
      at: '2026-02-15T00:00:00+08:00',
    });
    expect(codes(decider.decide(use()))).toContain('C-CONSENT/consent-revoked');
    const { decider: d2 } = makeDecider();
    d2.recordConsent(consentOf('resident-1', { refused: true }));
    expect(codes(d2.decide(use()))).toContain('C-CONSENT/consent-refused');
  });

  it('unions fields across several valid consents', () => {
    const { decider } = makeDecider();
    const a = decider.recordConsent(consentOf('resident-1', { piCategories: ['basic'] }));
    const b = decider.recordConsent(
      consentOf('resident-1', { piCategories: ['identity'], separate: { sensitive: true } }),
    );
    const d = decider.decide(use());
    expect(d.allowedFields).toEqual(['name', 'id_card']);
    expect(d.consents).toEqual([a.id, b.id]);
  });

  it('refuses to record a consent broader than its notice', () => {
    const { decider } = makeDecider();
    expect(() =>
      decider.recordConsent(consentOf('resident-1', { piCategories: ['biometric'] })),
    ).toThrow(expect.objectContaining({ reason: 'not-in-notice' }));
    expect(() =>
      decider.recordConsent(consentOf('resident-1', { purposes: ['research'] })),
    ).toThrow(expect.objectContaining({ reason: 'not-in-notice' }));
    expect(() => decider.recordConsent(consentOf('resident-1', { processing: ['trade'] }))).toThrow(
      expect.objectContaining({ reason: 'not-in-notice' }),
    );
    expect(() =>
      decider.recordConsent(
        consentOf('resident-1', { givenBy: { role: 'subject', id: 'someone-else' } }),
      ),
    ).toThrow(expect.objectContaining({ reason: 'giver-mismatch' }));
  });
});

describe('C-WITHDRAW', () => {
  it('withdrawal takes effect immediately, with stop-and-delete obligations', () => {
    const { decider } = makeDecider();
    const record = decider.recordConsent(consentOf('resident-1'));
    expect(decider.decide(use()).allowed).toBe(true);
    decider.withdrawConsent(record.id);
    const d = decider.decide(use());
    expect(d.allowed).toBe(false);
    expect(codes(d)).toContain('C-WITHDRAW/consent-withdrawn');
    expect(d.obligations.map((o) => `${o.rule}/${o.code}`)).toContain('C-WITHDRAW/stop-and-delete');
  });

  it('processing before the withdrawal stays lawful', () => {
    const { decider } = makeDecider();
    const record = decider.recordConsent(consentOf('resident-1'));
    decider.withdrawConsent(record.id, { at: '2026-02-20T00:00:00+08:00' });
    expect(decider.decide(use({ at: '2026-02-19T00:00:00+08:00' })).allowed).toBe(true);
    expect(decider.decide(use({ at: '2026-02-20T00:00:00+08:00' })).allowed).toBe(false);
  });

  it('deletion after withdrawal is allowed and required', () => {
    const { decider } = makeDecider();
    const record = decider.recordConsent(consentOf('resident-1'));
    decider.withdrawConsent(record.id);
    const d = decider.decide(use({ processing: 'delete' }));
    expect(d.allowed).toBe(true);
    expect(codes(d)).toEqual(
      expect.arrayContaining([
        'C-WITHDRAW/delete-after-withdrawal',
        'C-RETENTION/deletion-allowed',
      ]),
    );
  });

  it('a withdrawn consent does not stop processing on another legal basis', () => {
    const { decider } = makeDecider();
    const record = decider.recordConsent(consentOf('resident-1'));
    decider.withdrawConsent(record.id);
    const d = decider.decide({
      ...use(),
      purpose: 'statutory-duty.civil-affairs.assistance-audit',
      legalBasis: 'statutory-duty',
    });
    expect(d.allowed).toBe(true);
  });

  it('nothing follows a withdrawal', () => {
    const { decider } = makeDecider();
    const record = decider.recordConsent(consentOf('resident-1'));
    decider.withdrawConsent(record.id);
    expect(() => decider.renewConsent(record.id)).toThrow(
      expect.objectContaining({ reason: 'consent-terminated' }),
    );
  });
});

describe('C-SEP-SENSITIVE', () => {
  it('withholds sensitive PI without separate consent', () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('resident-1'));
    const d = decider.decide(use({ fields: [tags.name, tags.income] }));
    expect(d.allowedFields).toEqual(['name']);
    expect(d.reasons.find((r) => r.field === 'income')).toMatchObject({
      effect: 'withhold',
      rule: 'C-SEP-SENSITIVE',
      code: 'separate-consent-missing',
    });
  });

  it('denies when only sensitive PI was asked for', () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('resident-1'));
    const d = decider.decide(use({ fields: [tags.income] }));
    expect(d.allowed).toBe(false);
    expect(rules(d.reasons, 'withhold')).toEqual(['C-SEP-SENSITIVE']);
  });

  it('allows sensitive PI with separate consent and asks for necessity notice and an assessment', () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('resident-1', { separate: { sensitive: true } }));
    const d = decider.decide(use({ fields: [tags.name, tags.income] }));
    expect(d.allowedFields).toEqual(['name', 'income']);
    expect(codes(d)).toContain('C-SEP-SENSITIVE/separate-consent-given');
    expect(d.obligations.map((o) => o.code)).toEqual(
      expect.arrayContaining(['notify-necessity', 'impact-assessment']),
    );
  });

  it('a tag can mark a field sensitive', () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('resident-1'));
    const d = decider.decide(
      use({ fields: [{ name: 'name', piCategory: 'basic', sensitive: true }] }),
    );
    expect(rules(d.reasons, 'withhold')).toEqual(['C-SEP-SENSITIVE']);
  });
});

describe('C-SEP-PROVIDE', () => {
  const provide = (extra: Record<string, unknown> = {}) =>
    use({ processing: 'provide', recipient: health, fields: [tags.name], ...extra });

  it('denies provision without separate consent', () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('resident-1', { processing: ['use', 'provide'] }));
    expect(codes(decider.decide(provide()))).toContain('C-SEP-PROVIDE/separate-consent-missing');
  });

  it('denies provision to a recipient the separate consent does not name, or to no recipient', () => {
    const { decider } = makeDecider();
    decider.recordConsent(
      consentOf('resident-1', {
        processing: ['use', 'provide'],
        separate: { provide: true },
        recipients: [{ id: 'education-bureau', kind: 'agency' }],
      }),
    );
    expect(codes(decider.decide(provide()))).toContain('C-SEP-PROVIDE/recipient-not-consented');
    expect(codes(decider.decide(provide({ recipient: undefined })))).toContain(
      'C-SEP-PROVIDE/recipient-required',
    );
  });

  it('allows provision to a named recipient with separate consent, binding it to the purpose', () => {
    const { decider } = makeDecider();
    decider.recordConsent(
      consentOf('resident-1', {
        processing: ['use', 'provide'],
        separate: { provide: true },
        recipients: [health],
      }),
    );
    const d = decider.decide(provide());
    expect(d.allowed).toBe(true);
    expect(codes(d)).toContain('C-SEP-PROVIDE/separate-consent-given');
    expect(d.obligations.map((o) => o.code)).toContain('recipient-within-purpose');
  });

  it('treats use by another party as provision, but not entrusted processing', () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('resident-1'));
    expect(codes(decider.decide(use({ recipient: 'some-company' })))).toContain(
      'C-SEP-PROVIDE/separate-consent-missing',
    );
    const { decider: d2 } = makeDecider();
    d2.publishNotice({
      ...notice,
      version: '2',
      publishedAt: V2_PUBLISHED,
      processing: [...notice.processing, 'entrust'],
    });
    d2.recordConsent(
      consentOf('resident-1', { processing: ['use', 'entrust'], at: '2026-02-20T09:00:00+08:00' }),
    );
    expect(
      d2.decide(use({ processing: 'entrust', recipient: 'cloud-vendor', fields: [tags.name] }))
        .allowed,
    ).toBe(true);
  });

  it('requires named recipients when recording a separate consent to provision', () => {
    const { decider } = makeDecider();
    expect(() =>
      decider.recordConsent(consentOf('resident-1', { separate: { provide: true } })),
    ).toThrow(expect.objectContaining({ reason: 'recipients-required' }));
  });
});

describe('C-SEP-PUBLIC', () => {
  it('denies public disclosure without separate consent', () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('resident-1', { processing: ['disclose'] }));
    const d = decider.decide(use({ processing: 'disclose', fields: [tags.name] }));
    expect(d.allowed).toBe(false);
    expect(codes(d)).toContain('C-SEP-PUBLIC/separate-consent-missing');
  });

  it('allows public disclosure with separate consent', () => {
    const { decider } = makeDecider();
    decider.recordConsent(
      consentOf('resident-1', { processing: ['disclose'], separate: { disclose: true } }),
    );
    const d = decider.decide(use({ processing: 'disclose', fields: [tags.name] }));
    expect(d.allowed).toBe(true);
    expect(codes(d)).toContain('C-SEP-PUBLIC/separate-consent-given');
  });
});

describe('C-SEP-XBORDER', () => {
  const abroad = { id: 'overseas-university', kind: 'enterprise' as const };
  const xb = use({
    processing: 'provide',
    recipient: abroad,
    crossBorder: true,
    fields: [tags.name],
  });

  it('denies cross-border provision without separate consent', () => {
    const { decider } = makeDecider();
    decider.recordConsent(
      consentOf('resident-1', {
        processing: ['provide'],
        separate: { provide: true },
        recipients: [abroad],
      }),
    );
    const d = decider.decide(xb);
    expect(d.allowed).toBe(false);
    expect(rules(d.reasons, 'deny')).toEqual(['C-SEP-XBORDER']);
  });

  it('allows cross-border provision with separate consent, after an impact assessment', () => {
    const { decider } = makeDecider();
    decider.recordConsent(
      consentOf('resident-1', {
        processing: ['provide'],
        separate: { provide: true, crossBorder: true },
        recipients: [abroad],
      }),
    );
    const d = decider.decide(xb);
    expect(d.allowed).toBe(true);
    expect(codes(d)).toContain('C-SEP-XBORDER/separate-consent-given');
    expect(d.obligations.map((o) => `${o.rule}/${o.code}`)).toContain('P-PIPIA/impact-assessment');
  });
});

describe('C-MINOR', () => {
  const childUse = (extra: Record<string, unknown> = {}) =>
    use({ subject: 'child-1', fields: [tags.name], ...extra });
  const guardian = { role: 'guardian' as const, id: 'parent-1', relation: 'parent' };

  it('denies a consent a child under 14 gave', () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('child-1', { separate: { sensitive: true } }));
    const d = decider.decide(childUse());
    expect(d.allowed).toBe(false);
    expect(codes(d)).toContain('C-MINOR/guardian-consent-required');
  });

  it("allows a registered guardian's consent; all of a child's PI needs separate consent", () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('child-1', { givenBy: guardian }));
    expect(rules(decider.decide(childUse()).reasons, 'withhold')).toEqual(['C-SEP-SENSITIVE']);
    decider.recordConsent(
      consentOf('child-1', { givenBy: guardian, separate: { sensitive: true } }),
    );
    const d = decider.decide(childUse());
    expect(d.allowed).toBe(true);
    expect(codes(d)).toEqual(
      expect.arrayContaining([
        'C-MINOR/guardian-consented',
        'C-SEP-SENSITIVE/separate-consent-given',
      ]),
    );
  });

  it('denies a guardian the subject record does not list', () => {
    const { decider } = makeDecider();
    decider.recordConsent(
      consentOf('child-1', {
        givenBy: { role: 'guardian', id: 'stranger' },
        separate: { sensitive: true },
      }),
    );
    expect(codes(decider.decide(childUse()))).toContain('C-MINOR/guardian-not-registered');
  });

  it('fails closed when the age is unknown, unless a guardian consented', () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('resident-3'));
    expect(codes(decider.decide(use({ subject: 'resident-3', fields: [tags.name] })))).toContain(
      'C-MINOR/age-unknown',
    );
    decider.recordConsent(
      consentOf('resident-3', {
        givenBy: { role: 'guardian', id: 'carer-9' },
        separate: { sensitive: true },
      }),
    );
    expect(decider.decide(use({ subject: unknownAge, fields: [tags.name] })).allowed).toBe(true);
  });

  it('a consent given while under 14 does not become valid at 14', () => {
    const { decider } = makeDecider();
    const teen = { id: 'teen-1', birthDate: '2012-02-15' };
    decider.recordConsent(consentOf('teen-1', { at: '2026-02-01T09:00:00+08:00' }));
    const d = decider.decide(use({ subject: teen, fields: [tags.name] }));
    expect(codes(d)).toContain('C-MINOR/consent-given-by-minor');
    decider.recordConsent(consentOf('teen-1', { at: '2026-02-20T09:00:00+08:00' }));
    expect(decider.decide(use({ subject: teen, fields: [tags.name] })).allowed).toBe(true);
  });

  it('is under 14 through the 14th birthday and 14 from the next day (UTC+8)', () => {
    const { decider } = makeDecider();
    const born = { id: 'teen-2', birthDate: '2012-03-01' };
    decider.recordConsent(consentOf('teen-2', { at: '2026-03-02T00:00:00+08:00' }));
    const on = use({ subject: born, fields: [tags.name], at: '2026-03-01T23:59:59+08:00' });
    expect(codes(decider.decide(on))).toContain('C-CONSENT/consent-not-yet-valid');
    const next = use({ subject: born, fields: [tags.name], at: '2026-03-02T00:00:00+08:00' });
    expect(decider.decide(next).allowed).toBe(true);
    const { decider: d2 } = makeDecider();
    d2.recordConsent(consentOf('teen-2', { at: '2026-03-01T12:00:00+08:00' }));
    expect(codes(d2.decide({ ...next, at: '2026-03-05T00:00:00+08:00' }))).toContain(
      'C-MINOR/consent-given-by-minor',
    );
  });

  it('reads the age from the resident ID number', () => {
    const { decider } = makeDecider();
    const id = withCheck('44030520150601123');
    decider.recordConsent(consentOf('kid-2'));
    const d = decider.decide(
      use({ subject: { id: 'kid-2', residentId: id }, fields: [tags.name] }),
    );
    expect(codes(d)).toContain('C-MINOR/guardian-consent-required');
    const grown = withCheck('44030519900601123');
    expect(
      decider.decide(use({ subject: { id: 'kid-2', residentId: grown }, fields: [tags.name] }))
        .allowed,
    ).toBe(true);
  });

  it('reads configured subject properties', () => {
    const { store, purposes } = makeDecider();
    const decider = createWith(store, purposes, { birthDate: 'dob', residentId: 'id_card' });
    decider.recordConsent(consentOf('kid-3'));
    expect(
      codes(
        decider.decide(use({ subject: { id: 'kid-3', dob: '2015-01-01' }, fields: [tags.name] })),
      ),
    ).toContain('C-MINOR/guardian-consent-required');
  });

  it('a dataset of minors makes the subject a minor', () => {
    const { decider } = makeDecider();
    decider.recordConsent(
      consentOf('resident-1', {
        piCategories: ['basic', 'minor-under-14'],
        separate: { sensitive: true },
      }),
    );
    const d = decider.decide(
      use({ fields: [{ name: 'pupil_name', piCategory: 'minor-under-14' }] }),
    );
    expect(codes(d)).toContain('C-MINOR/guardian-consent-required');
  });

  it("under another legal basis, a minor's PI needs no guardian consent but special rules", () => {
    const { decider } = makeDecider();
    const d = decider.decide({
      subject: child,
      purpose: 'statutory-duty.civil-affairs.assistance-audit',
      legalBasis: 'statutory-duty',
      processing: 'use',
      fields: [tags.name],
    });
    expect(d.allowed).toBe(true);
    expect(codes(d)).toContain('C-MINOR/guardian-consent-not-required');
    expect(d.obligations.map((o) => o.code)).toContain('minor-rules');
  });
});

describe('C-MINIMUM', () => {
  it('withholds fields the purpose does not need, with a reason each', () => {
    const { decider } = makeDecider();
    decider.recordConsent(
      consentOf('resident-1', { purposes: ['statistics'], separate: { sensitive: true } }),
    );
    const d = decider.decide({
      subject: 'resident-1',
      purpose: 'statistics.poverty',
      processing: 'use',
      fields: { dataset: { id: 'assistance-applicants' }, names: ['name', 'income', 'district'] },
    });
    expect(d.allowed).toBe(true);
    expect(d.allowedFields).toEqual(['income', 'district']);
    expect(d.reasons.find((r) => r.field === 'name')).toMatchObject({
      rule: 'C-MINIMUM',
      code: 'field-not-needed',
    });
  });

  it('says the minimum is met when every field is needed', () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('resident-1'));
    expect(codes(decider.decide(use()))).toContain('C-MINIMUM/minimum-met');
  });

  it('the request can narrow what the purpose needs', () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('resident-1', { separate: { sensitive: true } }));
    const d = decider.decide(use({ needed: { fields: ['name'] } }));
    expect(d.allowedFields).toEqual(['name']);
  });

  it('withholds personal fields when no needs are declared (fail closed)', () => {
    const { decider } = makeDecider();
    decider.publishNotice({ ...notice, id: 'research-notice', purposes: ['research'] });
    decider.recordConsent(
      consentOf('resident-1', { notice: { id: 'research-notice' }, purposes: ['research'] }),
    );
    const d = decider.decide(use({ purpose: 'research', fields: [tags.name, tags.district] }));
    expect(d.allowedFields).toEqual(['district']);
    expect(codes(d)).toContain('C-MINIMUM/needs-undeclared');
  });

  it('denies an unknown purpose', () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('resident-1'));
    const d = decider.decide(use({ purpose: 'marketing' }));
    expect(d.allowed).toBe(false);
    expect(codes(d)).toEqual(['C-MINIMUM/unknown-purpose']);
  });

  it('denies an unknown field or dataset', () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('resident-1'));
    const d = decider.decide(
      use({ fields: { dataset: { id: 'assistance-applicants' }, names: ['name', 'shoe_size'] } }),
    );
    expect(d.allowed).toBe(false);
    expect(d.reasons).toEqual([
      expect.objectContaining({ rule: 'C-MINIMUM', code: 'unknown-field', field: 'shoe_size' }),
    ]);
    const e = decider.decide(use({ fields: { dataset: { id: 'no-such-dataset' } } }));
    expect(codes(e)).toEqual(['C-MINIMUM/unknown-field']);
  });
});

describe('C-NO-DUP', () => {
  const collect = (handler: unknown) => ({
    subject: 'resident-1',
    purpose: 'statutory-duty.civil-affairs.assistance-audit',
    legalBasis: 'statutory-duty' as const,
    processing: 'collect' as const,
    handler,
    fields: [tags.name, tags.idCard, { name: 'phone', piCategory: 'basic' as const }],
  });

  it('an agency must not collect again what public-data sharing provides', () => {
    const { decider } = makeDecider();
    const d = decider.decide(collect(health) as never);
    expect(d.allowedFields).toEqual(['phone']);
    expect(d.reasons.filter((r) => r.rule === 'C-NO-DUP').map((r) => r.field)).toEqual([
      'name',
      'id_card',
    ]);
    expect(d.obligations.map((o) => o.code)).toContain('request-share');
  });

  it('does not apply to the providing department itself or to non-agencies', () => {
    const { decider } = makeDecider();
    expect(decider.decide(collect(civilAffairs) as never).allowedFields).toEqual([
      'name',
      'id_card',
      'phone',
    ]);
    expect(decider.decide(collect('health-commission') as never).allowedFields).toHaveLength(3);
  });
});

describe('C-RETENTION', () => {
  it("denies once the notice's retention period has ended, and asks for deletion", () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('resident-1'));
    const d = decider.decide(use({ at: '2031-02-01T09:00:00+08:00' }));
    expect(d.allowed).toBe(false);
    expect(codes(d)).toContain('C-RETENTION/retention-ended');
    expect(d.obligations.map((o) => o.code)).toContain('delete');
  });

  it('allows within retention and gives the deletion date', () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('resident-1'));
    const d = decider.decide(use({ at: '2031-02-01T08:59:59+08:00' }));
    expect(d.allowed).toBe(true);
    expect(d.obligations.find((o) => o.code === 'delete-by')?.due).toBe('2031-02-01T01:00:00.000Z');
  });

  it('a purpose may keep PI for less long than the notice', () => {
    const { decider } = makeDecider();
    decider.recordConsent(
      consentOf('resident-1', { purposes: ['statistics'], separate: { sensitive: true } }),
    );
    const req = {
      subject: 'resident-1',
      purpose: 'statistics.poverty',
      processing: 'use' as const,
      fields: [{ name: 'household_size' }, { name: 'income', piCategory: 'property' as const }],
    };
    expect(decider.decide({ ...req, at: '2028-02-01T08:59:59+08:00' }).allowed).toBe(true);
    expect(codes(decider.decide({ ...req, at: '2028-02-01T09:00:00+08:00' }))).toContain(
      'C-RETENTION/retention-ended',
    );
  });

  it('counts from collection under another legal basis', () => {
    const { decider } = makeDecider();
    const req = {
      subject: 'resident-1',
      purpose: 'statutory-duty.civil-affairs.assistance-audit',
      legalBasis: 'statutory-duty' as const,
      processing: 'store' as const,
      fields: [tags.name],
    };
    const ended = decider.decide({ ...req, collectedAt: '2022-01-01T00:00:00+08:00' });
    expect(codes(ended)).toContain('C-RETENTION/retention-ended');
    const within = decider.decide({ ...req, collectedAt: '2024-01-01T00:00:00+08:00' });
    expect(within.allowed).toBe(true);
    expect(within.obligations.find((o) => o.code === 'delete-by')?.due).toBe(
      '2026-12-31T16:00:00.000Z',
    );
  });

  it('counts from collection under consent too', () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('resident-1'));
    expect(codes(decider.decide(use({ collectedAt: '2021-01-01T00:00:00+08:00' })))).toContain(
      'C-RETENTION/retention-ended',
    );
  });

  it('deletion is always allowed', () => {
    const { decider } = makeDecider();
    const d = decider.decide(use({ processing: 'delete' }));
    expect(d).toMatchObject({ allowed: true, allowedFields: ['name', 'id_card'] });
    expect(codes(d)).toContain('C-RETENTION/deletion-allowed');
  });
});

describe('safeDecide / assertAllowed', () => {
  it('assertAllowed returns allowed decisions and throws ConsentError with rule ids, without PI', () => {
    const { decider } = makeDecider();
    const record = decider.recordConsent(consentOf('resident-1'));
    expect(decider.assertAllowed(use()).allowed).toBe(true);
    decider.withdrawConsent(record.id);
    try {
      decider.assertAllowed(use({ subject: adult }));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConsentError);
      const e = error as ConsentError;
      expect(e.code).toBe('ERR_CONSENT_DENIED');
      expect(e.reason).toBe('consent-withdrawn');
      expect(e.details?.rules).toEqual(['C-WITHDRAW']);
      expect(e.message).toContain('C-WITHDRAW');
      expect(JSON.stringify(e)).not.toMatch(/resident-1|1980/);
    }
  });

  it('decide throws on malformed input; safeDecide returns the error', () => {
    const { decider } = makeDecider();
    expect(() => decider.decide(use({ processing: 'fly' }))).toThrow(ValidationError);
    // An offset-less time is read in the decider's zone (DESIGN.md); a time that is no date is an error.
    expect(() => decider.decide(use({ at: '2026-02-30T10:00:00' }))).toThrow(
      expect.objectContaining({ reason: 'invalid-time' }),
    );
    expect(() => decider.decide(use({ fields: [{ name: 'x', piCategory: 'nope' }] }))).toThrow(
      expect.objectContaining({ reason: 'invalid-field' }),
    );
    expect(() => decider.decide(use({ subject: { name: 'no id' } }))).toThrow(ValidationError);
    expect(() => decider.decide(use({ fields: [] }))).toThrow(
      expect.objectContaining({ reason: 'invalid-request' }),
    );
    expect(() =>
      decider.decide(use({ fields: { dataset: { id: 'assistance-applicants' }, names: [] } })),
    ).toThrow(ValidationError);
    const safe = decider.safeDecide(use({ legalBasis: 'whim' }));
    expect(safe.ok).toBe(false);
    if (!safe.ok) expect(safe.error.reason).toBe('invalid-request');
    const ok = decider.safeDecide(use());
    expect(ok).toMatchObject({ ok: true, value: { allowed: false } });
  });
});

describe('prepare', () => {
  it('decides like decide() and ignores later changes to the template', () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('resident-1'));
    const template = {
      purpose: REVIEW,
      processing: 'use' as const,
      fields: [tags.name, tags.idCard] as FieldTag[],
    };
    const prepared = decider.prepare(template);
    template.fields.push(tags.income);
    expect(prepared.decide('resident-1')).toEqual(decider.decide(use()));
    expect(prepared.decide('resident-2').allowed).toBe(false);
    expect(prepared.decide('resident-1', '2031-03-01T00:00:00+08:00').allowed).toBe(false);
  });

  it('sees purposes defined after it was prepared', () => {
    const { decider, purposes } = makeDecider();
    decider.recordConsent(consentOf('resident-1'));
    const prepared = decider.prepare({
      purpose: `${REVIEW}.late`,
      processing: 'use',
      fields: [tags.name],
    });
    expect(prepared.decide('resident-1').allowed).toBe(false);
    purposes.define({ id: `${REVIEW}.late` });
    expect(prepared.decide('resident-1').allowed).toBe(true);
  });
});

// Appends the GB 11643-1999 MOD 11-2 check character.
function withCheck(seventeen: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...seventeen].reduce((acc, d, i) => acc + Number(d) * (weights[i] as number), 0);
  return seventeen + '10X98765432'[sum % 11];
}

function createWith(
  store: SyncConsentStore,
  purposes: PurposeTaxonomy,
  subjectFields: Record<string, string>,
) {
  return createConsentDecider({ store, purposes, clock: fixedClock(NOW), subjectFields });
}

describe('request cache', () => {
  it('sees changes to a reused fields array and to the catalog', () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('resident-1', { piCategories: ['basic'] }));
    const fields: { name: string; piCategory?: 'basic' | 'identity' }[] = [
      { name: 'name', piCategory: 'basic' },
    ];
    const request = { subject: 'resident-1', purpose: REVIEW, processing: 'use' as const, fields };
    expect(decider.decide(request).allowedFields).toEqual(['name']);
    fields.push({ name: 'id_card', piCategory: 'identity' });
    expect(decider.decide(request).allowedFields).toEqual(['name']);
    expect(decider.decide(request).reasons.some((r) => r.field === 'id_card')).toBe(true);
    (fields[0] as { piCategory?: string }).piCategory = 'identity';
    expect(decider.decide(request).allowed).toBe(false);
    expect(decider.decide({ ...request, processing: 'delete' }).allowed).toBe(true);
    expect(decider.decide({ ...request, purpose: 'marketing' }).reasons[0]?.code).toBe(
      'unknown-purpose',
    );
  });

  it('recompiles when a dataset (version) is registered', () => {
    const { decider, catalog } = makeDecider();
    decider.recordConsent(consentOf('resident-1', { piCategories: ['basic'] }));
    const fields = { dataset: { id: 'school-roll' }, names: ['pupil'] };
    const request = { subject: 'resident-1', purpose: REVIEW, processing: 'use' as const, fields };
    expect(decider.decide(request).reasons[0]?.code).toBe('unknown-field');
    const field = {
      name: 'pupil',
      role: 'direct-identifier' as const,
      share: 'conditional' as const,
      open: 'closed' as const,
      openBasis: 'PIPL Art. 31',
    };
    catalog.register({
      id: 'school-roll',
      version: '1',
      fields: [{ ...field, piCategory: 'basic' }],
    });
    expect(decider.decide(request).allowedFields).toEqual(['pupil']);
    catalog.register({
      id: 'school-roll',
      version: '2',
      fields: [{ ...field, piCategory: 'identity' }],
    });
    expect(decider.decide(request).allowed).toBe(false);
  });
});
