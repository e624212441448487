/**
 * Deep-freezes plain JSON data in place, so a caller cannot change a stored
 * record through the copy it was given.
 *
 * @param value - a JSON value (objects and arrays are frozen recursively)
 * @returns the same value, deeply frozen
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}
