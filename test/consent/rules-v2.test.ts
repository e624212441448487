// Issue 18 item 7: the rules REGULATIONS.md version 2 corrects — S-AUTH-TERM,
// S-SUSPEND, S-DEVELOP, S-TYPES, C-NO-DUP — with its citations.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { grantStateAt } from '../../src/consent/grant.ts';
import {
  createConsentDecider,
  createMemoryConsentStore,
  type ShareDecision,
} from '../../src/consent/index.ts';
import { ruleArticles } from '../../src/consent/rules.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { createCatalog } from '../../src/tags/index.ts';
import { bigData, civilAffairs, health, makeDecider, NOW, tags } from './fixtures.ts';

const codes = (d: Pick<ShareDecision, 'reasons'>) => d.reasons.map((r) => `${r.rule}/${r.code}`);
const dataset = { id: 'assistance-applicants' };
const enterprise = { id: 'data-co', kind: 'enterprise' as const, name: 'Data Co.' };
const commitment = { authenticity: true, security: true, compliance: true };

describe('citations are the ones of REGULATIONS.md version 2', () => {
  it('ruleArticles gives every rule the citation REGULATIONS.md gives it', () => {
    const text = readFileSync(new URL('../fixtures/REGULATIONS.md', import.meta.url), 'utf8');
    for (const [rule, article] of Object.entries(ruleArticles)) {
      const row = text.split('\n').find((line) => line.startsWith(`| ${rule} |`));
      expect(row, rule).toBeDefined();
      expect(row?.trimEnd().endsWith(`| ${article} |`), `${rule}: ${article}`).toBe(true);
    }
  });
});

describe('S-AUTH-TERM: three years in principle', () => {
  const operation = {
    kind: 'authorized-operation' as const,
    dataset,
    fields: ['name', 'income'],
    grantee: enterprise,
    purpose: 'public-data.authorized-operation',
    authority: bigData,
    term: { start: '2026-03-01T00:00:00+08:00', duration: 'P5Y' },
  };

  it('a longer term needs a recorded justification and approval, not a flat deny', () => {
    const { decider } = makeDecider();
    const refused = decider.issueGrant(operation);
    expect(codes(refused)).toEqual(['S-AUTH-TERM/term-exceeds-3-years']);
    expect(refused.reasons[0]?.message).toContain('justification');
    expect(
      codes(decider.issueGrant({ ...operation, termJustification: 'a five-year build-out' })),
    ).toEqual(['S-AUTH-TERM/term-exceeds-3-years']);
    const d = decider.issueGrant({
      ...operation,
      termJustification: 'the platform build-out is financed over five years',
      approvedBy: bigData,
    });
    expect(d.allowed).toBe(true);
    expect(codes(d)).toContain('S-AUTH-TERM/term-beyond-3-years-approved');
    expect(d.grant?.termJustification).toBe('the platform build-out is financed over five years');
    expect(d.reasons[0]?.article).toBe(
      "Guiyang-Gui'an draft ch. 6; Qingdao (briefing, authorized-operation pilot)",
    );
  });

  it('output forms are an open list: other forms need explicit approval on the grant', () => {
    const { decider } = makeDecider();
    const d = decider.issueGrant({
      ...operation,
      term: { duration: 'P1Y' },
      outputForms: ['statistics'],
    });
    const id = d.grant?.id as string;
    const use = (output: string) =>
      decider.decideGrantUse({
        grant: id,
        actor: enterprise,
        purpose: 'public-data.authorized-operation',
        processing: 'provide',
        recipient: 'bank',
        fields: ['income'],
        output,
      });
    expect(use('verification-result').allowed).toBe(true);
    expect(codes(use('statistics'))).toContain('S-AUTH-TERM/approved-output-form');
    expect(codes(use('api-feed'))).toEqual(['S-AUTH-TERM/output-form-not-approved']);
    expect(codes(use('raw'))).toEqual(['S-AUTH-TERM/raw-output']);
  });
});

