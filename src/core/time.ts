import { z } from 'zod';
import { ValidationError } from '../errors/kinds.ts';

/** An ISO 8601 date-time with an explicit offset (`Z` or `±hh:mm`), as used at every boundary. */
export const IsoDateTime: z.ZodISODateTime = z.iso.datetime({ offset: true });

/**
 * Parses an instant given as epoch milliseconds, a Date, or an ISO 8601
 * string with an offset; a string without an offset is ambiguous and rejected.
 *
 * @param value - the instant
 * @param name - the argument's name, for the error message
 * @returns epoch milliseconds
 * @throws {ValidationError} when the value is not a valid instant
 * @example
 * ```ts
 * import { toEpochMs } from './time.ts';
 * toEpochMs('2026-01-01T08:00:00+08:00', 'at'); // 1767225600000
 * ```
 */
export function toEpochMs(value: number | string | Date, name: string): number {
  let ms: number;
  if (typeof value === 'number') ms = value;
  else if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'string' && IsoDateTime.safeParse(value).success)
    ms = Date.parse(value);
  else ms = Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new ValidationError(
      `${name} must be an ISO 8601 date-time with offset, a Date or epoch milliseconds`,
      {
        path: name,
        reason: 'invalid-time',
      },
    );
  }
  return ms;
}

/**
 * Formats epoch milliseconds as ISO 8601 in UTC (`…Z`).
 *
 * @param ms - epoch milliseconds
 * @returns the ISO 8601 string
 * @example
 * ```ts
 * import { toIso } from './time.ts';
 * toIso(0); // '1970-01-01T00:00:00.000Z'
 * ```
 */
export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}
