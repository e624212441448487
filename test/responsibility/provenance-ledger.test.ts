import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import { createLedger } from '../../src/provenance/index.ts';
import {
  createResponsibilityChain,
  type EventAppender,
  type LedgerSource,
} from '../../src/responsibility/index.ts';
import { acme, civil, events, health, scenarioCatalog } from './scenario.ts';

async function setup() {
  const ledger = createLedger({ origin: 'example.gov.cn/ledger' });
  for (const event of events) await ledger.append(event);
  const chain = createResponsibilityChain({
    ledger,
    catalog: scenarioCatalog(),
    clock: fixedClock('2026-03-03T10:00:00+08:00'),
    random: (bytes) => bytes.fill(1),
  });
  return { ledger, chain };
}

describe('with the dataguard/provenance ledger', () => {
  it('derives custody from the real ledger', async () => {
    const { chain, ledger } = await setup();
    // The ledger is a source and an appender as it is, with no adapter.
    const source: LedgerSource = ledger;
    const appender: EventAppender = ledger;
    expect(source).toBe(appender);
    expect(await chain.sync()).toEqual({ position: events.length - 1, applied: events.length });
    const parties = await chain.responsibleParties('households@health', {
      at: '2026-02-16T00:00:00+08:00',
    });
    expect(Object.fromEntries(parties.map((p) => [p.party.id, p.roles]))).toEqual({
      [civil.id]: ['owner'],
      [health.id]: ['holder', 'user'],
      [acme.id]: ['manager', 'user'],
    });
    // The ledger stores times in UTC; spans keep them as recorded.
    expect(parties.find((p) => p.party.id === acme.id)?.since).toBe('2026-02-10T01:00:00.000Z');
  });

  it('reads only new entries on later syncs', async () => {
    const { chain, ledger } = await setup();
    await chain.sync();
    await ledger.append({
      processing: 'use',
      actor: health,
      purpose: 'public-service.social-assistance',
      legalBasis: 'statutory-duty',
      inputs: [{ id: 'households@health' }],
      outputs: [],
      time: '2026-03-02T00:00:00+08:00',
    });
    expect(await chain.sync()).toEqual({ position: events.length, applied: 1 });
    expect(await chain.sync()).toEqual({ position: events.length, applied: 0 });
  });

  it('records the incident event through the ledger, which still verifies', async () => {
    const { chain, ledger } = await setup();
    const report = await chain.openIncident({
      datasets: ['households@health'],
      kind: 'leak',
      discoveredAt: '2026-03-03T09:00:00+08:00',
      reportedBy: health,
      scope: { fields: ['address'] },
    });
    expect(report.recorded?.index).toBe(events.length);
    const entry = await ledger.get(events.length);
    expect(entry.event.processing).toBe('incident');
    expect(entry.event.id).toBe(report.id);
    expect(entry.event.details).toMatchObject({ kind: 'leak', namedCount: 1, downstreamCount: 1 });
    expect((await ledger.verify()).ok).toBe(true);
    expect((await chain.describeCopy('households@health')).events.at(-1)?.eventId).toBe(report.id);
  });
});
