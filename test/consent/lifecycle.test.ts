import { describe, expect, it } from 'vitest';
import { applyConsentEvent, consentStateAt } from '../../src/consent/consent-record.ts';
import { defineNotice } from '../../src/consent/index.ts';
import { noticeChanges } from '../../src/consent/notice.ts';
import { ValidationError } from '../../src/errors/index.ts';
import { consentOf, makeDecider, notice } from './fixtures.ts';

describe('notices', () => {
  it('are immutable snapshots with a content digest', () => {
    const a = defineNotice(notice);
    const b = defineNotice({ ...notice, piCategories: [...notice.piCategories].reverse() });
    expect(a.digest).toMatch(/^sha-256:[0-9a-f]{64}$/);
    expect(b.digest).toBe(a.digest);
    expect(Object.isFrozen(a) && Object.isFrozen(a.purposes)).toBe(true);
    expect(a.withdrawal).toBe(notice.rights);
    expect(defineNotice({ ...notice, contact: 'other@example.gov.cn' }).digest).not.toBe(a.digest);
  });

  it('reject invalid content, and a changed version is refused by the store', () => {
    expect(() => defineNotice({ ...notice, retention: '5 years' })).toThrow(
      expect.objectContaining({ reason: 'invalid-duration' }),
    );
    expect(() => defineNotice({ ...notice, language: 'Chinese!' })).toThrow(ValidationError);
    expect(() => defineNotice({ ...notice, publishedAt: '2026-01-01' })).toThrow(ValidationError);
    const { decider } = makeDecider();
    expect(() => decider.publishNotice({ ...notice, contact: 'changed@example.gov.cn' })).toThrow(
      expect.objectContaining({ code: 'ERR_STORE', reason: 'conflict' }),
    );
    expect(() =>
      decider.publishNotice({ ...notice, version: '9', purposes: ['marketing'] }),
    ).toThrow(expect.objectContaining({ reason: 'unknown-purpose' }));
    const stored = decider.store.getNotice('assistance-app');
    expect(() =>
      decider.publishNotice({
        ...(stored as NonNullable<typeof stored>),
        digest: 'sha-256:00',
      } as never),
    ).toThrow(expect.objectContaining({ reason: 'digest-mismatch' }));
    expect(decider.publishNotice(stored as NonNullable<typeof stored>)).toEqual(stored);
  });

  it('report what changed between versions (C-CONSENT)', () => {
    const v1 = defineNotice(notice);
    const v2 = defineNotice({
      ...notice,
      version: '2',
      processing: ['collect', 'use'],
      piCategories: [...notice.piCategories, 'location'],
    });
    const changes = noticeChanges(v1, v2);
    expect(changes.processing.removed).toEqual(['disclose', 'provide', 'store']);
    expect(changes.piCategories.added).toEqual(['location']);
    expect(changes.needsNewConsent).toBe(true);
    expect(
      noticeChanges(v1, defineNotice({ ...notice, version: '3', contact: 'x@example.gov.cn' }))
        .needsNewConsent,
    ).toBe(false);
  });
});

