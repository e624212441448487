import { parseArgument } from '../core/parse.ts';
import type { PartyKind, PartyRef } from '../core/refs.ts';
import { PartyRef as PartyRefSchema } from '../core/refs.ts';

/** Builds a party from CLI flags: an id, and optionally kind (default agency) and name. */
export function partyFromFlags(
  id: string,
  kind: string | undefined,
  name: string | undefined,
  flag: string,
): PartyRef {
  return parseArgument(
    PartyRefSchema,
    { id, kind: (kind ?? 'agency') as PartyKind, ...(name === undefined ? {} : { name }) },
    flag,
  );
}

/** Splits a comma-separated flag value into trimmed, non-empty names. */
export function listFlag(value: string | undefined): string[] {
  return value === undefined
    ? []
    : value
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part.length > 0);
}

/** Parses a positive integer flag, or throws a usage error naming the flag. */
export function intFlag(value: string | undefined, flag: string, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`${flag} must be an integer ≥ ${min}`, { reason: 'invalid-integer' });
  return n;
}

/** What a usage error says besides its English message. */
export interface UsageErrorOptions {
  /**
   * Stable, kebab-case kind of the problem (`missing-option`,
   * `conflicting-options`, …): the CLI shows its Chinese message in zh-CN.
   * The English message names the option.
   */
  readonly reason?: string | undefined;
}

/** A command-line usage error (exit code 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** Stable kind of the problem, for the zh-CN message; absent on old call sites. */
  readonly reason: string | undefined;

  constructor(message: string, options: UsageErrorOptions = {}) {
    super(message);
    this.reason = options.reason;
  }
}
