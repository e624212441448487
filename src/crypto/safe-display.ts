// Objects that hold keys show only a summary in JSON, strings and util.inspect.
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * Defines non-enumerable `toJSON`, `toString` and `util.inspect` methods that
 * print `summary()` instead of the object's state.
 *
 * @param target - the key-holding object (returned, now frozen)
 * @param kind - the type name shown, e.g. `Keyring`
 * @param summary - non-secret facts (ids, algorithms)
 * @returns `target`
 * @example
 * ```ts no-run
 * return safeDisplay({ mac }, 'Pseudonymizer', () => ({ keyId }));
 * ```
 */
export function safeDisplay<T extends object>(
  target: T,
  kind: string,
  summary: () => Record<string, unknown>,
): T {
  const text = () => `[${kind} ${JSON.stringify(summary())}]`;
  Object.defineProperties(target, {
    toJSON: { value: () => ({ type: kind, ...summary() }) },
    toString: { value: text },
    [INSPECT]: { value: text },
  });
  return Object.freeze(target);
}
