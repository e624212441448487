import { describe, expect, it } from 'vitest';
import { grantStateAt } from '../../src/consent/grant.ts';
import { createConsentDecider, createMemoryConsentStore } from '../../src/consent/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { bigData, civilAffairs, health, makeCatalog, makeDecider, NOW } from './fixtures.ts';

const dataset = { id: 'assistance-applicants' };
const commitment = { authenticity: true, security: true, compliance: true };
const share = (extra: Record<string, unknown> = {}) => ({
  dataset,
  fields: ['name', 'id_card', 'income', 'diagnosis', 'district'],
  requester: health,
  duty: 'medical-assistance',
  scenario: 'check medical-assistance applicants against the assistance roll',
  commitment,
  ...extra,
});
const codes = (d: { reasons: readonly { rule: string; code: string }[] }) =>
  d.reasons.map((r) => `${r.rule}/${r.code}`);
const enterprise = { id: 'data-co', kind: 'enterprise' as const, name: 'Data Co.' };

describe('S-TYPES', () => {
  it('shares unconditional fields, conditional ones within the duty, and refuses `none` quoting its basis', () => {
    const { decider } = makeDecider();
    const d = decider.decideShare(share());
    expect(d.allowed).toBe(true);
    expect(d.allowedFields).toEqual(['name', 'id_card', 'district']);
    expect(d.reasons.find((r) => r.field === 'income')).toMatchObject({
      rule: 'S-TYPES',
      code: 'outside-duty',
    });
    const none = d.reasons.find((r) => r.field === 'diagnosis');
    expect(none).toMatchObject({ rule: 'S-TYPES', code: 'not-shared', effect: 'withhold' });
    expect(none?.message).toContain('Basic Medical and Health Law Art. 92');
    expect(codes(d)).toEqual(
      expect.arrayContaining(['S-TYPES/unconditional', 'S-TYPES/conditional-within-duty']),
    );
  });

  it('accepts a duty stated inline when no registry is configured', () => {
    const decider = createConsentDecider({
      store: createMemoryConsentStore(),
      catalog: makeCatalog(),
      clock: fixedClock(NOW),
    });
    const duty = {
      id: 'audit',
      law: 'Audit Law Art. 34',
      scope: [{ dataset: 'assistance-applicants' }],
    };
    expect(decider.decideShare(share({ duty })).allowedFields).toEqual([
      'name',
      'id_card',
      'income',
      'district',
    ]);
    expect(codes(decider.decideShare(share({ duty: { ...duty, law: ' ' } })))).toEqual([
      'S-TYPES/duty-missing',
    ]);
  });

  it('denies unknown duties, non-public data, unknown datasets and requesters that are not public bodies', () => {
    const { decider } = makeDecider();
    expect(codes(decider.decideShare(share({ duty: 'tax-audit' })))).toEqual([
      'S-TYPES/duty-unknown',
    ]);
    expect(codes(decider.decideShare(share({ dataset: { id: 'nope' } })))).toEqual([
      'S-TYPES/unknown-dataset',
    ]);
    expect(codes(decider.decideShare(share({ requester: enterprise })))).toEqual([
      'S-TYPES/requester-not-public-body',
    ]);
    const catalog = makeCatalog();
    catalog.register({
      id: 'staff',
      version: '1',
      domain: 'non-public',
      fields: [{ name: 'x', role: 'insensitive', share: 'unconditional', open: 'open' }],
    });
    const other = createConsentDecider({
      store: createMemoryConsentStore(),
      catalog,
      clock: fixedClock(NOW),
    });
    expect(codes(other.decideShare(share({ dataset: { id: 'staff' }, fields: ['x'] })))).toEqual([
      'S-TYPES/not-public-data',
    ]);
    const noCatalog = createConsentDecider({ store: createMemoryConsentStore() });
    expect(codes(noCatalog.decideShare(share()))).toEqual(['S-TYPES/catalog-required']);
  });

  it('denies when every asked field is withheld', () => {
    const { decider } = makeDecider();
    const d = decider.decideShare(share({ fields: ['diagnosis', 'income'] }));
    expect(d).toMatchObject({ allowed: false, allowedFields: [] });
  });
});

