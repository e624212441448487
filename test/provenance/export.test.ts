import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OPENLINEAGE_SCHEMA_URL, runIdOf } from '../../src/provenance/export-openlineage.ts';
import { provActivityId, provDatasetId } from '../../src/provenance/export-prov.ts';
import { scenario } from './scenario.ts';

// The published schemas (test/fixtures/provenance/SOURCE.md), compiled with
// zod's JSON Schema support.
function schema(name: string) {
  const json = JSON.parse(
    readFileSync(resolve(import.meta.dirname, `../fixtures/provenance/${name}`), 'utf8'),
  );
  return z.fromJSONSchema(json);
}
const provSchema = schema('prov-json.schema.json');
const openLineageSchema = schema('openlineage.schema.json');

describe('the schema checks themselves', () => {
  it('reject documents that break the published schemas', () => {
    expect(provSchema.safeParse({ used: { u: { 'prov:entity': 'ds:a' } } }).success).toBe(false);
    expect(provSchema.safeParse({ prefix: { 'bad prefix': 'urn:x' } }).success).toBe(false);
    expect(
      provSchema.safeParse({ entity: { 'ds:a': { nested: { not: 'a literal' } } } }).success,
    ).toBe(false);
    expect(provSchema.safeParse({ entity: { 'ds:a': { 'prov:label': 'a' } } }).success).toBe(true);
    const event = {
      eventTime: '2026-03-01T00:00:00.000Z',
      producer: 'urn:dataguard:provenance',
      schemaURL: OPENLINEAGE_SCHEMA_URL,
      run: { runId: '0190b7e2-8f00-7000-8000-000000000000' },
      job: { namespace: 'n', name: 'j' },
    };
    expect(openLineageSchema.safeParse(event).success).toBe(true);
    expect(openLineageSchema.safeParse({ ...event, run: { runId: 'not-a-uuid' } }).success).toBe(
      false,
    );
    expect(openLineageSchema.safeParse({ ...event, producer: undefined }).success).toBe(false);
    expect(openLineageSchema.safeParse({ ...event, eventType: 'DONE' }).success).toBe(false);
    expect(
      openLineageSchema.safeParse({ ...event, run: { ...event.run, facets: { x: { a: 1 } } } })
        .success,
    ).toBe(false);
  });
});

describe('W3C PROV-JSON export', () => {
  it('matches the PROV-JSON schema and records the whole history', async () => {
    const ledger = await scenario();
    const doc = await ledger.exportProv({ id: 'acme-households', version: '1' });
    const check = provSchema.safeParse(doc);
    expect(check.error?.issues ?? []).toEqual([]);
    expect(Object.keys(doc.activity).length).toBe(5);
    expect(doc.activity['ev:provide-1']).toMatchObject({
      'prov:type': { $: 'dg:provide', type: 'prov:QUALIFIED_NAME' },
      'prov:startTime': '2026-03-04T00:00:00.000Z',
      'dg:purpose': 'public-service.open-data.development',
      'dg:ledgerIndex': 2,
      'dg:recipients': [{ $: 'party:enterprise_acme-dev', type: 'prov:QUALIFIED_NAME' }],
    });
    expect(doc.entity['ds:acme-households_1']).toMatchObject({
      'dg:subject': true,
      'dg:version': '1',
    });
    expect(doc.entity['ds:households-deid_1']?.['dg:digest']).toEqual([
      `sha-256:${'ab'.repeat(32)}`,
    ]);
    expect(doc.agent['party:system_etl-runner']).toMatchObject({
      'prov:type': { $: 'prov:SoftwareAgent', type: 'prov:QUALIFIED_NAME' },
    });
    expect(Object.values(doc.actedOnBehalfOf)).toContainEqual({
      'prov:delegate': 'party:system_etl-runner',
      'prov:responsible': 'party:agency_fj-bigdata',
      'prov:activity': 'ev:deid-1',
    });
    expect(Object.values(doc.wasDerivedFrom)).toContainEqual({
      'prov:generatedEntity': 'ds:risk-map_1',
      'prov:usedEntity': 'ds:acme-households_1',
      'prov:activity': 'ev:build-1',
    });
    expect(Object.values(doc.used).filter((u) => u['prov:activity'] === 'ev:build-1')).toHaveLength(
      2,
    );
    expect(doc.activity['ev:build-1']?.['dg:details']).toBe(
      '{"model":"gradient-boosting","rows":4800}',
    );
  });

  it('percent-encodes identifiers into valid qualified names', async () => {
    const ledger = await scenario();
    await ledger.append({
      purpose: 'public-service.x',
      legalBasis: 'consent',
      processing: 'use',
      actor: { id: '福建/大数据', kind: 'agency' },
      inputs: [{ id: 'a b_c', version: '1.0' }],
      outputs: [],
    });
    const doc = await ledger.exportProv({ id: 'a b_c' });
    expect(provSchema.safeParse(doc).success).toBe(true);
    expect(Object.keys(doc.entity)).toContain('ds:a%20b%5Fc_1.0');
    expect(Object.keys(doc.agent)[0]).toMatch(/^party:agency_%E7%A6%8F/);
  });
});