describe('S-SUSPEND: termination is a recorded decision, never automatic', () => {
  function suspendedGrant(requester: typeof health | typeof enterprise) {
    const ctx = makeDecider();
    const id =
      requester.kind === 'agency'
        ? (ctx.decider.grantShare({
            dataset,
            fields: ['name'],
            requester: health,
            duty: 'medical-assistance',
            scenario: 'check applicants',
            commitment,
            term: { duration: 'P1Y' },
          }).grant?.id as string)
        : (ctx.decider.issueGrant({
            kind: 'develop',
            dataset,
            fields: ['district'],
            grantee: enterprise,
            purpose: 'public-data.development',
            term: { duration: 'P1Y' },
            authority: bigData,
          }).grant?.id as string);
    ctx.decider.reportMisuse(id, {
      by: bigData.id,
      at: '2026-04-01T00:00:00+08:00',
      correctBy: '2026-04-15T00:00:00+08:00',
    });
    return { ...ctx, id };
  }

  it('a grant stays suspended past the correction deadline until the authority terminates it', () => {
    const { decider, store, id } = suspendedGrant(health);
    const late = Date.parse('2026-05-01T00:00:00+08:00');
    expect(grantStateAt(store.getGrant(id) as never, late)).toBe('suspended');
    const use = decider.decideGrantUse({
      grant: id,
      actor: health,
      purpose: 'public-data.sharing',
      processing: 'use',
      fields: ['name'],
      at: '2026-05-01T00:00:00+08:00',
    });
    expect(codes(use)).toEqual(['S-SUSPEND/correction-overdue']);
    // The authority may still accept a late correction...
    decider.recordCorrection(id, { by: health.id, at: '2026-05-02T00:00:00+08:00' });
    expect(grantStateAt(store.getGrant(id) as never, late + 2 * 86_400_000)).toBe('active');
    // ...or decide to terminate; that decision is recorded.
    decider.reportMisuse(id, {
      by: bigData.id,
      at: '2026-05-03T00:00:00+08:00',
      correctBy: '2026-05-10T00:00:00+08:00',
    });
    const ended = decider.terminateGrant(id, {
      by: bigData.id,
      at: '2026-05-11T00:00:00+08:00',
      note: 'misuse not corrected',
    });
    expect(ended.events.at(-1)).toMatchObject({ type: 'terminated', by: bigData.id });
    expect(grantStateAt(ended, Date.parse('2026-05-12T00:00:00+08:00'))).toBe('terminated');
  });

  it('cites Fujian Art. 34 for departments and Art. 33 for persons and organizations', () => {
    const department = suspendedGrant(health);
    const d1 = department.decider.decideGrantUse({
      grant: department.id,
      actor: health,
      purpose: 'public-data.sharing',
      processing: 'use',
      fields: ['name'],
      at: '2026-04-02T00:00:00+08:00',
    });
    expect(d1.reasons[0]).toMatchObject({ code: 'suspended', article: 'Fujian Art. 34' });
    const company = suspendedGrant(enterprise);
    const d2 = company.decider.decideGrantUse({
      grant: company.id,
      actor: enterprise,
      purpose: 'public-data.development',
      processing: 'use',
      fields: ['district'],
      at: '2026-04-02T00:00:00+08:00',
    });
    expect(d2.reasons[0]).toMatchObject({ code: 'suspended', article: 'Fujian Art. 33' });
  });
});

describe('S-DEVELOP: the big-data authority approves, receives reports, labels are checked', () => {
  const develop = {
    kind: 'develop' as const,
    dataset,
    fields: ['district'],
    grantee: enterprise,
    purpose: 'public-data.development',
    term: { duration: 'P1Y' },
  };

  it('approval by the providing department alone is not enough', () => {
    const { decider } = makeDecider();
    expect(codes(decider.issueGrant({ ...develop, approvedBy: civilAffairs }))).toEqual([
      'S-DEVELOP/approval-required',
    ]);
    const d = decider.issueGrant({ ...develop, authority: bigData });
    expect(d.allowed).toBe(true);
    const report = d.obligations.find((o) => o.code === 'usage-report');
    expect(report?.message).toContain('big-data authority');
    expect(report?.text).toContain(bigData.id);
  });

  it('a product leaves only with its source label', () => {
    const { decider } = makeDecider();
    const issued = decider.issueGrant({ ...develop, authority: bigData });
    const label = issued.obligations.find((o) => o.code === 'source-label')?.text as string;
    const use = (extra: Record<string, unknown>) =>
      decider.decideGrantUse({
        grant: issued.grant?.id as string,
        actor: enterprise,
        purpose: 'public-data.development',
        processing: 'provide',
        recipient: 'customer',
        fields: ['district'],
        output: 'product',
        derived: true,
        ...extra,
      });
    expect(codes(use({}))).toEqual(['S-DEVELOP/label-missing']);
    expect(codes(use({ label: 'made with public data' }))).toEqual(['S-DEVELOP/label-missing']);
    expect(use({ label: `Map of districts. ${label}` }).allowed).toBe(true);
  });
});

