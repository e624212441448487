// The consent service (issue 18): one async API over memory, SQLite and
// PostgreSQL that gives the same decisions, links every recorded use to the
// decision that allowed it, and records consents and decisions in the ledger
// when asked to.
import { join } from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';
import { afterAll, describe, expect, it } from 'vitest';
import { digestOf } from '../../src/consent/digest.ts';
import {
  type ConsentService,
  type ConsentStore,
  createConsentService,
  createMemoryConsentStore,
  createPurposeTaxonomy,
  type DecisionRequest,
} from '../../src/consent/index.ts';
import { toHex } from '../../src/core/bytes.ts';
import { canonicalBytes } from '../../src/core/canonical-json.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { PolicyError, ValidationError } from '../../src/errors/index.ts';
import {
  createLedger,
  createMemoryLedgerStore,
  type Ledger,
  type LedgerEntry,
  type LedgerStore,
} from '../../src/provenance/index.ts';
import {
  createPostgresConsentStore,
  createPostgresLedgerStore,
  openPostgres,
} from '../../src/store/postgres/index.ts';
import {
  createSqliteConsentStore,
  createSqliteLedgerStore,
  openSqlite,
} from '../../src/store/sqlite/index.ts';
import { announcePgSkip, PG_URL, postgresFactory, tempDir } from '../store/harness.ts';
import { civilAffairs, makeCatalog, NOW, notice } from './fixtures.ts';

announcePgSkip('consent-service.test.ts');

const REVIEW = 'public-service.social-assistance.eligibility.review';
const subject = { id: 'resident-1', birthDate: '1980-05-20' };
const request: DecisionRequest = {
  subject,
  purpose: REVIEW,
  processing: 'use',
  handler: civilAffairs,
  fields: [
    { name: 'name', piCategory: 'basic' },
    { name: 'id_card', piCategory: 'identity' },
  ],
};
const consent = {
  subject: subject.id,
  notice: { id: notice.id },
  purposes: ['public-service.social-assistance'],
  piCategories: ['basic' as const, 'identity' as const],
  processing: ['collect' as const, 'store' as const, 'use' as const],
  method: 'electronic' as const,
  givenBy: { role: 'subject' as const, id: subject.id },
  // The ID number is sensitive PI (PIPL Art. 28).
  separate: { sensitive: true },
  at: '2026-02-01T09:00:00+08:00',
};

interface Backend {
  readonly name: string;
  open(): Promise<{ store: ConsentStore; ledgerStore: LedgerStore; close(): Promise<void> }>;
}

const dir = tempDir('dataguard-consent-service-');
const backends: Backend[] = [
  {
    name: 'memory',
    open: async () => ({
      store: createMemoryConsentStore(),
      ledgerStore: createMemoryLedgerStore(),
      close: async () => undefined,
    }),
  },
  {
    name: 'sqlite',
    open: async () => {
      const db = openSqlite({
        path: join(dir, `service-${Math.random().toString(36).slice(2)}.db`),
      });
      const store = createSqliteConsentStore(db);
      return {
        store,
        ledgerStore: createSqliteLedgerStore(db),
        close: async () => {
          store.close?.();
          db.close();
        },
      };
    },
  },
];
if (PG_URL !== undefined) {
  const pg = postgresFactory();
  backends.push({
    name: 'postgres',
    open: async () => {
      const db = await openPostgres({ pool: pg.pool(), schema: pg.newSchemaName() });
      const store = createPostgresConsentStore(db);
      return {
        store,
        ledgerStore: createPostgresLedgerStore(db),
        close: async () => {
          await store.close?.();
        },
      };
    },
  });
}

let counter = 0;
async function open(backend: Backend, audit?: { consents?: boolean; decisions?: boolean }) {
  const opened = await backend.open();
  const clock = fixedClock(NOW);
  const ledger = createLedger({ origin: 'test.example/ledger', store: opened.ledgerStore, clock });
  const service = createConsentService<LedgerEntry>({
    store: opened.store,
    taxonomy: createPurposeTaxonomy({
      purposes: [{ id: REVIEW, needs: { categories: ['basic', 'identity', 'property'] } }],
    }),
    catalog: makeCatalog(),
    ledger,
    clock,
    random: (bytes) => bytes.fill(++counter % 256),
    ...(audit === undefined ? {} : { audit }),
  });
  await service.publishNotice(notice);
  return { service, ledger, close: opened.close };
}

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

