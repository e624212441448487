import { StoreError } from '../errors/kinds.ts';
import type { Awaitable } from './store.ts';

/**
 * Whether a value is a promise (thenable).
 *
 * @param value - the value
 * @returns true for promises
 */
export function isPromise<T>(value: Awaitable<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * Applies `fn` now if the value is ready, or when the promise settles.
 *
 * @param value - a value or a promise of it
 * @param fn - what to do with it
 * @returns the result, synchronously when possible
 */
export function andThen<T, U>(value: Awaitable<T>, fn: (value: T) => Awaitable<U>): Awaitable<U> {
  return isPromise(value) ? value.then(fn) : fn(value);
}

/**
 * All values, synchronously when none is a promise.
 *
 * @param values - values or promises
 * @returns the values
 */
export function all<T>(values: readonly Awaitable<T>[]): Awaitable<T[]> {
  return values.some(isPromise) ? Promise.all(values) : (values as T[]);
}

/**
 * Unwraps a value that must be synchronous (the sync decider over a sync store).
 *
 * @param value - the value
 * @returns the value
 * @throws {StoreError} reason `async-store` when it is a promise
 */
export function sync<T>(value: Awaitable<T>): T {
  if (isPromise(value)) {
    // Avoid an unhandled rejection from the abandoned promise.
    value.catch(() => undefined);
    throw new StoreError(
      'the store or subject directory answered asynchronously; use createAsyncConsentDecider',
      { reason: 'async-store' },
    );
  }
  return value;
}
