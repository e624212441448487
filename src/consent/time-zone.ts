import { z } from 'zod';
import { IsoDateTime } from '../core/time.ts';
import { ValidationError } from '../errors/kinds.ts';

/**
 * The civil time zone date-only and offset-less inputs are read in (default
 * `Asia/Shanghai`). Internal to dataguard/consent.
 */
export interface TimeZone {
  /** The IANA name or the `±hh:mm` offset it was made from. */
  readonly name: string;
  /** The zone's offset from UTC at an instant, in minutes east. */
  offsetAt(ms: number): number;
  /** The zone's one offset (zones with daylight saving are refused). */
  readonly fixedOffset: number;
}

/** The default civil time zone. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const OFFSET = /^([+-])(\d{2}):(\d{2})$/;
// A date, optionally with a time, optionally with an offset: what callers may write.
const LOCAL =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * An ISO 8601 date, date-time without offset, or date-time with offset:
 * the shape of every time a consent input accepts (normalized by {@link zonedIso}).
 */
export const LocalDateTime: z.ZodType<string> = z
  .string()
  .max(40)
  .refine((text) => parseLocal(text) !== undefined, {
    message: 'must be an ISO 8601 date or date-time (an offset is optional)',
  });

/**
 * Resolves an IANA zone name (`Asia/Shanghai`) or a fixed offset (`+08:00`).
 * Zones whose offset changes during the year (daylight saving) are refused:
 * ages and durations are counted on one civil calendar offset.
 *
 * @param name - the zone
 * @param now - an instant in the year to check for daylight saving
 * @returns the zone
 * @throws {ValidationError} reason `invalid-time-zone` or `unsupported-time-zone`
 */
export function resolveTimeZone(name: string, now: number): TimeZone {
  if (typeof name !== 'string' || name === '' || name.length > 64) {
    throw invalidZone('timeZone must be an IANA zone name or an offset such as +08:00');
  }
  const fixed = OFFSET.exec(name);
  if (fixed !== null || name === 'UTC' || name === 'Z') {
    const minutes =
      fixed === null ? 0 : (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3]));
    if (Math.abs(minutes) > 14 * 60 || (fixed !== null && Number(fixed[3]) > 59)) {
      throw invalidZone('timeZone offset must be within ±14:00');
    }
    return Object.freeze({ name, offsetAt: () => minutes, fixedOffset: minutes });
  }
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw invalidZone('timeZone is not a known IANA time zone');
  }
  // formatToParts costs microseconds; decisions come in bursts at the same second
  // (or the same fixed `at`), so the last second's offset is kept.
  let lastSecond = Number.NaN;
  let lastOffset = 0;
  const offsetAt = (ms: number): number => {
    const at = Math.floor(ms / 1000) * 1000;
    if (at === lastSecond) return lastOffset;
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(at)) parts[part.type] = Number(part.value);
    const wall = Date.UTC(
      parts.year as number,
      (parts.month as number) - 1,
      parts.day as number,
      parts.hour as number,
      parts.minute as number,
      parts.second as number,
    );
    lastOffset = Math.round((wall - at) / 60_000);
    lastSecond = at;
    return lastOffset;
  };
  const year = new Date(now).getUTCFullYear();
  const winter = offsetAt(Date.UTC(year, 0, 1));
  for (const month of [3, 6, 9]) {
    if (offsetAt(Date.UTC(year, month, 1)) !== winter) {
      throw new ValidationError(
        `timeZone ${name} has daylight saving; use a zone with one offset (such as Asia/Shanghai or +08:00)`,
        { path: 'timeZone', reason: 'unsupported-time-zone' },
      );
    }
  }
  return Object.freeze({ name, offsetAt, fixedOffset: winter });
}

/**
 * A zone of one fixed offset, for deciders configured in minutes.
 *
 * @param minutes - minutes east of UTC
 * @returns the zone
 */
export function fixedTimeZone(minutes: number): TimeZone {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const name = `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return Object.freeze({ name, offsetAt: () => minutes, fixedOffset: minutes });
}

/**
 * Reads a time written with or without an offset: `2026-03-01` is midnight
 * and `2026-03-01T09:30` is that wall-clock time, both in `zone`.
 *
 * @param text - the time
 * @param zone - the civil time zone
 * @returns epoch milliseconds, or NaN when the text is no ISO 8601 date or date-time
 */
export function readZoned(text: string, zone: TimeZone): number {
  const local = parseLocal(text);
  if (local === undefined) return Number.NaN;
  if (local.offset !== undefined) return local.wall - local.offset * 60_000;
  const guess = local.wall - zone.offsetAt(local.wall) * 60_000;
  return local.wall - zone.offsetAt(guess) * 60_000;
}

/**
 * Normalizes a time input to ISO 8601 with an offset: a text that has one is
 * kept as written; a date or an offset-less date-time is read in `zone` and
 * written with the zone's offset (`2026-03-01` → `2026-03-01T00:00:00.000+08:00`).
 *
 * @param value - the time (ISO text, Date or epoch ms)
 * @param zone - the civil time zone
 * @param name - the argument's name, for errors
 * @returns ISO 8601 with offset
 * @throws {ValidationError} reason `invalid-time`
 */
export function zonedIso(value: string | number | Date, zone: TimeZone, name: string): string {
  if (typeof value === 'string') {
    const local = parseLocal(value);
    if (local?.offset !== undefined && IsoDateTime.safeParse(value).success) return value;
    const ms = readZoned(value, zone);
    if (Number.isFinite(ms)) return formatZoned(ms, zone);
  } else {
    const ms = typeof value === 'number' ? value : value instanceof Date ? value.getTime() : NaN;
    if (Number.isFinite(ms) && Math.abs(ms) <= 8.64e15) return formatZoned(ms, zone);
  }
  throw new ValidationError(
    `${name} must be an ISO 8601 date or date-time (read in ${zone.name} without an offset), a Date or epoch milliseconds`,
    { path: name, reason: 'invalid-time' },
  );
}

/**
 * Formats an instant as ISO 8601 in the zone, with its offset.
 *
 * @param ms - epoch milliseconds
 * @param zone - the civil time zone
 * @returns e.g. `2026-03-01T09:30:00.000+08:00`
 */
export function formatZoned(ms: number, zone: TimeZone): string {
  const offset = zone.offsetAt(ms);
  const wall = new Date(ms + offset * 60_000).toISOString().slice(0, 23);
  if (offset === 0) return `${wall}Z`;
  const abs = Math.abs(offset);
  return `${wall}${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

interface Local {
  /** The written wall-clock time, as if it were UTC. */
  readonly wall: number;
  /** The written offset in minutes, when one was written. */
  readonly offset: number | undefined;
}

function parseLocal(text: string): Local | undefined {
  if (typeof text !== 'string') return undefined;
  const m = LOCAL.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) =>
    m[i] === undefined ? 0 : Number(m[i]),
  ) as [number, number, number, number, number, number];
  const fraction = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59)
    return undefined;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, fraction);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCDate() !== day || probe.getUTCMonth() !== month - 1) return undefined;
  const zone = m[8];
  let offset: number | undefined;
  if (zone === 'Z') offset = 0;
  else if (zone !== undefined) {
    const o = OFFSET.exec(zone) as RegExpExecArray;
    if (Number(o[3]) > 59 || Number(o[2]) > 14) return undefined;
    offset = (o[1] === '-' ? -1 : 1) * (Number(o[2]) * 60 + Number(o[3]));
  }
  return { wall, offset };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function invalidZone(message: string): ValidationError {
  return new ValidationError(message, { path: 'timeZone', reason: 'invalid-time-zone' });
}
