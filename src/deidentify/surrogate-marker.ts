// The opt-in key-id marker of `fpe` output, after Google DLP's surrogate info
// types: `<SURROGATE>(<keyId>):<ciphertext>`, e.g. `MOB(k3):13912345678`. It
// names the key version (an id, never material) so a value found later can be
// traced to its key and re-identified after rotation.
import { contractError } from './values.ts';

/** Surrogate names: an upper-case letter, then up to 31 of `A-Z 0-9 _`. */
export const SURROGATE_NAME: RegExp = /^[A-Z][A-Z0-9_]{0,31}$/;

// The keyring's key-id syntax (dataguard/crypto KeyId): no `(` or `)`, so the marker parses unambiguously.
const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/**
 * Prefixes a value with its surrogate marker.
 *
 * @param surrogate - the surrogate name (already validated by the policy schema)
 * @param keyId - the id of the key that enciphered the value
 * @param value - the enciphered value
 * @returns `<surrogate>(<keyId>):<value>`
 */
export function withSurrogate(surrogate: string, keyId: string, value: string): string {
  return `${surrogate}(${keyId}):${value}`;
}

/**
 * Splits a marked value into its key id and enciphered value.
 *
 * @param surrogate - the surrogate name the policy gives
 * @param text - a value written with that surrogate
 * @returns the key id and the value without the marker
 * @throws {TransformError} reason `not-a-surrogate` when the value lacks a well-formed marker
 */
export function splitSurrogate(
  surrogate: string,
  text: string,
): { readonly keyId: string; readonly value: string } {
  const open = surrogate.length;
  const close = text.indexOf('):', open + 1);
  const keyId = close < 0 ? '' : text.slice(open + 1, close);
  if (!text.startsWith(`${surrogate}(`) || !KEY_ID.test(keyId)) {
    throw contractError('not-a-surrogate', `value lacks the ${surrogate}(<key id>): marker`);
  }
  return { keyId, value: text.slice(close + 2) };
}
