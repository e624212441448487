// A small processing history shared by the lineage and export tests.
import { createLedger, type Ledger } from '../../src/provenance/index.ts';
import { agency, counterRandom, developer, etl, ORIGIN, testClock } from './helpers.ts';

export const purpose = 'public-service.open-data.development';

/** A small history: collect → de-identify → provide to a developer → build a product → share it. */
export async function scenario(): Promise<Ledger> {
  const clock = testClock();
  const ledger = createLedger({ origin: ORIGIN, clock, random: counterRandom() });
  const step = async (input: Parameters<Ledger['append']>[0]) => {
    clock.advance(86_400_000);
    return ledger.append(input);
  };
  const base = { purpose, legalBasis: 'statutory-duty' as const };
  await step({
    ...base,
    id: 'collect-1',
    processing: 'collect',
    actor: agency,
    inputs: [],
    outputs: [{ id: 'households-raw', version: '1' }],
    subjectCount: 5000,
  });
  await step({
    ...base,
    id: 'deid-1',
    processing: 'deidentify',
    actor: etl,
    onBehalfOf: agency,
    inputs: [{ id: 'households-raw', version: '1' }],
    outputs: [{ id: 'households-deid', version: '1', digest: `sha-256:${'ab'.repeat(32)}` }],
    policyDigest: `sha-256:${'cd'.repeat(32)}`,
    keyIds: ['k-2026-01'],
    fields: ['name', 'idNumber', 'address'],
  });
  await step({
    ...base,
    id: 'provide-1',
    processing: 'provide',
    actor: etl,
    onBehalfOf: agency,
    recipients: [developer],
    inputs: [{ id: 'households-deid', version: '1' }],
    outputs: [{ id: 'acme-households', version: '1' }],
  });
  await step({
    ...base,
    id: 'build-1',
    processing: 'process',
    actor: developer,
    inputs: [{ id: 'acme-households', version: '1' }, { id: 'weather' }],
    outputs: [{ id: 'risk-map', version: '1' }],
    details: { model: 'gradient-boosting', rows: 4800 },
  });
  await step({
    ...base,
    id: 'share-1',
    processing: 'share',
    actor: developer,
    recipients: [agency],
    inputs: [{ id: 'risk-map', version: '1' }],
    outputs: [{ id: 'risk-map-copy' }],
  });
  await step({
    ...base,
    id: 'unrelated',
    processing: 'use',
    actor: agency,
    inputs: [{ id: 'budget' }],
    outputs: [],
  });
  await step({
    ...base,
    id: 'collect-2',
    processing: 'collect',
    actor: agency,
    inputs: [],
    outputs: [{ id: 'households-raw', version: '2' }],
  });
  await step({
    ...base,
    id: 'deid-2',
    processing: 'deidentify',
    actor: etl,
    inputs: [{ id: 'households-raw', version: '2' }],
    outputs: [{ id: 'households-deid', version: '2' }],
  });
  // Produced after the product was built: not part of its history.
  await step({
    ...base,
    id: 'weather-late',
    processing: 'collect',
    actor: agency,
    inputs: [],
    outputs: [{ id: 'weather' }],
  });
  return ledger;
}