async function scenario(service: ConsentService<LedgerEntry>, ledger: Ledger) {
  const record = await service.recordConsent(consent);
  const allowed = await service.decide(request);
  const entry = await service.recordUse(allowed, { inputs: [{ id: 'assistance-applicants' }] });
  await service.withdraw(record.id, { at: '2026-03-01T09:00:00+08:00' });
  const denied = await service.decide(request);
  return { record, allowed, entry, denied, size: await ledger.size() };
}

describe.each(backends)('consent service over $name', (backend) => {
  it('records a consent, decides, records the use with the decision digest, withdraws', async () => {
    const { service, ledger, close } = await open(backend);
    closers.push(close);
    const { allowed, entry, denied } = await scenario(service, ledger);
    expect(allowed.allowed).toBe(true);
    expect(allowed.allowedFields).toEqual(['name', 'id_card']);
    // The digest is SHA-256 over the canonical JSON of salt, request (with the instant) and decision.
    const evidence = allowed.evidence();
    expect(evidence.request.at).toBe('2026-03-01T10:00:00.000+08:00');
    expect(allowed.digest).toBe(`sha-256:${toHex(sha256(canonicalBytes(evidence)))}`);
    expect(JSON.parse(JSON.stringify(allowed)).digest).toBe(allowed.digest);
    // The ledger event names the decision; the handler of the request is the event's actor.
    expect(entry.event.details?.decisionDigest).toBe(allowed.digest);
    expect(entry.event).toMatchObject({
      processing: 'use',
      purpose: REVIEW,
      legalBasis: 'consent',
      actor: civilAffairs,
      fields: ['name', 'id_card'],
      inputs: [{ id: 'assistance-applicants' }],
    });
    expect(new TextDecoder().decode(entry.bytes)).not.toContain('1980');
    // Withdrawal takes effect at once; a denied decision records no use.
    expect(denied.allowed).toBe(false);
    expect(denied.reasons.map((r) => r.rule)).toContain('C-WITHDRAW');
    await expect(service.recordUse(denied)).rejects.toThrow(
      expect.objectContaining({ name: 'PolicyError', reason: 'decision-denied' }),
    );
    service.close();
  });

  it('refuses a use of fields the decision withheld, and decisions not of the service', async () => {
    const { service, ledger, close } = await open(backend);
    closers.push(close);
    await service.recordConsent(consent);
    const decision = await service.decide(request);
    await expect(service.recordUse(decision, { fields: ['name', 'income'] })).rejects.toThrow(
      PolicyError,
    );
    await expect(
      ledger.append(
        {
          processing: 'use',
          actor: civilAffairs,
          purpose: REVIEW,
          legalBasis: 'consent',
          inputs: [],
          outputs: [],
          fields: ['income'],
        },
        { decision },
      ),
    ).rejects.toThrow(expect.objectContaining({ reason: 'field-not-allowed' }));
    await expect(service.recordUse({ ...decision } as unknown as typeof decision)).rejects.toThrow(
      expect.objectContaining({ reason: 'invalid-decision' }),
    );
    expect(await ledger.size()).toBe(0);
    service.close();
  });

  it('records consents, withdrawals and decisions in the ledger when asked (never the subject)', async () => {
    const { service, ledger, close } = await open(backend, { consents: true, decisions: true });
    closers.push(close);
    const { record, allowed, denied, size } = await scenario(service, ledger);
    // consent given, decision, use, withdrawal, decision.
    expect(size).toBe(5);
    const events = await Promise.all([0, 1, 2, 3, 4].map((i) => ledger.get(i)));
    expect(events.map((e) => e.event.details?.record ?? 'use')).toEqual([
      'consent',
      'decision',
      'use',
      'consent',
      'decision',
    ]);
    const ref = digestOf({ consent: record.id });
    expect(events[0]?.event.details).toMatchObject({ event: 'given', consent: ref });
    expect(events[3]?.event.details).toMatchObject({ event: 'withdrawn', consent: ref });
    expect(events[1]?.event.details).toMatchObject({
      allowed: true,
      decisionDigest: allowed.digest,
    });
    expect(events[4]?.event.details).toMatchObject({
      allowed: false,
      decisionDigest: denied.digest,
    });
    expect(events[2]?.event.details?.decisionDigest).toBe(allowed.digest);
    for (const e of events) expect(new TextDecoder().decode(e.bytes)).not.toContain(subject.id);
    expect((await ledger.verify()).ok).toBe(true);
    service.close();
  });

  it('answers public-data requests, grants and objections through the same service', async () => {
    const { service, close } = await open(backend);
    closers.push(close);
    const share = await service.decideShare({
      dataset: { id: 'assistance-applicants' },
      fields: ['district'],
      requester: { id: 'health-commission', kind: 'agency' },
      duty: { id: 'd', law: 'Law Art. 1', scope: [{ dataset: 'assistance-applicants' }] },
      scenario: 'eligibility',
      commitment: { authenticity: true, security: true, compliance: true },
    } as never);
    expect(share.allowed).toBe(true);
    // A deniable request gets a decision, never an exception.
    const noDuty = await service.decideShare({
      dataset: { id: 'assistance-applicants' },
      fields: ['district'],
      requester: { id: 'health-commission', kind: 'agency' },
      scenario: 'x',
    } as never);
    expect(noDuty.allowed).toBe(false);
    const granted = await service.grants.share({
      dataset: { id: 'assistance-applicants' },
      fields: ['district'],
      requester: { id: 'health-commission', kind: 'agency' },
      duty: { id: 'd', law: 'Law Art. 1', scope: [{ dataset: 'assistance-applicants' }] },
      scenario: 'eligibility',
      commitment: { authenticity: true, security: true, compliance: true },
      term: { start: '2026-03-01', duration: 'P1Y' },
    } as never);
    expect(granted.grant?.term).toEqual({
      start: '2026-03-01T00:00:00.000+08:00',
      // One year on the civil calendar of Asia/Shanghai, written in UTC.
      end: '2027-02-28T16:00:00.000Z',
    });
    expect((await service.grants.of('health-commission')).map((g) => g.id)).toEqual([
      granted.grant?.id,
    ]);
    const objection = await service.objections.record({
      dataset: 'assistance-applicants',
      by: { id: 'resident-9', kind: 'individual' },
      kind: 'quality',
      description: 'wrong district',
      at: '2026-03-01T08:00',
    });
    expect(objection.events[0]?.at).toBe('2026-03-01T08:00:00.000+08:00');
    expect((await service.objections.of('assistance-applicants')).length).toBe(1);
    const open2 = await service.decideOpen({
      dataset: { id: 'assistance-applicants' },
      fields: ['name'],
      requester: { id: 'someone', kind: 'individual' },
    });
    expect(open2.allowed).toBe(false);
    service.close();
  });
});

