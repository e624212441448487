// Conformance suite every ConsentStore backend must pass (memory here; SQLite and
// PostgreSQL backends call runConsentStoreConformance from their own tests).
import { describe, expect, it } from 'vitest';
import {
  CONSENT_RECORD_FORMAT_VERSION,
  type ConsentRecord,
  ConsentRecordSchema,
  type ConsentStore,
  type ConsentStoreChange,
  defineNotice,
  GRANT_FORMAT_VERSION,
  type Grant,
  GrantSchema,
  type Notice,
  OBJECTION_FORMAT_VERSION,
  type Objection,
  ObjectionSchema,
} from '../../src/consent/index.ts';
import { StoreError, ValidationError } from '../../src/errors/index.ts';

const handler = { id: 'civil-affairs', kind: 'agency' as const };

function notice(version: string, extra: Partial<Parameters<typeof defineNotice>[0]> = {}): Notice {
  return defineNotice({
    id: 'assistance-app',
    version,
    handler,
    contact: 'privacy@example.gov.cn',
    purposes: ['public-service.social-assistance'],
    processing: ['collect', 'use'],
    piCategories: ['basic', 'property'],
    retention: 'P5Y',
    rights: 'In the app under Me > Privacy',
    language: 'zh-CN',
    publishedAt: '2026-01-01T00:00:00+08:00',
    ...extra,
  });
}

/** A valid consent record for `subject` (shared with backend-specific tests). */
export function consent(id: string, subject: string, n: Notice = notice('1')): ConsentRecord {
  return {
    schemaVersion: CONSENT_RECORD_FORMAT_VERSION,
    id,
    subject,
    notice: { id: n.id, version: n.version, digest: n.digest },
    language: 'zh-CN',
    handler,
    purposes: ['public-service.social-assistance'],
    legalBasis: 'consent',
    piCategories: ['basic'],
    processing: ['collect', 'use'],
    recipients: [],
    jurisdiction: 'CN',
    retention: 'P5Y',
    withdrawalMethod: 'In the app under Me > Privacy',
    separate: { sensitive: false, provide: false, disclose: false, crossBorder: false },
    method: 'electronic',
    givenBy: { role: 'subject', id: subject },
    validity: { from: '2026-02-01T09:00:00+08:00' },
    events: [{ type: 'given', at: '2026-02-01T09:00:00+08:00', by: subject }],
  };
}

function grant(id: string, grantee: string): Grant {
  return {
    schemaVersion: GRANT_FORMAT_VERSION,
    id,
    kind: 'share',
    dataset: { id: 'assistance-applicants', version: '1' },
    fields: ['name'],
    grantee: { id: grantee, kind: 'agency' },
    purpose: 'public-data.sharing',
    duty: { id: 'medical-assistance', law: 'Social Assistance Interim Measures Art. 28' },
    term: { start: '2026-01-01T00:00:00+08:00', end: '2027-01-01T00:00:00+08:00' },
    events: [{ type: 'issued', at: '2026-01-01T00:00:00+08:00', by: 'civil-affairs' }],
  };
}

function objection(id: string, dataset: string): Objection {
  return {
    schemaVersion: OBJECTION_FORMAT_VERSION,
    id,
    dataset,
    field: 'income',
    by: { id: 'resident-1', kind: 'individual' },
    kind: 'quality',
    description: 'the income figure is out of date',
    events: [{ type: 'recorded', at: '2026-03-01T09:00:00+08:00', by: 'resident-1' }],
  };
}

/**
 * Runs the ConsentStore conformance tests against a backend.
 *
 * @param name - the backend's name, shown in test titles
 * @param factory - makes a fresh, empty store for each test
 */
