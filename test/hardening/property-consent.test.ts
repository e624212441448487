// Property tests for dataguard/consent: decide() and decideShare() with
// garbage or mutated requests give a decision or a DataguardError, and fail
// closed (an unknown purpose or subject is never allowed).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { ageReachedAt, parseBirthDate } from '../../src/consent/birth-date.ts';
import { applyConsentEvent, consentStateAt } from '../../src/consent/consent-record.ts';
import { addDuration, parseDuration } from '../../src/consent/duration.ts';
import {
  birthDateFromResidentId,
  createConsentDecider,
  createMemoryConsentStore,
  createPurposeTaxonomy,
  defineNotice,
} from '../../src/consent/index.ts';
import { noticeChanges } from '../../src/consent/notice.ts';
import { createCatalog } from '../../src/tags/index.ts';
import { anyString, garbage, mutated } from './arbitraries.ts';
import { assertProperty, expectSafe, fuzzEach, hardeningIt } from './expect-safe.ts';

const definition = JSON.parse(
  readFileSync(new URL('../../examples/residents.dataset.json', import.meta.url), 'utf8'),
);
const catalog = createCatalog();
catalog.register(definition);
const health = { id: 'health-commission', kind: 'agency' } as const;
const duties = {
  get: (party: string, id: string) =>
    party === health.id && id === 'medical-assistance'
      ? {
          id: 'medical-assistance',
          law: 'Social Assistance Interim Measures Art. 28',
          scope: [{ dataset: 'residents', fields: ['name', 'id_card', 'district'] }],
        }
      : undefined,
};
const purposes = createPurposeTaxonomy({
  purposes: [
    {
      id: 'public-service.social-assistance.eligibility.review',
      needs: { categories: ['basic', 'identity', 'property'] },
    },
    {
      id: 'statutory-duty.civil-affairs.audit',
      bases: [{ basis: 'statutory-duty', law: 'Social Assistance Interim Measures Art. 55' }],
      needs: { categories: ['basic', 'identity'] },
    },
  ],
});
const residents = new Map([
  ['resident-1', { id: 'resident-1', birthDate: '1980-05-20' }],
  ['child-1', { id: 'child-1', birthDate: '2018-05-20' }],
]);
const decider = createConsentDecider({
  store: createMemoryConsentStore(),
  purposes,
  catalog,
  duties,
  subjects: { get: (id: string) => residents.get(id) },
});
const notice = {
  id: 'assistance-app',
  version: '1',
  handler: { id: 'civil-affairs', kind: 'agency' },
  contact: 'privacy@civil-affairs.example.gov.cn',
  purposes: ['public-service.social-assistance'],
  processing: ['collect', 'store', 'use', 'provide'],
  piCategories: ['basic', 'identity', 'property'],
  retention: 'P5Y',
  rights: 'Me > Privacy in the app',
  language: 'zh-CN',
  publishedAt: '2026-01-01T00:00:00+08:00',
};
decider.publishNotice(notice as never);
const consentInput = {
  subject: 'resident-1',
  notice: { id: 'assistance-app' },
  purposes: ['public-service.social-assistance'],
  piCategories: ['basic', 'identity', 'property'],
  processing: ['collect', 'store', 'use'],
  separate: { sensitive: true },
  method: 'electronic',
  givenBy: { role: 'subject', id: 'resident-1' },
  at: '2026-02-01T09:00:00+08:00',
};
const consent = decider.recordConsent(consentInput as never);
const request = {
  subject: 'resident-1',
  purpose: 'public-service.social-assistance.eligibility.review',
  processing: 'use',
  fields: [
    { name: 'name', piCategory: 'basic' },
    { name: 'income', piCategory: 'property' },
    { name: 'district' },
  ],
  at: '2026-03-01T10:00:00+08:00',
};
const shareRequest = {
  dataset: { id: 'residents' },
  fields: ['name', 'id_card', 'district', 'diagnosis'],
  requester: health,
  duty: 'medical-assistance',
  scenario: 'match medical-assistance applications',
  commitment: { authenticity: true, security: true, compliance: true },
  at: '2026-03-01T10:00:00+08:00',
};

