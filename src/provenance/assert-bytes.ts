import { ValidationError } from '../errors/kinds.ts';

/** Throws unless value is a Uint8Array (internal boundary check). */
export function assertBytes(value: unknown, path: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new ValidationError(`${path} must be a Uint8Array`, { path, reason: 'not-bytes' });
  }
}

/** Throws unless value is an array of Uint8Array (internal boundary check). */
export function assertByteArrays(
  value: unknown,
  path: string,
): asserts value is readonly Uint8Array[] {
  if (!Array.isArray(value)) {
    throw new ValidationError(`${path} must be an array of Uint8Array`, {
      path,
      reason: 'not-bytes',
    });
  }
  for (let i = 0; i < value.length; i++) assertBytes(value[i], `${path}[${i}]`);
}