export function runConsentStoreConformance(
  name: string,
  factory: () => Promise<ConsentStore> | ConsentStore,
): void {
  describe(`ConsentStore conformance: ${name}`, () => {
    it('stores notice versions immutably, latest last', async () => {
      const store = await factory();
      const v1 = notice('1');
      const v2 = notice('2', { piCategories: ['basic'] });
      await store.putNotice(v1);
      await store.putNotice(v2);
      await store.putNotice(v1); // identical: no-op
      expect(await store.getNotice('assistance-app')).toEqual(v2);
      expect(await store.getNotice('assistance-app', '1')).toEqual(v1);
      expect(await store.getNotice('assistance-app', '3')).toBeUndefined();
      expect(await store.getNotice('other')).toBeUndefined();
      expect((await store.noticeVersions('assistance-app')).map((n) => n.version)).toEqual([
        '1',
        '2',
      ]);
      expect(await store.noticeVersions('other')).toEqual([]);
      await expect(async () =>
        store.putNotice(notice('1', { contact: 'changed@example.gov.cn' })),
      ).rejects.toMatchObject({
        code: StoreError.code,
        reason: 'conflict',
      });
    });

    it('stores consent records and lists them per subject in order', async () => {
      const store = await factory();
      await store.putConsent(consent('c1', 's1'));
      await store.putConsent(consent('c2', 's2'));
      await store.putConsent(consent('c3', 's1'));
      await store.putConsent(consent('c1', 's1')); // identical: no-op
      expect((await store.consentsOf('s1')).map((c) => c.id)).toEqual(['c1', 'c3']);
      expect(await store.consentsOf('nobody')).toEqual([]);
      const read = await store.getConsent('c2');
      expect(read).toEqual(consent('c2', 's2'));
      expect(ConsentRecordSchema.safeParse(read).success).toBe(true);
      expect(await store.getConsent('missing')).toBeUndefined();
      await expect(async () =>
        store.putConsent({ ...consent('c1', 's1'), method: 'written' }),
      ).rejects.toMatchObject({
        code: StoreError.code,
        reason: 'conflict',
      });
    });

    it('appends consent events through the lifecycle rules', async () => {
      const store = await factory();
      await store.putConsent(consent('c1', 's1'));
      const renewed = await store.appendConsentEvent('c1', {
        type: 'renewed',
        at: '2026-02-10T00:00:00+08:00',
        by: 's1',
        until: '2027-02-10T00:00:00+08:00',
      });
      expect(renewed.events.map((e) => e.type)).toEqual(['given', 'renewed']);
      await expect(async () =>
        store.appendConsentEvent('c1', {
          type: 'withdrawn',
          at: '2026-02-09T00:00:00+08:00',
          by: 's1',
        }),
      ).rejects.toMatchObject({ code: ValidationError.code, reason: 'event-out-of-order' });
      await store.appendConsentEvent('c1', {
        type: 'withdrawn',
        at: '2026-03-01T00:00:00+08:00',
        by: 's1',
      });
      await expect(async () =>
        store.appendConsentEvent('c1', {
          type: 'renewed',
          at: '2026-03-02T00:00:00+08:00',
          by: 's1',
        }),
      ).rejects.toMatchObject({ code: ValidationError.code, reason: 'consent-terminated' });
      await expect(async () =>
        store.appendConsentEvent('missing', {
          type: 'withdrawn',
          at: '2026-03-02T00:00:00+08:00',
          by: 's1',
        }),
      ).rejects.toMatchObject({ code: StoreError.code, reason: 'not-found' });
      const stored = await store.getConsent('c1');
      expect(stored?.events.map((e) => e.type)).toEqual(['given', 'renewed', 'withdrawn']);
      expect((await store.consentsOf('s1'))[0]?.events).toHaveLength(3);
    });

    it('returns records callers cannot change', async () => {
      const store = await factory();
      const input = consent('c1', 's1');
      await store.putConsent(input);
      (input.purposes as string[]).push('research');
      const read = (await store.getConsent('c1')) as ConsentRecord;
      expect(read.purposes).toEqual(['public-service.social-assistance']);
      try {
        (read.purposes as string[]).push('statistics');
      } catch {
        // frozen: fine
      }
      expect((await store.getConsent('c1'))?.purposes).toEqual([
        'public-service.social-assistance',
      ]);
    });

    it('stores grants and applies grant events', async () => {
      const store = await factory();
      await store.putGrant(grant('g1', 'health-commission'));
      await store.putGrant(grant('g2', 'education-bureau'));
      expect((await store.grantsOf('health-commission')).map((g) => g.id)).toEqual(['g1']);
      expect(GrantSchema.safeParse(await store.getGrant('g1')).success).toBe(true);
      const suspended = await store.appendGrantEvent('g1', {
        type: 'misuse-reported',
        at: '2026-05-01T00:00:00+08:00',
        by: 'big-data-bureau',
        correctBy: '2026-05-31T00:00:00+08:00',
      });
      expect(suspended.events.at(-1)?.correctBy).toBe('2026-05-31T00:00:00+08:00');
      await store.appendGrantEvent('g1', {
        type: 'corrected',
        at: '2026-05-10T00:00:00+08:00',
        by: 'health-commission',
      });
      await expect(async () =>
        store.appendGrantEvent('g1', {
          type: 'corrected',
          at: '2026-05-11T00:00:00+08:00',
          by: 'x',
        }),
      ).rejects.toMatchObject({ code: ValidationError.code, reason: 'invalid-transition' });
      await store.appendGrantEvent('g1', {
        type: 'terminated',
        at: '2026-06-01T00:00:00+08:00',
        by: 'big-data-bureau',
      });
      await expect(async () =>
        store.appendGrantEvent('g1', {
          type: 'usage-reported',
          at: '2026-06-02T00:00:00+08:00',
          by: 'x',
        }),
      ).rejects.toMatchObject({ reason: 'grant-terminated' });
      await expect(async () =>
        store.appendGrantEvent('nope', {
          type: 'terminated',
          at: '2026-06-02T00:00:00+08:00',
          by: 'x',
        }),
      ).rejects.toMatchObject({ code: StoreError.code, reason: 'not-found' });
      await expect(async () =>
        store.putGrant({ ...grant('g2', 'education-bureau'), fields: ['id_card'] }),
      ).rejects.toMatchObject({
        reason: 'conflict',
      });
    });

    it('stores objections and applies objection events', async () => {
      const store = await factory();
      await store.putObjection(objection('o1', 'assistance-applicants'));
      await store.putObjection(objection('o2', 'other'));
      expect((await store.objectionsOf('assistance-applicants')).map((o) => o.id)).toEqual(['o1']);
      await expect(async () =>
        store.appendObjectionEvent('o1', {
          type: 'fed-back',
          at: '2026-03-02T00:00:00+08:00',
          by: 'civil-affairs',
        }),
      ).rejects.toMatchObject({ reason: 'invalid-transition' });
      await store.appendObjectionEvent('o1', {
        type: 'handled',
        at: '2026-03-02T00:00:00+08:00',
        by: 'civil-affairs',
        outcome: 'corrected',
      });
      const done = await store.appendObjectionEvent('o1', {
        type: 'fed-back',
        at: '2026-03-03T00:00:00+08:00',
        by: 'civil-affairs',
        note: 'corrected on 2 March',
      });
      expect(done.events.map((e) => e.type)).toEqual(['recorded', 'handled', 'fed-back']);
      expect(ObjectionSchema.safeParse(await store.getObjection('o1')).success).toBe(true);
    });

    it('tells subscribers about every write, and stops when asked', async () => {
      const store = await factory();
      const seen: ConsentStoreChange['type'][] = [];
      const stop = store.subscribe((change) => seen.push(change.type));
      await store.putNotice(notice('1'));
      await store.putConsent(consent('c1', 's1'));
      const changes: ConsentRecord[] = [];
      const stop2 = store.subscribe((change) => {
        if (change.type === 'consent') changes.push(change.record);
      });
      await store.appendConsentEvent('c1', {
        type: 'withdrawn',
        at: '2026-03-01T00:00:00+08:00',
        by: 's1',
      });
      await store.putGrant(grant('g1', 'health-commission'));
      await store.putObjection(objection('o1', 'd'));
      stop();
      stop2();
      await store.putConsent(consent('c2', 's1'));
      expect(seen).toEqual(['notice', 'consent', 'consent', 'grant', 'objection']);
      expect(changes.map((c) => c.events.at(-1)?.type)).toEqual(['withdrawn']);
    });
  });
}