describe('consent decisions under hostile input', () => {
  hardeningIt('the valid request is allowed (sanity)', () => {
    expect(decider.decide(request as never).allowed).toBe(true);
    expect(decider.decideShare(shareRequest as never).allowedFields).toEqual([
      'name',
      'id_card',
      'district',
    ]);
  });

  fuzzEach([
    { name: 'decide(garbage)', args: fc.tuple(garbage), call: (r) => decider.decide(r) },
    {
      name: 'decide(mutated request)',
      args: fc.tuple(mutated(request)),
      call: (r) => decider.decide(r),
      numRuns: 150,
    },
    {
      name: 'safeDecide(mutated request)',
      args: fc.tuple(fc.oneof(garbage, mutated(request))),
      call: (r) => decider.safeDecide(r),
    },
    {
      name: 'assertAllowed(mutated request)',
      args: fc.tuple(mutated(request)),
      call: (r) => decider.assertAllowed(r),
    },
    {
      name: 'prepare(mutated template).decide(garbage subject)',
      args: fc.tuple(
        fc.oneof(
          garbage,
          mutated({ purpose: request.purpose, processing: 'use', fields: request.fields }),
        ),
        fc.oneof(garbage, fc.constantFrom('resident-1', 'child-1')),
      ),
      call: (t, s) => decider.prepare(t).decide(s),
    },
    { name: 'decideShare(garbage)', args: fc.tuple(garbage), call: (r) => decider.decideShare(r) },
    {
      name: 'decideShare(mutated request)',
      args: fc.tuple(mutated(shareRequest)),
      call: (r) => decider.decideShare(r),
      numRuns: 150,
    },
    {
      name: 'recordConsent(mutated input)',
      args: fc.tuple(fc.oneof(garbage, mutated(consentInput))),
      call: (c) => decider.recordConsent(c),
    },
    {
      name: 'publishNotice(mutated notice)',
      args: fc.tuple(fc.oneof(garbage, mutated(notice))),
      call: (n) => decider.publishNotice(n),
    },
    {
      name: 'withdrawConsent(garbage)',
      args: fc.tuple(garbage, garbage),
      call: (id, change) => decider.withdrawConsent(id, change),
    },
    {
      name: 'renewConsent(garbage change)',
      args: fc.tuple(garbage),
      call: (change) =>
        createConsentDecider({ store: createMemoryConsentStore(), purposes }).renewConsent(
          consent.id,
          change,
        ),
    },
    {
      name: 'createConsentDecider(garbage)',
      args: fc.tuple(garbage),
      call: (o) => createConsentDecider(o),
    },
    {
      name: 'createPurposeTaxonomy(garbage)',
      args: fc.tuple(
        fc.oneof(garbage, mutated({ purposes: [{ id: 'a.b', needs: { categories: ['basic'] } }] })),
      ),
      call: (o) => createPurposeTaxonomy(o),
    },
    {
      name: 'defineNotice',
      args: fc.tuple(fc.oneof(garbage, mutated(notice))),
      call: (n) => defineNotice(n),
    },
    {
      name: 'noticeChanges',
      args: fc.tuple(garbage, garbage),
      call: (a, b) => noticeChanges(a, b),
    },
    {
      name: 'parseDuration',
      args: fc.tuple(fc.oneof(anyString, garbage)),
      call: (d) => parseDuration(d, 'duration'),
    },
    { name: 'addDuration', args: fc.tuple(garbage, garbage), call: (t, d) => addDuration(t, d) },
    {
      name: 'parseBirthDate',
      args: fc.tuple(fc.oneof(anyString, garbage)),
      call: (d) => parseBirthDate(d),
      values: [0],
    },
    {
      name: 'birthDateFromResidentId',
      args: fc.tuple(fc.oneof(anyString, garbage)),
      call: (d) => birthDateFromResidentId(d),
      values: [0],
    },
    { name: 'ageReachedAt', args: fc.tuple(garbage, garbage), call: (b, t) => ageReachedAt(b, t) },
    {
      name: 'applyConsentEvent',
      args: fc.tuple(fc.oneof(garbage, fc.constant(consent)), garbage),
      call: (r, e) => applyConsentEvent(r, e),
    },
    {
      name: 'consentStateAt',
      args: fc.tuple(fc.oneof(garbage, fc.constant(consent)), garbage),
      call: (r, t) => consentStateAt(r, t),
    },
  ]);

  hardeningIt(
    'fails closed: an unknown purpose, an unknown subject or an unknown requester is never allowed',
    () => {
      assertProperty(
        fc.property(
          fc.stringMatching(/^[a-z]{1,8}(\.[a-z]{1,8}){0,3}$/),
          fc.string({ minLength: 1, maxLength: 12 }),
          (purpose, subject) => {
            fc.pre(!purpose.startsWith('public-service') && !purpose.startsWith('statutory-duty'));
            const byPurpose = expectSafe('decide(unknown purpose)', () =>
              decider.decide({ ...request, purpose } as never),
            );
            if (byPurpose.ok) expect(byPurpose.value.allowed).toBe(false);
            fc.pre(!residents.has(subject));
            const bySubject = expectSafe('decide(unknown subject)', () =>
              decider.decide({ ...request, subject } as never),
            );
            if (bySubject.ok) expect(bySubject.value.allowed).toBe(false);
            const byRequester = expectSafe('decideShare(unknown requester)', () =>
              decider.decideShare({
                ...shareRequest,
                requester: { id: subject, kind: 'agency' },
              } as never),
            );
            if (byRequester.ok) expect(byRequester.value.allowed).toBe(false);
          },
        ),
        { numRuns: 100 },
      );
    },
  );

  hardeningIt(
    'a decision never allows fields the request did not name, and every reason has a stable code and article',
    () => {
      assertProperty(
        fc.property(
          mutated(
            request,
            fc.oneof(
              garbage,
              fc.constantFrom('provide', 'disclose', 'use', 'basic', 'health', 'child-1'),
            ),
          ),
          (input) => {
            const out = expectSafe('decide', () => decider.decide(input as never));
            if (!out.ok) return;
            const named = new Set(
              ((input as { fields?: unknown }).fields as { name?: unknown }[] | undefined)?.map?.(
                (f) => f?.name,
              ) ?? [],
            );
            for (const field of out.value.allowedFields) expect(named.has(field)).toBe(true);
            for (const reason of out.value.reasons) {
              expect(reason.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
              expect(typeof reason.article).toBe('string');
            }
          },
        ),
        { numRuns: 150 },
      );
    },
  );
});
