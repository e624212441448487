import { TransformError } from '../errors/kinds.ts';

/**
 * True for values every transform passes through unchanged: null, undefined
 * and the empty string carry nothing to hide (redact still drops or nulls them).
 */
export function isEmptyValue(value: unknown): value is null | undefined | '' {
  return value === null || value === undefined || value === '';
}

/**
 * The text of a scalar value: strings as they are, numbers, bigints and
 * booleans as their string form.
 *
 * @throws {TransformError} reason `not-a-scalar` for objects and arrays
 */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
    return String(value);
  }
  throw contractError('not-a-scalar', 'value is not a string, number or boolean');
}

/** Returns a number in the input's type: a number for numbers, its text for strings. */
export function sameKind(input: unknown, output: number): number | string {
  return typeof input === 'number' ? output : String(output);
}

/** A {@link TransformError} for a value that breaks a transform's input contract (no value in the message). */
export function contractError(reason: string, problem: string): TransformError {
  return new TransformError(problem, { reason });
}
