import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createConsentDecider, createMemoryConsentStore } from '../../src/consent/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { createKeyring } from '../../src/crypto/index.ts';
import type { PolicyDocument } from '../../src/deidentify/index.ts';
import {
  AnonymityError,
  ConsentError,
  PolicyError,
  ValidationError,
} from '../../src/errors/index.ts';
import {
  createLedgerSigner,
  createMemorySink,
  createMemorySubjectIndex,
  protect,
} from '../../src/pipeline/index.ts';
import type { PolicySuggestion } from '../../src/pipeline/suggest.ts';
import { createLedger } from '../../src/provenance/index.ts';
import { createResponsibilityChain } from '../../src/responsibility/index.ts';
import { createCatalog, defineDataset } from '../../src/tags/index.ts';

const root = new URL('../../', import.meta.url);
const read = (path: string) => JSON.parse(readFileSync(new URL(path, root), 'utf8'));
const definition = read('examples/residents.dataset.json');
const dataset = defineDataset(definition);
const sharePolicy = read('examples/share.policy.json');
const openPolicy = read('examples/open.policy.json');
const shareRequest = read('examples/share-request.json');
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
const portal = { id: 'open-data-portal', kind: 'system' as const, name: '公共数据开放平台' };

function setup() {
  const keyring = createKeyring({ keys });
  const origin = 'ledger.example.gov.cn';
  const ledger = createLedger({
    origin,
    signer: createLedgerSigner(keyring, origin),
    clock: fixedClock('2026-11-23T08:00:00+08:00'),
  });
  const catalog = createCatalog();
  catalog.register(dataset);
  const decider = createConsentDecider({ store: createMemoryConsentStore(), catalog });
  return { keyring, ledger, decider };
}

function provision(s: ReturnType<typeof setup>) {
  return {
    input: records,
    dataset,
    policy: sharePolicy,
    purpose: 'statutory-duty',
    actor,
    recipient,
    legalBasis: 'statutory-duty' as const,
    share: { decider: s.decider, request: shareRequest },
    keyring: s.keyring,
    ledger: s.ledger,
  };
}

