import type { TokenVault, TokenVaultEntry } from '../../deidentify/index.ts';
import { plainBytes } from '../shared/bytes.ts';
import { assertText, assertTokens, assertVaultEntries } from '../shared/token-vault-checks.ts';
import type { PostgresDatabase } from './postgres-database.ts';

const hex = (bytes: Uint8Array): string => {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
};

/** The (subject, index) key of an entry or row, as a string. */
const keyOf = (subject: string | null | undefined, index: Uint8Array): string =>
  `${subject ?? ''}\u0000${hex(index)}`;

/**
 * A de-identification {@link TokenVault} in PostgreSQL. It stores only what
 * the tokenize transform gives it (token, keyed index, sealed original, keyed
 * subject hash). Tokens are per subject. Inserts use `ON CONFLICT DO NOTHING`
 * against the unique (domain, subject, index) and (domain, token) keys, so
 * concurrent writers in any process agree on one token per subject and value;
 * a batch without repeated keys or tokens takes three round trips whatever its size.
 *
 * @param database - an open database from `openPostgres`
 * @returns the vault
 * @example
 * ```ts no-run needs a running PostgreSQL server (test/store runs the same calls against one)
 * const vault = createPostgresTokenVault(await openPostgres({ connectionString }));
 * ```
 */
export function createPostgresTokenVault(database: PostgresDatabase): TokenVault {
  const s = database.schema;
  // coalesce(subject, '') is the indexed expression: subject-less tokens share one group.
  const sql = {
    byKeys: `SELECT v.idx, v.subject, v.token
      FROM unnest($2::bytea[], $3::text[]) AS t(idx, subject)
      JOIN ${s}.token_vault v
        ON v.domain = $1 AND coalesce(v.subject, '') = t.subject AND v.idx = t.idx`,
    insertMany: `INSERT INTO ${s}.token_vault (domain, token, idx, sealed, subject)
      SELECT $1, t.token, t.idx, t.sealed, t.subject
      FROM unnest($2::text[], $3::bytea[], $4::bytea[], $5::text[]) AS t(token, idx, sealed, subject)
      ON CONFLICT DO NOTHING RETURNING idx, subject`,
    byKey: `SELECT token FROM ${s}.token_vault
      WHERE domain = $1 AND coalesce(subject, '') = $2 AND idx = $3`,
    insertOne: `INSERT INTO ${s}.token_vault (domain, token, idx, sealed, subject)
      VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING token`,
    lookup: `SELECT token, sealed FROM ${s}.token_vault WHERE domain = $1 AND token = ANY($2::text[])`,
    deleteSubject: `DELETE FROM ${s}.token_vault WHERE subject = $1`,
    deleteTokens: `DELETE FROM ${s}.token_vault WHERE domain = $1 AND token = ANY($2::text[])`,
  };

  // Entries with distinct keys and tokens do not affect each other, so they
  // can go in one statement; any conflict then comes from stored rows.
  async function tokenizeDistinct(domain: string, entries: readonly TokenVaultEntry[]) {
    const keys = entries.map((entry) => keyOf(entry.subject, entry.index));
    const known = new Map<string, string>();
    const lookUp = async (wanted: readonly TokenVaultEntry[]) => {
      const rows = await database.query<{ idx: Uint8Array; subject: string | null; token: string }>(
        sql.byKeys,
        [domain, wanted.map((e) => e.index), wanted.map((e) => e.subject ?? '')],
      );
      for (const row of rows.rows) known.set(keyOf(row.subject, row.idx), row.token);
    };
    await lookUp(entries);
    const fresh = entries.filter((_, i) => !known.has(keys[i] as string));
    if (fresh.length > 0) {
      const inserted = await database.query<{ idx: Uint8Array; subject: string | null }>(
        sql.insertMany,
        [
          domain,
          fresh.map((e) => e.token),
          fresh.map((e) => e.index),
          fresh.map((e) => e.sealed),
          fresh.map((e) => e.subject ?? null),
        ],
      );
      const mine = new Set(inserted.rows.map((row) => keyOf(row.subject, row.idx)));
      const lost: TokenVaultEntry[] = [];
      for (const entry of fresh) {
        const key = keyOf(entry.subject, entry.index);
        if (mine.has(key)) known.set(key, entry.token);
        else lost.push(entry);
      }
      // Not inserted: either another writer stored the same key meanwhile (use its
      // token) or the proposed token is taken (undefined).
      if (lost.length > 0) await lookUp(lost);
    }
    return keys.map((key) => known.get(key));
  }

  // Repeated keys or tokens in one call: entry by entry, in order, as the memory vault.
  async function tokenizeInOrder(domain: string, entries: readonly TokenVaultEntry[]) {
    return database.transaction(async (client) => {
      const out: (string | undefined)[] = [];
      for (const entry of entries) {
        const key = [domain, entry.subject ?? '', entry.index];
        const existing = await client.query<{ token: string }>(sql.byKey, key);
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
        const raced = await client.query<{ token: string }>(sql.byKey, key);
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
        new Set(entries.map((e) => keyOf(e.subject, e.index))).size === entries.length &&
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