describe('S-REQUEST', () => {
  it('needs a use scenario and the three commitments', () => {
    const { decider } = makeDecider();
    expect(codes(decider.decideShare(share({ scenario: '  ' })))).toEqual([
      'S-REQUEST/scenario-missing',
    ]);
    expect(
      codes(decider.decideShare(share({ commitment: { authenticity: true, security: true } }))),
    ).toEqual(['S-REQUEST/commitment-missing']);
    expect(codes(decider.decideShare(share()))).toContain('S-REQUEST/request-complete');
  });

  it('refuses fields the dataset does not have, and malformed requests', () => {
    const { decider } = makeDecider();
    const d = decider.decideShare(share({ fields: ['name', 'blood_type'] }));
    expect(d.allowed).toBe(false);
    expect(d.reasons).toEqual([
      expect.objectContaining({ rule: 'S-REQUEST', code: 'unknown-field', field: 'blood_type' }),
    ]);
    // A request naming no field is deniable: a decision, not an error (issue 18).
    expect(decider.decideShare(share({ fields: [] })).reasons).toEqual([
      expect.objectContaining({ rule: 'S-REQUEST', code: 'fields-missing' }),
    ]);
  });
});

describe('S-PURPOSE', () => {
  function granted() {
    const ctx = makeDecider();
    const result = ctx.decider.grantShare({ ...share(), term: { duration: 'P1Y' } });
    expect(result.allowed).toBe(true);
    return { ...ctx, grant: result.grant as NonNullable<typeof result.grant> };
  }
  const useOf = (grant: string, extra: Record<string, unknown> = {}) => ({
    grant,
    actor: health,
    purpose: 'public-data.sharing',
    processing: 'use' as const,
    fields: ['name', 'id_card'],
    ...extra,
  });

  it('a share grant records scope, duty, purpose and term, and binds use to the duty', () => {
    const { decider, grant } = granted();
    expect(grant).toMatchObject({
      kind: 'share',
      fields: ['name', 'id_card', 'district'],
      duty: { id: 'medical-assistance', law: 'Social Assistance Interim Measures Art. 28' },
      term: { start: '2026-03-01T02:00:00.000Z', end: '2027-03-01T02:00:00.000Z' },
      provider: civilAffairs,
    });
    const d = decider.decideGrantUse(useOf(grant.id));
    expect(d.allowed).toBe(true);
    expect(codes(d)).toContain('S-PURPOSE/grant-valid');
    expect(d.obligations.map((o) => o.code)).toContain('no-onward-transfer');
  });

  it('denies onward transfer to a third party, even after changing its form', () => {
    const { decider, grant } = granted();
    expect(
      codes(
        decider.decideGrantUse(useOf(grant.id, { processing: 'provide', recipient: 'insurer' })),
      ),
    ).toEqual(['S-PURPOSE/onward-transfer']);
    expect(
      codes(decider.decideGrantUse(useOf(grant.id, { recipient: 'insurer', derived: true }))),
    ).toEqual(['S-PURPOSE/onward-transfer-derived']);
    expect(codes(decider.decideGrantUse(useOf(grant.id, { actor: 'insurer' })))).toEqual([
      'S-PURPOSE/not-grantee',
    ]);
  });

  it('denies another purpose, fields outside scope, and use outside the term', () => {
    const { decider, grant } = granted();
    expect(codes(decider.decideGrantUse(useOf(grant.id, { purpose: 'research' })))).toEqual([
      'S-PURPOSE/other-purpose',
    ]);
    const partial = decider.decideGrantUse(useOf(grant.id, { fields: ['name', 'income'] }));
    expect(partial.allowedFields).toEqual(['name']);
    expect(partial.reasons.find((r) => r.field === 'income')?.code).toBe('outside-scope');
    expect(
      codes(decider.decideGrantUse(useOf(grant.id, { at: '2027-03-02T00:00:00+08:00' }))),
    ).toEqual(['S-PURPOSE/grant-expired']);
    expect(
      codes(decider.decideGrantUse(useOf(grant.id, { at: '2026-02-01T00:00:00+08:00' }))),
    ).toEqual(['S-PURPOSE/grant-not-yet-valid']);
    expect(codes(decider.decideGrantUse(useOf('grant-none')))).toEqual(['S-PURPOSE/unknown-grant']);
  });

  it('issues no grant when sharing is refused', () => {
    const { decider } = makeDecider();
    const result = decider.grantShare({ ...share({ scenario: '' }), term: { duration: 'P1Y' } });
    expect(result).toMatchObject({ allowed: false, grant: undefined });
  });
});

