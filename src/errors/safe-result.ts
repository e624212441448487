import { DataguardError } from './dataguard-error.ts';

/**
 * The one non-throwing result shape of every `safeX` twin: the value the
 * throwing `X` returns, or the error it would have thrown.
 *
 * @typeParam T - what the throwing twin returns
 */
export type SafeResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: DataguardError };

/**
 * Runs a throwing call and returns its value or the error it threw; a thrown
 * value that is not a DataguardError is wrapped with reason `internal` (internal).
 *
 * @param run - the throwing call
 * @param message - the message of the wrapping error for an unexpected throw
 * @returns `{ ok: true, value }` or `{ ok: false, error }`
 */
export function safeCall<T>(run: () => T, message: string): SafeResult<T> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    return {
      ok: false,
      error:
        error instanceof DataguardError
          ? error
          : new DataguardError(message, { cause: error, reason: 'internal' }),
    };
  }
}