describe('consent service: same answers on every backend', () => {
  it('gives identical decisions and digests over memory, SQLite and PostgreSQL', async () => {
    const results: unknown[] = [];
    for (const backend of backends) {
      counter = 0;
      const { service, ledger, close } = await open(backend, { consents: true, decisions: true });
      closers.push(close);
      const { allowed, denied, entry } = await scenario(service, ledger);
      const { id: _id, ...event } = entry.event;
      results.push({ allowed: allowed.toJSON(), denied: denied.toJSON(), event });
      service.close();
    }
    for (const r of results.slice(1)) expect(r).toEqual(results[0]);
  });
});

describe('consent service options', () => {
  it('refuses audit without a ledger, recordUse without a ledger, and an unknown actor', async () => {
    expect(() =>
      createConsentService({ store: createMemoryConsentStore(), audit: { decisions: true } }),
    ).toThrow(expect.objectContaining({ reason: 'ledger-required' }));
    const service = createConsentService({
      store: createMemoryConsentStore(),
      clock: fixedClock(NOW),
    });
    const d = await service.decide({ ...request, fields: [{ name: 'district' }] });
    await expect(service.recordUse(d)).rejects.toThrow(
      expect.objectContaining({ reason: 'ledger-required' }),
    );
    const withLedger = createConsentService({
      store: createMemoryConsentStore(),
      ledger: createLedger({ origin: 'test.example/ledger' }),
      clock: fixedClock(NOW),
    });
    const noHandler = await withLedger.decide({
      subject,
      purpose: 'statistics',
      processing: 'use',
      fields: [{ name: 'district' }],
    });
    await expect(withLedger.recordUse(noHandler)).rejects.toThrow(
      expect.objectContaining({ reason: 'actor-required' }),
    );
    expect(() => createConsentService({ store: {} as ConsentStore })).toThrow(ValidationError);
  });
});
