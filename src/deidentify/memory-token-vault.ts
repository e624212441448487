import { ValidationError } from '../errors/kinds.ts';
import type { TokenVault, TokenVaultEntry } from './token-vault.ts';

interface Stored {
  /** The (subject, index) key the token is filed under. */
  readonly key: string;
  readonly sealed: Uint8Array;
  readonly subject: string | undefined;
}

interface Domain {
  /** (subject, index) key → token. */
  readonly byKey: Map<string, string>;
  readonly byToken: Map<string, Stored>;
}

/**
 * An in-memory {@link TokenVault}: for tests, single processes and short
 * jobs. It holds only sealed originals and keyed indexes, never plaintext;
 * everything is lost when the process ends (use the SQLite or PostgreSQL
 * store to keep tokens reversible).
 *
 * @returns an empty vault
 * @example
 * ```ts
 * import { createMemoryTokenVault } from 'dataguard/deidentify';
 * const vault = createMemoryTokenVault();
 * const [token] = await vault.tokenize('d', [{ index: new Uint8Array([1]), token: 't1', sealed: new Uint8Array([9]) }]);
 * token; // 't1'
 * ```
 */
export function createMemoryTokenVault(): TokenVault {
  const domains = new Map<string, Domain>();
  const domainOf = (name: string): Domain => {
    let domain = domains.get(name);
    if (domain === undefined) {
      domain = { byKey: new Map(), byToken: new Map() };
      domains.set(name, domain);
    }
    return domain;
  };
  // Per-subject tokens: the subject is part of the key ('-' for none, 's…' for one).
  const keyOf = (entry: TokenVaultEntry, i: number): string => {
    if (entry.subject === '') {
      throw new ValidationError(`entries[${i}].subject must not be empty`, {
        reason: 'invalid-entry',
        path: `entries[${i}].subject`,
      });
    }
    let key = entry.subject === undefined ? '-' : `s${entry.subject}`;
    key += '\u0000';
    for (const byte of entry.index) key += byte.toString(16).padStart(2, '0');
    return key;
  };
  const remove = (domain: Domain, token: string): boolean => {
    const stored = domain.byToken.get(token);
    if (stored === undefined) return false;
    domain.byToken.delete(token);
    domain.byKey.delete(stored.key);
    return true;
  };
  return {
    async tokenize(name, entries: readonly TokenVaultEntry[]) {
      const keys = entries.map(keyOf);
      const domain = domainOf(name);
      return entries.map((entry, i) => {
        const key = keys[i] as string;
        const existing = domain.byKey.get(key);
        if (existing !== undefined) return existing;
        if (domain.byToken.has(entry.token)) return undefined;
        domain.byKey.set(key, entry.token);
        domain.byToken.set(entry.token, {
          key,
          sealed: new Uint8Array(entry.sealed),
          subject: entry.subject,
        });
        return entry.token;
      });
    },
    async lookup(name, tokens) {
      const domain = domains.get(name);
      return tokens.map((token) => {
        const sealed = domain?.byToken.get(token)?.sealed;
        return sealed === undefined ? undefined : new Uint8Array(sealed);
      });
    },
    async deleteSubject(subject) {
      let deleted = 0;
      for (const domain of domains.values()) {
        for (const [token, stored] of domain.byToken) {
          if (stored.subject === subject && remove(domain, token)) deleted++;
        }
      }
      return deleted;
    },
    async deleteTokens(name, tokens) {
      const domain = domains.get(name);
      if (domain === undefined) return 0;
      let deleted = 0;
      for (const token of new Set(tokens)) if (remove(domain, token)) deleted++;
      return deleted;
    },
  };
}
