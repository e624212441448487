import { describe, expect, it } from 'vitest';
import {
  createAsyncConsentDecider,
  createConsentDecider,
  createMemoryConsentStore,
  type DecisionRequest,
} from '../../src/consent/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { ConsentError } from '../../src/errors/index.ts';
import { asyncStore } from './async-store.ts';
import {
  adult,
  consentOf,
  health,
  makeCatalog,
  makeDecider,
  NOW,
  notice,
  REVIEW,
  tags,
} from './fixtures.ts';

function asyncDecider() {
  const { purposes, subjects } = makeDecider();
  const store = asyncStore(createMemoryConsentStore());
  const decider = createAsyncConsentDecider({
    store,
    purposes,
    catalog: makeCatalog(),
    subjects: { get: async (id) => subjects.get(id) },
    clock: fixedClock(NOW),
  });
  return decider;
}

const request: DecisionRequest = {
  subject: 'resident-1',
  purpose: REVIEW,
  processing: 'use',
  fields: [tags.name, tags.idCard],
};

describe('async decider', () => {
  it('gives the same decisions as the sync decider, and withdrawal is immediate', async () => {
    const decider = asyncDecider();
    await decider.publishNotice(notice);
    const record = await decider.recordConsent(consentOf('resident-1', { id: 'c-1' }));
    const { decider: sync } = makeDecider();
    sync.recordConsent(consentOf('resident-1', { id: 'c-1' }));
    expect(await decider.decide(request)).toEqual(sync.decide(request));
    expect((await decider.decide(request)).allowed).toBe(true);
    await decider.withdrawConsent(record.id);
    expect((await decider.decide(request)).allowed).toBe(false);
    await expect(decider.assertAllowed(request)).rejects.toBeInstanceOf(ConsentError);
    const prepared = decider.prepare({ purpose: REVIEW, processing: 'use', fields: [tags.name] });
    expect((await prepared.decide(adult)).allowed).toBe(false);
    decider.close();
  });

  it('rejects malformed input as a promise; safeDecide resolves with the error', async () => {
    const decider = asyncDecider();
    await expect(decider.decide({ ...request, processing: 'fly' as never })).rejects.toMatchObject({
      code: 'ERR_VALIDATION',
    });
    const safe = await decider.safeDecide({ ...request, at: 'soon' });
    expect(safe).toMatchObject({ ok: false, error: { reason: 'invalid-time' } });
  });

  it('answers public-data questions', async () => {
    const decider = asyncDecider();
    const duty = {
      id: 'audit',
      law: 'Audit Law Art. 34',
      scope: [{ dataset: 'assistance-applicants' }],
    };
    const d = await decider.decideShare({
      dataset: { id: 'assistance-applicants' },
      fields: ['district', 'income'],
      requester: health,
      duty,
      scenario: 'audit',
      commitment: { authenticity: true, security: true, compliance: true },
    });
    expect(d.allowedFields).toEqual(['district', 'income']);
  });

  it('the sync decider refuses an asynchronous store or directory', () => {
    const decider = createConsentDecider({
      store: createMemoryConsentStore(),
      subjects: { get: async () => adult },
    });
    expect(() => decider.decide(request)).toThrow(
      expect.objectContaining({ code: 'ERR_STORE', reason: 'async-store' }),
    );
  });

  it('a withdrawal racing a load is not cached stale', async () => {
    const decider = asyncDecider();
    await decider.publishNotice(notice);
    const record = await decider.recordConsent(consentOf('resident-1'));
    const pending = decider.decide(request);
    await decider.withdrawConsent(record.id);
    await pending;
    expect((await decider.decide(request)).allowed).toBe(false);
  });
});
