import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createConsentDecider, createMemoryConsentStore } from '../../src/consent/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { createKeyring } from '../../src/crypto/index.ts';
import { AnonymityError, ConsentError, ValidationError } from '../../src/errors/index.ts';
import { ledgerSigner, protect } from '../../src/pipeline/index.ts';
import { createLedger, verifyInclusion } from '../../src/provenance/index.ts';
import { createCatalog, defineDataset } from '../../src/tags/index.ts';

const root = new URL('../../', import.meta.url);
const dataset = defineDataset(
  JSON.parse(readFileSync(new URL('examples/residents.dataset.json', root), 'utf8')),
);
const sharePolicy = JSON.parse(readFileSync(new URL('examples/share.policy.json', root), 'utf8'));
const openPolicy = JSON.parse(readFileSync(new URL('examples/open.policy.json', root), 'utf8'));
const csv = readFileSync(new URL('examples/residents.csv', root), 'utf8').trim().split('\n');
const header = (csv[0] as string).split(',');
const records = csv
  .slice(1)
  .map((line) => Object.fromEntries(line.split(',').map((v, i) => [header[i], v])));

const keys = [
  {
    id: 'k1',
    suite: 'international' as const,
    material: '11'.repeat(32),
    createdAt: '2026-01-01T00:00:00Z',
    status: 'active' as const,
  },
];
const actor = { id: 'gov.example.civil-affairs', kind: 'agency' as const, name: '民政局' };
const recipient = { id: 'gov.example.health', kind: 'agency' as const, name: '卫健委' };

function setup() {
  const keyring = createKeyring({ keys });
  const origin = 'ledger.example.gov.cn';
  const ledger = createLedger({
    origin,
    signer: ledgerSigner(keyring, origin),
    clock: fixedClock('2026-11-23T08:00:00+08:00'),
  });
  return { keyring, ledger };
}

async function collect(out: Record<string, unknown>[]) {
  return async (stream: AsyncIterable<Record<string, unknown>>) => {
    for await (const record of stream) out.push(record);
  };
}

