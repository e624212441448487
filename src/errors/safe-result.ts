import type { DataguardError } from './dataguard-error.ts';

/**
 * The one non-throwing result shape of every `safeX` twin: the value the
 * throwing `X` returns, or the error it would have thrown.
 *
 * @typeParam T - what the throwing twin returns
 */
export type SafeResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: DataguardError };
