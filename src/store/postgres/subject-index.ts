import { toHex } from '../../core/bytes.ts';
import {
  assertHexDigests,
  assertRawDigests,
  closedFiling,
  type SubjectFiling,
  type SubjectIndex,
} from '../../responsibility/subject-index.ts';
import { digestBuffers, rawDigests, SUBJECT_PAGE } from '../shared/subject-digests.ts';
import type { PostgresDatabase } from './postgres-database.ts';

/**
 * A {@link SubjectIndex} in PostgreSQL: each copy's keyed subject digests
 * (16 bytes each, never an identifier). A filing is staged while its release
 * runs — appended in batches, invisible — and made the copy's filing in one
 * transaction that replaces the earlier one, so concurrent releases and
 * readers in any process see a copy's old filing or its new one, never a mix;
 * `subjectsOf` reads a copy's digests in pages, sorted, each once.
 *
 * @param database - an open database from `openPostgres`
 * @returns the index
 * @example
 * ```ts no-run needs a running PostgreSQL server (test/store runs the same calls against one)
 * const index = createPostgresSubjectIndex(await openPostgres({ connectionString }));
 * ```
 */
export function createPostgresSubjectIndex(database: PostgresDatabase): SubjectIndex {
  const s = database.schema;
  const sql = {
    newFiling: `INSERT INTO ${s}.subject_filings (copy, live, key) VALUES ($1, false, $2)
      RETURNING id`,
    liveKey: `SELECT key FROM ${s}.subject_filings WHERE copy = $1 AND live`,
    addStaged: `INSERT INTO ${s}.subject_staged (filing, digest) SELECT $1, unnest($2::bytea[])`,
    settle: `INSERT INTO ${s}.subject_digests (filing, digest)
      SELECT DISTINCT filing, digest FROM ${s}.subject_staged WHERE filing = $1 ORDER BY digest
      ON CONFLICT DO NOTHING`,
    dropStaged: `DELETE FROM ${s}.subject_staged WHERE filing = $1`,
    // Locks the copy's live filing (if any), so two commits of one copy replace in turn.
    liveFiling: `SELECT id FROM ${s}.subject_filings WHERE copy = $1 AND live FOR UPDATE`,
    readLive: `SELECT id FROM ${s}.subject_filings WHERE copy = $1 AND live`,
    dropDigests: `DELETE FROM ${s}.subject_digests WHERE filing = $1`,
    dropFiling: `DELETE FROM ${s}.subject_filings WHERE id = $1`,
    goLive: `UPDATE ${s}.subject_filings SET live = true WHERE id = $1`,
    page: `SELECT digest FROM ${s}.subject_digests WHERE filing = $1 AND digest > $2
      ORDER BY digest LIMIT $3`,
  };

  const stage = async (copy: string, key: string | undefined): Promise<SubjectFiling> => {
    const id = (await database.query<{ id: string }>(sql.newFiling, [copy, key ?? null])).rows[0]
      ?.id as string;
    let open = true;
    return {
      async add(digests) {
        assertRawDigests(digests);
        if (!open) throw closedFiling();
        if (digests.length === 0) return;
        await database.query(sql.addStaged, [id, digestBuffers(digests)]);
      },
      async commit() {
        if (!open) throw closedFiling();
        open = false;
        await database.transaction(async (client) => {
          await client.query(sql.settle, [id]);
          await client.query(sql.dropStaged, [id]);
        });
        await database.transaction(async (client) => {
          // Serializes commits of one copy: the first to lock its (possibly absent) live row
          // would not block a second when none exists, so take a copy-scoped advisory lock.
          await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`subjects:${copy}`]);
          const old = (await client.query<{ id: string }>(sql.liveFiling, [copy])).rows[0]?.id;
          if (old !== undefined) {
            await client.query(sql.dropDigests, [old]);
            await client.query(sql.dropFiling, [old]);
          }
          await client.query(sql.goLive, [id]);
        });
      },
      async abort() {
        if (!open) return;
        open = false;
        await database.transaction(async (client) => {
          await client.query(sql.dropStaged, [id]);
          await client.query(sql.dropDigests, [id]);
          await client.query(sql.dropFiling, [id]);
        });
      },
    };
  };

  return {
    async record(copy, digests, key) {
      assertHexDigests(digests);
      const filing = await stage(copy.id, key);
      try {
        await filing.add(rawDigests(digests));
      } catch (error) {
        await filing.abort();
        throw error;
      }
      await filing.commit();
    },
    stage: (copy, key) => stage(copy.id, key),
    async keyOf(copy) {
      const row = (await database.query<{ key: string | null }>(sql.liveKey, [copy.id])).rows[0];
      return row?.key ?? undefined;
    },
    async subjectsOf(dataset) {
      const id = (await database.query<{ id: string }>(sql.readLive, [dataset.id])).rows[0]?.id;
      if (id === undefined) return undefined;
      return pages(id);
    },
  };

  async function* pages(id: string): AsyncGenerator<string> {
    let after: Buffer = Buffer.alloc(0);
    for (;;) {
      const rows = (await database.query<{ digest: Buffer }>(sql.page, [id, after, SUBJECT_PAGE]))
        .rows;
      for (const row of rows) yield toHex(row.digest);
      if (rows.length < SUBJECT_PAGE) return;
      after = (rows[rows.length - 1] as { digest: Buffer }).digest;
    }
  }
}
