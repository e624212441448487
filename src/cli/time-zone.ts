import { IsoDateTime } from '../core/time.ts';
import { InputError } from '../errors/kinds.ts';
import { UsageError } from './parties.ts';

/** The zone times are read and shown in unless configured otherwise. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * Checks an IANA time zone name.
 *
 * @param zone - e.g. `Asia/Shanghai`
 * @param where - where it came from (`--tz`, the config file), for the message
 * @returns the zone
 * @throws {InputError} `invalid-time-zone`
 */
export function assertTimeZone(zone: string, where: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch (cause) {
    throw new InputError(
      `${where}: unknown time zone ${zone} (use an IANA name such as Asia/Shanghai)`,
      {
        cause,
        path: 'timeZone',
        reason: 'invalid-time-zone',
      },
    );
  }
}

function parts(ms: number, zone: string): Record<string, number> {
  const out: Record<string, number> = {};
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  for (const part of format.formatToParts(new Date(ms))) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return out;
}

/** The zone's offset from UTC at an instant, in minutes. */
function offsetMinutes(ms: number, zone: string): number {
  const p = parts(ms, zone);
  const local = Date.UTC(
    p.year as number,
    (p.month as number) - 1,
    p.day as number,
    p.hour as number,
    p.minute as number,
    p.second as number,
  );
  return Math.round((local - (ms - (ms % 1000))) / 60_000);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * Shows an instant for people: `2026-03-10 09:00:00 +08:00` in the zone.
 *
 * @param iso - an ISO 8601 instant
 * @param zone - IANA zone
 * @returns the local time with its offset, or the input when it is not a time
 */
export function formatInZone(iso: string, zone: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  const p = parts(ms, zone);
  return `${pad(p.year as number, 4)}-${pad(p.month as number)}-${pad(p.day as number)} ${pad(p.hour as number)}:${pad(p.minute as number)}:${pad(p.second as number)} ${offsetText(offsetMinutes(ms, zone))}`;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/**
 * Reads a time given on the command line: ISO 8601 with an offset as is; a
 * date (`2026-03-10`, midnight) or a date-time without offset in the zone.
 *
 * @param value - the option's value
 * @param flag - the option (`--at`), for the message
 * @param zone - the configured zone
 * @returns an ISO 8601 instant with offset
 * @throws {UsageError} naming the option and the accepted forms
 */
export function parseTimeFlag(value: string, flag: string, zone: string): string {
  if (IsoDateTime.safeParse(value).success) return value;
  const m = LOCAL.exec(value);
  const fields = m === null ? [] : m.slice(1, 7).map((v) => (v === undefined ? 0 : Number(v)));
  const [year, month, day, hour, minute, second] = fields as number[];
  const guess =
    m === null
      ? Number.NaN
      : Date.UTC(year as number, (month as number) - 1, day as number, hour, minute, second);
  const check = Number.isFinite(guess) ? new Date(guess) : undefined;
  if (
    check === undefined ||
    check.getUTCMonth() + 1 !== month ||
    check.getUTCDate() !== day ||
    (hour as number) > 23 ||
    (minute as number) > 59 ||
    (second as number) > 59
  ) {
    throw new UsageError(
      `${flag} must be a date (2026-03-10), a local time (2026-03-10 09:00) read in ${zone}, or ISO 8601 with offset (2026-03-10T09:00:00+08:00); got ${JSON.stringify(value)}`,
      { reason: 'invalid-time' },
    );
  }
  // The offset at the local time: guess, then correct once (DST edges settle on the later offset).
  let ms = guess - offsetMinutes(guess, zone) * 60_000;
  ms = guess - offsetMinutes(ms, zone) * 60_000;
  return `${pad(year as number, 4)}-${pad(month as number)}-${pad(day as number)}T${pad(hour as number)}:${pad(minute as number)}:${pad(second as number)}${offsetText(offsetMinutes(ms, zone))}`;
}
