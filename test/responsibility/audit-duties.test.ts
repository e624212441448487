import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import {
  createEventLog,
  createResponsibilityChain,
  type GrantFacts,
  type ResponsibilityChainOptions,
} from '../../src/responsibility/index.ts';
import { acme, education, events, health, scenarioCatalog } from './scenario.ts';

const grants: GrantFacts[] = [
  {
    id: 'g-share',
    grantee: health,
    dataset: 'households',
    kind: 'share',
    validFrom: '2026-02-01T00:00:00+08:00',
    validUntil: '2026-04-10T00:00:00+08:00',
  },
  {
    id: 'g-develop',
    grantee: health.id,
    dataset: { id: 'households' },
    kind: 'develop',
    validFrom: '2026-01-01T00:00:00+08:00',
    validUntil: '2027-01-01T00:00:00+08:00',
    usageReports: { every: 'P1M', lastReportedAt: '2026-02-01T00:00:00+08:00' },
  },
  {
    id: 'g-operate',
    grantee: health,
    dataset: 'other',
    kind: 'authorized-operation',
    validFrom: '2026-01-01T00:00:00+08:00',
    validUntil: '2029-01-01T00:00:01+08:00',
  },
  {
    id: 'g-expired',
    grantee: health,
    dataset: 'households',
    kind: 'share',
    validFrom: '2025-01-01T00:00:00+08:00',
    validUntil: '2026-03-01T00:00:00+08:00',
    status: 'expired',
  },
  {
    id: 'g-terminated',
    grantee: health,
    dataset: 'households@health',
    validFrom: '2025-01-01T00:00:00+08:00',
    status: 'terminated',
  },
  {
    id: 'g-suspended',
    grantee: health,
    dataset: 'elsewhere',
    validFrom: '2025-01-01T00:00:00+08:00',
    status: 'suspended',
  },
  {
    id: 'g-pending',
    grantee: health,
    dataset: 'households',
    validFrom: '2027-01-01T00:00:00+08:00',
    validUntil: '2027-02-01T00:00:00+08:00',
    status: 'pending',
  },
  {
    id: 'g-other-party',
    grantee: education,
    dataset: 'households',
    validFrom: '2025-01-01T00:00:00+08:00',
    validUntil: '2026-03-01T00:00:00+08:00',
  },
];

function setup(extra: Partial<ResponsibilityChainOptions> = {}) {
  const asked: string[] = [];
  const chain = createResponsibilityChain({
    ledger: createEventLog(events),
    catalog: scenarioCatalog(),
    clock: fixedClock('2026-03-25T00:00:00+08:00'),
    grants: {
      grantsOf(grantee, at) {
        asked.push(`${grantee}@${at}`);
        // A source that ignores the grantee: the audit filters anyway.
        return grants;
      },
    },
    ...extra,
  });
  return { chain, asked };
}

