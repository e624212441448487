import { z } from 'zod';
import { Digest } from '../core/refs.ts';

/** A value allowed in event details: small JSON, never personal data. */
export type DetailValue =
  | null
  | boolean
  | number
  | string
  | readonly DetailValue[]
  | { readonly [key: string]: DetailValue };

/** Free-form, non-personal event details (counts, rule ids, parameters). */
export type EventDetails = { readonly [key: string]: DetailValue };

/** Limits on `details`: they keep it a place for parameters, not for records. */
const DETAIL_LIMITS: {
  readonly maxDepth: number;
  readonly maxKeys: number;
  readonly maxItems: number;
  readonly maxString: number;
  readonly maxBytes: number;
} = Object.freeze({ maxDepth: 4, maxKeys: 32, maxItems: 32, maxString: 200, maxBytes: 4096 });

const KEY = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
// Telephone, resident-ID and bank-card numbers are runs of 11+ digits, often
// grouped with spaces or dashes; e-mail addresses have a dotted domain.
const LONG_DIGITS = /\d(?:[\s-]?\d){10}/;
const EMAIL = /@[A-Za-z0-9-]+\.[A-Za-z]/;

function looksPersonal(text: string): boolean {
  if (Digest.safeParse(text).success) return false;
  return LONG_DIGITS.test(text) || EMAIL.test(text);
}

/** Finds the first problem in a details value: [path, message], or undefined. */
function problemOf(value: unknown, path: string, depth: number): [string, string] | undefined {
  if (value === null || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return [path, 'must be a finite number'];
    if (Number.isInteger(value) && Math.abs(value) >= 1e10) {
      return [path, 'is a long number that looks like an identifier (no personal data in details)'];
    }
    return undefined;
  }
  if (typeof value === 'string') {
    if (value.length > DETAIL_LIMITS.maxString)
      return [path, `is longer than ${DETAIL_LIMITS.maxString}`];
    if (looksPersonal(value))
      return [path, 'looks like personal data (no personal data in details)'];
    return undefined;
  }
  if (typeof value !== 'object') return [path, 'must be JSON'];
  if (depth >= DETAIL_LIMITS.maxDepth)
    return [path, `is nested deeper than ${DETAIL_LIMITS.maxDepth}`];
  if (Array.isArray(value)) {
    if (value.length > DETAIL_LIMITS.maxItems)
      return [path, `has more than ${DETAIL_LIMITS.maxItems} items`];
    for (let i = 0; i < value.length; i++) {
      const problem = problemOf(value[i], `${path}[${i}]`, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return [path, 'must be a plain object'];
  const keys = Object.keys(value);
  if (keys.length > DETAIL_LIMITS.maxKeys)
    return [path, `has more than ${DETAIL_LIMITS.maxKeys} keys`];
  for (const key of keys) {
    if (!KEY.test(key)) return [path, 'has a key that is not a short identifier'];
    const problem = problemOf((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * Schema of `details`: a plain object of at most 4 levels, 32 keys or items
 * per level, strings up to 200 characters, 4 KiB as JSON; strings that look
 * like phone, ID or card numbers or e-mail addresses, and integers of 11+
 * digits, are rejected. These checks catch accidents, not intent: callers
 * must not put personal information in details at all.
 */
export const EventDetailsSchema: z.ZodType<EventDetails> = z
  .custom<EventDetails>()
  .superRefine((value, ctx) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      ctx.addIssue({ code: 'custom', message: 'details must be an object' });
      return;
    }
    const problem = problemOf(value, 'details', 0);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: `${problem[0]} ${problem[1]}` });
      return;
    }
    if (JSON.stringify(value).length > DETAIL_LIMITS.maxBytes) {
      ctx.addIssue({
        code: 'custom',
        message: `details are larger than ${DETAIL_LIMITS.maxBytes} bytes as JSON`,
      });
    }
  });
