import type { TokenVaultEntry } from '../../deidentify/index.ts';
import { ValidationError } from '../../errors/index.ts';

/**
 * Checks the arguments of `TokenVault.tokenize` at the store boundary.
 *
 * @throws ValidationError `invalid-entry` naming the first bad entry field
 */
export function assertVaultEntries(domain: unknown, entries: readonly TokenVaultEntry[]): void {
  assertText(domain, 'domain');
  if (!Array.isArray(entries)) {
    throw new ValidationError('entries must be an array', {
      reason: 'invalid-entry',
      path: 'entries',
    });
  }
  entries.forEach((entry, i) => {
    const bad = (field: string) =>
      new ValidationError(`entries[${i}].${field} is missing or of the wrong type`, {
        reason: 'invalid-entry',
        path: `entries[${i}].${field}`,
      });
    if (!(entry?.index instanceof Uint8Array) || entry.index.length === 0) throw bad('index');
    if (typeof entry.token !== 'string' || entry.token.length === 0) throw bad('token');
    if (!(entry.sealed instanceof Uint8Array)) throw bad('sealed');
    // A subject is a non-empty keyed hash: the stores file subject-less tokens under ''.
    if (
      entry.subject !== undefined &&
      (typeof entry.subject !== 'string' || entry.subject === '')
    ) {
      throw bad('subject');
    }
  });
}

/**
 * Checks a string argument and a list of strings.
 *
 * @throws ValidationError `invalid-argument`
 */
export function assertText(value: unknown, path: string): asserts value is string {
  if (typeof value !== 'string') {
    throw new ValidationError(`${path} must be a string`, { reason: 'invalid-argument', path });
  }
}

/**
 * Checks a list of tokens.
 *
 * @throws ValidationError `invalid-argument`
 */
export function assertTokens(tokens: unknown): asserts tokens is readonly string[] {
  if (!Array.isArray(tokens) || tokens.some((t) => typeof t !== 'string')) {
    throw new ValidationError('tokens must be an array of strings', {
      reason: 'invalid-argument',
      path: 'tokens',
    });
  }
}
