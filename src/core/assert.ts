import { ValidationError } from '../errors/kinds.ts';

// Boundary checks for public entry points that take plain arguments (not a
// zod-parsed document). Each throws a ValidationError naming the argument by
// `path`, never echoing the value: arguments may be personal data or keys.

function invalid(path: string, expected: string, reason: string): ValidationError {
  return new ValidationError(`${path} must be ${expected}`, { reason, path });
}

/** Throws unless `value` is a non-null object (arrays included). */
export function assertObject(value: unknown, path: string): asserts value is object {
  if (typeof value !== 'object' || value === null) {
    throw invalid(path, 'an object', 'invalid-argument');
  }
}

/** Throws unless `value` is a plain record: a non-null, non-array object. */
export function assertRecord(
  value: unknown,
  path: string,
): asserts value is Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(path, 'an object', 'invalid-argument');
  }
}

/** Throws unless `value` is a string. */
export function assertString(value: unknown, path: string): asserts value is string {
  if (typeof value !== 'string') throw invalid(path, 'a string', 'invalid-argument');
}

/** Throws unless `value` is a finite number. */
export function assertFiniteNumber(value: unknown, path: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalid(path, 'a finite number', 'invalid-argument');
  }
}

/** Throws unless `value` is a function. */
export function assertFunction(
  value: unknown,
  path: string,
): asserts value is (...args: never[]) => unknown {
  if (typeof value !== 'function') throw invalid(path, 'a function', 'invalid-argument');
}

/** Throws unless `value` is synchronously iterable (an array, a Set, a generator…). */
export function assertIterable(value: unknown, path: string): asserts value is Iterable<unknown> {
  if (
    value === null ||
    value === undefined ||
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function'
  ) {
    throw invalid(path, 'iterable', 'not-iterable');
  }
}

/** Throws unless `value` is iterable or async iterable (a stream, an async generator…). */
export function assertAnyIterable(
  value: unknown,
  path: string,
): asserts value is Iterable<unknown> | AsyncIterable<unknown> {
  if (
    value === null ||
    value === undefined ||
    (typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function' &&
      typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function')
  ) {
    throw invalid(path, 'iterable or async iterable', 'not-iterable');
  }
}

/**
 * A string for a value that may be a null-prototype object or a Symbol, where
 * `String(value)` and template literals throw: for keys and labels, never for messages.
 */
export function safeString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'object' && value !== null) {
    try {
      return String(value);
    } catch {
      return Object.prototype.toString.call(value);
    }
  }
  return String(value);
}