describe('consent records (ISO/IEC TS 27560 via DPV)', () => {
  it('carry the 27560 fields, filled from the notice', () => {
    const { decider } = makeDecider();
    const record = decider.recordConsent(
      consentOf('child-1', {
        givenBy: { role: 'guardian', id: 'parent-1', relation: 'parent' },
        separate: { sensitive: true },
        validFor: 'P1Y',
        piAttributes: ['name', 'income'],
        collectionMethod: 'counter form',
      }),
    );
    expect(record).toMatchObject({
      schemaVersion: 'dataguard-consent-record/1',
      subject: 'child-1',
      notice: { id: 'assistance-app', version: '1', digest: expect.stringMatching(/^sha-256:/) },
      language: 'zh-CN',
      handler: { id: 'civil-affairs', kind: 'agency' },
      purposes: ['public-service.social-assistance'],
      legalBasis: 'consent',
      piCategories: ['basic', 'identity', 'property'],
      piAttributes: ['name', 'income'],
      processing: ['collect', 'store', 'use'],
      collectionMethod: 'counter form',
      recipients: [],
      jurisdiction: 'CN',
      retention: 'P5Y',
      withdrawalMethod: notice.rights,
      separate: { sensitive: true, provide: false, disclose: false, crossBorder: false },
      method: 'electronic',
      givenBy: { role: 'guardian', id: 'parent-1', relation: 'parent' },
      validity: { from: '2026-02-01T09:00:00+08:00', until: '2027-02-01T01:00:00.000Z' },
      events: [{ type: 'given', at: '2026-02-01T09:00:00+08:00', by: 'parent-1' }],
    });
    expect(record.id).toMatch(/^consent-[0-9a-f]{32}$/);
    expect(Object.isFrozen(record.events)).toBe(true);
  });

  it('follow the status lifecycle', () => {
    const { decider } = makeDecider();
    const given = decider.recordConsent(consentOf('resident-1'));
    const t = (iso: string) => Date.parse(iso);
    expect(consentStateAt(given, t('2026-01-01T00:00:00+08:00'))).toBe('pending');
    expect(consentStateAt(given, t('2026-02-02T00:00:00+08:00'))).toBe('given');
    const renewed = applyConsentEvent(given, {
      type: 'renewed',
      at: '2026-02-10T00:00:00+08:00',
      by: 'resident-1',
    });
    expect(consentStateAt(renewed, t('2026-02-11T00:00:00+08:00'))).toBe('renewed');
    const withdrawn = applyConsentEvent(renewed, {
      type: 'withdrawn',
      at: '2026-02-12T00:00:00+08:00',
      by: 'resident-1',
    });
    expect(consentStateAt(withdrawn, t('2026-02-11T23:59:59+08:00'))).toBe('renewed');
    expect(consentStateAt(withdrawn, t('2026-02-12T00:00:00+08:00'))).toBe('withdrawn');
    expect(() =>
      applyConsentEvent(given, { type: 'given', at: '2026-02-10T00:00:00+08:00', by: 'x' }),
    ).toThrow(expect.objectContaining({ reason: 'invalid-transition' }));
    expect(() =>
      applyConsentEvent(given, { type: 'renewed', at: 'yesterday', by: 'x' } as never),
    ).toThrow(expect.objectContaining({ reason: 'invalid-event' }));
    expect(() =>
      applyConsentEvent(given, {
        type: 'renewed',
        at: '2026-02-10T00:00:00+08:00',
        by: 'x',
        until: '2026-02-09T00:00:00+08:00',
      }),
    ).toThrow(expect.objectContaining({ reason: 'invalid-validity' }));
    expect(given.events).toHaveLength(1);
  });

  it('record refusals', () => {
    const { decider } = makeDecider();
    const refused = decider.recordConsent(consentOf('resident-1', { refused: true }));
    expect(refused.events[0]?.type).toBe('refused');
    expect(consentStateAt(refused, Date.parse('2026-03-01T00:00:00+08:00'))).toBe('refused');
  });

  it('reject inconsistent input', () => {
    const { decider } = makeDecider();
    expect(() =>
      decider.recordConsent(consentOf('resident-1', { notice: { id: 'missing' } })),
    ).toThrow(expect.objectContaining({ reason: 'unknown-notice' }));
    expect(() =>
      decider.recordConsent(consentOf('resident-1', { validUntil: '2026-01-01T00:00:00+08:00' })),
    ).toThrow(expect.objectContaining({ reason: 'invalid-validity' }));
    expect(() =>
      decider.recordConsent(
        consentOf('resident-1', { validUntil: '2027-01-01T00:00:00+08:00', validFor: 'P1Y' }),
      ),
    ).toThrow(expect.objectContaining({ reason: 'ambiguous-validity' }));
    expect(() =>
      decider.recordConsent(consentOf('resident-1', { purposes: ['marketing'] })),
    ).toThrow(expect.objectContaining({ reason: 'unknown-purpose' }));
    expect(() => decider.revokeConsent('nope', { by: 'x' })).toThrow(
      expect.objectContaining({ reason: 'not-found' }),
    );
    const record = decider.recordConsent(consentOf('resident-1'));
    expect(() => decider.revokeConsent(record.id, {})).toThrow(
      expect.objectContaining({ reason: 'actor-required' }),
    );
  });
});
