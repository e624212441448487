import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import {
  createEventLog,
  createResponsibilityChain,
  type ResponsibleParty,
} from '../../src/responsibility/index.ts';
import { acme, bdc, civil, education, events, health, scenarioCatalog } from './scenario.ts';

function setup() {
  const ledger = createEventLog(events);
  const chain = createResponsibilityChain({
    ledger,
    catalog: scenarioCatalog(),
    clock: fixedClock('2026-03-03T10:00:00+08:00'),
    random: (bytes) => bytes.fill(7),
  });
  return { ledger, chain };
}

/** party id → roles, and party id → basis, for compact assertions. */
function summary(parties: readonly ResponsibleParty[]) {
  return Object.fromEntries(parties.map((p) => [p.party.id, [...p.roles]]));
}
function basis(parties: readonly ResponsibleParty[]) {
  return Object.fromEntries(parties.map((p) => [p.party.id, [...p.basis]]));
}

describe('scenario: collection, storage elsewhere, sharing, entrusting, leak', () => {
  it('after collection the collector is owner (catalog), holder and collector', async () => {
    const { chain } = setup();
    const at = '2026-01-05T12:00:00+08:00';
    const parties = await chain.responsibleParties('households', { at });
    expect(summary(parties)).toEqual({ [civil.id]: ['owner', 'holder', 'collector'] });
    expect(basis(parties)).toEqual({ [civil.id]: ['e1-collect'] });
    const owner = parties[0]?.assignments.find((a) => a.role === 'owner');
    expect(owner?.via).toBe('catalog');
    expect(parties[0]?.since).toBe('2026-01-05T09:00:00+08:00');
    expect(parties[0]?.until).toBeUndefined();
  });

  it('before the first event nobody is responsible', async () => {
    const { chain } = setup();
    const parties = await chain.responsibleParties('households', {
      at: '2026-01-05T08:59:59+08:00',
    });
    expect(parties).toEqual([]);
  });

  it('spans include their start and exclude their end', async () => {
    const { chain } = setup();
    const atStore = await chain.responsibleParties('households', {
      at: '2026-01-06T09:00:00+08:00',
    });
    expect(summary(atStore)[bdc.id]).toEqual(['manager']);
    const atDelete = await chain.responsibleParties('households@education', {
      at: '2026-04-01T09:00:00+08:00',
    });
    expect(atDelete).toEqual([]);
    const justBefore = await chain.responsibleParties('households@education', {
      at: '2026-04-01T08:59:59.999+08:00',
    });
    expect(summary(justBefore)[education.id]).toEqual(['holder', 'user']);
  });

  it('storage in another party system makes that party manager', async () => {
    const { chain } = setup();
    const parties = await chain.responsibleParties('households', {
      at: '2026-01-10T00:00:00+08:00',
    });
    expect(summary(parties)).toEqual({
      [civil.id]: ['owner', 'holder', 'collector'],
      [bdc.id]: ['manager'],
    });
    expect(basis(parties)[bdc.id]).toEqual(['e2-store']);
  });

  it('sharing creates a copy per recipient; the source keeps its parties', async () => {
    const { chain } = setup();
    const at = '2026-02-05T00:00:00+08:00';
    const source = await chain.responsibleParties('households', { at });
    expect(summary(source)).toEqual({
      [civil.id]: ['owner', 'holder', 'collector'],
      [bdc.id]: ['manager'],
    });
    const healthCopy = await chain.responsibleParties('households@health', { at });
    expect(summary(healthCopy)).toEqual({
      [civil.id]: ['owner'],
      [health.id]: ['holder', 'user'],
    });
    // The owner of the source owns the copy: the share event and the catalog-backed collection.
    expect(basis(healthCopy)[civil.id]).toEqual(['e3-share-health', 'e1-collect']);
    expect(healthCopy[0]?.assignments[0]?.via).toBe('inheritance');
    expect(basis(healthCopy)[health.id]).toEqual(['e3-share-health']);
    const educationCopy = await chain.responsibleParties('households@education', { at });
    expect(summary(educationCopy)).toEqual({
      [civil.id]: ['owner'],
      [education.id]: ['holder', 'user'],
    });
  });

  it('entrusting makes the processor manager; its use makes it user', async () => {
    const { chain } = setup();
    const parties = await chain.responsibleParties('households@health', {
      at: '2026-02-16T00:00:00+08:00',
    });
    expect(summary(parties)).toEqual({
      [civil.id]: ['owner'],
      [health.id]: ['holder', 'user'],
      [acme.id]: ['manager', 'user'],
    });
    expect(basis(parties)[acme.id]).toEqual(['e5-entrust', 'e6-use']);
    // Between entrustment and use the processor is manager only.
    const before = await chain.responsibleParties('households@health', {
      at: '2026-02-12T00:00:00+08:00',
    });
    expect(summary(before)[acme.id]).toEqual(['manager']);
  });

  it('a processor acting for the holder derives a copy the holder holds and it manages', async () => {
    const { chain } = setup();
    const parties = await chain.responsibleParties('households@health-model', {
      at: '2026-03-01T00:00:00+08:00',
    });
    expect(summary(parties)).toEqual({
      [civil.id]: ['owner'],
      [health.id]: ['holder', 'user'],
      [acme.id]: ['manager', 'user'],
    });
    expect(basis(parties)[civil.id]).toEqual(['e7-process', 'e3-share-health', 'e1-collect']);
  });

  it('ending the entrustment ends every role of the processor on that copy', async () => {
    const { chain } = setup();
    const after = await chain.responsibleParties('households@health', {
      at: '2026-03-25T00:00:00+08:00',
    });
    expect(summary(after)).toEqual({
      [civil.id]: ['owner'],
      [health.id]: ['holder', 'user'],
    });
    const history = await chain.custodyChain('households@health');
    const node = history.copies.find((c) => c.copy.id === 'households@health');
    const processor = node?.parties.find((p) => p.party.id === acme.id);
    expect(processor?.until).toBe('2026-03-20T09:00:00+08:00');
    expect(processor?.assignments.every((a) => a.endedBy === 'e8-entrust-end')).toBe(true);
  });

  it('deletion ends every role on the copy', async () => {
    const { chain } = setup();
    expect(
      await chain.responsibleParties('households@education', { at: '2026-04-02T00:00:00+08:00' }),
    ).toEqual([]);
    expect(await chain.responsibleParties('households@education')).toEqual([]);
    const described = await chain.describeCopy('households@education');
    expect(described.copy.deletedAt).toBe('2026-04-01T09:00:00+08:00');
    expect(described.copy.deletedBy).toBe('e9-delete-education');
    expect(described.events.map((e) => e.eventId)).toEqual([
      'e4-share-education',
      'e9-delete-education',
    ]);
  });

  it('custodyChain returns the whole tree from the root', async () => {
    const { chain } = setup();
    const tree = await chain.custodyChain({ id: 'households@health-model' });
    expect(tree.roots).toEqual(['households']);
    expect(tree.copies.map((c) => c.copy.id)).toEqual([
      'households',
      'households@health',
      'households@education',
      'households@health-model',
    ]);
    const root = tree.copies[0];
    expect(root?.children).toEqual(['households@health', 'households@education']);
    expect(root?.copy.origin).toBe('collected');
    expect(tree.copies[1]?.copy.parents).toEqual(['households']);
    expect(tree.copies[1]?.copy.origin).toBe('derived');
    expect(tree.copies.flatMap((c) => c.anomalies)).toEqual([]);
  });

  it('without `at`, attribution gives the current parties', async () => {
    const { chain } = setup();
    expect(summary(await chain.responsibleParties('households@health'))).toEqual({
      [civil.id]: ['owner'],
      [health.id]: ['holder', 'user'],
    });
  });

  it('every responsible party gets the duties of its roles with citations', async () => {
    const { chain } = setup();
    const parties = await chain.responsibleParties('households@health', {
      at: '2026-02-16T00:00:00+08:00',
    });
    const processor = parties.find((p) => p.party.id === acme.id);
    const rules = processor?.duties.map((d) => d.rule);
    expect(rules).toEqual([
      'R-MANY',
      'R-LIFECYCLE',
      'R-LIFECYCLE',
      'P-DEID',
      'P-INCIDENT',
      'S-PURPOSE',
      'C-SEP-PROVIDE',
      'C-MINIMUM',
    ]);
    expect(processor?.duties.every((d) => d.article.length > 0)).toBe(true);
  });

  it('unknown datasets are refused, not answered with nobody', async () => {
    const { chain } = setup();
    await expect(chain.responsibleParties('nope')).rejects.toMatchObject({
      code: 'ERR_RESPONSIBILITY',
      reason: 'unknown-dataset',
    });
  });
});