describe('S-SUSPEND', () => {
  it('misuse suspends the grant; correction resumes it; past the deadline it stays suspended until the authority terminates it', () => {
    const { decider, clock } = makeDecider();
    const { grant } = decider.grantShare({ ...share(), term: { duration: 'P1Y' } });
    const id = (grant as NonNullable<typeof grant>).id;
    const use = (at: string) =>
      decider.decideGrantUse({
        grant: id,
        actor: health,
        purpose: 'public-data.sharing',
        processing: 'use',
        fields: ['name'],
        at,
      });
    decider.reportMisuse(id, {
      by: bigData.id,
      at: '2026-04-01T00:00:00+08:00',
      correctBy: '2026-04-15T00:00:00+08:00',
    });
    const suspended = use('2026-04-02T00:00:00+08:00');
    expect(codes(suspended)).toEqual(['S-SUSPEND/suspended']);
    expect(suspended.obligations[0]).toMatchObject({
      code: 'correct-misuse',
      due: '2026-04-15T00:00:00+08:00',
    });
    decider.recordCorrection(id, { by: health.id, at: '2026-04-10T00:00:00+08:00' });
    expect(use('2026-04-11T00:00:00+08:00').allowed).toBe(true);
    decider.reportMisuse(id, {
      by: bigData.id,
      at: '2026-05-01T00:00:00+08:00',
      correctBy: '2026-05-10T00:00:00+08:00',
    });
    // No automatic termination: the grant stays suspended until the authority decides.
    expect(codes(use('2026-05-11T00:00:00+08:00'))).toEqual(['S-SUSPEND/correction-overdue']);
    decider.terminateGrant(id, { by: bigData.id, at: '2026-05-11T12:00:00+08:00' });
    expect(codes(use('2026-05-11T13:00:00+08:00'))).toEqual(['S-SUSPEND/terminated']);
    expect(() =>
      decider.recordCorrection(id, { by: health.id, at: '2026-05-12T00:00:00+08:00' }),
    ).toThrow(expect.objectContaining({ reason: 'grant-terminated' }));
    expect(clock()).toBe(Date.parse(NOW));
  });

  it('a grant can be terminated outright; misuse needs a deadline', () => {
    const { decider } = makeDecider();
    const { grant } = decider.grantShare({ ...share(), term: { duration: 'P1Y' } });
    const id = (grant as NonNullable<typeof grant>).id;
    expect(() => decider.reportMisuse(id, { by: bigData.id } as never)).toThrow(
      expect.objectContaining({ reason: 'deadline-required' }),
    );
    const ended = decider.terminateGrant(id, {
      by: bigData.id,
      at: '2026-03-02T00:00:00+08:00',
      note: 'duty transferred',
    });
    expect(grantStateAt(ended, Date.parse('2026-03-03T00:00:00+08:00'))).toBe('terminated');
  });
});