describe('S-TYPES: 暂不共享 is temporary; requesters are public management and service bodies', () => {
  it('a field not shared states its basis and its review date', () => {
    const catalog = createCatalog({ clock: fixedClock(NOW) });
    catalog.register({
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
          shareBasis: 'Basic Medical and Health Law Art. 92',
          shareReviewBy: '2026-12-31',
          open: 'closed',
          openBasis: 'PIPL Art. 28',
        },
        { name: 'clinic', role: 'insensitive', share: 'unconditional', open: 'open' },
      ],
    });
    const decider = createConsentDecider({
      store: createMemoryConsentStore(),
      catalog,
      clock: fixedClock(NOW),
      duties: {
        get: () => ({
          id: 'audit',
          law: 'Audit Law Art. 34',
          scope: [{ dataset: 'clinic-visits' }],
        }),
      },
    });
    const d = decider.decideShare({
      dataset: { id: 'clinic-visits' },
      fields: ['diagnosis', 'clinic'],
      requester: health,
      duty: 'audit',
      scenario: 'audit',
      commitment,
    });
    const none = d.reasons.find((r) => r.field === 'diagnosis');
    expect(none).toMatchObject({ rule: 'S-TYPES', code: 'not-shared', effect: 'withhold' });
    expect(none?.message).toContain('temporarily');
    expect(none?.message).toContain('Basic Medical and Health Law Art. 92');
    expect(none?.message).toContain('2026-12-31');
    expect(d.obligations).toContainEqual(
      expect.objectContaining({ rule: 'S-TYPES', code: 'review-not-shared', text: 'diagnosis' }),
    );
  });

  it('a public utility with a registered duty may request shared data; a plain company may not', () => {
    const { decider } = makeDecider();
    const water = { id: 'water-co', kind: 'enterprise' as const, name: 'City Water' };
    const request = {
      dataset,
      fields: ['district'],
      requester: water,
      duty: {
        id: 'supply',
        law: 'Urban Water Supply Regulations Art. 20',
        scope: [{ dataset: 'assistance-applicants' }],
      },
      scenario: 'plan supply to assisted households',
      commitment,
    };
    expect(codes(decider.decideShare(request))).toEqual(['S-TYPES/requester-not-public-body']);
    const noRegistry = createConsentDecider({
      store: createMemoryConsentStore(),
      catalog: makeDecider().catalog,
      clock: fixedClock(NOW),
    });
    const d = noRegistry.decideShare({ ...request, requesterRole: 'public-utility' });
    expect(d.allowedFields).toEqual(['district']);
    expect(d.reasons[0]).toMatchObject({
      rule: 'S-TYPES',
      code: 'public-service-body',
      article: 'Fujian Arts. 14, 49',
    });
  });
});

describe('C-NO-DUP: unless a law or administrative regulation provides otherwise', () => {
  it('collection under such a law is not withheld, and the law is cited', () => {
    const { decider } = makeDecider();
    const d = decider.decide({
      subject: 'resident-1',
      purpose: 'statutory-duty.civil-affairs.assistance-audit',
      legalBasis: 'statutory-duty',
      processing: 'collect',
      handler: health,
      fields: [tags.name, tags.idCard],
      recollectionLaw: 'Resident Identity Card Law Art. 15',
    });
    expect(d.allowedFields).toEqual(['name', 'id_card']);
    expect(d.reasons).toContainEqual(
      expect.objectContaining({
        rule: 'C-NO-DUP',
        code: 'law-requires-collection',
        effect: 'pass',
        article: 'Fujian Art. 11; Resident Identity Card Law Art. 15',
      }),
    );
  });
});
