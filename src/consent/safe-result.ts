import { DataguardError } from '../errors/dataguard-error.ts';
import type { SafeResult } from '../errors/safe-result.ts';
import type { Decision } from './decision.ts';

export type { SafeResult } from '../errors/safe-result.ts';

/** The non-throwing result of safeDecide(). */
export type SafeDecision = SafeResult<Decision>;

/**
 * Wraps a thrown value as a DataguardError (unexpected ones with reason `internal`).
 *
 * @param error - what was thrown
 * @returns the error to report
 */
function asDataguardError(error: unknown): DataguardError {
  if (error instanceof DataguardError) return error;
  return new DataguardError('decision failed unexpectedly', { cause: error, reason: 'internal' });
}

/**
 * Runs a synchronous call, returning its value or the error it threw.
 *
 * @param run - the call
 * @returns `{ ok: true, value }` or `{ ok: false, error }`
 */
export function safely<T>(run: () => T): SafeResult<T> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    return { ok: false, error: asDataguardError(error) };
  }
}

/**
 * Awaits a call, resolving with its value or the error it threw or rejected with.
 *
 * @param run - the call
 * @returns a promise of `{ ok: true, value }` or `{ ok: false, error }`
 */
export function safelyAsync<T>(run: () => Promise<T>): Promise<SafeResult<T>> {
  return run().then(
    (value): SafeResult<T> => ({ ok: true, value }),
    (error: unknown): SafeResult<T> => ({ ok: false, error: asDataguardError(error) }),
  );
}
