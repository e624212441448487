import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageReachedAt, parseBirthDate } from '../../src/consent/birth-date.ts';
import { addDuration, parseDuration } from '../../src/consent/duration.ts';
import {
  birthDateFromResidentId,
  createConsentService,
  createMemoryConsentStore,
} from '../../src/consent/index.ts';
import { notice } from './fixtures.ts';

describe('birth date from a resident ID number (GB 11643-1999)', () => {
  it("reads the standard's example number", () => {
    expect(birthDateFromResidentId('11010519491231002X')).toEqual({
      year: 1949,
      month: 12,
      day: 31,
    });
    expect(birthDateFromResidentId('11010519491231002x')).toEqual({
      year: 1949,
      month: 12,
      day: 31,
    });
  });

  it('reads a 15-digit first-generation number as 19xx', () => {
    expect(birthDateFromResidentId('150102880730303')).toEqual({ year: 1988, month: 7, day: 30 });
  });

  it('rejects a wrong check character, a non-date and malformed text', () => {
    expect(birthDateFromResidentId('110105194912310021')).toBeUndefined();
    expect(birthDateFromResidentId('110105194902300026')).toBeUndefined();
    expect(birthDateFromResidentId('1101051949123100')).toBeUndefined();
    expect(birthDateFromResidentId('11010519491231002Y')).toBeUndefined();
    expect(birthDateFromResidentId('150102881330303')).toBeUndefined();
  });

  it('property: any valid date with a computed check character round-trips', () => {
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        (date, seq) => {
          const y = date.getUTCFullYear();
          const m = date.getUTCMonth() + 1;
          const d = date.getUTCDate();
          const body = `440305${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
          const sum = [...body].reduce((acc, c, i) => acc + Number(c) * (weights[i] as number), 0);
          expect(birthDateFromResidentId(body + '10X98765432'[sum % 11])).toEqual({
            year: y,
            month: m,
            day: d,
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('birth date text and age', () => {
  it('parses YYYY-MM-DD and YYYYMMDD, rejecting impossible dates', () => {
    expect(parseBirthDate('2012-02-29')).toEqual({ year: 2012, month: 2, day: 29 });
    expect(parseBirthDate('20120229')).toEqual({ year: 2012, month: 2, day: 29 });
    expect(parseBirthDate('2013-02-29')).toBeUndefined();
    expect(parseBirthDate('29/02/2012')).toBeUndefined();
  });

  it('reaches an age the day after the birthday, at midnight China time', () => {
    expect(new Date(ageReachedAt({ year: 2012, month: 3, day: 1 }, 14)).toISOString()).toBe(
      '2026-03-01T16:00:00.000Z',
    );
  });

  it('counts a 29 February birthday on 28 February in common years', () => {
    expect(new Date(ageReachedAt({ year: 2012, month: 2, day: 29 }, 14)).toISOString()).toBe(
      '2026-02-28T16:00:00.000Z',
    );
    expect(new Date(ageReachedAt({ year: 2012, month: 2, day: 29 }, 4)).toISOString()).toBe(
      '2016-02-29T16:00:00.000Z',
    );
  });

  it('uses the given time zone', () => {
    expect(new Date(ageReachedAt({ year: 2012, month: 3, day: 1 }, 14, 0)).toISOString()).toBe(
      '2026-03-02T00:00:00.000Z',
    );
  });
});

describe('durations', () => {
  it('refuses a zero retention on a notice (the core parser without allowZero)', async () => {
    const service = createConsentService({ store: createMemoryConsentStore() });
    await expect(service.publishNotice({ ...notice, retention: 'P0D' })).rejects.toMatchObject({
      reason: 'invalid-duration',
      path: 'notice.retention',
    });
    await expect(service.publishNotice({ ...notice, retention: 'P1D' })).resolves.toBeDefined();
  });

  it('parses ISO 8601 durations', () => {
    expect(parseDuration('P1Y6M', 'x')).toEqual({ years: 1, months: 6 });
    expect(parseDuration('P2W', 'x')).toEqual({ weeks: 2 });
    expect(parseDuration('PT12H30M', 'x')).toEqual({ hours: 12, minutes: 30 });
    for (const bad of ['', 'P', 'PT', 'P1.5Y', '-P1Y', 'P0D', '1Y', 'P1YT']) {
      expect(() => parseDuration(bad, 'x')).toThrow(
        expect.objectContaining({ reason: 'invalid-duration' }),
      );
    }
  });

  it('adds calendar durations on the China civil calendar', () => {
    const jan31 = Date.parse('2026-01-31T10:00:00+08:00');
    expect(new Date(addDuration(jan31, { months: 1 })).toISOString()).toBe(
      '2026-02-28T02:00:00.000Z',
    );
    // 31 Jan 00:30 in China is still 30 Jan in UTC: the month end is China's.
    const late = Date.parse('2026-01-31T00:30:00+08:00');
    expect(new Date(addDuration(late, { months: 1 })).toISOString()).toBe(
      '2026-02-27T16:30:00.000Z',
    );
    expect(
      new Date(addDuration(Date.parse('2024-02-29T00:00:00+08:00'), { years: 1 })).toISOString(),
    ).toBe('2025-02-27T16:00:00.000Z');
  });
});
