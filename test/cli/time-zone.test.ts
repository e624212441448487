import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/parties.ts';
import { assertTimeZone, formatInZone, parseTimeFlag } from '../../src/cli/time-zone.ts';
import { InputError } from '../../src/errors/index.ts';

describe('times for people', () => {
  it('shows instants in the zone with the offset', () => {
    expect(formatInZone('2026-03-10T01:00:00.000Z', 'Asia/Shanghai')).toBe(
      '2026-03-10 09:00:00 +08:00',
    );
    expect(formatInZone('2026-07-01T12:00:00Z', 'Europe/Berlin')).toBe(
      '2026-07-01 14:00:00 +02:00',
    );
    expect(formatInZone('2026-01-01T12:00:00Z', 'America/St_Johns')).toBe(
      '2026-01-01 08:30:00 -03:30',
    );
    expect(formatInZone('not a time', 'Asia/Shanghai')).toBe('not a time');
  });

  it('reads dates and offset-less times in the zone, never as UTC', () => {
    expect(parseTimeFlag('2026-03-10', '--at', 'Asia/Shanghai')).toBe('2026-03-10T00:00:00+08:00');
    expect(parseTimeFlag('2026-03-10 09:30', '--at', 'Asia/Shanghai')).toBe(
      '2026-03-10T09:30:00+08:00',
    );
    expect(parseTimeFlag('2026-07-01T10:00:05', '--at', 'Europe/Berlin')).toBe(
      '2026-07-01T10:00:05+02:00',
    );
    expect(parseTimeFlag('2026-03-10T09:00:00Z', '--at', 'Asia/Shanghai')).toBe(
      '2026-03-10T09:00:00Z',
    );
    for (const [local, zone] of [
      ['2026-03-10 09:30', 'Asia/Shanghai'],
      ['2026-10-25 12:00', 'Europe/Berlin'],
      ['2026-01-15', 'America/New_York'],
    ] as const) {
      const iso = parseTimeFlag(local, '--at', zone);
      expect(
        formatInZone(iso, zone).startsWith(local.length === 10 ? `${local} 00:00` : local),
      ).toBe(true);
    }
  });

  it('refuses other forms with a usage error naming the option', () => {
    for (const bad of ['10/03/2026', '2026-02-30', '2026-03-10 24:00', 'yesterday', '']) {
      expect(() => parseTimeFlag(bad, '--at', 'Asia/Shanghai'), bad).toThrow(UsageError);
    }
    expect(() => parseTimeFlag('2026-02-30', '--discovered', 'Asia/Shanghai')).toThrow(
      /^--discovered must be a date/,
    );
    expect(() => assertTimeZone('Mars/Olympus', 'config')).toThrow(InputError);
  });
});
