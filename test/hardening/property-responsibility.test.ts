// Property tests for dataguard/responsibility: custody derived from garbage
// events, queries and incidents with garbage input give a result or a
// DataguardError; incident reports escape what they render.
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { groupByParty, inForceAt } from '../../src/responsibility/attribution.ts';
import {
  consentGrants,
  createEventLog,
  createMemoryCustodyStore,
  createResponsibilityChain,
  dutiesOf,
  incidentToHtml,
  incidentToMarkdown,
} from '../../src/responsibility/index.ts';
import { anyString, garbage, mutated } from './arbitraries.ts';
import { assertProperty, expectSafeAsync, fuzzEach, hardeningIt } from './expect-safe.ts';

const civil = { id: 'civil-affairs', kind: 'agency' } as const;
const health = { id: 'health', kind: 'agency' } as const;
const base = { purpose: 'statutory-duty.health', legalBasis: 'statutory-duty' } as const;
const events = [
  {
    ...base,
    id: 'c1',
    time: '2026-01-05T09:00:00+08:00',
    processing: 'collect',
    actor: civil,
    inputs: [],
    outputs: [{ id: 'residents' }],
    subjectCount: 500,
  },
  {
    ...base,
    id: 'p1',
    time: '2026-02-01T09:00:00+08:00',
    processing: 'provide',
    actor: civil,
    recipients: [health],
    inputs: [{ id: 'residents' }],
    outputs: [{ id: 'residents.health' }],
  },
];

async function chainOf(list: readonly unknown[]) {
  const chain = createResponsibilityChain({
    ledger: createEventLog(list as never),
    store: createMemoryCustodyStore(),
  });
  await chain.sync();
  return chain;
}

describe('responsibility under hostile input', () => {
  hardeningIt('the scenario derives custody (sanity)', async () => {
    const chain = await chainOf(events);
    const parties = await chain.responsibleParties('residents.health', {
      at: '2026-03-01T00:00:00+08:00',
    });
    expect(parties.find((p) => p.party.id === 'health')?.roles).toContain('holder');
  });

  hardeningIt(
    'garbage and mutated events: sync records what it can or throws a DataguardError; queries stay typed',
    async () => {
      await assertProperty(
        fc.asyncProperty(
          fc.array(
            fc.oneof(
              garbage,
              fc.constantFrom(...events).chain((e) => mutated(e)),
            ),
            { maxLength: 4 },
          ),
          async (extra) => {
            const list = [...events, ...extra];
            const built = await expectSafeAsync('createEventLog + sync', () => chainOf(list));
            if (!built.ok) return;
            const chain = built.value;
            await expectSafeAsync('responsibleParties', () =>
              chain.responsibleParties('residents.health'),
            );
            await expectSafeAsync('custodyChain', () => chain.custodyChain('residents'));
            await expectSafeAsync('describeCopy', () => chain.describeCopy('residents'));
            await expectSafeAsync('auditDuties', () => chain.auditDuties('health'));
          },
        ),
        { numRuns: 80 },
      );
    },
  );

  hardeningIt('queries and incidents with garbage arguments', async () => {
    const chain = await chainOf(events);
    const incident = {
      datasets: ['residents'],
      kind: 'leak',
      discoveredAt: '2026-03-03T09:00:00+08:00',
      scope: { fields: ['name'], description: 'bucket left public' },
      record: false,
    };
    await assertProperty(
      fc.asyncProperty(
        garbage,
        garbage,
        fc.oneof(garbage, mutated(incident)),
        async (dataset, options, input) => {
          await expectSafeAsync('responsibleParties(garbage)', () =>
            chain.responsibleParties(dataset as never, options as never),
          );
          await expectSafeAsync('custodyChain(garbage)', () =>
            chain.custodyChain(dataset as never),
          );
          await expectSafeAsync('describeCopy(garbage)', () =>
            chain.describeCopy(dataset as never),
          );
          await expectSafeAsync('auditDuties(garbage)', () =>
            chain.auditDuties(dataset as never, options as never),
          );
          const report = await expectSafeAsync('openIncident(garbage)', () =>
            chain.openIncident(input as never),
          );
          if (report.ok) {
            await expectSafeAsync('resolveMisuse(garbage)', () =>
              chain.resolveMisuse(report.value, options as never),
            );
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  fuzzEach([
    {
      name: 'createResponsibilityChain(garbage)',
      args: fc.tuple(garbage),
      call: (o) => createResponsibilityChain(o),
    },
    { name: 'createEventLog(garbage)', args: fc.tuple(garbage), call: (e) => createEventLog(e) },
    { name: 'dutiesOf', args: fc.tuple(garbage), call: (r) => dutiesOf(r) },
    { name: 'groupByParty', args: fc.tuple(garbage), call: (a) => groupByParty(a) },
    { name: 'inForceAt', args: fc.tuple(garbage, garbage), call: (a, t) => inForceAt(a, t) },
    {
      name: 'consentGrants',
      args: fc.tuple(garbage, garbage),
      call: (s, o) => consentGrants(s, o),
    },
    { name: 'incidentToHtml(garbage)', args: fc.tuple(garbage), call: (r) => incidentToHtml(r) },
    {
      name: 'incidentToMarkdown(garbage)',
      args: fc.tuple(garbage),
      call: (r) => incidentToMarkdown(r),
    },
  ]);

  hardeningIt(
    'incident reports escape party names, dataset ids and descriptions (HTML and Markdown)',
    async () => {
      await assertProperty(
        fc.asyncProperty(anyString, async (text) => {
          const evil = '<script>alert(1)</script>';
          const party = {
            id: 'evil-agency',
            kind: 'agency',
            name: `${evil}${text.slice(0, 20)}`,
          } as const;
          const chain = await chainOf([
            {
              ...base,
              id: 'c1',
              time: '2026-01-05T09:00:00+08:00',
              processing: 'collect',
              actor: party,
              inputs: [],
              outputs: [{ id: 'ds' }],
              subjectCount: 3,
            },
          ]);
          const report = await chain.openIncident({
            datasets: ['ds'],
            kind: 'leak',
            discoveredAt: '2026-03-03T09:00:00+08:00',
            scope: { description: `${evil} | ${text.slice(0, 20)}` },
            record: false,
          } as never);
          const html = incidentToHtml(report);
          expect(html).not.toContain(evil);
          const markdown = incidentToMarkdown(report);
          expect(markdown).not.toContain('<script>');
        }),
        { numRuns: 25 },
      );
    },
  );
});