describe('S-OPEN', () => {
  it('opened fields are available to anyone; on-application ones need an approved application; closed ones are refused with their basis', () => {
    const { decider } = makeDecider();
    const d = decider.decideOpen({
      dataset,
      fields: ['district', 'household_size', 'name'],
      requester: enterprise,
    });
    expect(d.allowedFields).toEqual(['district']);
    expect(d.reasons.find((r) => r.field === 'household_size')).toMatchObject({
      rule: 'S-OPEN',
      code: 'application-required',
    });
    expect(d.reasons.find((r) => r.field === 'name')).toMatchObject({
      rule: 'S-OPEN',
      code: 'closed',
    });
    expect(d.reasons.find((r) => r.field === 'name')?.message).toContain('PIPL Art. 25');
    expect(d.obligations.map((o) => o.code)).toEqual(['apply-to-provider']);
  });

  it('the provider approves an application through the big-data authority', () => {
    const { decider } = makeDecider();
    const application = {
      kind: 'open' as const,
      dataset,
      fields: ['household_size', 'name'],
      grantee: enterprise,
      purpose: 'public-data.opening',
      term: { duration: 'P6M' },
    };
    expect(codes(decider.issueGrant({ ...application, authority: bigData }))).toContain(
      'S-OPEN/provider-approval-required',
    );
    expect(
      codes(
        decider.issueGrant({
          ...application,
          approvedBy: { id: 'someone', kind: 'agency' },
          authority: bigData,
        }),
      ),
    ).toContain('S-OPEN/provider-approval-required');
    expect(codes(decider.issueGrant({ ...application, approvedBy: civilAffairs }))).toContain(
      'S-OPEN/authority-required',
    );
    const approved = decider.issueGrant({
      ...application,
      approvedBy: civilAffairs,
      authority: bigData,
    });
    expect(approved.allowed).toBe(true);
    expect(approved.grant?.fields).toEqual(['household_size']);
    expect(approved.reasons.find((r) => r.field === 'name')?.code).toBe('closed');
    const id = approved.grant?.id as string;
    const d = decider.decideOpen({
      dataset,
      fields: ['district', 'household_size'],
      requester: enterprise,
      grant: id,
    });
    expect(d.allowedFields).toEqual(['district', 'household_size']);
    expect(codes(d)).toContain('S-OPEN/application-approved');
    expect(
      codes(
        decider.decideOpen({
          dataset,
          fields: ['household_size'],
          requester: { id: 'other', kind: 'enterprise' },
          grant: id,
        }),
      ),
    ).toEqual(['S-PURPOSE/not-grantee']);
  });
});

describe('S-DEVELOP', () => {
  const develop = {
    kind: 'develop' as const,
    dataset,
    fields: ['district', 'household_size'],
    grantee: enterprise,
    purpose: 'public-data.development',
    term: { duration: 'P1Y' },
    reportEvery: 'P1M',
  };

  it('needs approval', () => {
    const { decider } = makeDecider();
    expect(codes(decider.issueGrant(develop))).toEqual(['S-DEVELOP/approval-required']);
  });

  it('returns usage-report and source-label obligations; labelled products may leave, raw data may not', () => {
    const { decider } = makeDecider();
    const issued = decider.issueGrant({ ...develop, approvedBy: bigData, authority: bigData });
    expect(issued.allowed).toBe(true);
    expect(issued.obligations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          rule: 'S-DEVELOP',
          code: 'usage-report',
          due: '2026-04-01T02:00:00.000Z',
        }),
        expect.objectContaining({
          rule: 'S-DEVELOP',
          code: 'source-label',
          text: 'Source: Civil Affairs Bureau, dataset assistance-applicants v1; acquired 2026-03-01',
        }),
      ]),
    );
    const id = issued.grant?.id as string;
    const use = (extra: Record<string, unknown>) =>
      decider.decideGrantUse({
        grant: id,
        actor: enterprise,
        purpose: 'public-data.development',
        processing: 'use',
        fields: ['district'],
        at: '2026-03-20T00:00:00+08:00',
        ...extra,
      });
    const label = issued.obligations.find((o) => o.code === 'source-label')?.text;
    const product = use({
      processing: 'provide',
      recipient: 'customer',
      derived: true,
      output: 'product',
      label,
    });
    expect(product.allowed).toBe(true);
    expect(product.obligations.map((o) => o.code)).toEqual(
      expect.arrayContaining(['usage-report', 'source-label']),
    );
    expect(codes(use({ processing: 'provide', recipient: 'customer', output: 'raw' }))).toEqual([
      'S-PURPOSE/onward-transfer',
    ]);
    expect(codes(use({ at: '2026-04-02T00:00:00+08:00' }))).toEqual([
      'S-DEVELOP/usage-report-overdue',
    ]);
    decider.reportUsage(id, { by: enterprise.id, at: '2026-03-31T00:00:00+08:00' });
    expect(use({ at: '2026-04-02T00:00:00+08:00' }).allowed).toBe(true);
  });
});