describe('PROV qualified names and agents', () => {
  it('escapes local names that would start with "-" or "." or end with "."', async () => {
    const ledger = await scenario();
    await ledger.append({
      id: '.ev.',
      purpose: 'public-service.x',
      legalBasis: 'consent',
      processing: 'use',
      actor: { id: 'x.', kind: 'system' },
      inputs: [{ id: '-a', version: '1.' }, { id: '.b' }],
      outputs: [],
    });
    const doc = await ledger.exportProv({ id: '-a', version: '1.' });
    expect(Object.keys(doc.entity).sort()).toEqual(['ds:%2Da_1%2E', 'ds:%2Eb']);
    expect(Object.keys(doc.activity)).toEqual(['ev:%2Eev%2E']);
    expect(Object.keys(doc.agent)).toEqual(['party:system_x%2E']);
    expect(provActivityId({ id: '-' } as never)).toBe('ev:%2D');
    expect(provDatasetId({ id: 'a-b.c' })).toBe('ds:a-b.c');
    expect(provDatasetId({ id: "a=b'(c),:;[d]" })).toBe('ds:a%3Db%27%28c%29%2C%3A%3B%5Bd%5D');
  });

  it("merges a party's attributes across events: a name given once is kept", async () => {
    const ledger = await scenario();
    const base = {
      purpose: 'public-service.x',
      legalBasis: 'consent',
      processing: 'use',
      inputs: [{ id: 'shared' }],
      outputs: [],
    } as const;
    await ledger.append({ ...base, actor: { id: 'p', kind: 'agency', name: 'First name' } });
    await ledger.append({ ...base, actor: { id: 'p', kind: 'agency' } });
    await ledger.append({ ...base, actor: { id: 'p', kind: 'agency', name: 'Renamed' } });
    await ledger.append({ ...base, actor: { id: 'p', kind: 'agency', name: 'First name' } });
    await ledger.append({ ...base, actor: { id: 'q', kind: 'individual' } });
    const doc = await ledger.exportProv({ id: 'shared' });
    expect(doc.agent['party:agency_p']).toEqual({
      'prov:type': { $: 'prov:Organization', type: 'prov:QUALIFIED_NAME' },
      'dg:partyKind': 'agency',
      'dg:partyId': 'p',
      'prov:label': ['First name', 'Renamed'],
    });
    expect(doc.agent['party:individual_q']).toEqual({
      'prov:type': { $: 'prov:Person', type: 'prov:QUALIFIED_NAME' },
      'dg:partyKind': 'individual',
      'dg:partyId': 'q',
    });
    expect(provSchema.safeParse(doc).success).toBe(true);
  });
});

describe('OpenLineage export', () => {
  it('emits a START and a COMPLETE event per run, same run id, valid against the spec', async () => {
    const ledger = await scenario();
    const events = await ledger.exportOpenLineage({ id: 'risk-map', version: '1' });
    const jobs = [
      'public-service.open-data.development/collect',
      'public-service.open-data.development/deidentify',
      'public-service.open-data.development/provide',
      'public-service.open-data.development/process',
      'public-service.open-data.development/share',
    ];
    expect(events.map((e) => [e.eventType, e.job.name])).toEqual(
      jobs.flatMap((job) => [
        ['START', job],
        ['COMPLETE', job],
      ]),
    );
    for (const event of events) {
      const check = openLineageSchema.safeParse(event);
      expect(check.error?.issues ?? []).toEqual([]);
    }
    // Each run: START then its terminal event, same run id, nothing in between.
    for (let i = 0; i < events.length; i += 2) {
      const [start, end] = [events[i], events[i + 1]];
      expect(start?.eventType).toBe('START');
      expect(end?.eventType).toBe('COMPLETE');
      expect(end?.run.runId).toBe(start?.run.runId);
      expect(end?.eventTime).toBe(start?.eventTime);
      expect(end?.job).toEqual(start?.job);
      expect(end?.run).toEqual(start?.run);
      expect(end?.run).not.toBe(start?.run);
    }
    const deid = events[3];
    expect(deid?.run.facets.dataguard_processing).toMatchObject({
      processing: 'deidentify',
      legalBasis: 'statutory-duty',
      actor: { id: 'etl-runner', kind: 'system' },
      onBehalfOf: { id: 'fj-bigdata', kind: 'agency', name: 'Fujian Big Data Administration' },
      ledgerIndex: 1,
      keyIds: ['k-2026-01'],
    });
    expect(deid?.outputs[0]).toMatchObject({
      namespace: 'example.gov.cn/ledger',
      name: 'households-deid',
      facets: {
        version: { datasetVersion: '1' },
        dataguard_digest: { digest: `sha-256:${'ab'.repeat(32)}` },
      },
    });
    expect(events[2]?.inputs).toEqual(deid?.inputs);
    // Event ids that are not UUIDs map to stable UUIDs.
    expect(deid?.run.runId).toBe(runIdOf({ id: 'deid-1' } as never, 'example.gov.cn/ledger'));
    expect(new Set(events.map((e) => e.run.runId)).size).toBe(5);
  });

  it('uses the producer and namespaces given to the ledger', async () => {
    const { createLedger } = await import('../../src/provenance/index.ts');
    const ledger = createLedger({
      origin: 'example.gov.cn/ledger',
      openLineage: {
        producer: 'https://example.gov.cn/etl',
        jobNamespace: 'fj-etl',
        datasetNamespace: 'postgres://db',
      },
    });
    const appended = await ledger.append({
      purpose: 'public-service.x',
      legalBasis: 'consent',
      processing: 'collect',
      actor: { id: 'a', kind: 'agency' },
      inputs: [],
      outputs: [{ id: 'd' }],
    });
    const [start, event] = await ledger.exportOpenLineage({ id: 'd' });
    expect(start?.eventType).toBe('START');
    expect(event).toMatchObject({
      eventType: 'COMPLETE',
      producer: 'https://example.gov.cn/etl',
      job: { namespace: 'fj-etl' },
      outputs: [{ namespace: 'postgres://db', name: 'd' }],
    });
    expect(event?.run.runId).toBe(appended.event.id);
    expect(start?.run.runId).toBe(appended.event.id);
    expect(openLineageSchema.safeParse(start).success).toBe(true);
    expect(openLineageSchema.safeParse(event).success).toBe(true);
  });
});
