import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import {
  createEventLog,
  createResponsibilityChain,
  type GrantActionReason,
  type GrantFacts,
  incidentToHtml,
  incidentToMarkdown,
  type ResponsibilityChainOptions,
} from '../../src/responsibility/index.ts';
import { acme, civil, education, events, health, scenarioCatalog } from './scenario.ts';

const regulator = { id: 'cac-city', kind: 'agency', name: '市网信办' } as const;

function setup(extra: Partial<ResponsibilityChainOptions> = {}) {
  const ledger = createEventLog(events);
  const chain = createResponsibilityChain({
    ledger,
    catalog: scenarioCatalog(),
    clock: fixedClock('2026-03-03T10:00:00+08:00'),
    random: (bytes) => bytes.fill(0xab),
    authorities: [regulator],
    ...extra,
  });
  return { ledger, chain };
}

const leak = {
  datasets: ['households@health'],
  kind: 'leak',
  occurredAt: '2026-03-01T10:00:00+08:00',
  discoveredAt: '2026-03-03T09:00:00+08:00',
  reportedBy: health,
  scope: { fields: ['address'], description: 'processor bucket exposed' },
} as const;

describe('openIncident', () => {
  it('finds the affected and downstream copies with their parties at the incident time', async () => {
    const { chain } = setup();
    const report = await chain.openIncident(leak);
    expect(report.id).toBe('incident-abababababababab');
    expect(report.copies.map((c) => [c.copy, c.relation])).toEqual([
      ['households@health', 'named'],
      ['households@health-model', 'downstream'],
    ]);
    const named = report.copies[0];
    expect(Object.fromEntries(named?.parties.map((p) => [p.party.id, p.roles]) ?? [])).toEqual({
      [civil.id]: ['owner'],
      [health.id]: ['holder', 'user'],
      [acme.id]: ['manager', 'user'],
    });
    expect(named?.parties.find((p) => p.party.id === acme.id)?.basis).toEqual([
      'e5-entrust',
      'e6-use',
    ]);
    expect(named?.attributedAt).toBe('2026-03-01T02:00:00.000Z');
    // Sibling and source copies are not affected, only named as upstream.
    expect(report.copies.some((c) => c.copy === 'households@education')).toBe(false);
    expect(report.upstream).toEqual(['households']);
  });

  it('counts affected subjects from the ledger as a lower bound', async () => {
    const { chain } = setup();
    const report = await chain.openIncident({ ...leak, record: false });
    expect(report.subjects).toEqual({ count: 1200, basis: 'ledger', lowerBound: true });
  });

  it('takes subject ids from a subject source, walking up to a dataset it knows', async () => {
    const asked: string[] = [];
    const { chain } = setup({
      subjects: {
        subjectsOf(dataset) {
          asked.push(dataset.id);
          return dataset.id === 'households' ? ['s3', 's1', 's2'] : undefined;
        },
      },
    });
    const report = await chain.openIncident({ ...leak, record: false });
    expect(report.subjects).toEqual({
      count: 3,
      basis: 'subject-source',
      lowerBound: false,
      ids: ['s1', 's2', 's3'],
    });
    expect(asked).toContain('households@health');
  });

  it('narrows subjects to the scope when given', async () => {
    const { chain } = setup();
    const report = await chain.openIncident({
      ...leak,
      record: false,
      scope: { subjects: ['s9', 's8', 's9'] },
    });
    expect(report.subjects).toEqual({
      count: 2,
      basis: 'scope',
      lowerBound: false,
      ids: ['s8', 's9'],
    });
  });

  it('names who must notify whom under P-INCIDENT and R-MANY', async () => {
    const { chain } = setup();
    const report = await chain.openIncident({ ...leak, record: false });
    const subjects = report.notifications.find((n) => n.to === 'subjects');
    expect(subjects?.required).toBe(true);
    expect(subjects?.article).toBe('PIPL Art. 57');
    expect(subjects?.by.map((p) => p.id)).toEqual([health.id]);
    expect(subjects?.contents).toHaveLength(3);
    const authority = report.notifications.find((n) => n.to === 'authority');
    expect(authority?.party).toEqual(regulator);
    expect(authority?.rule).toBe('P-INCIDENT');
    const parties = report.notifications.filter((n) => n.to === 'party').map((n) => n.party?.id);
    // The reporter (health) notifies the others: owner, processor, and nobody twice.
    expect(parties).toEqual([civil.id, acme.id]);
  });

  it('gives each responsible party its incident duties with citations', async () => {
    const { chain } = setup();
    const report = await chain.openIncident({ ...leak, record: false });
    const duties = Object.fromEntries(
      report.parties.map((p) => [p.party.id, p.duties.map((d) => d.code)]),
    );
    expect(duties[health.id]).toEqual([
      'emergency-plan',
      'own-responsibility',
      'remediate',
      'notify-subjects',
      'report-authorities',
      'stop-affected-use',
    ]);
    expect(duties[acme.id]).toEqual([
      'emergency-plan',
      'own-responsibility',
      'secure-system',
      'inform-holder',
      'stop-affected-use',
    ]);
    expect(duties[civil.id]).toEqual([
      'emergency-plan',
      'own-responsibility',
      'overall-accountability',
    ]);
    expect(report.rules.map((r) => r.rule)).toEqual(
      expect.arrayContaining(['P-INCIDENT', 'R-MANY', 'R-WHO', 'R-LIFECYCLE']),
    );
    // One entry per rule, with all its articles.
    expect(new Set(report.rules.map((r) => r.rule)).size).toBe(report.rules.length);
    expect(report.rules.find((r) => r.rule === 'P-INCIDENT')?.article).toBe(
      'PIPL Art. 57; Fujian Art. 34; Anhui',
    );
  });

  it('builds a timeline from the ledger and records an incident event', async () => {
    const { chain, ledger } = setup();
    const report = await chain.openIncident(leak);
    expect(report.recorded).toEqual({ index: events.length, eventId: report.id });
    expect(ledger.size).toBe(events.length + 1);
    expect(report.timeline.map((t) => t.eventId)).toEqual([
      'e1-collect',
      'e2-store',
      'e3-share-health',
      'e5-entrust',
      'e6-use',
      'e7-process',
      'e8-entrust-end',
      report.id,
    ]);
    const recorded = [...ledger.entries({ from: events.length })][0]?.event;
    expect(recorded).toMatchObject({
      processing: 'incident',
      actor: health,
      legalBasis: 'statutory-duty',
      inputs: [{ id: 'households@health' }, { id: 'households@health-model' }],
      fields: ['address'],
      subjectCount: 1200,
      details: {
        kind: 'leak',
        occurredAt: '2026-03-01T02:00:00.000Z',
        named: ['households@health'],
        downstream: ['households@health-model'],
      },
    });
    // Custody saw the incident event: it appears in the copy's history.
    const described = await chain.describeCopy('households@health');
    expect(described.events.at(-1)?.processing).toBe('incident');
    // A later incident's timeline includes the earlier one.
    const again = await chain.openIncident({ ...leak, id: 'second', record: false });
    expect(again.timeline.map((t) => t.eventId)).toContain(report.id);
  });

  it('refuses to open an incident it cannot record, unless it is a dry run', async () => {
    const chain = createResponsibilityChain({
      ledger: events.map((event, index) => ({ index, event })),
    });
    await expect(chain.openIncident(leak)).rejects.toMatchObject({ reason: 'no-appender' });
    const dry = await chain.openIncident({ ...leak, record: false });
    expect(dry.recorded).toBeUndefined();
  });

  it('rejects malformed input and unknown datasets with typed errors', async () => {
    const { chain } = setup();
    await expect(chain.openIncident({ ...leak, kind: 'fire' as 'leak' })).rejects.toMatchObject({
      code: 'ERR_VALIDATION',
    });
    await expect(chain.openIncident({ ...leak, datasets: [] })).rejects.toMatchObject({
      code: 'ERR_VALIDATION',
    });
    await expect(
      chain.openIncident({ ...leak, discoveredAt: '2026-03-03 09:00' }),
    ).rejects.toMatchObject({ reason: 'invalid-time' });
    await expect(chain.openIncident({ ...leak, datasets: ['ghost'] })).rejects.toMatchObject({
      reason: 'unknown-dataset',
      path: 'incident.datasets[0]',
    });
  });

  it('a copy derived after the incident is still affected, attributed at its creation', async () => {
    const { chain } = setup();
    const report = await chain.openIncident({
      ...leak,
      occurredAt: '2026-02-18T00:00:00+08:00',
      record: false,
    });
    const model = report.copies.find((c) => c.copy === 'households@health-model');
    expect(model?.derivedAfterIncident).toBe(true);
    expect(model?.attributedAt).toBe('2026-02-20T01:00:00.000Z');
    expect(model?.parties.map((p) => p.party.id)).toEqual([civil.id, health.id, acme.id]);
  });

  it('a downstream copy deleted before the incident is not affected', async () => {
    const { chain } = setup();
    const report = await chain.openIncident({
      datasets: ['households'],
      kind: 'tamper',
      discoveredAt: '2026-04-05T00:00:00+08:00',
      record: false,
    });
    expect(report.copies.map((c) => c.copy)).toEqual([
      'households',
      'households@health',
      'households@health-model',
    ]);
  });
});

