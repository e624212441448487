import type { TokenVault } from '../../deidentify/index.ts';
import { assertText, assertTokens, assertVaultEntries } from '../shared/token-vault-checks.ts';
import type { SqliteDatabase } from './sqlite-database.ts';

/**
 * A de-identification {@link TokenVault} in SQLite. It stores what the
 * tokenize transform gives it: the token, a keyed index, the original sealed
 * under the keyring's AEAD and a keyed subject hash, never an original in
 * the clear. Tokens are per subject (unique key: domain, subject, index).
 * Each `tokenize` call is one transaction, processing entries in order
 * exactly as the memory vault does.
 *
 * @param database - an open database from `openSqlite`
 * @returns the vault
 * @example
 * ```ts
 * import { openSqlite, createSqliteTokenVault } from 'dataguard/store/sqlite';
 * const db = openSqlite({ path: ':memory:' });
 * const vault = createSqliteTokenVault(db);
 * db.close();
 * ```
 */
export function createSqliteTokenVault(database: SqliteDatabase): TokenVault {
  const db = database.db;
  // ifnull(subject, '') is the indexed expression: subject-less tokens share one group.
  const byIndex = db
    .prepare(
      "SELECT token FROM token_vault WHERE domain = ? AND ifnull(subject, '') = ? AND idx = ?",
    )
    .pluck();
  const insert = db.prepare(
    `INSERT INTO token_vault (domain, token, idx, sealed, subject) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  const sealed = db
    .prepare('SELECT sealed FROM token_vault WHERE domain = ? AND token = ?')
    .pluck();
  const deleteSubject = db.prepare('DELETE FROM token_vault WHERE subject = ?');
  const deleteToken = db.prepare('DELETE FROM token_vault WHERE domain = ? AND token = ?');

  return {
    async tokenize(domain, entries) {
      assertVaultEntries(domain, entries);
      return database.transaction(() =>
        entries.map((entry) => {
          const existing = byIndex.get(domain, entry.subject ?? '', entry.index) as
            | string
            | undefined;
          if (existing !== undefined) return existing;
          // The (subject, index) pair is free, so a conflict here means the token is taken.
          const { changes } = insert.run(
            domain,
            entry.token,
            entry.index,
            entry.sealed,
            entry.subject ?? null,
          );
          return changes === 1 ? entry.token : undefined;
        }),
      );
    },
    async lookup(domain, tokens) {
      assertText(domain, 'domain');
      assertTokens(tokens);
      return tokens.map((token) => {
        const box = sealed.get(domain, token) as Uint8Array | undefined;
        return box === undefined ? undefined : new Uint8Array(box);
      });
    },
    async deleteSubject(subject) {
      assertText(subject, 'subject');
      return deleteSubject.run(subject).changes;
    },
    async deleteTokens(domain, tokens) {
      assertText(domain, 'domain');
      assertTokens(tokens);
      return database.transaction(() => {
        let deleted = 0;
        for (const token of new Set(tokens)) deleted += deleteToken.run(domain, token).changes;
        return deleted;
      });
    },
  };
}
