// Times (issue 18): a date-only or offset-less input is read in the configured
// zone (default Asia/Shanghai) at every entry point, never rejected in one
// place and accepted in another.
import { describe, expect, it } from 'vitest';
import {
  createConsentDecider,
  createConsentService,
  createMemoryConsentStore,
} from '../../src/consent/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { consentOf, makeCatalog, makeDecider, NOW, notice, REVIEW, tags } from './fixtures.ts';

const service = (timeZone?: string) =>
  createConsentService({
    store: createMemoryConsentStore(),
    catalog: makeCatalog(),
    clock: fixedClock(NOW),
    ...(timeZone === undefined ? {} : { timeZone }),
  });

describe('dates and offset-less times are read in the configured zone', () => {
  it('request.at: a date is midnight in Asia/Shanghai, the same decision as with the offset', () => {
    const { decider } = makeDecider();
    decider.recordConsent(consentOf('resident-1', { at: '2026-02-01' }));
    const request = {
      subject: 'resident-1',
      purpose: REVIEW,
      processing: 'use' as const,
      fields: [tags.name],
    };
    for (const [local, offset] of [
      ['2026-01-31', '2026-01-31T00:00:00+08:00'],
      ['2026-02-01', '2026-02-01T00:00:00+08:00'],
      ['2026-02-01T12:30', '2026-02-01T12:30:00+08:00'],
    ] as const) {
      expect(decider.decide({ ...request, at: local })).toEqual(
        decider.decide({ ...request, at: offset }),
      );
    }
    // The consent of 1 February (Shanghai) is not in force on 31 January there.
    expect(decider.decide({ ...request, at: '2026-01-31T23:59' }).allowed).toBe(false);
    expect(decider.decide({ ...request, at: '2026-02-01' }).allowed).toBe(true);
  });

  it('consents: at, validFrom, validUntil and withdrawal times are stored with the zone offset', () => {
    const { decider } = makeDecider();
    const record = decider.recordConsent(
      consentOf('resident-1', { at: '2026-02-01T09:00', validUntil: '2026-12-31' }),
    );
    expect(record.events[0]?.at).toBe('2026-02-01T09:00:00.000+08:00');
    expect(record.validity).toEqual({
      from: '2026-02-01T09:00:00.000+08:00',
      until: '2026-12-31T00:00:00.000+08:00',
    });
    const withdrawn = decider.withdrawConsent(record.id, { at: '2026-02-20' });
    expect(withdrawn.events[1]?.at).toBe('2026-02-20T00:00:00.000+08:00');
  });

  it('request.collectedAt: a date counts retention from midnight in the zone', () => {
    const { decider } = makeDecider();
    const request = {
      subject: { id: 'r', birthDate: '1980-01-01' },
      purpose: 'statutory-duty.civil-affairs.assistance-audit',
      legalBasis: 'statutory-duty' as const,
      processing: 'store' as const,
      fields: [tags.name],
    };
    expect(
      decider.decide({ ...request, collectedAt: '2023-03-01', at: '2026-02-28T23:59' }),
    ).toEqual(
      decider.decide({
        ...request,
        collectedAt: '2023-03-01T00:00:00+08:00',
        at: '2026-02-28T23:59:00+08:00',
      }),
    );
    expect(
      decider.decide({ ...request, collectedAt: '2023-03-01', at: '2026-03-01T00:00' }).allowed,
    ).toBe(false);
  });

  it('birth dates: a date-time is the civil date in the zone (C-MINOR)', () => {
    const { decider } = makeDecider();
    // The teen's own consent counts only if given from the day after the 14th birthday.
    decider.recordConsent(
      consentOf('teen', { at: '2026-03-02T10:00', separate: { sensitive: true } }),
    );
    const decide = (birthDate: string) =>
      decider.decide({
        subject: { id: 'teen', birthDate },
        purpose: REVIEW,
        processing: 'use',
        fields: [tags.name],
        at: '2026-03-02T12:00',
      });
    expect(decide('2012-03-01').allowed).toBe(true);
    expect(decide('2012-03-02').allowed).toBe(false);
    expect(decide('2012-03-02').reasons.map((r) => r.rule)).toContain('C-MINOR');
    // 2012-03-01T23:30Z is 2 March 2012 in Shanghai (and 1 March in UTC).
    for (const birth of ['2012-03-01T23:30:00Z', '2012-03-02T07:30', '20120302']) {
      expect(decide(birth)).toEqual(decide('2012-03-02'));
    }
  });

  it('notices, grants, misuse deadlines and objections take dates', async () => {
    const s = service();
    const published = await s.publishNotice({ ...notice, publishedAt: '2026-01-01' });
    expect(published.publishedAt).toBe('2026-01-01T00:00:00.000+08:00');
    const grant = await s.grants.issue({
      kind: 'open',
      dataset: { id: 'assistance-applicants' },
      fields: ['household_size'],
      grantee: { id: 'researcher', kind: 'individual' },
      purpose: 'public-data.opening',
      term: { start: '2026-03-01', end: '2026-06-01T18:00' },
      approvedBy: { id: 'civil-affairs', kind: 'agency' },
      authority: { id: 'big-data-bureau', kind: 'agency' },
      at: '2026-03-01',
    });
    expect(grant.grant?.term).toEqual({
      start: '2026-03-01T00:00:00.000+08:00',
      end: '2026-06-01T18:00:00.000+08:00',
    });
    const id = grant.grant?.id as string;
    const misuse = await s.grants.reportMisuse(id, {
      by: 'civil-affairs',
      at: '2026-03-10',
      correctBy: '2026-03-20',
    } as never);
    expect(misuse.events.at(-1)).toMatchObject({
      at: '2026-03-10T00:00:00.000+08:00',
      correctBy: '2026-03-20T00:00:00.000+08:00',
    });
    const objection = await s.objections.record({
      dataset: 'assistance-applicants',
      by: { id: 'resident-9', kind: 'individual' },
      kind: 'quality',
      description: 'wrong size',
      at: '2026-03-02',
    });
    expect(objection.events[0]?.at).toBe('2026-03-02T00:00:00.000+08:00');
  });

  it('another zone reads the same text as another instant', async () => {
    const utc = createConsentDecider({
      store: createMemoryConsentStore(),
      clock: fixedClock(NOW),
      timeZone: 'UTC',
    });
    const n = utc.publishNotice({ ...notice, publishedAt: '2026-01-01' });
    expect(n.publishedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(service('+05:30').timeZone).toBe('+05:30');
    expect(service().timeZone).toBe('Asia/Shanghai');
  });

  it('refuses unknown zones, zones with daylight saving, and texts that are no time', () => {
    expect(() => service('Mars/Olympus')).toThrow(
      expect.objectContaining({ reason: 'invalid-time-zone' }),
    );
    expect(() => service('Europe/Berlin')).toThrow(
      expect.objectContaining({ reason: 'unsupported-time-zone' }),
    );
    expect(() =>
      createConsentDecider({
        store: createMemoryConsentStore(),
        timeZone: 'UTC',
        timeZoneOffsetMinutes: 0,
      }),
    ).toThrow(expect.objectContaining({ reason: 'invalid-option' }));
    const { decider } = makeDecider();
    for (const at of ['2026-02-30', '2026-02-01T25:00', 'yesterday', '2026-02-01 10:00']) {
      expect(() =>
        decider.decide({
          subject: 'resident-1',
          purpose: REVIEW,
          processing: 'use',
          fields: [tags.name],
          at,
        }),
      ).toThrow(expect.objectContaining({ reason: 'invalid-time' }));
    }
    expect(() => decider.recordConsent(consentOf('resident-1', { at: '2026-02-30' }))).toThrow(
      expect.objectContaining({ name: 'ValidationError' }),
    );
  });
});

describe('the instant of a service decision', () => {
  it("is written with the zone's offset at that instant, also when decisions alternate between offsets", async () => {
    // Asia/Shanghai kept daylight saving in 1986-1991 (+09:00 in summer).
    const service = createConsentService({ store: createMemoryConsentStore() });
    const request = {
      subject: { id: 's1', birthDate: '1950-01-01' },
      purpose: 'statistics',
      processing: 'use' as const,
      fields: [{ name: 'district' }],
    };
    const summer = Date.parse('1988-07-01T12:00:00Z');
    const winter = Date.parse('1988-01-01T12:00:00Z');
    const written: string[] = [];
    for (const at of [summer, summer, winter, winter, summer]) {
      written.push((await service.decide({ ...request, at })).evidence().request.at);
    }
    expect(written).toEqual([
      '1988-07-01T21:00:00.000+09:00',
      '1988-07-01T21:00:00.000+09:00',
      '1988-01-01T20:00:00.000+08:00',
      '1988-01-01T20:00:00.000+08:00',
      '1988-07-01T21:00:00.000+09:00',
    ]);
  });
});