describe('misuse suspends, then terminates or reinstates grants (S-SUSPEND)', () => {
  function grantsFixture() {
    const grants: (GrantFacts & { status: string })[] = [
      {
        id: 'g-education',
        grantee: education,
        dataset: 'households',
        kind: 'share',
        validFrom: '2026-02-01T00:00:00+08:00',
        validUntil: '2027-02-01T00:00:00+08:00',
        status: 'active',
      },
      {
        id: 'g-health',
        grantee: health,
        dataset: 'households',
        kind: 'share',
        validFrom: '2026-02-01T00:00:00+08:00',
        validUntil: '2027-02-01T00:00:00+08:00',
        status: 'active',
      },
    ];
    const calls: [string, string, GrantActionReason][] = [];
    const setStatus = (id: string, status: string) => {
      const grant = grants.find((g) => g.id === id);
      if (grant !== undefined) grant.status = status;
    };
    return {
      grants,
      calls,
      source: {
        grantsOf: (grantee: string) =>
          grants.filter(
            (g) => (typeof g.grantee === 'string' ? g.grantee : g.grantee.id) === grantee,
          ),
      },
      controller: {
        suspend(id: string, reason: GrantActionReason) {
          calls.push(['suspend', id, reason]);
          setStatus(id, 'suspended');
        },
        terminate(id: string, reason: GrantActionReason) {
          calls.push(['terminate', id, reason]);
          setStatus(id, 'terminated');
        },
        reinstate(id: string, reason: GrantActionReason) {
          calls.push(['reinstate', id, reason]);
          setStatus(id, 'active');
        },
      },
    };
  }

  const misuse = {
    datasets: ['households@education'],
    kind: 'misuse',
    discoveredAt: '2026-03-01T00:00:00+08:00',
    reportedBy: civil,
    scope: { parties: [education.id] },
  } as const;

  it('suspends the misuser grant only, with a correction deadline', async () => {
    const fixture = grantsFixture();
    const { chain } = setup({ grants: fixture.source, grantController: fixture.controller });
    const report = await chain.openIncident(misuse);
    expect(report.grantActions).toEqual([
      {
        grant: 'g-education',
        grantee: education.id,
        dataset: 'households',
        action: 'suspended',
        rule: 'S-SUSPEND',
        article: 'Fujian Arts. 33-34',
        at: '2026-03-03T02:00:00.000Z',
        correctBy: '2026-04-02T02:00:00.000Z',
      },
    ]);
    expect(fixture.calls.map(([what, id]) => [what, id])).toEqual([['suspend', 'g-education']]);
    expect(fixture.calls[0]?.[2]).toMatchObject({ rule: 'S-SUSPEND', incident: report.id });
    const duties = report.parties.find((p) => p.party.id === education.id)?.duties;
    expect(duties?.map((d) => d.code)).toContain('correct-misuse');

    const terminated = await chain.resolveMisuse(report, { corrected: false });
    expect(terminated.map((a) => [a.grant, a.action])).toEqual([['g-education', 'terminated']]);
    expect(fixture.grants[0]?.status).toBe('terminated');
    expect(fixture.grants[1]?.status).toBe('active');
  });

  it('reinstates when the misuse was corrected', async () => {
    const fixture = grantsFixture();
    const { chain } = setup({ grants: fixture.source, grantController: fixture.controller });
    const report = await chain.openIncident(misuse);
    const actions = await chain.resolveMisuse(report, { corrected: true });
    expect(actions.map((a) => a.action)).toEqual(['reinstated']);
    expect(fixture.grants[0]?.status).toBe('active');
  });

  it('without a controller it reports what is required', async () => {
    const fixture = grantsFixture();
    const { chain } = setup({ grants: fixture.source });
    const report = await chain.openIncident({ ...misuse, scope: undefined, record: false });
    // Default misusers: every user of the affected copies.
    expect(report.grantActions.map((a) => [a.grant, a.action])).toEqual([
      ['g-education', 'suspension-required'],
    ]);
    const resolved = await chain.resolveMisuse(report, { corrected: false });
    expect(resolved.map((a) => a.action)).toEqual(['termination-required']);
  });

  it('resolveMisuse refuses reports that are not misuse', async () => {
    const { chain } = setup();
    const report = await chain.openIncident({ ...leak, record: false });
    await expect(chain.resolveMisuse(report, { corrected: true })).rejects.toMatchObject({
      reason: 'not-misuse',
    });
  });
});