describe('S-AUTH-TERM', () => {
  const operation = {
    kind: 'authorized-operation' as const,
    dataset,
    fields: ['name', 'income'],
    grantee: enterprise,
    purpose: 'public-data.authorized-operation',
    authority: bigData,
  };

  it('refuses authorized operation longer than 3 years', () => {
    const { decider } = makeDecider();
    const d = decider.issueGrant({
      ...operation,
      term: { start: '2026-03-01T00:00:00+08:00', end: '2029-03-01T00:00:01+08:00' },
    });
    expect(d).toMatchObject({ allowed: false, grant: undefined });
    expect(codes(d)).toEqual(['S-AUTH-TERM/term-exceeds-3-years']);
  });

  it('grants exactly 3 years, and restricts outputs to models and verification results', () => {
    const { decider } = makeDecider();
    const d = decider.issueGrant({
      ...operation,
      term: { start: '2026-03-01T00:00:00+08:00', duration: 'P3Y' },
    });
    expect(d.allowed).toBe(true);
    expect(codes(d)).toContain('S-AUTH-TERM/term-within-3-years');
    expect(d.obligations.map((o) => o.code)).toContain('outputs-models-or-verification');
    const id = d.grant?.id as string;
    const use = (extra: Record<string, unknown>) =>
      decider.decideGrantUse({
        grant: id,
        actor: enterprise,
        purpose: 'public-data.authorized-operation',
        processing: 'provide',
        recipient: 'bank',
        fields: ['income'],
        ...extra,
      });
    expect(use({ output: 'verification-result' }).allowed).toBe(true);
    expect(codes(use({ output: 'model' }))).toContain('S-AUTH-TERM/model-or-verification-output');
    expect(codes(use({ output: 'raw' }))).toEqual(['S-AUTH-TERM/raw-output']);
    expect(codes(use({}))).toEqual(['S-AUTH-TERM/raw-output']);
    expect(codes(use({ output: 'model', at: '2029-03-01T00:00:00+08:00' }))).toEqual([
      'S-AUTH-TERM/term-ended',
    ]);
  });

  it('needs the authorizing authority', () => {
    const { decider } = makeDecider();
    const { authority: _, ...withoutAuthority } = operation;
    expect(codes(decider.issueGrant({ ...withoutAuthority, term: { duration: 'P1Y' } }))).toEqual([
      'S-AUTH-TERM/authority-required',
    ]);
  });
});

describe('S-OBJECTION', () => {
  it('records, handles and feeds back objections; pending ones become obligations', () => {
    const { decider } = makeDecider();
    const objection = decider.recordObjection({
      dataset: 'assistance-applicants',
      field: 'name',
      by: { id: 'resident-1', kind: 'individual' },
      kind: 'quality',
      description: 'the name is misspelt',
    });
    expect(decider.decideShare(share()).obligations.map((o) => `${o.rule}/${o.code}`)).toContain(
      'S-OBJECTION/objection-pending',
    );
    expect(
      decider.decideShare(share({ fields: ['district'] })).obligations.map((o) => o.code),
    ).not.toContain('objection-pending');
    decider.handleObjection(objection.id, {
      by: civilAffairs.id,
      outcome: 'corrected',
      note: 'fixed',
    });
    const done = decider.feedBackObjection(objection.id, {
      by: civilAffairs.id,
      note: 'corrected; thank you',
    });
    expect(done.events.map((e) => e.type)).toEqual(['recorded', 'handled', 'fed-back']);
    expect(decider.decideShare(share()).obligations.map((o) => o.code)).not.toContain(
      'objection-pending',
    );
  });
});
