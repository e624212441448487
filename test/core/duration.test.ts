import { describe, expect, it } from 'vitest';
import { addCalendarDuration, parseDuration } from '../../src/core/duration.ts';

describe('parseDuration (the one ISO 8601 duration parser)', () => {
  it('returns the parts written, as a date-fns Duration', () => {
    expect(parseDuration('P1Y6M', 'x')).toEqual({ years: 1, months: 6 });
    expect(parseDuration('P1Y2M3W4DT5H6M7S', 'x')).toEqual({
      years: 1,
      months: 2,
      weeks: 3,
      days: 4,
      hours: 5,
      minutes: 6,
      seconds: 7,
    });
    expect(parseDuration('PT99999999S', 'x')).toEqual({ seconds: 99_999_999 });
  });

  it('rejects a zero duration by default and accepts it with allowZero', () => {
    for (const zero of ['P0D', 'PT0S', 'P0Y0M']) {
      expect(() => parseDuration(zero, 'retention')).toThrowError(
        expect.objectContaining({ reason: 'invalid-duration', path: 'retention' }),
      );
    }
    expect(parseDuration('P0D', 'grace', { allowZero: true })).toEqual({ days: 0 });
    expect(parseDuration('P0Y0M', 'grace', { allowZero: true })).toEqual({ years: 0, months: 0 });
  });

  it('rejects what is not a whole-number ISO 8601 duration, with or without allowZero', () => {
    for (const text of ['', 'P', 'PT', 'P1.5M', '3M', 'P1M ', 'p1m', 'P-1D', 'P1DT', 'P12345Y']) {
      for (const options of [{}, { allowZero: true }]) {
        expect(() => parseDuration(text, 'every', options)).toThrowError(
          expect.objectContaining({ reason: 'invalid-duration', path: 'every' }),
        );
      }
    }
    expect(() => parseDuration(5 as unknown as string, 'every')).toThrowError(
      expect.objectContaining({ reason: 'invalid-duration' }),
    );
  });
});

describe('addCalendarDuration', () => {
  it("counts months on the offset's calendar, clamped to the month's end", () => {
    const jan31 = Date.parse('2026-01-31T00:00:00+08:00');
    expect(new Date(addCalendarDuration(jan31, { months: 1 }, 480)).toISOString()).toBe(
      '2026-02-27T16:00:00.000Z',
    );
    expect(new Date(addCalendarDuration(jan31, { months: 1 }, 0)).toISOString()).toBe(
      '2026-02-28T16:00:00.000Z',
    );
  });

  it('keeps NaN ("no instant") as NaN and adds nothing for a zero duration', () => {
    expect(addCalendarDuration(Number.NaN, { years: 1 }, 480)).toBeNaN();
    expect(addCalendarDuration(1_000, { days: 0 }, 480)).toBe(1_000);
  });
});