describe('incident report rendering', () => {
  it('renders Markdown and self-contained HTML naming every party and duty', async () => {
    const { chain } = setup();
    const report = await chain.openIncident(leak);
    const markdown = incidentToMarkdown(report);
    const html = incidentToHtml(report);
    for (const text of [markdown, html]) {
      for (const name of ['民政局', '卫健委', 'Acme Analytics', '市网信办']) {
        expect(text).toContain(name);
      }
      expect(text).toContain('PIPL Art. 57');
      expect(text).toContain('e5-entrust');
    }
    expect(markdown).toMatch(/^# Incident report incident-ab/);
    expect(markdown).toContain('## Notifications (P-INCIDENT)');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|src=|href=/i);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('escapes hostile values in both formats', async () => {
    const evil = {
      id: 'evil',
      kind: 'enterprise',
      name: '<script>alert(1)</script>|**x**',
    } as const;
    const ledger = createEventLog([
      {
        id: 'c1',
        time: '2026-01-01T00:00:00Z',
        processing: 'collect',
        actor: evil,
        purpose: 'research',
        legalBasis: 'consent',
        inputs: [],
        outputs: [{ id: 'd<1>' }],
      },
    ]);
    const chain = createResponsibilityChain({ ledger, clock: () => 0 });
    const report = await chain.openIncident({
      datasets: ['d<1>'],
      kind: 'loss',
      discoveredAt: 0,
      scope: { description: 'line one\n# not a heading' },
    });
    const html = incidentToHtml(report);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const markdown = incidentToMarkdown(report);
    expect(markdown).not.toContain('<script>');
    expect(markdown).toContain('\\|\\*\\*x\\*\\*');
    expect(markdown).not.toMatch(/^# not a heading/m);
    // The copy has no owner: recorded as an anomaly and shown in the report.
    expect(report.anomalies.map((a) => a.code)).toEqual(['owner-undeclared']);
    expect(markdown).toContain('owner-undeclared');
  });
});
