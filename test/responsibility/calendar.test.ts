import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendar, parseDuration } from '../../src/responsibility/calendar.ts';
import { roleDuties } from '../../src/responsibility/duties.ts';
import { dutiesOf } from '../../src/responsibility/index.ts';
import { ResponsibilityRole } from '../../src/tags/vocabulary.ts';

describe('parseDuration', () => {
  it('parses whole-number ISO 8601 durations', () => {
    expect(parseDuration('P1Y2M3W4DT5H6M7S', 'd')).toEqual({
      years: 1,
      months: 2,
      weeks: 3,
      days: 4,
      hours: 5,
      minutes: 6,
      seconds: 7,
    });
    expect(parseDuration('PT12H', 'd').hours).toBe(12);
    expect(parseDuration('P30D', 'd').days).toBe(30);
  });

  it('rejects what is not one', () => {
    for (const text of ['', 'P', 'PT', 'P1.5M', '3M', 'P1M ', 'p1m', 'P-1D', 'P1DT']) {
      expect(() => parseDuration(text, 'every')).toThrowError(
        expect.objectContaining({ reason: 'invalid-duration', path: 'every' }),
      );
    }
  });
});

describe('addCalendar', () => {
  const at = (iso: string) => Date.parse(iso);
  it('counts months in the calendar of the given offset, clamping to the month end', () => {
    const jan31 = at('2026-01-31T00:00:00+08:00');
    expect(new Date(addCalendar(jan31, parseDuration('P1M', 'd'), 480)).toISOString()).toBe(
      '2026-02-27T16:00:00.000Z',
    );
    // In UTC the same instant is still 30 January: one month later is 28 February… 16:00.
    expect(new Date(addCalendar(jan31, parseDuration('P1M', 'd'), 0)).toISOString()).toBe(
      '2026-02-28T16:00:00.000Z',
    );
    expect(
      new Date(addCalendar(at('2024-02-29T00:00:00Z'), parseDuration('P1Y', 'd'), 0)).toISOString(),
    ).toBe('2025-02-28T00:00:00.000Z');
    expect(
      new Date(addCalendar(at('2026-01-01T00:00:00Z'), parseDuration('P3Y', 'd'), 0)).toISOString(),
    ).toBe('2029-01-01T00:00:00.000Z');
  });

  it('adds days and times exactly', () => {
    const start = at('2026-03-01T10:00:00+08:00');
    expect(addCalendar(start, parseDuration('P1W2DT3H', 'd'), 480) - start).toBe(
      (9 * 24 + 3) * 3_600_000,
    );
  });

  it('never goes backwards', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: -720, max: 840 }),
        (ms, months, offset) => {
          const later = addCalendar(ms, parseDuration(`P${months}M`, 'd'), offset);
          expect(later).toBeGreaterThanOrEqual(ms);
        },
      ),
    );
  });
});

describe('duties', () => {
  it('every role has duties, each citing a rule and an article', () => {
    for (const role of ResponsibilityRole.options) {
      expect(roleDuties[role].length).toBeGreaterThan(0);
      for (const duty of roleDuties[role]) {
        expect(duty.role).toBe(role);
        expect(duty.rule).toMatch(/^[A-Z]-[A-Z-]+$/);
        expect(duty.article.length).toBeGreaterThan(0);
      }
    }
  });

  it('matches the issue: collector notice and consent, holder security, manager system, user purpose, owner grading', () => {
    expect(dutiesOf(['collector']).map((d) => d.rule)).toEqual(
      expect.arrayContaining(['C-NOTICE', 'C-BASIS']),
    );
    expect(dutiesOf(['holder']).map((d) => d.code)).toContain('security-measures');
    expect(dutiesOf(['manager']).map((d) => d.code)).toContain('system-security');
    expect(dutiesOf(['user']).map((d) => d.code)).toContain('purpose-limitation');
    expect(dutiesOf(['owner']).map((d) => d.code)).toEqual(
      expect.arrayContaining(['overall-accountability', 'classify-and-grade']),
    );
    expect(dutiesOf([])).toEqual([]);
    expect(dutiesOf(['user', 'owner'])[2]?.role).toBe('owner');
  });

  it('duties are frozen', () => {
    expect(Object.isFrozen(roleDuties.owner)).toBe(true);
    expect(Object.isFrozen(roleDuties.owner[0])).toBe(true);
  });
});

describe('responsibility durations (the core parser, zero allowed)', () => {
  it('accepts P0D, which the consent durations refuse', () => {
    expect(parseDuration('P0D', 'options.correctionPeriod')).toEqual({ days: 0 });
    expect(addCalendar(Date.parse('2026-03-01T00:00:00Z'), parseDuration('PT0S', 'd'), 480)).toBe(
      Date.parse('2026-03-01T00:00:00Z'),
    );
  });

  it('agrees with plain month arithmetic on UTC fields (the former implementation)', () => {
    // The arithmetic addCalendar used before it moved to date-fns, kept as the reference.
    const reference = (ms: number, d: Required<Record<DurationKey, number>>, offset: number) => {
      const local = new Date(ms + offset * 60_000);
      const months = d.years * 12 + d.months;
      if (months !== 0) {
        const day = local.getUTCDate();
        local.setUTCDate(1);
        local.setUTCMonth(local.getUTCMonth() + months);
        const last = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0));
        local.setUTCDate(Math.min(day, last.getUTCDate()));
      }
      const days = d.weeks * 7 + d.days;
      if (days !== 0) local.setUTCDate(local.getUTCDate() + days);
      const extra = ((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000;
      return local.getTime() + extra - offset * 60_000;
    };
    const part = fc.integer({ min: 0, max: 40 });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        fc.record({
          years: part,
          months: part,
          weeks: part,
          days: part,
          hours: part,
          minutes: part,
          seconds: part,
        }),
        fc.integer({ min: -720, max: 840 }),
        (ms, d, offset) => {
          const text = `P${d.years}Y${d.months}M${d.weeks}W${d.days}DT${d.hours}H${d.minutes}M${d.seconds}S`;
          expect(addCalendar(ms, parseDuration(text, 'd'), offset)).toBe(reference(ms, d, offset));
        },
      ),
    );
  });
});

type DurationKey = 'years' | 'months' | 'weeks' | 'days' | 'hours' | 'minutes' | 'seconds';