describe('protect()', () => {
  it('de-identifies a provision to another department and records it in the ledger', async () => {
    const { keyring, ledger } = setup();
    const out: Record<string, unknown>[] = [];
    const summary = await protect({
      input: records,
      sink: await collect(out),
      dataset,
      policy: sharePolicy,
      purpose: 'statutory-duty',
      actor,
      recipient,
      legalBasis: 'statutory-duty',
      keyring,
      ledger,
    });
    expect(summary.rowsIn).toBe(records.length);
    expect(summary.rowsOut).toBe(records.length);
    expect(out).toHaveLength(records.length);
    expect(summary.processing).toBe('provide');
    // No original direct identifier survives.
    const text = JSON.stringify(out);
    for (const record of records.slice(0, 50)) {
      expect(text).not.toContain(record.id_card);
      expect(text).not.toContain(record.mobile);
    }
    const entry = await ledger.get(summary.ledgerIndex);
    expect(entry.event.processing).toBe('provide');
    expect(entry.event.recipients).toEqual([recipient]);
    expect(entry.event.policyDigest).toBe(summary.policyDigest);
    expect(entry.event.keyIds).toEqual(['k1']);
    expect(entry.event.inputs[0]?.digest).toMatch(/^sha-256:[0-9a-f]{64}$/);
    expect(entry.event.outputs[0]?.digest).toMatch(/^sha-256:[0-9a-f]{64}$/);
    expect(JSON.stringify(entry.event)).not.toContain(records[0]?.id_card);
    expect(summary.checkpoint?.size).toBe(1);
    const proof = await ledger.proveInclusion(summary.ledgerIndex);
    expect(
      verifyInclusion({
        leafHash: entry.leafHash,
        index: proof.index,
        treeSize: proof.treeSize,
        proof: proof.proof,
        root: await ledger.root(),
      }),
    ).toBe(true);
    expect((await ledger.verify()).ok).toBe(true);
  });

  it('is deterministic: same input, key and policy give the same output digest', async () => {
    const run = async () => {
      const { keyring, ledger } = setup();
      return protect({
        input: records,
        dataset,
        policy: sharePolicy,
        purpose: 'statutory-duty',
        actor,
        recipient,
        legalBasis: 'statutory-duty',
        keyring,
        ledger,
      });
    };
    const [a, b] = [await run(), await run()];
    expect(a.target.digest).toBe(b.target.digest);
  });

  it('opens an anonymized extract only when it passes the anonymity gate (S-TRADE)', async () => {
    const { keyring, ledger } = setup();
    const summary = await protect({
      input: records,
      dataset,
      policy: openPolicy,
      purpose: 'public-service',
      actor,
      recipient: { id: 'public', kind: 'system', name: '公共数据开放平台' },
      processing: 'open',
      legalBasis: 'statutory-duty',
      anonymity: { quasiIdentifiers: ['birth_date', 'sex', 'district'], k: 5 },
      keyring,
      ledger,
    });
    expect(summary.anonymity?.k).toBeGreaterThanOrEqual(5);
    const failing = setup();
    const sink = async (stream: AsyncIterable<unknown>) => {
      for await (const _ of stream) {
        // consume
      }
    };
    await expect(
      protect({
        input: records,
        sink,
        dataset,
        policy: openPolicy,
        purpose: 'public-service',
        actor,
        recipient: { id: 'public', kind: 'system' },
        processing: 'open',
        legalBasis: 'statutory-duty',
        anonymity: { quasiIdentifiers: ['birth_date', 'sex', 'district'], k: 1000 },
        keyring: failing.keyring,
        ledger: failing.ledger,
      }),
    ).rejects.toBeInstanceOf(AnonymityError);
    expect(await failing.ledger.size()).toBe(0); // nothing recorded, nothing released
  });

  it('refuses an open release without requirements or with restorable fields', async () => {
    const { keyring, ledger } = setup();
    const base = {
      input: records,
      dataset,
      purpose: 'public-service',
      actor,
      recipient,
      processing: 'open' as const,
      legalBasis: 'statutory-duty' as const,
      keyring,
      ledger,
    };
    await expect(protect({ ...base, policy: openPolicy })).rejects.toMatchObject({
      code: 'ERR_ANONYMITY',
      reason: 'requirements-missing',
    });
    await expect(
      protect({ ...base, policy: sharePolicy, anonymity: { quasiIdentifiers: ['sex'], k: 2 } }),
    ).rejects.toMatchObject({ code: 'ERR_ANONYMITY', reason: 'restorable-output' });
    // A keyed pseudonym of a quasi-identifier: not reversible, but the key holder can
    // recompute it for known people, so the release would not be anonymous.
    const keyedOccupation = {
      ...openPolicy,
      rules: openPolicy.rules.map((rule: { id: string }) =>
        rule.id === 'occupation'
          ? { ...rule, transform: { type: 'pseudonymize', domain: 'occupation', output: 'hex' } }
          : rule,
      ),
    };
    await expect(
      protect({
        ...base,
        policy: keyedOccupation,
        anonymity: { quasiIdentifiers: ['sex'], k: 2 },
      }),
    ).rejects.toMatchObject({ code: 'ERR_ANONYMITY', reason: 'restorable-output' });
    expect(await ledger.size()).toBe(0);
  });

  it('stops on a denied sharing decision before reading anything', async () => {
    const { keyring, ledger } = setup();
    const catalog = createCatalog();
    catalog.register(dataset);
    const decider = createConsentDecider({ store: createMemoryConsentStore(), catalog });
    let read = 0;
    const input = (function* () {
      for (const record of records) {
        read++;
        yield record;
      }
    })();
    await expect(
      protect({
        input,
        dataset,
        policy: sharePolicy,
        purpose: 'statutory-duty',
        actor,
        recipient,
        processing: 'share',
        legalBasis: 'statutory-duty',
        keyring,
        ledger,
        share: {
          decider,
          request: {
            requester: recipient,
            duty: { id: 'duty.none', law: '', scope: [] },
            scenario: '',
            commitment: { authenticity: false, security: false, compliance: false },
          } as never,
        },
      }),
    ).rejects.toBeInstanceOf(ConsentError);
    expect(read).toBe(0);
    expect(await ledger.size()).toBe(0);
  });

  it('validates its arguments with typed errors', async () => {
    const { keyring, ledger } = setup();
    const base = {
      input: records,
      dataset,
      policy: sharePolicy,
      purpose: 'statutory-duty',
      actor,
      keyring,
      ledger,
    };
    await expect(protect({ ...base })).rejects.toMatchObject({ reason: 'missing-legal-basis' });
    await expect(
      protect({ ...base, legalBasis: 'statutory-duty', processing: 'share' }),
    ).rejects.toMatchObject({ reason: 'missing-recipient' });
    await expect(
      protect({ ...base, legalBasis: 'statutory-duty', purpose: 'Not A Purpose' }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});
