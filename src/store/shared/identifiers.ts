import { ValidationError } from '../../errors/index.ts';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Checks a PostgreSQL schema (or other identifier) name and returns it double-quoted.
 * Only lowercase letters, digits and underscores are accepted, so the name can be
 * spliced into SQL without any chance of injection and means the same quoted or not.
 *
 * @param name - the identifier
 * @param argument - the argument name used in the error
 * @returns the quoted identifier
 * @throws ValidationError `invalid-identifier` for anything else
 * @example
 * ```ts
 * import { quoteIdentifier } from './identifiers.ts';
 * quoteIdentifier('dataguard', 'schema'); // '"dataguard"'
 * ```
 */
export function quoteIdentifier(name: string, argument: string): string {
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
    throw new ValidationError(
      `${argument} must be 1-63 characters of lowercase letters, digits and underscores, starting with a letter or underscore`,
      { reason: 'invalid-identifier', path: argument },
    );
  }
  return `"${name}"`;
}
