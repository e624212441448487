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
 * ```ts
 * import { safeDisplay } from './safe-display.ts';
 * const holder = safeDisplay({ secret: new Uint8Array(32) }, 'Pseudonymizer', () => ({ keyId: 'k1' }));
 * JSON.stringify(holder); // '{"type":"Pseudonymizer","keyId":"k1"}'
 * String(holder); // '[Pseudonymizer {"keyId":"k1"}]'
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
