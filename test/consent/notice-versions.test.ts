// Issue 18 items 2-3: decisions at an instant depend only on the notice
// versions published by then (C-NOTICE), and versions are ordered by version
// number and publication time, never by the order they were stored.
import { describe, expect, it } from 'vitest';
import {
  createConsentDecider,
  createMemoryConsentStore,
  type Decision,
  defineNotice,
} from '../../src/consent/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { ValidationError } from '../../src/errors/index.ts';
import { consentOf, makeDecider, NOW, notice, REVIEW, tags } from './fixtures.ts';

const codes = (d: Decision) => d.reasons.map((r) => `${r.rule}/${r.code}`);
// v2 stops collecting identity PI from 1 April.
const v2 = {
  ...notice,
  version: '2',
  piCategories: ['basic', 'property', 'health', 'minor-under-14'] as const,
  publishedAt: '2026-04-01T00:00:00+08:00',
};
const use = (at: string) => ({
  subject: 'resident-1',
  purpose: REVIEW,
  processing: 'use' as const,
  fields: [tags.name, tags.idCard],
  at,
});

describe('C-NOTICE: a decision at T depends only on what was true at T', () => {
  it('publishing v2 does not change a decision at an instant when only v1 existed', () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('resident-1', { separate: { sensitive: true } }));
    const before = decider.decide(use('2026-03-15T00:00:00+08:00'));
    expect(before.allowedFields).toEqual(['name', 'id_card']);
    decider.publishNotice({ ...v2, piCategories: [...v2.piCategories] });
    const again = decider.decide(use('2026-03-15T00:00:00+08:00'));
    expect(again).toEqual(before);
    const after = decider.decide(use('2026-04-02T00:00:00+08:00'));
    expect(after.allowedFields).toEqual(['name']);
    expect(after.reasons).toContainEqual(
      expect.objectContaining({ rule: 'C-CONSENT', code: 'notice-changed', field: 'id_card' }),
    );
  });

  it('a consent records the version in force when it was given, not a later one', () => {
    const { decider } = makeDecider();
    decider.publishNotice({ ...v2, piCategories: [...v2.piCategories] });
    const record = decider.recordConsent(consentOf('resident-1', { at: NOW }));
    expect(record.notice.version).toBe('1');
    const later = decider.recordConsent(
      consentOf('resident-1', { at: '2026-04-05T00:00:00+08:00', piCategories: ['basic'] }),
    );
    expect(later.notice.version).toBe('2');
  });
});

describe('C-NOTICE: versions are ordered by version and publication time', () => {
  it('publishing an older version after a newer one is a typed error, and the newer stays current', () => {
    const { decider } = makeDecider();
    decider.publishNotice({ ...v2, piCategories: [...v2.piCategories] });
    const stale = { ...notice, version: '1.5', publishedAt: '2026-02-01T00:00:00+08:00' };
    expect(() => decider.publishNotice(stale)).toThrow(ValidationError);
    expect(() => decider.publishNotice(stale)).toThrow(
      expect.objectContaining({ reason: 'notice-version-order', path: 'notice.version' }),
    );
    // A higher version published earlier than the current one is refused too.
    expect(() =>
      decider.publishNotice({ ...notice, version: '3', publishedAt: '2026-03-01T00:00:00+08:00' }),
    ).toThrow(expect.objectContaining({ reason: 'notice-version-order' }));
    // Republishing an existing version unchanged is still a no-op.
    expect(decider.publishNotice(notice).version).toBe('1');
    const record = decider.recordConsent(
      consentOf('resident-1', { at: '2026-04-05T00:00:00+08:00', piCategories: ['basic'] }),
    );
    expect(record.notice.version).toBe('2');
  });

  it('compares versions numerically (10 after 9)', () => {
    const { decider } = makeDecider();
    decider.publishNotice({ ...notice, version: '9', publishedAt: '2026-01-02T00:00:00+08:00' });
    decider.publishNotice({ ...notice, version: '10', publishedAt: '2026-01-03T00:00:00+08:00' });
    expect(() =>
      decider.publishNotice({
        ...notice,
        version: '9.1',
        publishedAt: '2026-01-04T00:00:00+08:00',
      }),
    ).toThrow(expect.objectContaining({ reason: 'notice-version-order' }));
  });

  it('a store written out of order does not make the older version current', () => {
    const store = createMemoryConsentStore();
    store.putNotice(defineNotice({ ...v2, piCategories: [...v2.piCategories] }));
    store.putNotice(defineNotice(notice));
    const decider = createConsentDecider({
      store,
      clock: fixedClock('2026-05-01T00:00:00+08:00'),
      subjects: {
        get: (id) => (id === 'resident-1' ? { id, birthDate: '1980-05-20' } : undefined),
      },
    });
    decider.recordConsent(
      consentOf('resident-1', { notice: { id: notice.id, version: '1' }, at: NOW }),
    );
    const d = decider.decide({
      ...use('2026-05-01T00:00:00+08:00'),
      purpose: 'public-service.social-assistance',
      needed: { categories: ['basic', 'identity'] },
    });
    // v2 (published 1 April) is current on 1 May, though v1 was stored last.
    expect(d.allowedFields).toEqual(['name']);
    expect(codes(d)).toContain('C-CONSENT/notice-changed');
    const record = decider.recordConsent(
      consentOf('resident-1', { at: '2026-05-01T00:00:00+08:00', piCategories: ['basic'] }),
    );
    expect(record.notice.version).toBe('2');
  });
});