describe('protect(): the release pipeline', () => {
  it('provides residents under a sharing decision, records the decision digest and key per column', async () => {
    const s = setup();
    const sink = createMemorySink();
    const summary = await protect({ ...provision(s), sink });
    expect(summary.rowsOut).toBe(records.length);
    expect(sink.records).toHaveLength(records.length);
    const text = JSON.stringify(sink.records);
    for (const record of records.slice(0, 50)) {
      expect(text).not.toContain(record.id_card);
      expect(text).not.toContain(record.mobile);
    }
    expect(sink.records[0]).not.toHaveProperty('diagnosis');
    const entry = await s.ledger.get(summary.ledgerIndex);
    expect(entry.event.details?.decision).toBe('share');
    expect(entry.event.details?.decisionDigest).toBe(summary.decision.digest);
    expect(entry.event.details?.planDigest).toBe(summary.planDigest);
    expect(entry.event.details?.columnKeys).toEqual([
      ['id_card', 0],
      ['mobile', 0],
    ]);
    expect(entry.event.details?.quasiIdentifiers).toEqual([
      'birth_date',
      'sex',
      'district',
      'occupation',
    ]);
  });

  it('refuses a release of public data without a sharing decision, before output or event (S-CHANNEL)', async () => {
    const s = setup();
    const sink = createMemorySink();
    const { share: _share, ...noDecision } = provision(s);
    await expect(
      protect({
        ...noDecision,
        processing: 'share',
        recipient: { id: 'ent.x', kind: 'enterprise' },
        sink,
      }),
    ).rejects.toMatchObject({ name: 'ConsentError', reason: 'decision-missing' });
    expect(sink.records).toHaveLength(0);
    expect(await s.ledger.size()).toBe(0);
  });

  it('refuses a policy that shares a "none" field or opens a "closed" one, even with a decision', async () => {
    const s = setup();
    const keepsDiagnosis = { ...sharePolicy, keep: [...sharePolicy.keep, 'diagnosis'] };
    const allowAll = {
      allowed: true,
      allowedFields: dataset.fields.map((f) => f.name),
      reasons: [],
      obligations: [],
    };
    await expect(
      protect({ ...provision(s), policy: keepsDiagnosis, share: undefined, decision: allowAll }),
    ).rejects.toMatchObject({ name: 'ConsentError', reason: 'not-shared' });
    const opensDiagnosis = { ...openPolicy, keep: [...openPolicy.keep, 'diagnosis'] };
    await expect(
      protect({
        ...provision(s),
        policy: opensDiagnosis,
        share: undefined,
        decision: allowAll,
        purpose: 'public-data.opening',
        recipient: portal,
        processing: 'open',
        anonymity: { k: 5 },
      }),
    ).rejects.toMatchObject({ name: 'ConsentError', reason: 'not-open' });
    expect(await s.ledger.size()).toBe(0);
  });

  it('refuses a direct identifier left raw unless the decision permits it with a basis (P-DEID)', async () => {
    const s = setup();
    const rawName = {
      ...sharePolicy,
      keep: [...sharePolicy.keep, 'name'],
      rules: sharePolicy.rules.filter((rule: { id: string }) => rule.id !== 'name'),
    };
    await expect(protect({ ...provision(s), policy: rawName })).rejects.toBeInstanceOf(PolicyError);
    const summary = await protect({
      ...provision(s),
      policy: rawName,
      rawIdentifiers: { fields: ['name'], basis: '社会救助暂行办法 第十一条: 核对身份' },
    });
    const entry = await s.ledger.get(summary.ledgerIndex);
    expect(entry.event.details?.rawIdentifiers).toEqual(['name']);
  });

  it('reads a renamed column only through an alias the dataset declares', async () => {
    const s = setup();
    const renamed = records.map(({ mobile, ...rest }) => ({ ...rest, 手机号: mobile }));
    const sink = createMemorySink();
    await expect(protect({ ...provision(s), input: renamed, sink })).rejects.toMatchObject({
      name: 'InputError',
      reason: 'missing-column',
    });
    expect(sink.records).toHaveLength(0);
    expect(await s.ledger.size()).toBe(0);
    const aliased = defineDataset({
      ...definition,
      fields: definition.fields.map((f: { name: string }) =>
        f.name === 'mobile' ? { ...f, aliases: ['手机号', '手机号码'] } : f,
      ),
    });
    const s2 = setup();
    const ok = createMemorySink();
    const summary = await protect({ ...provision(s2), dataset: aliased, input: renamed, sink: ok });
    expect(summary.rowsOut).toBe(records.length);
    expect(String(ok.records[0]?.mobile)).toMatch(/^1\d{10}$/);
    expect(ok.records[0]?.mobile).not.toBe(records[0]?.mobile);
  });

  it("gates on the dataset's quasi-identifiers, never the caller's, and names them on failure", async () => {
    const s = setup();
    const open = {
      ...provision(s),
      share: undefined,
      decision: {
        allowed: true,
        allowedFields: ['district', 'household_size'],
        reasons: [],
        obligations: [],
      },
      policy: openPolicy,
      purpose: 'public-data.opening',
      recipient: portal,
      processing: 'open' as const,
    };
    await expect(
      protect({ ...open, anonymity: { quasiIdentifiers: ['household_size'], k: 5 } }),
    ).rejects.toMatchObject({ name: 'ValidationError', reason: 'quasi-identifiers-mismatch' });
    // District kept raw: the real k over (birth_date, sex, district, occupation) is small.
    const rawDistrict = {
      ...openPolicy,
      keep: ['household_size', 'district'],
      rules: openPolicy.rules.slice(0, 1),
    };
    const suggestions: PolicySuggestion[] = [];
    const error = await protect({
      ...open,
      policy: rawDistrict,
      anonymity: { k: 100 },
      onSuggestion: (suggestion) => suggestions.push(suggestion),
    }).catch((e) => e);
    expect(error).toBeInstanceOf(AnonymityError);
    expect(await s.ledger.size()).toBe(0);
    // The records path proposes a generalization too, from the input's class counts; it passes.
    expect(suggestions).toHaveLength(1);
    const suggested = await protect({
      ...open,
      policy: suggestions[0]?.policy as PolicyDocument,
      anonymity: { k: 100 },
    });
    expect(suggested.anonymity?.requiredK).toBe(100);
    expect(suggested.rowsOut).toBeGreaterThan(0);
    expect(await s.ledger.size()).toBe(1);
    expect(error.details.quasiIdentifiers).toEqual(['birth_date', 'sex', 'district', 'occupation']);
    expect(error.details.requiredK).toBe(100);
    expect(error.details.achievedK).toBeLessThan(100);
    expect(error.details.rowsInSmallClasses).toBeGreaterThan(0);
    const summary = await protect({ ...open, anonymity: { k: 5 } });
    expect(summary.anonymity).toMatchObject({
      requiredK: 5,
      quasiIdentifiers: ['birth_date', 'sex', 'district', 'occupation'],
    });
    expect(summary.anonymity?.k).toBeGreaterThanOrEqual(5);
  });

  it('refuses an anonymous release of a dataset that declares no quasi-identifier', async () => {
    const s = setup();
    const flat = defineDataset({
      ...definition,
      fields: definition.fields.map((f: { role: string }) =>
        f.role === 'quasi-identifier' ? { ...f, role: 'insensitive' } : f,
      ),
    });
    await expect(
      protect({
        ...provision(s),
        dataset: flat,
        processing: 'anonymize',
        recipient: undefined,
        share: undefined,
        policy: openPolicy,
        anonymity: { k: 5 },
      }),
    ).rejects.toMatchObject({ reason: 'no-quasi-identifiers' });
  });

  it('records each provision as its own copy and refuses a silent rerun of the same job', async () => {
    const s = setup();
    const first = await protect(provision(s));
    await expect(protect(provision(s))).rejects.toMatchObject({
      name: 'InputError',
      reason: 'already-released',
    });
    expect(await s.ledger.size()).toBe(1);
    const again = await protect({ ...provision(s), again: true });
    const part = await protect({ ...provision(s), input: records.slice(0, 100) });
    const targets = new Set([first.target.id, again.target.id, part.target.id]);
    expect(targets.size).toBe(3);
    for (const id of targets) expect(id.startsWith('residents.gov.example.health.')).toBe(true);
  });

  it('refuses a rerun after one read of the ledger, and files none of its subjects', async () => {
    const s = setup();
    const inner = createMemorySubjectIndex();
    const filings = { committed: 0, aborted: 0 };
    const index: typeof inner = {
      ...inner,
      stage: async (copy, key) => {
        const filing = await inner.stage(copy, key);
        return {
          add: (digests) => filing.add(digests),
          commit: async () => {
            filings.committed++;
            await filing.commit();
          },
          abort: async () => {
            filings.aborted++;
            await filing.abort();
          },
        };
      },
    };
    const subjects = { field: 'id_card', index };
    await protect({ ...provision(s), subjects });
    expect(filings).toEqual({ committed: 1, aborted: 0 });
    let reads = 0;
    const ledger = new Proxy(s.ledger, {
      get(target, name, receiver) {
        if (name === 'get')
          return (at: number) => {
            reads++;
            return target.get(at);
          };
        return Reflect.get(target, name, receiver);
      },
    });
    await expect(protect({ ...provision(s), ledger, subjects })).rejects.toMatchObject({
      reason: 'already-released',
    });
    // One entry in the ledger, read once (the same-job check ran once, not per stage).
    expect(reads).toBe(1);
    expect(filings.committed).toBe(1);
    expect(filings.aborted).toBeGreaterThan(0);
  });

  it('counts affected subjects across several provisions exactly, through a subject index', async () => {
    const s = setup();
    const index = createMemorySubjectIndex();
    const subjects = { field: 'id_card', index };
    // Rows 0-299 and 200-499 to the same recipient, then all 500 again: 500 people in all.
    const first = await protect({ ...provision(s), input: records.slice(0, 300), subjects });
    const second = await protect({ ...provision(s), input: records.slice(200), subjects });
    const third = await protect({ ...provision(s), subjects, again: true });
    const entry = await s.ledger.get(first.ledgerIndex);
    expect(entry.event.details?.subjectsIndexed).toBe(300);
    const chain = createResponsibilityChain({ ledger: s.ledger, subjects: index });
    const report = await chain.openIncident({
      datasets: [first.target.id, second.target.id, third.target.id],
      kind: 'leak',
      discoveredAt: '2026-11-24T09:00:00+08:00',
      record: false,
    });
    expect(report.subjects).toMatchObject({
      count: 500,
      basis: 'subject-source',
      lowerBound: false,
    });
    // Without the index the count is only the largest copy's, and says so.
    const blind = await createResponsibilityChain({ ledger: s.ledger }).openIncident({
      datasets: [first.target.id, second.target.id],
      kind: 'leak',
      discoveredAt: '2026-11-24T09:00:00+08:00',
      record: false,
    });
    expect(blind.subjects).toMatchObject({ count: 300, lowerBound: true });
    // Quarantined rows are not filed: their subjects were not released.
    const broken = records.map((r, i) => (i < 10 ? { ...r, mobile: 'not-a-mobile' } : r));
    const partial = await protect({
      ...provision(s),
      input: broken,
      rejects: 'quarantine',
      maxRejects: 10,
      subjects,
      again: true,
    });
    const filed = [...((await index.subjectsOf(partial.target)) as Iterable<string>)];
    expect(filed).toHaveLength(490);
    expect(JSON.stringify(filed)).not.toContain(records[20]?.id_card);
  });

  it('files subjects while the records stream, never holding the whole release', async () => {
    const s = setup();
    const memory = createMemorySubjectIndex();
    let read = 0;
    const readAtAdd: number[] = [];
    const index = {
      ...memory,
      stage: (copy: { id: string }, key?: string) => {
        const filing = memory.stage(copy, key) as ReturnType<typeof memory.stage> & {
          add(d: Uint8Array): void;
        };
        return {
          ...filing,
          add(digests: Uint8Array) {
            readAtAdd.push(read);
            return filing.add(digests);
          },
        };
      },
    };
    const input = (function* () {
      for (let round = 0; round < 20; round++) {
        for (const record of records) {
          read++;
          yield record;
        }
      }
    })();
    const summary = await protect({
      ...provision(s),
      input,
      subjects: { field: 'id_card', index },
    });
    expect(summary.rowsOut).toBe(10_000);
    // Two batches of 4,096 were handed over before the input was exhausted.
    expect(readAtAdd.length).toBeGreaterThanOrEqual(3);
    expect(readAtAdd[0]).toBeLessThan(10_000);
    expect(readAtAdd[1]).toBeLessThan(10_000);
    const entry = await s.ledger.get(summary.ledgerIndex);
    expect(entry.event.details?.subjectsIndexed).toBe(10_000);
    // 500 distinct residents, each filed once.
    expect([...((await index.subjectsOf(summary.target)) as Iterable<string>)]).toHaveLength(500);
  });

  it('validates purpose and legal basis before reading a row', async () => {
    const s = setup();
    let read = 0;
    const input = (function* () {
      for (const record of records) {
        read++;
        yield record;
      }
    })();
    for (const purpose of ['statutry-duty', 'marketing']) {
      await expect(protect({ ...provision(s), input, purpose })).rejects.toMatchObject({
        name: 'ValidationError',
        reason: 'unknown-purpose',
        path: 'purpose',
      });
    }
    await expect(
      protect({ ...provision(s), input, legalBasis: 'statutory' as never }),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      reason: 'invalid-legal-basis',
      path: 'legalBasis',
    });
    await expect(protect({ ...provision(s), input, legalBasis: undefined })).rejects.toMatchObject({
      reason: 'missing-legal-basis',
    });
    await expect(
      protect({ ...provision(s), input, processing: 'share', recipient: undefined }),
    ).rejects.toMatchObject({ reason: 'missing-recipient' });
    expect(read).toBe(0);
    expect(await s.ledger.size()).toBe(0);
  });

  it('fails a run whose rejects exceed maxRejects, and quarantines within it', async () => {
    const s = setup();
    const broken = records.map((r, i) => (i < 10 ? { ...r, mobile: 'not-a-mobile' } : r));
    const sink = createMemorySink();
    await expect(
      protect({ ...provision(s), input: broken, rejects: 'quarantine', sink }),
    ).rejects.toMatchObject({ reason: 'too-many-rejects' });
    expect(sink.records).toHaveLength(0);
    expect(await s.ledger.size()).toBe(0);
    const seen: number[] = [];
    const summary = await protect({
      ...provision(s),
      input: broken,
      rejects: 'quarantine',
      maxRejects: '2%',
      onReject: (reject) => seen.push(reject.row),
    });
    expect(summary.rejected).toBe(10);
    expect(summary.rowsOut).toBe(records.length - 10);
    expect(seen).toHaveLength(10);
  });

  it('stops on a denied sharing decision before reading anything', async () => {
    const s = setup();
    let read = 0;
    const input = (function* () {
      for (const record of records) {
        read++;
        yield record;
      }
    })();
    await expect(
      protect({
        ...provision(s),
        input,
        share: {
          decider: s.decider,
          request: {
            ...shareRequest,
            commitment: { authenticity: false, security: false, compliance: false },
          },
        },
      }),
    ).rejects.toBeInstanceOf(ConsentError);
    expect(read).toBe(0);
    expect(await s.ledger.size()).toBe(0);
  });

  it('throws typed errors for malformed options', async () => {
    const s = setup();
    await expect(
      protect({ ...provision(s), sink: (() => undefined) as never }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(protect({ ...provision(s), maxRejects: '-1' })).rejects.toMatchObject({
      reason: 'invalid-max-rejects',
    });
  });
});
