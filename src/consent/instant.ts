import { ValidationError } from '../errors/kinds.ts';
import { readZoned, type TimeZone } from './time-zone.ts';

// ISO 8601 date-time with a mandatory offset, the same shape core's IsoDateTime accepts.
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * An instant as epoch ms from epoch ms, a Date or ISO 8601 with offset: a
 * cheap hand check for the hot path (core's toEpochMs parses with zod).
 *
 * @param value - the instant
 * @param name - argument name for errors
 * @returns epoch milliseconds
 * @throws {ValidationError} reason `invalid-time`
 */
function toInstant(value: string | number | Date, name: string): number {
  let ms = Number.NaN;
  if (typeof value === 'number') ms = value;
  else if (typeof value === 'string') {
    if (ISO.test(value)) ms = Date.parse(value);
  } else if (value instanceof Date) ms = value.getTime();
  if (!Number.isFinite(ms)) {
    throw new ValidationError(
      `${name} must be an ISO 8601 date-time with offset, a Date or epoch milliseconds`,
      { path: name, reason: 'invalid-time' },
    );
  }
  return ms;
}

/**
 * {@link toInstant}, reading a date (`2026-03-01`) or an offset-less
 * date-time in `zone` instead of rejecting it. Texts with an offset take the
 * fast check first, so the hot path is unchanged.
 *
 * @param value - the instant
 * @param zone - the civil time zone
 * @param name - argument name for errors
 * @returns epoch milliseconds
 * @throws {ValidationError} reason `invalid-time`
 */
export function toZonedInstant(
  value: string | number | Date,
  zone: TimeZone,
  name: string,
): number {
  if (typeof value === 'string') {
    const ms = ISO.test(value) ? Date.parse(value) : readZoned(value, zone);
    if (Number.isFinite(ms)) return ms;
    throw new ValidationError(
      `${name} must be an ISO 8601 date or date-time (read in ${zone.name} without an offset), a Date or epoch milliseconds`,
      { path: name, reason: 'invalid-time' },
    );
  }
  return toInstant(value, name);
}
