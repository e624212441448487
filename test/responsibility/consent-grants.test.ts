import { describe, expect, it } from 'vitest';
import { grantStateAt } from '../../src/consent/grant.ts';
import { createMemoryConsentStore, type Grant } from '../../src/consent/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import {
  consentGrants,
  createEventLog,
  createResponsibilityChain,
  type GrantAction,
  type GrantFacts,
} from '../../src/responsibility/index.ts';
import { civil, education, events, scenarioCatalog } from './scenario.ts';

function grant(id: string, extra: Partial<Grant> = {}): Grant {
  return {
    schemaVersion: 'dataguard-grant/1',
    id,
    kind: 'share',
    dataset: { id: 'households' },
    fields: ['address', 'size'],
    grantee: education,
    purpose: 'public-service.education',
    term: { start: '2026-02-01T00:00:00+08:00', end: '2027-02-01T00:00:00+08:00' },
    events: [{ type: 'issued', at: '2026-02-01T00:00:00+08:00', by: 'big-data-bureau' }],
    ...extra,
  };
}

function setup() {
  const store = createMemoryConsentStore();
  store.putGrant(grant('g-share'));
  store.putGrant(
    grant('g-develop', {
      kind: 'develop',
      reportEvery: 'P1M',
      term: { start: '2026-01-31T00:00:00+08:00', end: '2027-01-31T00:00:00+08:00' },
      events: [{ type: 'issued', at: '2026-01-31T00:00:00+08:00', by: 'big-data-bureau' }],
    }),
  );
  const clock = fixedClock('2026-03-03T10:00:00+08:00');
  const grants = consentGrants(store, { by: 'big-data-bureau', clock });
  const chain = createResponsibilityChain({
    ledger: createEventLog(events),
    catalog: scenarioCatalog(),
    clock,
    grants,
    grantController: grants,
  });
  return { store, chain, grants, clock };
}

describe('consentGrants: the consent store as grant source and controller', () => {
  it('reads grants with their state at the time asked', async () => {
    const { grants } = setup();
    const facts = (await grants.grantsOf(
      education.id,
      '2026-03-01T00:00:00+08:00',
    )) as GrantFacts[];
    expect(facts.map((g) => [g.id, g.kind, g.status])).toEqual([
      ['g-share', 'share', 'active'],
      ['g-develop', 'develop', 'active'],
    ]);
    const before = (await grants.grantsOf(
      education.id,
      '2026-01-01T00:00:00+08:00',
    )) as GrantFacts[];
    expect(before.map((g) => g.status)).toEqual(['pending', 'pending']);
    // One month after 31 January, in China: the end of February there.
    expect(facts[1]?.usageReports).toEqual({ due: '2026-02-27T16:00:00.000Z' });
  });

  it('feeds the audit: a usage report overdue (S-DEVELOP)', async () => {
    const { chain } = setup();
    const audit = await chain.auditDuties(education, { at: '2026-03-01T00:00:00+08:00' });
    expect(audit.obligations.map((o) => [o.code, o.grant])).toEqual([
      ['usage-report-overdue', 'g-develop'],
    ]);
  });

  it('misuse suspends the consent grants, and no correction terminates them (S-SUSPEND)', async () => {
    const { chain, store, clock } = setup();
    const report = await chain.openIncident({
      datasets: ['households@education'],
      kind: 'misuse',
      discoveredAt: '2026-03-03T09:00:00+08:00',
      reportedBy: civil,
      correctBy: '2026-03-20T00:00:00+08:00',
    });
    expect(report.grantActions.map((a) => [a.grant, a.action, a.correctBy])).toEqual([
      ['g-share', 'suspended', '2026-03-19T16:00:00.000Z'],
      ['g-develop', 'suspended', '2026-03-19T16:00:00.000Z'],
    ]);
    const suspended = store.getGrant('g-share') as Grant;
    expect(grantStateAt(suspended, Date.parse('2026-03-04T00:00:00+08:00'))).toBe('suspended');
    expect(suspended.events.at(-1)).toMatchObject({
      type: 'misuse-reported',
      by: 'big-data-bureau',
      correctBy: '2026-03-19T16:00:00.000Z',
    });
    expect(suspended.events.at(-1)?.note).toContain(report.id);

    clock.set('2026-03-15T00:00:00+08:00');
    const actions = await chain.resolveMisuse(report, { corrected: false });
    expect(actions.map((a) => a.action)).toEqual(['terminated', 'terminated']);
    const ended = store.getGrant('g-share') as Grant;
    expect(ended.events.at(-1)?.type).toBe('terminated');
    // Past the deadline the grant is still only suspended: termination is the authority's
    // recorded decision (REGULATIONS.md v2, S-SUSPEND), so resolveMisuse appends it.
    clock.set('2026-03-25T00:00:00+08:00');
    store.putGrant(grant('g-late'));
    await store.appendGrantEvent('g-late', {
      type: 'misuse-reported',
      at: '2026-03-03T00:00:00+08:00',
      by: 'big-data-bureau',
      correctBy: '2026-03-20T00:00:00+08:00',
    });
    const late = await chain.resolveMisuse(
      {
        ...report,
        grantActions: [{ ...(report.grantActions[0] as GrantAction), grant: 'g-late' }],
      },
      { corrected: false },
    );
    expect(late.map((a) => a.action)).toEqual(['terminated']);
    expect((store.getGrant('g-late') as Grant).events.map((e) => e.type)).toEqual([
      'issued',
      'misuse-reported',
      'terminated',
    ]);
    expect(grantStateAt(ended, Date.parse('2026-03-26T00:00:00+08:00'))).toBe('terminated');
    // The audit now reports the copy still held after the grant ended.
    const audit = await chain.auditDuties(education, { at: '2026-03-26T00:00:00+08:00' });
    expect(audit.obligations.map((o) => o.code)).toContain('data-held-after-grant-end');
  });

  it('a corrected misuse reinstates the grants', async () => {
    const { chain, store, clock } = setup();
    const report = await chain.openIncident({
      datasets: ['households@education'],
      kind: 'misuse',
      discoveredAt: '2026-03-03T09:00:00+08:00',
      record: false,
    });
    clock.set('2026-03-10T00:00:00+08:00');
    await chain.resolveMisuse(report, { corrected: true });
    const grantNow = store.getGrant('g-share') as Grant;
    expect(grantNow.events.map((e) => e.type)).toEqual(['issued', 'misuse-reported', 'corrected']);
    expect(grantStateAt(grantNow, Date.parse('2026-05-01T00:00:00+08:00'))).toBe('active');
  });

  it('requires the recording party', () => {
    expect(() => consentGrants(createMemoryConsentStore(), { by: '' })).toThrowError(
      expect.objectContaining({ reason: 'missing-actor' }),
    );
  });
});
