import type { TokenVault, TokenVaultEntry } from '../../deidentify/index.ts';
import { plainBytes } from '../shared/bytes.ts';
import { assertText, assertTokens, assertVaultEntries } from '../shared/token-vault-checks.ts';
import type { PostgresDatabase } from './postgres-database.ts';

const hex = (bytes: Uint8Array): string => {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
};

/**
 * A de-identification {@link TokenVault} in PostgreSQL. It stores only what
 * the tokenize transform gives it (token, keyed index, sealed original, keyed
 * subject hash). Inserts use `ON CONFLICT DO NOTHING` against the unique
 * (domain, index) and (domain, token) keys, so concurrent writers in any
 * process agree on one token per value; a batch without repeated indexes or
 * tokens takes three round trips whatever its size.
 *
 * @param database - an open database from `openPostgres`
 * @returns the vault
 * @example
 * ```ts no-run
 * const vault = postgresTokenVault(await openPostgres({ connectionString }));
 * ```
 */
export function postgresTokenVault(database: PostgresDatabase): TokenVault {
  const s = database.schema;
  const sql = {
    byIndexes: `SELECT idx, token FROM ${s}.token_vault WHERE domain = $1 AND idx = ANY($2::bytea[])`,
    insertMany: `INSERT INTO ${s}.token_vault (domain, token, idx, sealed, subject)
      SELECT $1, t.token, t.idx, t.sealed, t.subject
      FROM unnest($2::text[], $3::bytea[], $4::bytea[], $5::text[]) AS t(token, idx, sealed, subject)
      ON CONFLICT DO NOTHING RETURNING idx`,
    byIndex: `SELECT token FROM ${s}.token_vault WHERE domain = $1 AND idx = $2`,
    insertOne: `INSERT INTO ${s}.token_vault (domain, token, idx, sealed, subject)
      VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING token`,
    lookup: `SELECT token, sealed FROM ${s}.token_vault WHERE domain = $1 AND token = ANY($2::text[])`,
    deleteSubject: `DELETE FROM ${s}.token_vault WHERE subject = $1`,
    deleteTokens: `DELETE FROM ${s}.token_vault WHERE domain = $1 AND token = ANY($2::text[])`,
  };

  // Entries with distinct indexes and tokens do not affect each other, so they
  // can go in one statement; any conflict then comes from stored rows.
  async function tokenizeDistinct(domain: string, entries: readonly TokenVaultEntry[]) {
    const keys = entries.map((entry) => hex(entry.index));
    const known = new Map<string, string>();
    const lookUp = async (wanted: Uint8Array[]) => {
      const rows = await database.query<{ idx: Uint8Array; token: string }>(sql.byIndexes, [
        domain,
        wanted,
      ]);
      for (const row of rows.rows) known.set(hex(row.idx), row.token);
    };
    await lookUp(entries.map((entry) => entry.index));
    const fresh = entries.filter((_, i) => !known.has(keys[i] as string));
    if (fresh.length > 0) {
      const inserted = await database.query<{ idx: Uint8Array }>(sql.insertMany, [
        domain,
        fresh.map((e) => e.token),
        fresh.map((e) => e.index),
        fresh.map((e) => e.sealed),
        fresh.map((e) => e.subject ?? null),
      ]);
      const mine = new Set(inserted.rows.map((row) => hex(row.idx)));
      for (const entry of fresh)
        if (mine.has(hex(entry.index))) known.set(hex(entry.index), entry.token);
      // Not inserted: either another writer stored the same index meanwhile (use its
      // token) or the proposed token belongs to another index (undefined).
      const lost = fresh.filter((entry) => !mine.has(hex(entry.index)));
      if (lost.length > 0) await lookUp(lost.map((entry) => entry.index));
    }
    return keys.map((key) => known.get(key));
  }

  // Repeated indexes or tokens in one call: entry by entry, in order, as the memory vault.
  async function tokenizeInOrder(domain: string, entries: readonly TokenVaultEntry[]) {
    return database.transaction(async (client) => {
      const out: (string | undefined)[] = [];
      for (const entry of entries) {
        const existing = await client.query<{ token: string }>(sql.byIndex, [domain, entry.index]);
        if (existing.rows[0] !== undefined) {
          out.push(existing.rows[0].token);
          continue;
        }
        const inserted = await client.query<{ token: string }>(sql.insertOne, [
          domain,
          entry.token,
          entry.index,
          entry.sealed,
          entry.subject ?? null,
        ]);
        if (inserted.rows[0] !== undefined) {
          out.push(inserted.rows[0].token);
          continue;
        }
        const raced = await client.query<{ token: string }>(sql.byIndex, [domain, entry.index]);
        out.push(raced.rows[0]?.token);
      }
      return out;
    });
  }

  return {
    async tokenize(domain, entries) {
      assertVaultEntries(domain, entries);
      if (entries.length === 0) return [];
      const distinct =
        new Set(entries.map((e) => hex(e.index))).size === entries.length &&
        new Set(entries.map((e) => e.token)).size === entries.length;
      return distinct ? tokenizeDistinct(domain, entries) : tokenizeInOrder(domain, entries);
    },
    async lookup(domain, tokens) {
      assertText(domain, 'domain');
      assertTokens(tokens);
      if (tokens.length === 0) return [];
      const rows = await database.query<{ token: string; sealed: Uint8Array }>(sql.lookup, [
        domain,
        [...new Set(tokens)],
      ]);
      const found = new Map(rows.rows.map((row) => [row.token, plainBytes(row.sealed)] as const));
      return tokens.map((token) => {
        const box = found.get(token);
        return box === undefined ? undefined : box.slice();
      });
    },
    async deleteSubject(subject) {
      assertText(subject, 'subject');
      return (await database.query(sql.deleteSubject, [subject])).rowCount ?? 0;
    },
    async deleteTokens(domain, tokens) {
      assertText(domain, 'domain');
      assertTokens(tokens);
      if (tokens.length === 0) return 0;
      return (await database.query(sql.deleteTokens, [domain, [...new Set(tokens)]])).rowCount ?? 0;
    },
  };
}
