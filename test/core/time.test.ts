import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import { toEpochMs, toIso } from '../../src/core/time.ts';
import { ValidationError } from '../../src/errors/index.ts';

describe('time', () => {
  it('accepts ISO 8601 with offset, Date and epoch ms', () => {
    expect(toEpochMs('2026-01-01T08:00:00+08:00', 'at')).toBe(Date.UTC(2026, 0, 1));
    expect(toEpochMs(new Date(5), 'at')).toBe(5);
    expect(toEpochMs(7, 'at')).toBe(7);
  });

  it('rejects a date-time without offset, naming the argument', () => {
    expect(() => toEpochMs('2026-01-01T08:00:00', 'consent.expiresAt')).toThrow(ValidationError);
    expect(() => toEpochMs('2026-01-01T08:00:00', 'consent.expiresAt')).toThrow(
      /consent\.expiresAt/,
    );
    expect(() => toEpochMs(Number.NaN, 'at')).toThrow(ValidationError);
  });

  it('fixedClock can be set and advanced', () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    clock.advance(1500);
    expect(toIso(clock())).toBe('2026-01-01T00:00:01.500Z');
    clock.set(0);
    expect(clock()).toBe(0);
  });
});