describe('auditDuties', () => {
  it('lists the party holdings with the duties of its roles', async () => {
    const { chain } = setup();
    const audit = await chain.auditDuties(health, { at: '2026-03-25T00:00:00+08:00' });
    expect(audit.party).toBe(health.id);
    expect(audit.at).toBe('2026-03-24T16:00:00.000Z');
    expect(audit.holdings.map((h) => [h.copy.id, h.responsibility.roles])).toEqual([
      ['households@health', ['holder', 'user']],
      ['households@health-model', ['holder', 'user']],
    ]);
    expect(audit.holdings[0]?.responsibility.duties.map((d) => d.code)).toContain(
      'security-measures',
    );
  });

  it('finds grant obligations: reports, expiry, term limit, suspension, data held after the end', async () => {
    const { chain, asked } = setup();
    const audit = await chain.auditDuties(health.id, { at: '2026-03-25T00:00:00+08:00' });
    expect(asked).toEqual(['health-commission@2026-03-24T16:00:00.000Z']);
    const found = audit.obligations.map((o) => [o.code, o.grant, o.status, o.rule]);
    expect(found).toEqual([
      // Both fell due at the same instant: the order of the grants is kept.
      ['usage-report-overdue', 'g-develop', 'overdue', 'S-DEVELOP'],
      ['grant-expired', 'g-expired', 'overdue', 'S-AUTH-TERM'],
      ['grant-term-exceeds-limit', 'g-operate', 'overdue', 'S-AUTH-TERM'],
      ['data-held-after-grant-end', 'g-terminated', 'overdue', 'C-RETENTION'],
      ['grant-suspended', 'g-suspended', 'overdue', 'S-SUSPEND'],
      ['grant-expiring', 'g-share', 'due', 'S-AUTH-TERM'],
    ]);
    const byCode = Object.fromEntries(audit.obligations.map((o) => [o.code, o]));
    expect(byCode['grant-expired']?.copies).toEqual([
      'households@health',
      'households@health-model',
    ]);
    expect(byCode['usage-report-overdue']?.due).toBe('2026-02-28T16:00:00.000Z');
    expect(byCode['grant-term-exceeds-limit']?.due).toBe('2028-12-31T16:00:00.000Z');
    // Derived copies count as data obtained under the grant.
    expect(byCode['data-held-after-grant-end']?.copies).toEqual([
      'households@health',
      'households@health-model',
    ]);
    expect(byCode['grant-expiring']?.due).toBe('2026-04-09T16:00:00.000Z');
    expect(audit.obligations.every((o) => o.article.length > 0)).toBe(true);
  });

  it('a report due within the warning window is due, not overdue', async () => {
    const { chain } = setup();
    const audit = await chain.auditDuties(health, {
      at: '2026-02-20T00:00:00+08:00',
      warnWithin: 'P10D',
    });
    const report = audit.obligations.find((o) => o.grant === 'g-develop');
    expect(report).toMatchObject({ code: 'usage-report-due', status: 'due' });
    // The share grant expiring on 10 April is outside a 10-day window on 20 February.
    expect(audit.obligations.some((o) => o.grant === 'g-share')).toBe(false);
  });

  it('finds data held after consent withdrawal and after retention ends', async () => {
    const { chain } = setup({
      grants: undefined,
      consent: {
        withdrawnSubjects(dataset) {
          if (dataset.id !== 'households') return undefined;
          return [
            { subject: 's2', withdrawnAt: '2026-03-10T00:00:00+08:00' },
            { subject: 's1', withdrawnAt: '2026-03-05T00:00:00+08:00' },
            { subject: 's9', withdrawnAt: '2026-04-01T00:00:00+08:00' },
          ];
        },
      },
      retention: {
        retentionEnd: async (dataset) =>
          dataset.id === 'households' ? '2026-03-20T00:00:00+08:00' : undefined,
      },
    });
    const audit = await chain.auditDuties(health, { at: '2026-03-25T00:00:00+08:00' });
    expect(audit.obligations.map((o) => [o.code, o.dataset])).toEqual([
      ['data-held-after-withdrawal', 'households@health'],
      ['data-held-after-withdrawal', 'households@health-model'],
      ['data-held-after-retention', 'households@health'],
      ['data-held-after-retention', 'households@health-model'],
    ]);
    expect(audit.obligations[0]).toMatchObject({
      rule: 'C-RETENTION',
      subjects: ['s1', 's2'],
      due: '2026-03-04T16:00:00.000Z',
    });
    const soon = await chain.auditDuties(health, { at: '2026-03-01T00:00:00+08:00' });
    expect(soon.obligations.map((o) => [o.code, o.status])).toEqual([
      ['retention-ending', 'due'],
      ['retention-ending', 'due'],
    ]);
  });

  it('parties that no longer hold anything owe no retention duties', async () => {
    const { chain } = setup({
      grants: undefined,
      retention: { retentionEnd: () => '2026-01-01T00:00:00Z' },
    });
    const audit = await chain.auditDuties(education, { at: '2026-04-02T00:00:00+08:00' });
    expect(audit.holdings).toEqual([]);
    expect(audit.obligations).toEqual([]);
    // A processor managing a copy holds it: retention applies.
    const processor = await chain.auditDuties(acme, { at: '2026-02-16T00:00:00+08:00' });
    expect(processor.obligations.map((o) => o.code)).toEqual(['data-held-after-retention']);
  });

  it('defaults to the chain clock and rejects bad options', async () => {
    const { chain } = setup({ grants: undefined });
    expect((await chain.auditDuties(health)).at).toBe('2026-03-24T16:00:00.000Z');
    await expect(chain.auditDuties(health, { at: 'soon' })).rejects.toMatchObject({
      reason: 'invalid-time',
    });
    await expect(chain.auditDuties(health, { warnWithin: '30d' })).rejects.toMatchObject({
      reason: 'invalid-duration',
    });
  });
});
