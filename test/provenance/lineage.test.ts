import { describe, expect, it } from 'vitest';
import { createLedger } from '../../src/provenance/index.ts';
import { agency, counterRandom, etl, ORIGIN, testClock } from './helpers.ts';
import { purpose, scenario } from './scenario.ts';

const ids = (lineage: { steps: readonly { event: { id: string } }[] }) =>
  lineage.steps.map((s) => s.event.id);

describe('lineage', () => {
  it('walks upstream through every producing event, in ledger order', async () => {
    const ledger = await scenario();
    const up = await ledger.upstream({ id: 'risk-map', version: '1' });
    expect(ids(up)).toEqual(['collect-1', 'deid-1', 'provide-1', 'build-1']);
    expect(up.datasets.map((d) => d.id).sort()).toEqual([
      'acme-households',
      'households-deid',
      'households-raw',
      'weather',
    ]);
    expect(up.steps[0]?.event.actor).toEqual(agency);
    expect(up.steps[0]?.event.time).toBe('2026-03-02T00:00:00.000Z');
  });

  it('respects versions and time: later versions are not upstream', async () => {
    const ledger = await scenario();
    expect(ids(await ledger.upstream({ id: 'households-deid', version: '1' }))).toEqual([
      'collect-1',
      'deid-1',
    ]);
    expect(ids(await ledger.upstream({ id: 'households-deid', version: '2' }))).toEqual([
      'collect-2',
      'deid-2',
    ]);
    expect(ids(await ledger.upstream({ id: 'households-deid' }))).toEqual([
      'collect-1',
      'deid-1',
      'collect-2',
      'deid-2',
    ]);
  });

  it('walks downstream through every consuming event', async () => {
    const ledger = await scenario();
    const down = await ledger.downstream({ id: 'households-raw', version: '1' });
    expect(ids(down)).toEqual(['deid-1', 'provide-1', 'build-1', 'share-1']);
    expect(down.datasets.map((d) => d.id)).toContain('risk-map-copy');
    expect(ids(await ledger.downstream({ id: 'households-raw', version: '2' }))).toEqual([
      'deid-2',
    ]);
    // Weather collected after the build does not flow into the product.
    expect(ids(await ledger.downstream({ id: 'weather' }))).toEqual(['build-1', 'share-1']);
  });

  it('labels a data product with its sources and acquisition dates (S-DEVELOP)', async () => {
    const ledger = await scenario();
    const labels = await ledger.sourceLabels({ id: 'risk-map', version: '1' });
    expect(
      labels.sources.map((s) => [
        s.dataset.id,
        s.source.id,
        s.acquiredAt.slice(0, 10),
        s.processing,
      ]),
    ).toEqual([
      ['households-raw', 'fj-bigdata', '2026-03-02', 'collect'],
      ['acme-households', 'fj-bigdata', '2026-03-04', 'provide'],
    ]);
    expect(labels.sources[1]?.label).toBe(
      'Source: Fujian Big Data Administration; dataset acme-households v1; acquired 2026-03-04 (provide)',
    );
    // Weather has no acquisition record before the build: it cannot be labelled.
    expect(labels.unlabeled).toEqual([{ id: 'weather' }]);
  });

  it('answers for unknown datasets with empty lineages', async () => {
    const ledger = await scenario();
    expect((await ledger.upstream({ id: 'nothing' })).steps).toEqual([]);
    expect(await ledger.sourceLabels({ id: 'nothing' })).toEqual({
      product: { id: 'nothing' },
      sources: [],
      unlabeled: [{ id: 'nothing' }],
    });
    await expect(ledger.upstream({ id: '' })).rejects.toMatchObject({ code: 'ERR_VALIDATION' });
  });

  it('indexes incrementally: new events show up in later queries', async () => {
    const ledger = await scenario();
    expect(ids(await ledger.downstream({ id: 'risk-map-copy' }))).toEqual([]);
    await ledger.append({
      purpose,
      legalBasis: 'contract',
      processing: 'delete',
      actor: agency,
      inputs: [{ id: 'risk-map-copy' }],
      outputs: [],
    });
    expect(
      (await ledger.downstream({ id: 'risk-map-copy' })).steps.map((s) => s.event.processing),
    ).toEqual(['delete']);
  });

  it('answers concurrent queries consistently', async () => {
    const ledger = await scenario();
    const results = await Promise.all([
      ledger.upstream({ id: 'risk-map', version: '1' }),
      ledger.downstream({ id: 'households-raw', version: '1' }),
      ledger.sourceLabels({ id: 'risk-map', version: '1' }),
      ledger.upstream({ id: 'risk-map', version: '1' }),
    ]);
    expect(ids(results[0])).toEqual(['collect-1', 'deid-1', 'provide-1', 'build-1']);
    expect(ids(results[3])).toEqual(ids(results[0]));
  });

  it('refuses to index a tampered entry', async () => {
    const { createMemoryLedgerStore } = await import('../../src/provenance/index.ts');
    const store = createMemoryLedgerStore();
    const ledger = createLedger({
      origin: ORIGIN,
      store,
      clock: testClock(),
      random: counterRandom(),
    });
    await ledger.append({
      purpose,
      legalBasis: 'consent',
      processing: 'collect',
      actor: agency,
      inputs: [],
      outputs: [{ id: 'x' }],
    });
    store.internals.leaves[0] = new TextEncoder().encode('{}');
    await expect(ledger.upstream({ id: 'x' })).rejects.toMatchObject({
      code: 'ERR_INTEGRITY',
      reason: 'leaf-hash-mismatch',
    });
  });

  it('handles cycles (a dataset updated in place)', async () => {
    const ledger = createLedger({ origin: ORIGIN, clock: testClock(), random: counterRandom() });
    const base = { purpose, legalBasis: 'statutory-duty' as const, actor: etl };
    await ledger.append({
      ...base,
      processing: 'collect',
      inputs: [],
      outputs: [{ id: 'register' }],
    });
    await ledger.append({
      ...base,
      processing: 'correct',
      inputs: [{ id: 'register' }],
      outputs: [{ id: 'register' }],
    });
    await ledger.append({
      ...base,
      processing: 'correct',
      inputs: [{ id: 'register' }],
      outputs: [{ id: 'register' }],
    });
    expect((await ledger.upstream({ id: 'register' })).steps.map((s) => s.index)).toEqual([
      0, 1, 2,
    ]);
    expect((await ledger.downstream({ id: 'register' })).steps.map((s) => s.index)).toEqual([1, 2]);
  });
});
